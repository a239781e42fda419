use std::process::ExitCode;

use clap::Parser;
use copdeck::cli::{Cli, load_index, run_command, run_plain, source_of};
use copdeck::config::Config;
use copdeck::shell::terminal::{self, Settings};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.no_cache {
        copdeck::content::cache::turn_off();
    }
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
        None => browse(&source, Settings::new(&config, cli.theme.as_deref())),
    }
}

/// Opens the browser, after checking there is a terminal to open it in.
fn browse(source: &copdeck::content::Source, settings: Settings) -> ExitCode {
    if !terminal::has_terminal() {
        eprintln!(
            "copdeck: the browser needs a terminal; for a pipe try `copdeck list` or `copdeck show NAME`"
        );
        return ExitCode::from(2);
    }
    match load_index(source) {
        Ok(index) => terminal::run(source, index, settings),
        Err(err) => err.report(),
    }
}
