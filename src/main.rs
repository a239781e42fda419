use std::process::ExitCode;

use clap::Parser;
use copdeck::cli::{Cli, run_command, run_plain, source_of};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let source = source_of(cli.content);
    match cli.command {
        Some(command) => run_command(&source, command, cli.plain),
        None if cli.plain => run_plain(&source),
        None => copdeck::tui::run(&source),
    }
}
