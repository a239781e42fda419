//! Markdown bodies → terminal lines: shortcode expansion, Markdown and raw HTML
//! rendering, and wrapping.

mod blocks;
pub mod html;
mod html_blocks;
mod link_image;
mod page_text;
pub mod render;
mod shortcode_kinds;
pub mod shortcodes;
mod table;
mod table_cells;
mod terms_tables;
pub mod wrap;

pub use page_text::{anchor_of, without_invisible};
pub use render::{Link, LinkKind, Rendered, render_markdown, render_with_data};
