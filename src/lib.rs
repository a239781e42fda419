//! copdeck: a terminal browser for digital.gov's Communities of Practice.

pub mod app;
pub mod body_search;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod document;
pub mod effects;
pub mod links;
pub mod lookup;
pub mod markdown;
pub mod opener;
pub mod query;
pub mod sanitize;
pub mod search;
pub mod sync;
pub mod theme;
pub mod tui;
pub mod ui;
pub mod watch;
