//! copdeck's integration tests, in one crate so `cargo test` compiles and links them once.

mod app;
mod background;
mod broken;
mod cli;
mod loader;
mod pty;
mod render_props;
mod screens;
mod shipped;
mod site;
