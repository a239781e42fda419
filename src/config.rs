//! The config file (`$XDG_CONFIG_HOME/copdeck/config.toml`): default content folder,
//! theme, browser command, and a `[keys]` table that rebinds actions by name. The
//! defaults are built in; the user's file is laid over them. A bad file is an error
//! naming its line, never a half-applied config.

use std::path::{Path, PathBuf};

use crate::app::keymap::{Keymap, default_bindings};
use crate::theme::Theme;

/// What the config file sets.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub content: Option<PathBuf>,
    pub theme: Option<String>,
    pub browser: Option<String>,
    /// Whether addresses are drawn as OSC 8 hyperlinks; None: where the terminal is
    /// known to support them.
    pub hyperlinks: Option<bool>,
    /// Actions rebound in `[keys]`, with their keys, in file order.
    pub keys: Vec<(String, Vec<String>)>,
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

/// Where copdeck looks for its config file when `--config` does not say.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".config")))?;
    Some(base.join("copdeck").join("config.toml"))
}

/// The 1-based line where `key = ` is written, inside `[section]` when given.
fn line_of_key(text: &str, section: Option<&str>, key: &str) -> usize {
    let mut current: Option<String> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            current = Some(name.trim().to_string());
            continue;
        }
        let in_section = current.as_deref() == section;
        let named = trimmed
            .strip_prefix(key)
            .or_else(|| trimmed.strip_prefix(&format!("\"{key}\"")))
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if in_section && named {
            return index + 1;
        }
    }
    1
}

/// Reads a config file's text; `path` names it in errors.
pub fn parse_config(text: &str, path: &str) -> Result<Config, ConfigError> {
    let error = |line: usize, message: String| ConfigError {
        path: path.to_string(),
        line,
        message,
    };
    let table: toml::Table = text.parse().map_err(|err: toml::de::Error| {
        let line = err.span().map_or(1, |span| {
            1 + text[..span.start.min(text.len())].matches('\n').count()
        });
        error(line, err.message().trim().to_string())
    })?;
    let mut config = Config::default();
    for (key, value) in &table {
        let at = || line_of_key(text, None, key);
        let string = || {
            value
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| error(at(), format!("`{key}` should be text in quotes")))
        };
        match key.as_str() {
            "content" => config.content = Some(PathBuf::from(string()?)),
            "browser" => config.browser = Some(string()?),
            "hyperlinks" => {
                let on = value
                    .as_bool()
                    .ok_or_else(|| error(at(), format!("`{key}` should be true or false")))?;
                config.hyperlinks = Some(on);
            }
            "theme" => {
                let name = string()?;
                if Theme::named(&name).is_none() {
                    return Err(error(
                        at(),
                        format!(
                            "unknown theme {name:?}; choose dark, light, high-contrast or mono"
                        ),
                    ));
                }
                config.theme = Some(name);
            }
            "keys" => config.keys = keys_table(value, text, path)?,
            other => {
                return Err(error(
                    at(),
                    format!("unknown setting `{other}` (see `copdeck config --default`)"),
                ));
            }
        }
    }
    // Check the keys now, so that a bad binding stops copdeck before it starts.
    keymap_of(&config, text, path)?;
    Ok(config)
}

fn keys_table(
    value: &toml::Value,
    text: &str,
    path: &str,
) -> Result<Vec<(String, Vec<String>)>, ConfigError> {
    let Some(table) = value.as_table() else {
        return Err(ConfigError {
            path: path.to_string(),
            line: line_of_key(text, None, "keys"),
            message: "`keys` should be a table: [keys]".into(),
        });
    };
    let mut keys = Vec::new();
    for (action, keys_value) in table {
        let list = match keys_value {
            toml::Value::String(key) => vec![key.clone()],
            toml::Value::Array(items) => items
                .iter()
                .map(|item| item.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        if list.is_empty() {
            return Err(ConfigError {
                path: path.to_string(),
                line: line_of_key(text, Some("keys"), action),
                message: format!(
                    "`{action}` should be a key like \"J\" or a list like [\"J\", \"ctrl-j\"]"
                ),
            });
        }
        keys.push((action.clone(), list));
    }
    Ok(keys)
}

/// The keymap a config asks for; errors point at the binding's line.
fn keymap_of(config: &Config, text: &str, path: &str) -> Result<Keymap, ConfigError> {
    Keymap::with_overrides(&config.keys).map_err(|err| ConfigError {
        path: path.to_string(),
        line: line_of_key(text, Some("keys"), err.action()),
        message: err.to_string(),
    })
}

impl Config {
    /// Reads the config: `explicit` when given (it must exist), else the default path
    /// when a file is there, else the built-in defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Self, ConfigError> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None => match default_path() {
                Some(path) if path.exists() => path,
                _ => return Ok(Self::default()),
            },
        };
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|err| ConfigError {
            path: shown.clone(),
            line: 1,
            message: format!("cannot read: {err}"),
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
         # or a communities/ folder. Unset: the built-in pages. --content and\n\
         # COPDECK_CONTENT win over this.\n\
         # content = \"~/src/digitalgov\"\n\n\
         # Colours: dark, light, high-contrast or mono. NO_COLOR (when --theme is not given)\n\
         # means mono.\n\
         theme = \"dark\"\n\n\
         # The program that opens links; %s stands for the address (else it is added last).\n\
         # Unset: $BROWSER, else the system's default.\n\
         # browser = \"firefox --new-tab %s\"\n\n\
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
mod tests {
    use super::*;

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        let config = parse_config(&default_file(), "default.toml").unwrap();
        assert_eq!(config.theme.as_deref(), Some("dark"));
        assert!(
            config
                .keys
                .iter()
                .any(|(name, keys)| name == "join" && keys == &["m"])
        );
    }

    #[test]
    fn user_settings_are_read() {
        let config = parse_config(
            "theme = \"light\"\nbrowser = \"w3m %s\"\ncontent = \"/srv/site\"\n[keys]\njoin = \"J\"\nquit = [\"q\", \"ctrl-q\"]\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(config.theme.as_deref(), Some("light"));
        assert_eq!(config.browser.as_deref(), Some("w3m %s"));
        assert_eq!(config.content, Some(PathBuf::from("/srv/site")));
        assert_eq!(config.keys[0], ("join".to_string(), vec!["J".to_string()]));
        assert_eq!(config.hyperlinks, None);
        let off = parse_config("hyperlinks = false\n", "c.toml").unwrap();
        assert_eq!(off.hyperlinks, Some(false));
    }

    #[test]
    fn bad_files_name_the_line() {
        for (text, line, words) in [
            ("theme = \"dark\"\ntheme = ", 2, ""),
            ("theme = \"purple\"\n", 1, "unknown theme"),
            ("colour = \"x\"\n", 1, "unknown setting `colour`"),
            (
                "theme = \"dark\"\n\n[keys]\nfly = \"x\"\n",
                4,
                "unknown action \"fly\"",
            ),
            ("[keys]\njoin = \"hyper-j\"\n", 2, "unknown key name"),
            (
                "[keys]\nquit = \"q\"\njoin = \"q\"\n",
                3,
                "key q is bound to both quit and join",
            ),
            ("[keys]\njoin = 5\n", 2, "should be a key"),
            ("\nhyperlinks = \"yes\"\n", 2, "should be true or false"),
        ] {
            let err = parse_config(text, "c.toml").unwrap_err();
            assert_eq!(err.line, line, "{text}: {err}");
            assert!(
                err.to_string().starts_with(&format!("c.toml:{line}: ")),
                "{err}"
            );
            assert!(err.message.contains(words), "{text}: {err}");
        }
    }
}
