//! Markdown bodies → terminal lines: shortcode expansion, rendering and wrapping.

pub mod render;
pub mod shortcodes;
pub mod wrap;

pub use render::{Link, Rendered, render_markdown};
