//! Keys → actions, as one table per mode. The help overlay and the status-bar hints are
//! built from the same tables — the user's, after the config file's `[keys]` — so they
//! always say what the keys really do.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::keys::Key;

/// What the keyboard is talking to at the moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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

/// A default binding, written with the config file's key names. `#` stands for a digit.
struct Spec(
    &'static [&'static str],
    Action,
    &'static str,
    Option<&'static str>,
);

const DIGITS: &str = "#";

const BROWSE: &[Spec] = &[
    Spec(
        &["up", "k"],
        Action::Up,
        "move up in the focused pane",
        None,
    ),
    Spec(
        &["down", "j"],
        Action::Down,
        "move down in the focused pane",
        Some("move"),
    ),
    Spec(&["pgup", "ctrl-b"], Action::PageUp, "one page up", None),
    Spec(
        &["pgdn", "ctrl-f", "space"],
        Action::PageDown,
        "one page down",
        None,
    ),
    Spec(&["home", "g"], Action::Home, "go to the top", None),
    Spec(&["end", "G"], Action::End, "go to the bottom", None),
    Spec(
        &["/"],
        Action::FocusSearch,
        "search communities (in the page pane: find in the page)",
        Some("search"),
    ),
    Spec(
        &["n"],
        Action::FindNext,
        "next match of the find in the page",
        None,
    ),
    Spec(
        &["N"],
        Action::FindPrev,
        "previous match of the find in the page",
        None,
    ),
    Spec(
        &["t"],
        Action::ShowToc,
        "the page's headings, to jump to one",
        None,
    ),
    Spec(
        &["tab"],
        Action::FocusNext,
        "switch between list and page",
        None,
    ),
    Spec(&["shift-tab"], Action::FocusPrev, "switch back", None),
    Spec(&["enter"], Action::Confirm, "read the selected page", None),
    Spec(
        &[DIGITS],
        Action::OpenLink(0),
        "open link N of the page",
        Some("link"),
    ),
    Spec(
        &[":"],
        Action::PromptLink,
        "type any link number, then Enter",
        None,
    ),
    Spec(
        &["m"],
        Action::Join,
        "write the email that joins",
        Some("join"),
    ),
    Spec(
        &["o"],
        Action::OpenPage,
        "open the page on digital.gov (or where it moved)",
        Some("open"),
    ),
    Spec(
        &["y"],
        Action::CopyJoin,
        "copy the join address and subject",
        Some("copy"),
    ),
    Spec(&["Y"], Action::CopyPage, "copy the page address", None),
    Spec(
        &["a"],
        Action::ToggleAll,
        "show or hide hidden and expired pages",
        None,
    ),
    Spec(
        &["s"],
        Action::CycleSort,
        "sort by site order, name or members",
        None,
    ),
    Spec(
        &["b", "backspace"],
        Action::HistoryBack,
        "back to the page before (after following a link)",
        None,
    ),
    Spec(&["f"], Action::HistoryForward, "forward again", None),
    Spec(
        &["ctrl-a"],
        Action::ToggleScope,
        "search communities or every page of the site",
        None,
    ),
    Spec(
        &["e"],
        Action::Edit,
        "edit the page's file in $VISUAL or $EDITOR",
        None,
    ),
    Spec(
        &["R"],
        Action::Sync,
        "download the current digital.gov site (copdeck sync) and reload",
        None,
    ),
    Spec(
        &["esc"],
        Action::Back,
        "back to the list; there, clear the search",
        None,
    ),
    Spec(
        &["?"],
        Action::ToggleHelp,
        "show or hide this help",
        Some("help"),
    ),
    Spec(&["q", "ctrl-c"], Action::Quit, "quit", Some("quit")),
];

const SEARCH: &[Spec] = &[
    Spec(
        &["enter"],
        Action::Confirm,
        "go to the first match",
        Some("first match"),
    ),
    Spec(
        &["esc"],
        Action::Back,
        "leave the search line (again: clear it)",
        Some("leave"),
    ),
    Spec(&["up", "ctrl-p"], Action::Up, "previous match", None),
    Spec(
        &["down", "ctrl-n"],
        Action::Down,
        "next match",
        Some("move"),
    ),
    Spec(
        &["backspace", "ctrl-h"],
        Action::DeleteBack,
        "delete a character",
        None,
    ),
    Spec(&["ctrl-w"], Action::DeleteWord, "delete a word", None),
    Spec(
        &["ctrl-u"],
        Action::ClearLine,
        "clear the search line",
        None,
    ),
    Spec(
        &["ctrl-a"],
        Action::ToggleScope,
        "search communities or the whole site",
        None,
    ),
    Spec(&["tab"], Action::FocusNext, "go to the list", None),
    Spec(&["ctrl-c"], Action::Quit, "quit", None),
];

const HELP: &[Spec] = &[
    Spec(
        &["esc", "?", "q", "enter"],
        Action::ToggleHelp,
        "close help",
        Some("close"),
    ),
    Spec(&["up", "k"], Action::Up, "scroll up", None),
    Spec(&["down", "j"], Action::Down, "scroll down", Some("scroll")),
    Spec(&["pgup"], Action::PageUp, "one page up", None),
    Spec(&["pgdn", "space"], Action::PageDown, "one page down", None),
    Spec(&["home", "g"], Action::Home, "top", None),
    Spec(&["end", "G"], Action::End, "bottom", None),
    Spec(&["ctrl-c"], Action::Quit, "quit", None),
];

const PROMPT: &[Spec] = &[
    Spec(&["enter"], Action::Confirm, "open the link", Some("open")),
    Spec(&["esc"], Action::Back, "cancel", Some("cancel")),
    Spec(&["backspace"], Action::DeleteBack, "delete a digit", None),
    Spec(&["ctrl-c"], Action::Quit, "quit", None),
];

const CHOOSE: &[Spec] = &[
    Spec(
        &[DIGITS],
        Action::JoinChannel(0),
        "join through that channel",
        Some("choose"),
    ),
    Spec(&["esc", "q"], Action::Back, "cancel", Some("cancel")),
    Spec(&["ctrl-c"], Action::Quit, "quit", None),
];

const FIND: &[Spec] = &[
    Spec(
        &["enter"],
        Action::Confirm,
        "go to the first match",
        Some("find"),
    ),
    Spec(&["esc"], Action::Back, "stop finding", Some("cancel")),
    Spec(
        &["backspace", "ctrl-h"],
        Action::DeleteBack,
        "delete a character",
        None,
    ),
    Spec(&["ctrl-w"], Action::DeleteWord, "delete a word", None),
    Spec(&["ctrl-u"], Action::ClearLine, "clear the word", None),
    Spec(&["ctrl-c"], Action::Quit, "quit", None),
];

const TOC: &[Spec] = &[
    Spec(
        &["enter"],
        Action::Confirm,
        "jump to the heading",
        Some("jump"),
    ),
    Spec(&["up", "k"], Action::Up, "previous heading", None),
    Spec(&["down", "j"], Action::Down, "next heading", Some("move")),
    Spec(&["esc", "t", "q"], Action::Back, "close", Some("close")),
    Spec(&["ctrl-c"], Action::Quit, "quit", None),
];

const POPUP: &[Spec] = &[
    Spec(&["esc", "q", "enter"], Action::Back, "close", Some("close")),
    Spec(&["ctrl-c"], Action::Quit, "quit", None),
];

fn table(specs: &[Spec]) -> Vec<Binding> {
    specs
        .iter()
        .map(|Spec(keys, action, help, hint)| Binding {
            keys: keys.iter().map(|k| digit_or_key(k)).collect(),
            action: action.clone(),
            help,
            hint: *hint,
        })
        .collect()
}

/// The stand-in key for "any digit".
const ANY_DIGIT: Key = Key {
    code: KeyCode::F(99),
    mods: crossterm::event::KeyModifiers::NONE,
};

fn digit_or_key(name: &str) -> Key {
    if name == DIGITS {
        ANY_DIGIT
    } else {
        Key::parse(name).expect("default key names parse")
    }
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

/// The default table of each mode.
const DEFAULT_TABLES: &[(Mode, &[Spec])] = &[
    (Mode::Browse, BROWSE),
    (Mode::Search, SEARCH),
    (Mode::Help, HELP),
    (Mode::LinkPrompt, PROMPT),
    (Mode::ChooseChannel, CHOOSE),
    (Mode::Find, FIND),
    (Mode::Toc, TOC),
    (Mode::Popup, POPUP),
];

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

/// Every bindable browse-mode action with its default keys, for `copdeck config --default`.
pub fn default_bindings() -> Vec<(String, Vec<String>, &'static str)> {
    BROWSE
        .iter()
        .filter_map(|Spec(keys, action, help, _)| {
            let name = action.name()?;
            Some((name, keys.iter().map(|k| k.to_string()).collect(), *help))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn press(mode: Mode, code: KeyCode) -> Option<Action> {
        Keymap::default().action_for(mode, KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn letters_act_while_browsing_and_type_while_searching() {
        assert_eq!(press(Mode::Browse, KeyCode::Char('m')), Some(Action::Join));
        assert_eq!(
            press(Mode::Search, KeyCode::Char('m')),
            Some(Action::Input('m'))
        );
        assert_eq!(
            press(Mode::Browse, KeyCode::Char('7')),
            Some(Action::OpenLink(7))
        );
        assert_eq!(
            press(Mode::Search, KeyCode::Char('7')),
            Some(Action::Input('7'))
        );
        assert_eq!(
            press(Mode::ChooseChannel, KeyCode::Char('2')),
            Some(Action::JoinChannel(2))
        );
        assert_eq!(press(Mode::LinkPrompt, KeyCode::Char('x')), None);
        assert_eq!(
            press(Mode::Find, KeyCode::Char('n')),
            Some(Action::Input('n'))
        );
    }

    #[test]
    fn shifted_letters_and_control_keys() {
        let keymap = Keymap::default();
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(keymap.action_for(Mode::Browse, shifted), Some(Action::End));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [
            Mode::Browse,
            Mode::Search,
            Mode::Help,
            Mode::LinkPrompt,
            Mode::ChooseChannel,
            Mode::Find,
            Mode::Toc,
        ] {
            assert_eq!(
                keymap.action_for(mode, ctrl_c),
                Some(Action::Quit),
                "{mode:?}"
            );
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        let keymap = Keymap::default();
        for mode in [
            Mode::Browse,
            Mode::Search,
            Mode::Help,
            Mode::LinkPrompt,
            Mode::ChooseChannel,
            Mode::Find,
            Mode::Toc,
        ] {
            let mut seen = Vec::new();
            for binding in keymap.bindings(mode) {
                for key in &binding.keys {
                    assert!(!seen.contains(key), "{key:?} twice in {mode:?}");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn overrides_rebind_and_refuse_conflicts() {
        let rebound = Keymap::with_overrides(&[("join".into(), vec!["J".into()])]).unwrap();
        let j = KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(rebound.action_for(Mode::Browse, j), Some(Action::Join));
        let m = KeyEvent::new(KeyCode::Char('m'), KeyModifiers::NONE);
        assert_eq!(rebound.action_for(Mode::Browse, m), None);
        assert!(
            rebound
                .hints(Mode::Browse)
                .contains(&("J".to_string(), "join"))
        );
        let clash = Keymap::with_overrides(&[("join".into(), vec!["q".into()])]).unwrap_err();
        assert_eq!(
            clash,
            KeymapError::BoundTwice {
                key: "q".into(),
                first: "quit".into(),
                second: "join".into()
            }
        );
        assert!(matches!(
            Keymap::with_overrides(&[("fly".into(), vec!["x".into()])]),
            Err(KeymapError::UnknownAction(_))
        ));
        assert!(matches!(
            Keymap::with_overrides(&[("input".into(), vec!["x".into()])]),
            Err(KeymapError::UnknownAction(_))
        ));
        assert!(matches!(
            Keymap::with_overrides(&[("join".into(), vec!["hyper-j".into()])]),
            Err(KeymapError::UnknownKey { .. })
        ));
    }

    #[test]
    fn action_names_round_trip() {
        assert_eq!(Action::Join.name().as_deref(), Some("join"));
        assert_eq!(Action::named("history_back"), Some(Action::HistoryBack));
        assert_eq!(Action::Input('x').name(), None);
        assert_eq!(Action::named("input"), None);
        assert_eq!(Action::ShowToc.name().as_deref(), Some("show_toc"));
        assert_eq!(Action::named("page_up"), Some(Action::PageUp));
        for action in Action::bindable() {
            let name = action.name().expect("a bindable action has a name");
            assert_eq!(Action::named(&name), Some(action), "{name}");
        }
        assert!(
            default_bindings()
                .iter()
                .any(|(name, keys, _)| name == "quit" && keys == &["q", "ctrl-c"])
        );
    }
}
