//! copdeck's integration tests, in one crate so `cargo test` compiles and links them once.

mod app;
mod broken;
mod cli;
mod finish;
mod loader;
mod pty;
mod render_props;
mod screen_styles;
mod screens;
mod shipped;
mod site;
