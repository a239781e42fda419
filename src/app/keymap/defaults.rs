//! The default keys of every mode, written as the config file spells them, with the help
//! text and the status-bar hint of each. Adding a key is adding a row here.

use crossterm::event::KeyCode;

use super::{Binding, Mode};
use crate::app::action::Action;
use crate::app::keys::Key;

/// A default binding, written with the config file's key names. `#` stands for a digit.
pub(super) struct Spec(
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

pub(super) fn table(specs: &[Spec]) -> Vec<Binding> {
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
pub(super) const ANY_DIGIT: Key = Key {
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

/// The default table of each mode.
pub(super) const DEFAULT_TABLES: &[(Mode, &[Spec])] = &[
    (Mode::Browse, BROWSE),
    (Mode::Search, SEARCH),
    (Mode::Help, HELP),
    (Mode::LinkPrompt, PROMPT),
    (Mode::ChooseChannel, CHOOSE),
    (Mode::Find, FIND),
    (Mode::Toc, TOC),
    (Mode::Popup, POPUP),
];

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
