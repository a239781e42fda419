//! Keys → actions, as one table per mode. The help overlay and the status-bar hints are
//! built from the same tables, so they always say what the keys really do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// What the keyboard is talking to at the moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// One row of a keymap: the keys, how help shows them, and what they do.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// Shown in the status bar's short hints under this word.
    pub hint: Option<&'static str>,
}

fn bind(
    keys: &[Key],
    label: &'static str,
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys: keys.to_vec(),
        label,
        action,
        help,
        hint,
    }
}

/// Stands for the digit keys in the tables; `action_for` gives the real number.
const ANY_DIGIT: Key = ch('#');

/// Keys while browsing the list and the page.
pub fn browse_keys() -> Vec<Binding> {
    use KeyCode::*;
    vec![
        bind(
            &[key(Up), ch('k')],
            "↑ k",
            Action::Up,
            "move up in the focused pane",
            None,
        ),
        bind(
            &[key(Down), ch('j')],
            "↓ j",
            Action::Down,
            "move down in the focused pane",
            Some("move"),
        ),
        bind(
            &[key(PageUp), ctrl('b')],
            "PgUp",
            Action::PageUp,
            "one page up",
            None,
        ),
        bind(
            &[key(PageDown), ctrl('f'), ch(' ')],
            "PgDn Space",
            Action::PageDown,
            "one page down",
            None,
        ),
        bind(
            &[key(Home), ch('g')],
            "Home g",
            Action::Home,
            "go to the top",
            None,
        ),
        bind(
            &[key(End), ch('G')],
            "End G",
            Action::End,
            "go to the bottom",
            None,
        ),
        bind(
            &[ch('/')],
            "/",
            Action::FocusSearch,
            "search communities",
            Some("search"),
        ),
        bind(
            &[key(Tab)],
            "Tab",
            Action::FocusNext,
            "switch between list and page",
            None,
        ),
        bind(
            &[key(BackTab)],
            "Shift-Tab",
            Action::FocusPrev,
            "switch back",
            None,
        ),
        bind(
            &[key(Enter)],
            "Enter",
            Action::Confirm,
            "read the selected page",
            None,
        ),
        bind(
            &[ANY_DIGIT],
            "1–9",
            Action::OpenLink(0),
            "open link N of the page",
            Some("link"),
        ),
        bind(
            &[ch(':')],
            ":",
            Action::PromptLink,
            "type any link number, then Enter",
            None,
        ),
        bind(
            &[ch('m')],
            "m",
            Action::Join,
            "write the email that joins",
            Some("join"),
        ),
        bind(
            &[ch('o')],
            "o",
            Action::OpenPage,
            "open the page on digital.gov (or where it moved)",
            Some("open"),
        ),
        bind(
            &[ch('y')],
            "y",
            Action::CopyJoin,
            "copy the join address and subject",
            Some("copy"),
        ),
        bind(
            &[ch('Y')],
            "Y",
            Action::CopyPage,
            "copy the page address",
            None,
        ),
        bind(
            &[ch('a')],
            "a",
            Action::ToggleAll,
            "show or hide hidden and expired pages",
            None,
        ),
        bind(
            &[ch('s')],
            "s",
            Action::CycleSort,
            "sort by site order, name or members",
            None,
        ),
        bind(
            &[key(Backspace), ch('b')],
            "Backspace b",
            Action::HistoryBack,
            "back to the page before (after following a link)",
            None,
        ),
        bind(
            &[ch('f')],
            "f",
            Action::HistoryForward,
            "forward again",
            None,
        ),
        bind(
            &[ctrl('a')],
            "Ctrl-A",
            Action::ToggleScope,
            "search communities or every page of the site",
            None,
        ),
        bind(
            &[key(Esc)],
            "Esc",
            Action::Back,
            "back to the list; there, clear the search",
            None,
        ),
        bind(
            &[ch('?')],
            "?",
            Action::ToggleHelp,
            "show or hide this help",
            Some("help"),
        ),
        bind(
            &[ch('q'), ctrl('c')],
            "q Ctrl-C",
            Action::Quit,
            "quit",
            Some("quit"),
        ),
    ]
}

/// Keys while typing in the search line (other characters are typed).
pub fn search_keys() -> Vec<Binding> {
    use KeyCode::*;
    vec![
        bind(
            &[key(Enter)],
            "Enter",
            Action::Confirm,
            "go to the first match",
            Some("first match"),
        ),
        bind(
            &[key(Esc)],
            "Esc",
            Action::Back,
            "leave the search line (again: clear it)",
            Some("leave"),
        ),
        bind(
            &[key(Up), ctrl('p')],
            "↑ Ctrl-P",
            Action::Up,
            "previous match",
            None,
        ),
        bind(
            &[key(Down), ctrl('n')],
            "↓ Ctrl-N",
            Action::Down,
            "next match",
            Some("move"),
        ),
        bind(
            &[key(Backspace), ctrl('h')],
            "Backspace",
            Action::DeleteBack,
            "delete a character",
            None,
        ),
        bind(
            &[ctrl('w')],
            "Ctrl-W",
            Action::DeleteWord,
            "delete a word",
            None,
        ),
        bind(
            &[ctrl('a')],
            "Ctrl-A",
            Action::ToggleScope,
            "search communities or the whole site",
            None,
        ),
        bind(
            &[key(Tab)],
            "Tab",
            Action::FocusNext,
            "go to the list",
            None,
        ),
        bind(&[ctrl('c')], "Ctrl-C", Action::Quit, "quit", None),
    ]
}

fn help_keys() -> Vec<Binding> {
    use KeyCode::*;
    vec![
        bind(
            &[key(Esc), ch('?'), ch('q'), key(Enter)],
            "Esc ?",
            Action::ToggleHelp,
            "close help",
            Some("close"),
        ),
        bind(&[key(Up), ch('k')], "↑ k", Action::Up, "scroll up", None),
        bind(
            &[key(Down), ch('j')],
            "↓ j",
            Action::Down,
            "scroll down",
            Some("scroll"),
        ),
        bind(&[key(PageUp)], "PgUp", Action::PageUp, "one page up", None),
        bind(
            &[key(PageDown), ch(' ')],
            "PgDn",
            Action::PageDown,
            "one page down",
            None,
        ),
        bind(&[key(Home), ch('g')], "Home", Action::Home, "top", None),
        bind(&[key(End), ch('G')], "End", Action::End, "bottom", None),
        bind(&[ctrl('c')], "Ctrl-C", Action::Quit, "quit", None),
    ]
}

fn prompt_keys() -> Vec<Binding> {
    use KeyCode::*;
    vec![
        bind(
            &[key(Enter)],
            "Enter",
            Action::Confirm,
            "open the link",
            Some("open"),
        ),
        bind(&[key(Esc)], "Esc", Action::Back, "cancel", Some("cancel")),
        bind(
            &[key(Backspace)],
            "Backspace",
            Action::DeleteBack,
            "delete a digit",
            None,
        ),
        bind(&[ctrl('c')], "Ctrl-C", Action::Quit, "quit", None),
    ]
}

fn choose_keys() -> Vec<Binding> {
    use KeyCode::*;
    vec![
        bind(
            &[ANY_DIGIT],
            "1 2",
            Action::JoinChannel(0),
            "join through that channel",
            Some("choose"),
        ),
        bind(
            &[key(Esc), ch('q')],
            "Esc",
            Action::Back,
            "cancel",
            Some("cancel"),
        ),
        bind(&[ctrl('c')], "Ctrl-C", Action::Quit, "quit", None),
    ]
}

/// One line of the help overlay: what to type, and what it does.
pub type HelpRow = (&'static str, &'static str);

/// What the help overlay lists: a title and the keys of each mode a person types in,
/// then the search operators from the parser's own table.
pub fn help_sections() -> Vec<(&'static str, Vec<HelpRow>)> {
    let keys = |mode| {
        bindings(mode)
            .into_iter()
            .map(|binding| (binding.label, binding.help))
            .collect()
    };
    vec![
        ("Browsing", keys(Mode::Browse)),
        ("In the search line", keys(Mode::Search)),
        (
            "Operators in the search line, mixed with words",
            crate::query::OPERATORS.to_vec(),
        ),
    ]
}

/// Lines the help overlay's text takes: a title per section, its keys, a gap between.
pub fn help_line_count() -> usize {
    let sections = help_sections();
    sections
        .iter()
        .map(|(_, keys)| keys.len() + 1)
        .sum::<usize>()
        + sections.len()
        - 1
}

/// The table for a mode.
pub fn bindings(mode: Mode) -> Vec<Binding> {
    match mode {
        Mode::Browse => browse_keys(),
        Mode::Search => search_keys(),
        Mode::Help => help_keys(),
        Mode::LinkPrompt => prompt_keys(),
        Mode::ChooseChannel => choose_keys(),
    }
}

/// The action a key press means in a mode, if any.
pub fn action_for(mode: Mode, event: KeyEvent) -> Option<Action> {
    // Shift is part of the character itself ('G', '?'), so only Ctrl and Alt count.
    let mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let pressed = Key {
        code: event.code,
        mods,
    };
    let digit = match event.code {
        KeyCode::Char(c @ '1'..='9') if mods.is_empty() => c.to_digit(10).map(|d| d as usize),
        _ => None,
    };
    for binding in bindings(mode) {
        if let (Some(n), true) = (digit, binding.keys.contains(&ANY_DIGIT)) {
            return Some(match binding.action {
                Action::JoinChannel(_) => Action::JoinChannel(n),
                _ => Action::OpenLink(n),
            });
        }
        if binding.keys.contains(&pressed) {
            return Some(binding.action);
        }
    }
    match (mode, event.code) {
        (Mode::Search, KeyCode::Char(c)) if mods.is_empty() => Some(Action::Input(c)),
        (Mode::LinkPrompt, KeyCode::Char(c)) if c.is_ascii_digit() && mods.is_empty() => {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// The short hints for the status bar: "/ search  m join  ? help".
pub fn hints(mode: Mode) -> Vec<(&'static str, &'static str)> {
    bindings(mode)
        .iter()
        .filter_map(|b| {
            b.hint
                .map(|hint| (b.label.split(' ').next().unwrap_or(b.label), hint))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(mode: Mode, code: KeyCode) -> Option<Action> {
        action_for(mode, KeyEvent::new(code, KeyModifiers::NONE))
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
    }

    #[test]
    fn shifted_letters_and_control_keys() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Browse, shifted), Some(Action::End));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [
            Mode::Browse,
            Mode::Search,
            Mode::Help,
            Mode::LinkPrompt,
            Mode::ChooseChannel,
        ] {
            assert_eq!(action_for(mode, ctrl_c), Some(Action::Quit), "{mode:?}");
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in [
            Mode::Browse,
            Mode::Search,
            Mode::Help,
            Mode::LinkPrompt,
            Mode::ChooseChannel,
        ] {
            let mut seen = Vec::new();
            for binding in bindings(mode) {
                for key in &binding.keys {
                    assert!(!seen.contains(key), "{key:?} twice in {mode:?}");
                    seen.push(*key);
                }
            }
        }
    }
}
