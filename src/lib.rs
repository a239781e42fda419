//! copdeck: a terminal browser for digital.gov's Communities of Practice.

pub mod content;
pub mod markdown;
pub mod sanitize;
pub mod search;
pub mod theme;
pub mod document;
pub mod lookup;
pub mod cli;
pub mod app;
pub mod ui;
pub mod links;
pub mod opener;
pub mod tui;
