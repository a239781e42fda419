use std::process::ExitCode;

use clap::Parser;
use copdeck::cli::{Cli, Command, run_command, run_plain};
use copdeck::config::Config;
use copdeck::sync::Store;
use copdeck::sync::choice::choose_source;
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
    let store = Store::default_location();
    let content = cli.content.or_else(|| config.content.clone());
    let source = choose_source(content, store.as_ref());
    match cli.command {
        Some(Command::Sync {
            from,
            status,
            quiet,
        }) => copdeck::cli::sync::run(
            from.or_else(|| config.sync_url.clone()),
            status,
            quiet,
            &source,
        ),
        Some(command) => run_command(&source, command, cli.plain),
        None if cli.plain => run_plain(&source),
        None => copdeck::tui::run(&source, Settings::new(&config, cli.theme.as_deref())),
    }
}
