//! The command line's arguments: the global options, the commands and `show`'s formats.
//!
//! The doc comments here are the `--help` text, written for a terminal, not for rustdoc:
//! `[N]` is how a link number looks, not a link to an item.
#![allow(rustdoc::broken_intra_doc_links)]

use std::path::PathBuf;

use clap::builder::RangedU64ValueParser;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

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

    /// Print plain ASCII text instead of opening the browser, for pipes and screen readers.
    ///
    /// Text output has no box drawing (borders print as - | +), no arrows (-> instead),
    /// no bullets but *, and no link markers (⌂ ↗ ✉): a link is its number, [3].
    /// With no command: the list of communities, then the first one's page as
    /// `show --dump` prints it. With `show`: the same as --dump.
    #[arg(long, global = true)]
    pub plain: bool,

    /// Read the whole content tree instead of the site index kept in the cache folder
    /// ($XDG_CACHE_HOME/copdeck/), and leave the cache as it is.
    #[arg(long, global = true, env = "COPDECK_NO_CACHE")]
    pub no_cache: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the communities the site shows, in the site's order.
    ///
    /// A table of name (with its status, such as "(hidden, expired)"), members and how to
    /// join. On a terminal, names are cut to fit its width; piped, every value prints whole.
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
        /// Wrap the text to this many columns, 20 to 1000 (default: the terminal's
        /// width, else $COLUMNS, else 80).
        #[arg(long, value_name = "COLUMNS", value_parser = RangedU64ValueParser::<usize>::new().range(20..=1000))]
        width: Option<usize>,
    },
    /// Search communities by name, acronym, topic and summary, best match first.
    ///
    /// Operators mixed with the words narrow the results, as in the browser:
    /// topic:plain-language, audience:public|government, platform:slack|listserv,
    /// members:>1000 (also >=, <, <=, =), is:moved|expired|hidden|listed, and a leading
    /// - to exclude (put such words after --). Quote > and < from the shell.
    ///
    /// Prints the table `list` prints, best match first. Finding nothing is exit status 1,
    /// as with grep, and says so on stderr.
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
    /// The browser as a kiosk for a booth or a projector: read-only, no editor, no
    /// programs launched (links and joins show a QR code to scan), `q` does not quit
    /// (Ctrl-Q twice does), and back to the start after a while with no one at the keys.
    #[command(visible_alias = "kiosk")]
    Demo(DemoArgs),
    /// Show where the site index of each content folder is kept between runs, or with
    /// --clear delete it (it is rebuilt on the next run).
    Cache {
        /// Delete every cached site index.
        #[arg(long)]
        clear: bool,
    },
}

/// `copdeck demo`'s options.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoArgs {
    /// Seconds without a key before the demo goes back to its start screen.
    #[arg(long, value_name = "SECS", default_value_t = 90,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub idle: u64,
    /// While no one is at the keyboard, loop through the featured communities, showing
    /// each page and its join code for a few seconds; any key hands control back.
    #[arg(long, conflicts_with = "script")]
    pub attract: bool,
    /// The projector layout: one pane at a time, a community's join card first.
    #[arg(long, visible_alias = "zoom")]
    pub large: bool,
    /// Play a scripted tour (see assets/tour.demo for the steps).
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,
    /// Play the script this many times faster than written.
    #[arg(
        long,
        value_name = "FACTOR",
        default_value_t = 1.0,
        requires = "script"
    )]
    pub speed: f64,
    /// Leave when the script is over.
    #[arg(long, requires = "script")]
    pub exit_at_end: bool,
    /// Record the script as an asciicast v2 file instead of playing it (no terminal
    /// needed): `asciinema play FILE` plays it.
    #[arg(long, value_name = "FILE", requires = "script")]
    pub record: Option<PathBuf>,
    /// With --record: also write the last screen as an SVG picture.
    #[arg(long, value_name = "FILE", requires = "record")]
    pub screenshot: Option<PathBuf>,
    /// With --record: the screen's size, as COLUMNSxROWS.
    #[arg(long, value_name = "SIZE", default_value = "100x30", value_parser = parse_size)]
    pub size: (u16, u16),
}

/// `100x30` as columns and rows.
fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let (columns, rows) = text
        .split_once('x')
        .ok_or_else(|| format!("{text:?} is not COLUMNSxROWS, e.g. 100x30"))?;
    let number = |n: &str| {
        n.trim()
            .parse::<u16>()
            .ok()
            .filter(|n| (10..=500).contains(n))
    };
    match (number(columns), number(rows)) {
        (Some(columns), Some(rows)) => Ok((columns, rows)),
        _ => Err(format!(
            "{text:?}: columns and rows are numbers from 10 to 500"
        )),
    }
}

/// What `show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// The page as the browser draws it: the join card in a box, each link numbered with
    /// where it leads, [3⌂] a page of this copy of the site, [4↗] elsewhere, [5✉] an
    /// email, and a list of the links with their addresses at the end.
    Text,
    /// Markdown: # title, the summary, a "How to join" section with the mailto: link,
    /// then the body with shortcodes expanded and site links made full.
    Markdown,
    /// JSON for scripts: the page's fields, its exact body and its numbered links.
    Json,
    /// As `lynx -dump` prints a page: a bare [3] after each link, then a References
    /// list of full addresses.
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

impl Command {
    /// Whether the command prints text (which `--plain` puts in ASCII) rather than JSON,
    /// a file or a script.
    pub fn prints_text(&self) -> bool {
        match self {
            Self::List { json, .. }
            | Self::Search { json, .. }
            | Self::Join { json, .. }
            | Self::Links { json, .. } => !json,
            Self::Show { format, json, .. } => !json && *format != Some(ShowFormat::Json),
            Self::Check { .. }
            | Self::Config { .. }
            | Self::Completions { .. }
            | Self::Man
            | Self::Sync { .. }
            | Self::Demo(_)
            | Self::Cache { .. } => false,
        }
    }
}

/// The global options each command ignores, so its `--help` leaves them out (they are
/// still accepted there).
const IGNORED_OPTIONS: [(&str, &[&str]); 8] = [
    ("list", &["theme"]),
    ("join", &["theme"]),
    ("show", &["theme"]),
    ("search", &["theme"]),
    ("links", &["theme"]),
    ("check", &["theme", "plain"]),
    ("config", &["theme", "plain", "content"]),
    ("completions", &["theme", "plain"]),
];

/// The command line as parsed and as `--help` shows it: each command's help lists only
/// the options that change what it does.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command();
    cmd.build();
    for (sub, ignored) in IGNORED_OPTIONS {
        cmd = cmd.mut_subcommand(sub, |sub| hide_args(sub, ignored));
    }
    cmd.mut_subcommand("man", |sub| {
        hide_args(sub, &["theme", "plain", "content", "config"])
    })
}

/// Hides options from a built command's help, in place (`mut_arg` would move them and
/// so break the parser a built command already has).
pub fn hide_args(cmd: clap::Command, names: &[&str]) -> clap::Command {
    cmd.mut_args(|arg| {
        let hidden = names.contains(&arg.get_id().as_str()) || arg.is_hide_set();
        arg.hide(hidden)
    })
}

/// Parses the process's arguments (exits with clap's message on a usage error).
pub fn parse_args() -> Cli {
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit())
}
