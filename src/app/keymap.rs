//! Keys → actions, as one table per mode. The help overlay and the status-bar hints are
//! built from the same tables — the user's, after the config file's `[keys]` — so they
//! always say what the keys really do.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::keys::Key;

mod defaults;

pub use defaults::default_bindings;
use defaults::{ANY_DIGIT, DEFAULT_TABLES, table};

/// What the keyboard is talking to at the moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, strum::EnumIter)]
pub enum Mode {
    /// Moving around the list and the page.
    Browse,
    /// Typing in the search line.
    Search,
    /// Reading the help overlay.
    Help,
    /// Typing a link number after `:`.
    LinkPrompt,
    /// Picking which channel to join.
    ChooseChannel,
    /// Typing a word to find in the page.
    Find,
    /// Picking a heading from the page's table of contents.
    Toc,
    /// Reading a popup that only needs closing.
    Popup,
}

/// One row of a keymap: the keys, what they do, and the hint word for the status bar.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    pub hint: Option<&'static str>,
}

/// Why a user's `[keys]` table cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapError {
    UnknownAction(String),
    UnknownKey {
        action: String,
        message: String,
    },
    BoundTwice {
        key: String,
        first: String,
        second: String,
    },
}

impl std::fmt::Display for KeymapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownAction(name) => write!(
                f,
                "unknown action {name:?} (see `copdeck config --default` for the names)"
            ),
            Self::UnknownKey { action, message } => write!(f, "{action}: {message}"),
            Self::BoundTwice { key, first, second } => {
                write!(f, "key {key} is bound to both {first} and {second}")
            }
        }
    }
}

impl KeymapError {
    /// The config key the error is about, for finding its line.
    pub fn action(&self) -> &str {
        match self {
            Self::UnknownAction(name) => name,
            Self::UnknownKey { action, .. } => action,
            Self::BoundTwice { second, .. } => second,
        }
    }
}

/// Every mode's bindings, keyed by mode. A new mode is a new `Mode` variant and a row in
/// `DEFAULT_TABLES`.
#[derive(Debug, Clone)]
pub struct Keymap {
    tables: BTreeMap<Mode, Vec<Binding>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let tables = DEFAULT_TABLES
            .iter()
            .map(|(mode, defaults)| (*mode, table(defaults)))
            .collect();
        Self { tables }
    }
}

impl Keymap {
    /// The default keys, with the browse-mode actions in `overrides` bound to the given
    /// keys instead. A key may not end up on two actions.
    pub fn with_overrides(overrides: &[(String, Vec<String>)]) -> Result<Self, KeymapError> {
        let mut keymap = Self::default();
        for (name, keys) in overrides {
            let action = Action::named(name)
                .filter(|a| keymap.bindings(Mode::Browse).iter().any(|b| &b.action == a))
                .ok_or_else(|| KeymapError::UnknownAction(name.clone()))?;
            let keys = keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|message| KeymapError::UnknownKey {
                    action: name.clone(),
                    message,
                })?;
            if let Some(binding) = keymap
                .bindings_mut(Mode::Browse)
                .iter_mut()
                .find(|b| b.action == action)
            {
                binding.keys = keys;
            }
        }
        let mut seen: Vec<(Key, String)> = Vec::new();
        for binding in keymap.bindings(Mode::Browse) {
            let name = binding.action.name().unwrap_or_else(|| "open_link".into());
            for key in &binding.keys {
                if let Some((_, first)) = seen.iter().find(|(k, _)| k == key) {
                    let (first, second) = order_for_message(first, &name, overrides);
                    return Err(KeymapError::BoundTwice {
                        key: key.to_string(),
                        first,
                        second,
                    });
                }
                seen.push((*key, name.clone()));
            }
        }
        Ok(keymap)
    }

    /// The table for a mode.
    pub fn bindings(&self, mode: Mode) -> &[Binding] {
        self.tables.get(&mode).map_or(&[], Vec::as_slice)
    }

    /// The demo's keys: Ctrl-Q (twice) leaves, in every mode, and no hint offers what
    /// the demo refuses (quit, copy, edit).
    pub fn adapt_for_demo(&mut self) {
        let chord = Key::parse("ctrl-q").expect("a valid key name");
        let refused = [
            Action::Quit,
            Action::CopyJoin,
            Action::CopyPage,
            Action::Edit,
        ];
        for bindings in self.tables.values_mut() {
            for binding in bindings.iter_mut().filter(|b| refused.contains(&b.action)) {
                binding.hint = None;
                binding.help = "nothing in the demo";
            }
            bindings.retain(|b| !b.keys.contains(&chord));
            bindings.insert(
                0,
                Binding {
                    keys: vec![chord],
                    action: Action::LeaveDemo,
                    help: "twice: leave the demo",
                    hint: None,
                },
            );
        }
    }

    /// The table for a mode, to change.
    fn bindings_mut(&mut self, mode: Mode) -> &mut Vec<Binding> {
        self.tables.entry(mode).or_default()
    }

    /// The action a key press means in a mode, if any.
    pub fn action_for(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        let pressed = Key::of(event);
        let digit = match pressed.code {
            KeyCode::Char(c @ '1'..='9') if pressed.mods.is_empty() => {
                c.to_digit(10).map(|d| d as usize)
            }
            _ => None,
        };
        for binding in self.bindings(mode) {
            if binding.keys.contains(&pressed) {
                return Some(binding.action.clone());
            }
            if let (Some(n), true) = (digit, binding.keys.contains(&ANY_DIGIT)) {
                return Some(match binding.action {
                    Action::JoinChannel(_) => Action::JoinChannel(n),
                    _ => Action::OpenLink(n),
                });
            }
        }
        match (mode, pressed.code) {
            (Mode::Search | Mode::Find, KeyCode::Char(c)) if pressed.mods.is_empty() => {
                Some(Action::Input(c))
            }
            (Mode::LinkPrompt, KeyCode::Char(c))
                if c.is_ascii_digit() && pressed.mods.is_empty() =>
            {
                Some(Action::Input(c))
            }
            _ => None,
        }
    }

    /// The short hints for the status bar: "/ search  m join  ? help".
    pub fn hints(&self, mode: Mode) -> Vec<(String, &'static str)> {
        self.bindings(mode)
            .iter()
            .filter_map(|b| b.hint.map(|hint| (first_key_label(b), hint)))
            .collect()
    }

    /// The first key bound to `action` in `mode`, as help shows it ("Ctrl-A", "o"),
    /// so messages name the key the user actually has.
    pub fn key_for(&self, mode: Mode, action: &Action) -> Option<String> {
        self.bindings(mode)
            .iter()
            .find(|b| &b.action == action && !b.keys.is_empty())
            .map(first_key_label)
    }

    /// `key_for`, or the action's name in brackets when it has no key.
    pub fn key_or_name(&self, mode: Mode, action: &Action) -> String {
        self.key_for(mode, action)
            .unwrap_or_else(|| format!("[{}]", action.name().unwrap_or_else(|| "unbound".into())))
    }

    /// What the help overlay lists: a title and the keys of each mode a person types
    /// in, then the search operators from the parser's own table.
    pub fn help_sections(&self) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        let rows = |bindings: &[Binding]| -> Vec<(String, &'static str)> {
            bindings.iter().map(|b| (key_label(b), b.help)).collect()
        };
        vec![
            ("Browsing", rows(self.bindings(Mode::Browse))),
            ("In the search line", rows(self.bindings(Mode::Search))),
            (
                "Operators in the search line, mixed with words",
                crate::search::query::OPERATORS
                    .iter()
                    .map(|(example, help)| (example.to_string(), *help))
                    .collect(),
            ),
        ]
    }
}

/// A second binding in the user's file is the one to point at.
fn order_for_message(
    first: &str,
    second: &str,
    overrides: &[(String, Vec<String>)],
) -> (String, String) {
    let user_bound = |name: &str| overrides.iter().position(|(n, _)| n == name);
    match (user_bound(first), user_bound(second)) {
        (Some(a), Some(b)) if a > b => (second.to_string(), first.to_string()),
        (Some(_), None) => (second.to_string(), first.to_string()),
        _ => (first.to_string(), second.to_string()),
    }
}

/// How help shows a binding's keys: "↑ k", "1–9".
pub fn key_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(|k| {
            if *k == ANY_DIGIT {
                "1–9".to_string()
            } else {
                k.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn first_key_label(binding: &Binding) -> String {
    match binding.keys.first() {
        Some(k) if *k == ANY_DIGIT => "1–9".to_string(),
        Some(k) => k.to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
