//! copdeck: a terminal browser for digital.gov's Communities of Practice.

pub mod app;
pub mod cli;
pub mod config;
pub mod content;
pub mod document;
pub mod markdown;
pub mod sanitize;
pub mod search;
pub mod shell;
pub mod sync;
pub mod text;
pub mod theme;
pub mod ui;
