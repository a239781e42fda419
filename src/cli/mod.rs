//! The command line: arguments, and the non-interactive commands' printers.

mod check;
pub mod json;
pub mod pages;
pub mod shell;
pub mod sync;
pub mod text;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicUsize;

use clap::{Parser, Subcommand, ValueEnum};

use crate::content::{Index, SiteIndex, Source, load, load_site};
use crate::lookup::{LookupError, find_community};
use crate::query::{Query, QueryError, parse_query};
use crate::search::Searcher;
use crate::theme::Theme;

/// Browse digital.gov's Communities of Practice from the terminal.
///
/// Run with no command to open the interactive browser. The pages shipped with copdeck
/// are built in, so it works offline from any folder; point --content at a checkout of
/// the digital.gov site to browse that instead.
#[derive(Debug, Parser)]
#[command(name = "copdeck", version, about, long_about)]
pub struct Cli {
    /// Folder to read pages from: a digital.gov site checkout, its content/ folder,
    /// or a communities/ folder. Without it: the site `copdeck sync` downloaded, else the
    /// built-in pages.
    #[arg(long, global = true, value_name = "DIR", env = "COPDECK_CONTENT")]
    pub content: Option<PathBuf>,

    /// Config file to read instead of ~/.config/copdeck/config.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Colours: dark, light, high-contrast or mono (NO_COLOR also means mono).
    #[arg(long, global = true, value_name = "NAME", value_parser = ["dark", "light", "high-contrast", "mono"])]
    pub theme: Option<String>,

    /// Print plain text instead of opening the browser, for pipes and screen readers.
    ///
    /// With no command: the list of communities, then the first one's page as
    /// `show --dump` prints it ([N] for links, no symbols). With `show`: the same as --dump.
    #[arg(long, global = true)]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the communities the site shows, in the site's order.
    List {
        /// Also list hidden, expired and moved pages, marked as such.
        #[arg(long)]
        all: bool,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show how to join a community: address, subject, message and a ready mailto: link.
    Join {
        /// Slug, file name, short name, acronym, alias, or a unique prefix of one.
        community: String,
        /// Print JSON (see the README for its fields).
        #[arg(long)]
        json: bool,
    },
    /// Print a page as plain text, links numbered at the end: a community (by name) or
    /// any page of the site (by address, like /resources/some-page/, or file path).
    Show {
        /// A community's slug, name, acronym or alias; or a page's address or path.
        page: String,
        /// How to print the page.
        #[arg(long, value_enum, value_name = "FORMAT", conflicts_with_all = ["json", "dump"])]
        format: Option<ShowFormat>,
        /// Print JSON: the same as --format json.
        #[arg(long, conflicts_with = "dump")]
        json: bool,
        /// Print the page as `lynx -dump` would: [N] in the text and a References list
        /// of full addresses at the end. The same as --format dump.
        #[arg(long)]
        dump: bool,
        /// Wrap the text to this many columns (default: the terminal's width, or 80).
        #[arg(long, value_name = "COLUMNS")]
        width: Option<usize>,
    },
    /// Search communities by name, acronym, topic and summary, best match first.
    ///
    /// Operators mixed with the words narrow the results, as in the browser:
    /// topic:plain-language, audience:public|government, platform:slack|listserv,
    /// members:>1000 (also >=, <, <=, =), is:moved|expired|hidden|listed, and a leading
    /// - to exclude (put such words after --). Quote > and < from the shell.
    Search {
        /// Words to look for, e.g. `plain` or `web analytics`, and operators.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Also search hidden and expired pages.
        #[arg(long)]
        all: bool,
        /// Search every page of the site, not only communities.
        #[arg(long)]
        site: bool,
        /// Print JSON (see the README for its fields).
        #[arg(long)]
        json: bool,
    },
    /// Check pages for problems: every file that cannot be read, and lints such as a
    /// community with no way to join or a link to a page that does not exist.
    /// Exits 1 when anything is an error.
    Check {
        /// The folder to check (default: --content, or the built-in pages).
        dir: Option<PathBuf>,
        /// Print JSON (see the README for its fields).
        #[arg(long)]
        json: bool,
    },
    /// Print the config file copdeck would use, or with --default the whole default
    /// file, commented, to start your own from.
    Config {
        /// Print the built-in defaults instead of your file.
        #[arg(long)]
        default: bool,
    },
    /// List a community page's links: which open a page of this copy of the site, and which lead elsewhere.
    Links {
        /// Slug, file name, short name, acronym, alias, or a unique prefix of one.
        community: String,
        /// Print JSON (see the README for its fields).
        #[arg(long)]
        json: bool,
    },
    /// Print a completion script for a shell. Community names complete too: those of
    /// --content, or the built-in pages, when the script is made.
    Completions {
        /// The shell to write the script for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print copdeck's manual page (roff): `copdeck man | man -l -`.
    Man,
    /// Download the current digital.gov site (its content/ and data/ folders) into the
    /// data folder, ~/.local/share/copdeck/site/, to read from then on. A failed or
    /// interrupted sync keeps the previous copy as it was; exits 1 when it fails.
    Sync {
        /// Download this archive instead: a mirror's https:// address, or a file://
        /// path to an archive already downloaded (the config's `sync_url` sets it too).
        #[arg(long, value_name = "URL")]
        from: Option<String>,
        /// Print what the synced copy is (source, commit or ETag, date, pages); download nothing.
        #[arg(long, conflicts_with = "from")]
        status: bool,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
}

/// What `show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// The page as text, its links numbered with where they lead and listed at the end.
    Text,
    /// The page as Markdown: title, summary, how to join, then the body.
    Markdown,
    /// JSON for scripts, with the page's exact text.
    Json,
    /// Text as `lynx -dump` prints it: [N] in the text, References at the end.
    Dump,
}

impl ShowFormat {
    /// The format `show`'s options ask for; `--json` and `--dump` are short for
    /// `--format json` and `--format dump`.
    pub fn chosen(format: Option<Self>, json: bool, dump: bool) -> Self {
        match (format, json, dump) {
            (Some(format), _, _) => format,
            (None, true, _) => Self::Json,
            (None, _, true) => Self::Dump,
            (None, false, false) => Self::Text,
        }
    }

    /// How text of this format draws links.
    pub fn theme(self) -> Theme {
        match self {
            Self::Dump => Theme::dump(),
            _ => Theme::mono(),
        }
    }
}

/// Where the pages come from, given the `--content` option.
pub fn source_of(content: Option<PathBuf>) -> Source {
    content.map_or(Source::Embedded, Source::Dir)
}

/// Today's date, which decides what has expired.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Loads the index for a command, printing diagnostics to stderr; exit 1 when nothing loads.
pub fn load_or_exit(source: &Source) -> Result<Index, ExitCode> {
    match load(source, today()) {
        Ok(index) => {
            let mut stderr = std::io::stderr().lock();
            for diagnostic in &index.diagnostics {
                let _ = writeln!(stderr, "{}", text::safe(&diagnostic.to_string()));
            }
            Ok(index)
        }
        Err(err) => {
            eprintln!("copdeck: {}", text::safe(&err.to_string()));
            Err(ExitCode::from(1))
        }
    }
}

/// Runs a non-interactive command; returns the process exit code. `plain` is the
/// global `--plain`.
pub fn run_command(source: &Source, command: Command, plain: bool) -> ExitCode {
    match command {
        Command::Check { dir, json } => {
            let source = dir.map_or_else(|| source.clone(), Source::Dir);
            return check::run_check(&source, json);
        }
        Command::Man => {
            let page = shell::man_page();
            return exit_code(page.and_then(|page| std::io::stdout().write_all(page.as_bytes())));
        }
        _ => {}
    }
    if let Command::Config { default } = command {
        return print_config(default);
    }
    let index = match load_or_exit(source) {
        Ok(index) => index,
        Err(code) => return code,
    };
    let mut out = std::io::stdout().lock();
    let result = match command {
        Command::List { all, json } => {
            list(&mut out, &index, all, json, &footer_of(source, &index))
        }
        Command::Search {
            query,
            all,
            site,
            json,
        } => {
            let words = query.join(" ");
            let query = match parse_for_search(&words, site) {
                Ok(query) => query,
                Err(code) => return code,
            };
            if site {
                let site = load_site_or_exit(source);
                pages::print_search(&mut out, &site.site, &words, &query, all, json)
            } else {
                search(&mut out, &index, &words, &query, all, json)
            }
        }
        Command::Join { community, json } => match pick(&index.communities, &community) {
            Ok(id) => text::print_join(&mut out, &index.communities[id], json),
            Err(code) => return code,
        },
        Command::Show {
            page,
            format,
            json,
            dump,
            width,
        } => {
            let format = ShowFormat::chosen(format, json, dump || plain);
            let site = load_site_or_exit(source);
            let width = width.unwrap_or_else(text::output_width);
            match pages::find_page(&index, &site.site, &page) {
                Some(pages::Found::Community(id)) => text::print_show(
                    &mut out,
                    &index.communities[id],
                    format,
                    width,
                    Some(&site.site),
                ),
                Some(pages::Found::Site(target)) => {
                    pages::print_target(&mut out, &site.site, &target, format, width)
                }
                None => match pick(&index.communities, &page) {
                    Ok(id) => text::print_show(
                        &mut out,
                        &index.communities[id],
                        format,
                        width,
                        Some(&site.site),
                    ),
                    Err(code) => return code,
                },
            }
        }
        Command::Completions { shell } => {
            let communities = shell::completions_of(&index.communities);
            shell::print_completions(&mut out, shell, &communities)
        }
        Command::Check { .. } | Command::Config { .. } | Command::Man => {
            unreachable!("handled above")
        }
        Command::Sync { .. } => {
            unreachable!("main runs sync itself: it needs the config")
        }
        Command::Links { community, json } => match pick(&index.communities, &community) {
            Ok(id) => {
                let site = load_site_or_exit(source);
                pages::print_links(&mut out, &index.communities[id], &site.site, json)
            }
            Err(code) => return code,
        },
    };
    exit_code(result)
}

/// `copdeck --plain`: the list of communities, then the first one's page as `show --dump`
/// prints it. Linear text that needs no terminal.
pub fn run_plain(source: &Source) -> ExitCode {
    let index = match load_or_exit(source) {
        Ok(index) => index,
        Err(code) => return code,
    };
    let site = load_site_or_exit(source);
    let mut out = std::io::stdout().lock();
    let mut print = || -> std::io::Result<()> {
        list(&mut out, &index, false, false, &footer_of(source, &index))?;
        if let Some(first) = index.communities.iter().find(|c| c.listed()) {
            writeln!(out)?;
            let width = text::output_width();
            text::print_show(&mut out, first, ShowFormat::Dump, width, Some(&site.site))?;
        }
        Ok(())
    };
    exit_code(print())
}

/// The exit code for a command's output: 0 when it was written.
fn exit_code(result: std::io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("copdeck: {err}");
            ExitCode::from(1)
        }
    }
}

/// `config`: the defaults, or where the user's file is and what it holds.
fn print_config(default: bool) -> ExitCode {
    let path = crate::config::default_path();
    let text = match (&path, default) {
        (Some(path), false) if path.exists() => std::fs::read_to_string(path).unwrap_or_default(),
        _ => crate::config::default_file(),
    };
    if !default {
        match &path {
            Some(path) if path.exists() => eprintln!("# {}", path.display()),
            Some(path) => eprintln!("# no file at {}; these are the defaults", path.display()),
            None => eprintln!("# no config folder known; these are the defaults"),
        }
    }
    print!("{text}");
    ExitCode::SUCCESS
}

/// The line under `list`'s table: where the pages come from.
fn footer_of(source: &Source, index: &Index) -> String {
    let store = crate::sync::Store::default_location();
    let label = crate::sync::choice::source_label(source, index, store.as_ref());
    format!("source: {}", text::safe(&label))
}

fn list(
    out: &mut impl Write,
    index: &Index,
    all: bool,
    json: bool,
    footer: &str,
) -> std::io::Result<()> {
    let communities = &index.communities;
    let shown: Vec<usize> = (0..communities.len())
        .filter(|&i| all || communities[i].listed())
        .collect();
    if json {
        text::print_json(out, &text::many_json(communities, &shown, None))
    } else {
        text::print_table(out, communities, &shown, text::output_width())?;
        writeln!(out, "\n{footer}")
    }
}

/// Reads `search`'s words as the browser's search line does; a query with an error
/// is a usage error (exit 2).
fn parse_for_search(words: &str, site: bool) -> Result<Query, ExitCode> {
    let checked = parse_query(words).and_then(|query| {
        if site {
            query.check_pages()?;
        }
        Ok(query)
    });
    checked.map_err(|err| {
        let hint = match err {
            QueryError::CommunitiesOnly { .. } => "; leave out --site to search them",
            _ => "",
        };
        eprintln!("copdeck: {}{hint}", text::safe(&err.to_string()));
        ExitCode::from(2)
    })
}

/// `search`: the communities `query` matches, best first. `words` is the query as
/// typed, for the message when nothing matches.
fn search(
    out: &mut impl Write,
    index: &Index,
    words: &str,
    query: &Query,
    all: bool,
    json: bool,
) -> std::io::Result<()> {
    let communities = &index.communities;
    let all = all || query.reveals_unlisted();
    let ids = (0..communities.len())
        .filter(|&i| (all || communities[i].listed()) && query.accepts(&communities[i]));
    let hits = Searcher::default().search(communities, ids, &query.text);
    let ids: Vec<usize> = hits.iter().map(|h| h.id).collect();
    if hits.is_empty() {
        eprintln!("copdeck: nothing matches {:?}", text::safe(words));
    }
    if json {
        let scores: Vec<i64> = hits.iter().map(|h| h.score).collect();
        text::print_json(out, &text::many_json(communities, &ids, Some(&scores)))
    } else {
        text::print_table(out, communities, &ids, text::output_width())
    }
}

/// Indexes the whole site for a command; the site's own problems go to stderr.
/// A site that cannot be read at all is only the communities' problem, reported already.
fn load_site_or_exit(source: &Source) -> SiteIndex {
    let progress = AtomicUsize::new(0);
    match load_site(source, today(), &progress) {
        Ok(site) => {
            for diagnostic in &site.diagnostics {
                eprintln!("{}", text::safe(&diagnostic.to_string()));
            }
            site
        }
        Err(_) => SiteIndex::default(),
    }
}

/// Looks a community up by name, explaining on stderr (exit 2) when it can't.
fn pick(communities: &[crate::content::Community], name: &str) -> Result<usize, ExitCode> {
    match find_community(communities, name) {
        Ok(id) => Ok(id),
        Err(LookupError::Unknown { suggestions }) => {
            eprintln!("copdeck: no community called {:?}", text::safe(name));
            if !suggestions.is_empty() {
                eprintln!("did you mean: {}", text::safe(&suggestions.join(", ")));
            }
            Err(ExitCode::from(2))
        }
        Err(LookupError::Ambiguous { candidates }) => {
            eprintln!(
                "copdeck: {:?} could mean any of: {}",
                text::safe(name),
                text::safe(&candidates.join(", "))
            );
            Err(ExitCode::from(2))
        }
    }
}
