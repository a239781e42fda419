use std::process::ExitCode;

use clap::Parser;
use copdeck::cli::{Cli, run_command, run_plain, source_of};
use copdeck::config::Config;
use copdeck::tui::Settings;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A bad config file stops everything: copdeck never runs half-configured.
    let config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("copdeck: {err}");
            return ExitCode::from(2);
        }
    };
    let source = source_of(cli.content.or_else(|| config.content.clone()));
    match cli.command {
        Some(command) => run_command(&source, command, cli.plain),
        None if cli.plain => run_plain(&source),
        None => copdeck::tui::run(&source, Settings::new(&config, cli.theme.as_deref())),
    }
}
