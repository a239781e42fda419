//! Markdown bodies → terminal lines: shortcode expansion, Markdown and raw HTML
//! rendering, and wrapping.

mod blocks;
mod closing;
pub mod html;
pub mod line_labels;
mod nesting;
pub mod page_lines;
pub mod page_links;
mod page_text;
mod paragraph_cuts;
mod pieces;
pub mod render;
pub mod rendered;
mod runs;
pub mod shortcodes;
pub mod wrap;

pub use line_labels::LineLabels;
pub use page_lines::PageLines;
pub use page_links::PageLinks;
pub use page_text::{anchor_of, without_invisible};
pub use render::{render_markdown, render_with_data};
pub use rendered::{Link, LinkKind, Rendered};
