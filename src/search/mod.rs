//! The search layer: ranking over the index, the query language, the background text search
//! of page bodies, and finding one community by name.

pub mod aliases;
pub mod body;
pub mod body_match;
pub mod lookup;
pub mod query;
pub mod rank;
