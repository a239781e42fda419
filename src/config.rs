//! The config file (`$XDG_CONFIG_HOME/copdeck/config.toml`): default content folder,
//! theme, browser command, and a `[keys]` table that rebinds actions by name. The
//! defaults are built in; the user's file is laid over them. A bad file is an error
//! naming its line, never a half-applied config.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::app::keymap::{Keymap, default_bindings};
use crate::sanitize::clean_line;
use crate::theme::Theme;

/// The largest config file copdeck reads; a real one is a few hundred bytes.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// What the config file sets.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub content: Option<PathBuf>,
    pub theme: Option<String>,
    pub browser: Option<String>,
    /// The archive `copdeck sync` downloads, instead of digital.gov's own.
    pub sync_url: Option<String>,
    /// `terminal = true`: the browser is a text-mode one that needs the terminal.
    pub terminal: bool,
    /// Whether addresses are drawn as OSC 8 hyperlinks; None: where the terminal is
    /// known to support them.
    pub hyperlinks: Option<bool>,
    /// Actions rebound in `[keys]`, with their keys, in file order.
    pub keys: Vec<(String, Vec<String>)>,
}

/// The file as written, with the place of each value for error messages.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    content: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    browser: Option<String>,
    terminal: Option<bool>,
    sync_url: Option<String>,
    hyperlinks: Option<bool>,
    keys: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
}

/// A config file that cannot be used: its path, line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

/// Where copdeck looks for its config file when `--config` does not say:
/// `$XDG_CONFIG_HOME/copdeck/config.toml`, else `~/.config/copdeck/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("copdeck").join("config.toml"))
}

/// The 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    1 + text[..offset.min(text.len())].matches('\n').count()
}

/// A path from the config with a leading `~`, `$HOME` or `${HOME}` put in full.
pub fn expand_home(path: &str, home: Option<&Path>) -> PathBuf {
    let Some(home) = home else {
        return PathBuf::from(path);
    };
    for prefix in ["~", "$HOME", "${HOME}"] {
        if let Some(rest) = path.strip_prefix(prefix) {
            if rest.is_empty() {
                return home.to_path_buf();
            }
            if let Some(rest) = rest.strip_prefix('/') {
                return home.join(rest);
            }
        }
    }
    PathBuf::from(path)
}

/// Reads a config file's text; `path` names it in errors.
pub fn parse_config(text: &str, path: &str) -> Result<Config, ConfigError> {
    let error = |line: usize, message: String| ConfigError {
        path: path.to_string(),
        line,
        message: clean_line(&message).into_owned(),
    };
    let file: ConfigFile = toml::from_str(text).map_err(|err| {
        let line = err.span().map_or(1, |span| line_at(text, span.start));
        error(line, toml_message(err.message()))
    })?;
    let home = etcetera::home_dir().ok();
    let mut config = Config {
        content: file
            .content
            .map(|c| expand_home(c.get_ref(), home.as_deref())),
        browser: file.browser,
        terminal: file.terminal.unwrap_or(false),
        sync_url: file.sync_url,
        hyperlinks: file.hyperlinks,
        ..Config::default()
    };
    if let Some(theme) = file.theme {
        if Theme::named(theme.get_ref()).is_none() {
            return Err(error(
                line_at(text, theme.span().start),
                format!(
                    "unknown theme {:?}; choose dark, light, high-contrast or mono",
                    theme.get_ref()
                ),
            ));
        }
        config.theme = Some(theme.into_inner());
    }
    let mut keys: Vec<_> = file.keys.unwrap_or_default().into_iter().collect();
    keys.sort_by_key(|(action, _)| action.span().start);
    let mut lines = Vec::new();
    for (action, value) in keys {
        let line = line_at(text, action.span().start);
        let list = key_list(action.get_ref(), value.get_ref()).map_err(|m| error(line, m))?;
        lines.push((action.get_ref().clone(), line));
        config.keys.push((action.into_inner(), list));
    }
    // Check the keys now, so that a bad binding stops copdeck before it starts.
    Keymap::with_overrides(&config.keys).map_err(|err| {
        let line = lines
            .iter()
            .find(|(name, _)| name == err.action())
            .map_or(1, |(_, line)| *line);
        error(line, err.to_string())
    })?;
    Ok(config)
}

/// toml's message, in the file's words where it speaks of fields.
fn toml_message(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((name, _)) = rest.split_once('`')
    {
        return format!("unknown setting `{name}` (see `copdeck config --default`)");
    }
    message.to_string()
}

/// The keys of one `[keys]` entry: a key name or a list of them. Digits 1–9 always open
/// links, so a binding to one of them could never fire.
fn key_list(action: &str, value: &toml::Value) -> Result<Vec<String>, String> {
    let list = match value {
        toml::Value::String(key) => vec![key.clone()],
        toml::Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    if list.is_empty() {
        return Err(format!(
            "`{action}` should be a key like \"J\" or a list like [\"J\", \"ctrl-j\"]"
        ));
    }
    if let Some(digit) = list
        .iter()
        .find(|k| k.len() == 1 && k.chars().all(|c| ('1'..='9').contains(&c)))
    {
        return Err(format!(
            "`{action}` can never be key {digit}: digits 1-9 always open links"
        ));
    }
    Ok(list)
}

/// The text of a config file, refusing what is not a regular file (a FIFO would block,
/// `/dev/zero` never ends) and anything over `MAX_CONFIG_BYTES`.
pub fn read_config_file(path: &Path) -> Result<String, String> {
    let file = open_without_blocking(path).map_err(|err| format!("cannot read: {err}"))?;
    let meta = file
        .metadata()
        .map_err(|err| format!("cannot read: {err}"))?;
    if !meta.is_file() {
        return Err("cannot read: not a regular file".into());
    }
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| format!("cannot read: {err}"))?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(format!(
            "cannot read: larger than {} KiB; a config file is a few lines",
            MAX_CONFIG_BYTES / 1024
        ));
    }
    String::from_utf8(bytes).map_err(|_| "cannot read: not UTF-8 text".into())
}

/// Opens a file for reading without waiting for a writer, should it be a FIFO.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

impl Config {
    /// The file `load` reads: `explicit` when given, else the default path when a file
    /// is there.
    pub fn path_in_use(explicit: Option<&Path>) -> Option<PathBuf> {
        match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => default_path().filter(|path| path.exists()),
        }
    }

    /// Reads the config: `explicit` when given (it must exist), else the default path
    /// when a file is there, else the built-in defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Self, ConfigError> {
        let Some(path) = Self::path_in_use(explicit) else {
            return Ok(Self::default());
        };
        let shown = clean_line(&path.display().to_string()).into_owned();
        let text = read_config_file(&path).map_err(|message| ConfigError {
            path: shown.clone(),
            line: 1,
            message,
        })?;
        parse_config(&text, &shown)
    }

    /// The keys this config binds (already checked when the file was read).
    pub fn keymap(&self) -> Keymap {
        Keymap::with_overrides(&self.keys).unwrap_or_default()
    }
}

/// The whole default config file, commented, as `copdeck config --default` prints it.
pub fn default_file() -> String {
    let mut out = String::from(
        "# copdeck's configuration: copy this to ~/.config/copdeck/config.toml (or\n\
         # $XDG_CONFIG_HOME/copdeck/config.toml, or pass --config FILE) and change what you like.\n\
         # Anything left out keeps the value shown here.\n\n\
         # The folder to read pages from: a digital.gov site checkout, its content/ folder,\n\
         # or a communities/ folder; a leading ~ or $HOME is your home folder. Unset: the\n\
         # built-in pages. --content and COPDECK_CONTENT win over this.\n\
         # content = \"~/src/digitalgov\"\n\n\
         # Colours: dark, light, high-contrast or mono. NO_COLOR (when --theme is not given)\n\
         # means mono.\n\
         theme = \"dark\"\n\n\
         # The program that opens links, split into words as a shell would (quote paths\n\
         # with spaces) but never run through one; %s stands for the address (else it is\n\
         # added last). Unset: $BROWSER (a list separated by colons: the first that starts\n\
         # wins), else the system's default.\n\
         # browser = \"firefox --new-tab %s\"\n\n\
         # The archive `copdeck sync` downloads: a mirror's address, or a file:// path to an\n\
         # archive already downloaded. Unset: the digital.gov repository's main branch.\n\
         # sync_url = \"file:///srv/mirror/digitalgov.gov-main.tar.gz\"\n\n\
         # Whether the browser runs in the terminal, so copdeck hands the terminal over\n\
         # until it quits. lynx, w3m, links, elinks and browsh are known without this.\n\
         # terminal = false\n\n\
         # Addresses as clickable OSC 8 hyperlinks. Unset: on in terminals known to support\n\
         # them (kitty, WezTerm, iTerm2, VTE terminals, Windows Terminal), off in tmux.\n\
         # hyperlinks = true\n\n\
         # Keys of the browser, by action. A key is a character (\"J\"), ctrl-x, alt-x, or one of\n\
         # enter esc tab shift-tab backspace delete up down left right pgup pgdn home end\n\
         # space f1..f12. Give one key or a list. Digits 1-9 always open links.\n\
         [keys]\n",
    );
    for (name, keys, help) in default_bindings() {
        let keys: Vec<String> = keys.iter().map(|k| format!("{k:?}")).collect();
        out.push_str(&format!("# {help}\n{name} = [{}]\n", keys.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests;
