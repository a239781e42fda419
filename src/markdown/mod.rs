//! Markdown bodies → terminal lines: shortcode expansion, rendering and wrapping.

pub mod render;
pub mod shortcodes;
pub mod wrap;

pub use render::{Link, LinkKind, Rendered, render_markdown};
