//! The content layer: page model, front-matter parsing and the loader.

pub mod bounded;
pub mod diagnostic;
pub mod fields;
pub mod front_matter;
pub mod loader;
pub mod model;
pub mod mojibake;
pub mod page;

pub use diagnostic::{Diagnostic, Severity};
pub use loader::{Index, LoadError, Source, load};
pub use model::{Audience, Community, JoinChannel, Platform};
