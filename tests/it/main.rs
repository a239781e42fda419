//! copdeck's integration tests, in one crate so `cargo test` compiles and links them once.

mod app;
mod broken;
mod cache;
mod cli;
mod loader;
mod pty;
mod render_props;
mod screens;
mod shipped;
mod site;
