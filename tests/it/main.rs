//! copdeck's integration tests, in one crate so `cargo test` compiles and links them once.

mod app;
mod background;
mod broken;
mod cache;
mod cli;
mod cli_output;
mod demo;
mod demo_screen;
mod finish;
mod hugo_rules;
mod loader;
mod markdown_fixtures;
mod one_pass;
mod pty;
mod real_site;
mod real_site_words;
mod render_props;
mod screen_styles;
mod screens;
mod shipped;
mod simple_yaml_props;
mod site;
mod support;
mod sync;
