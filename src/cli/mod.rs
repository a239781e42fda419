//! The command line: arguments, one file per command, and the output helpers they share.

mod args;
mod commands;
pub mod completions;
mod error;
pub mod json;
pub mod pages;
pub mod text;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicUsize;

pub use args::{Cli, Command, ShowFormat};
pub use error::CliError;

use crate::content::{Index, SiteCache, SiteIndex, Source, load, load_site_cached, today};

/// Where the pages come from, given the `--content` option.
pub fn source_of(content: Option<PathBuf>) -> Source {
    content.map_or(Source::Embedded, Source::Dir)
}

/// Runs a non-interactive command; returns the process exit code. `plain` is the
/// global `--plain`.
pub fn run_command(source: &Source, command: Command, plain: bool) -> ExitCode {
    error::exit_code(dispatch(source, command, plain))
}

fn dispatch(source: &Source, command: Command, plain: bool) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match command {
        Command::List { all, json } => commands::list::run(&mut out, source, all, json),
        Command::Search {
            query,
            all,
            site,
            json,
        } => commands::search::run(&mut out, source, &query.join(" "), all, site, json),
        Command::Join { community, json } => {
            commands::join::run(&mut out, source, &community, json)
        }
        Command::Show {
            page,
            format,
            json,
            dump,
            width,
        } => {
            let format = ShowFormat::chosen(format, json, dump || plain);
            commands::show::run(&mut out, source, &page, format, width)
        }
        Command::Links { community, json } => {
            commands::links::run(&mut out, source, &community, json)
        }
        Command::Check { dir, json } => {
            let source = dir.map_or_else(|| source.clone(), Source::Dir);
            commands::check::run(&source, json)
        }
        Command::Config { default } => commands::config::run(&mut out, default),
        Command::Completions { shell } => {
            let index = load_index(source)?;
            let communities = completions::completions_of(&index.communities);
            Ok(completions::print_completions(
                &mut out,
                shell,
                &communities,
            )?)
        }
        Command::Cache { clear } => commands::cache::run(&mut out, clear),
        Command::Man => {
            use std::io::Write;
            Ok(out.write_all(completions::man_page()?.as_bytes())?)
        }
    }
}

/// `copdeck --plain`: the list of communities, then the first one's page as `show --dump`
/// prints it. Linear text that needs no terminal.
pub fn run_plain(source: &Source) -> ExitCode {
    let mut out = std::io::stdout().lock();
    error::exit_code(commands::list::run_plain(&mut out, source))
}

/// Loads the communities for a command, printing each load problem to stderr.
pub fn load_index(source: &Source) -> Result<Index, CliError> {
    match load(source, today()) {
        Ok(index) => {
            for diagnostic in &index.diagnostics {
                eprintln!("{}", text::safe(&diagnostic.to_string()));
            }
            Ok(index)
        }
        Err(err) => Err(CliError::Failed(err.to_string())),
    }
}

/// Indexes the whole site for a command; the site's own problems go to stderr.
/// A site that cannot be read at all is only the communities' problem, reported already.
fn load_site_index(source: &Source) -> SiteIndex {
    let progress = AtomicUsize::new(0);
    let cache = SiteCache::for_this_process();
    match load_site_cached(source, today(), &progress, &cache) {
        Ok((site, used)) => {
            for diagnostic in &site.diagnostics {
                eprintln!("{}", text::safe(&diagnostic.to_string()));
            }
            if let Some(reason) = used.write_error {
                eprintln!(
                    "copdeck: cannot keep the site index: {}",
                    text::safe(&reason)
                );
            }
            site
        }
        Err(_) => SiteIndex::default(),
    }
}
