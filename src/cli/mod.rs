//! The command line: arguments, one file per command, and the output helpers they share.

mod args;
pub mod ascii;
mod commands;
pub mod completions;
mod error;
pub mod json;
pub mod pages;
pub mod text;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicUsize;

pub use args::{Cli, Command, DemoArgs, ShowFormat, parse_args};
pub use commands::demo::run as run_demo;
pub use error::CliError;

use crate::config::Config;
use crate::content::{
    CacheUse, DataCheck, Diagnostic, Index, Severity, SiteCache, SiteIndex, Source, load_cached,
    load_site_cached_for, today,
};

/// Where the pages come from, given the `--content` option.
pub fn source_of(content: Option<PathBuf>) -> Source {
    content.map_or(Source::Embedded, Source::Dir)
}

/// Runs a non-interactive command; returns the process exit code. `plain` is the
/// global `--plain` (text output in ASCII, `show` as a dump); `config` the
/// configuration and `config_path` the `--config` file.
pub fn run_command(
    source: &Source,
    command: Command,
    plain: bool,
    config: &Config,
    config_path: Option<&Path>,
) -> ExitCode {
    if plain && command.prints_text() {
        let mut text = Vec::new();
        let result = dispatch(&mut text, source, command, true, config, config_path);
        let written = std::io::stdout()
            .lock()
            .write_all(ascii::to_ascii(&String::from_utf8_lossy(&text)).as_bytes());
        return error::exit_code(result.and(written.map_err(CliError::from)));
    }
    // One write for many lines: the standard output flushes at each line by itself, and
    // `search --site` can print tens of thousands of them.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = dispatch(&mut out, source, command, plain, config, config_path);
    let flushed = out.flush().map_err(CliError::from);
    error::exit_code(result.and(flushed))
}

fn dispatch(
    out: &mut impl Write,
    source: &Source,
    command: Command,
    plain: bool,
    config: &Config,
    config_path: Option<&Path>,
) -> Result<(), CliError> {
    match command {
        Command::List { all, json } => commands::list::run(out, source, all, json),
        Command::Search {
            query,
            all,
            site,
            json,
        } => commands::search::run(out, source, &query.join(" "), all, site, json),
        Command::Join { community, json } => commands::join::run(out, source, &community, json),
        Command::Show {
            page,
            format,
            json,
            dump,
            width,
        } => {
            let format = ShowFormat::chosen(format, json, dump || plain);
            commands::show::run(out, source, &page, format, width)
        }
        Command::Links { community, json } => commands::links::run(out, source, &community, json),
        Command::Check { dir, json } => {
            let source = dir.map_or_else(|| source.clone(), Source::Dir);
            commands::check::run(&source, json)
        }
        Command::Config { default } => commands::config::run(out, default, config_path),
        Command::Completions { shell } => {
            let index = load_index(source)?;
            report_load_problems(source, &index.diagnostics, &[]);
            let communities = completions::completions_of(&index.communities);
            Ok(completions::print_completions(out, shell, &communities)?)
        }
        Command::Sync {
            from,
            status,
            quiet,
        } => {
            let url = from.or_else(|| config.sync_url.clone());
            commands::sync::run(out, url, status, quiet, source)
        }
        Command::Cache { clear } => commands::cache::run(out, clear),
        // The demo runs the browser, which the copdeck binary starts itself.
        Command::Demo(_) => Err(CliError::Usage(
            "`demo` opens the browser: run it as `copdeck demo`".into(),
        )),
        Command::Man => Ok(out.write_all(completions::man_page()?.as_bytes())?),
    }
}

/// `copdeck --plain`: the list of communities, then the first one's page as `show --dump`
/// prints it, in ASCII. Linear text that needs no terminal.
pub fn run_plain(source: &Source) -> ExitCode {
    let mut text = Vec::new();
    let result = commands::list::run_plain(&mut text, source);
    let written = std::io::stdout()
        .lock()
        .write_all(ascii::to_ascii(&String::from_utf8_lossy(&text)).as_bytes());
    error::exit_code(result.and(written.map_err(CliError::from)))
}

/// Loads the communities for a command or the browser, through the cache. Its problems
/// are the caller's to report, once, with `report_load_problems`.
pub fn load_index(source: &Source) -> Result<Index, CliError> {
    let (index, used) = load_cached(source, today(), &SiteCache::for_this_process())
        .map_err(|err| CliError::Failed(err.to_string()))?;
    say_unkept("the community pages", &used);
    Ok(index)
}

/// Says on stderr why a cache file (`what` it keeps) could not be written, if it could
/// not: the command goes on without it.
fn say_unkept(what: &str, used: &CacheUse) {
    if let Some(reason) = &used.write_error {
        eprintln!("copdeck: cannot keep {what}: {}", text::safe(reason));
    }
}

/// Indexes the whole site for a command, with the communities `index` already read
/// (their files are not read again). A site that cannot be read at all is only the
/// communities' problem, reported already.
fn load_site_index(source: &Source, index: &Index) -> &'static SiteIndex {
    let progress = AtomicUsize::new(0);
    let cache = SiteCache::for_this_process();
    // A command reads the data folder only if a page it shows has a shortcode that
    // needs it.
    let check = DataCheck::WhenRead;
    let site = match load_site_cached_for(source, index, today(), &progress, &cache, check) {
        Ok((site, used)) => {
            say_unkept("the site index", &used);
            site
        }
        Err(_) => SiteIndex::default(),
    };
    // A command answers once and exits: the index lives until then, and is never freed
    // page by page (on the real site that took longer than reading the cache).
    Box::leak(Box::new(site))
}

/// Says on stderr, in one line, how many pages had problems while loading, and how to
/// list them; the lists may overlap (the communities are part of the site).
pub fn report_load_problems(source: &Source, communities: &[Diagnostic], site: &[Diagnostic]) {
    if let Some(line) = load_problems_line(source, communities.iter().chain(site)) {
        eprintln!("copdeck: {}", text::safe(&line));
    }
}

/// "23 pages could not be read; `copdeck check --content DIR` lists them", or `None`
/// when every page loaded cleanly.
pub fn load_problems_line<'a>(
    source: &Source,
    diagnostics: impl Iterator<Item = &'a Diagnostic>,
) -> Option<String> {
    // Warnings (a key given twice, say) leave the page readable: they are `check`'s to
    // list, and every command saying so again would only be noise.
    let unread: std::collections::BTreeSet<&str> = diagnostics
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path.as_str())
        .collect();
    let found = match unread.len() {
        0 => return None,
        1 => "1 page could not be read".to_string(),
        n => format!("{n} pages could not be read"),
    };
    let check = match source {
        Source::Dir(dir) => format!(
            "copdeck check --content {}",
            shell_words::quote(&dir.display().to_string())
        ),
        Source::Embedded => "copdeck check".to_string(),
    };
    Some(format!("{found}; `{check}` lists them"))
}
