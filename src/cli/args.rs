//! The command line's arguments: the global options, the commands and `show`'s formats.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
    /// or a communities/ folder. Without it, the built-in pages are used.
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
    /// Show where the site index of each content folder is kept between runs, or with
    /// --clear delete it (it is rebuilt on the next run).
    Cache {
        /// Delete every cached site index.
        #[arg(long)]
        clear: bool,
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
