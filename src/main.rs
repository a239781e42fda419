use std::process::ExitCode;

use clap::Parser;
use copdeck::cli::{Cli, run_command, source_of};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let source = source_of(cli.content);
    match cli.command {
        Some(command) => run_command(&source, command),
        None => copdeck::tui::run(&source),
    }
}
