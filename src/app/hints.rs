//! The status bar's hints: the keys that matter in the present context, named as the
//! user bound them, most useful first.

use super::{Action, App, Focus, Mode, Scope};

impl App {
    /// What the status bar offers now: `↑↓ move`, `b back` after following a link,
    /// `n/N match` after a find, `t contents` on a page with headings.
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        let mode = self.mode();
        let key = |action: Action| self.keymap.key_for(mode, &action);
        let mut hints = Vec::new();
        let mut add = |keys: Option<String>, word: &'static str| {
            if let Some(keys) = keys {
                hints.push((keys, word));
            }
        };
        match mode {
            Mode::Browse => {
                let in_page = self.screen.focus == Focus::Detail;
                add(
                    self.key_pair(mode, Action::Up, Action::Down),
                    if in_page { "scroll" } else { "move" },
                );
                if in_page {
                    add(key(Action::FocusSearch), "find");
                    if self.page.find.as_ref().is_some_and(|f| !f.hits.is_empty()) {
                        add(
                            self.key_pair(mode, Action::FindNext, Action::FindPrev),
                            "match",
                        );
                    }
                    if !self.page.rendered.headings.is_empty() {
                        add(key(Action::ShowToc), "contents");
                    }
                    if !self.page.rendered.links.is_empty() {
                        add(key(Action::OpenLink(0)), "link");
                    }
                } else {
                    add(key(Action::FocusSearch), "search");
                }
                if self.page.history_pos > 0 {
                    add(key(Action::HistoryBack), "back");
                }
                add(
                    key(Action::FocusNext),
                    if in_page { "list" } else { "page" },
                );
                if self.current().is_some_and(|c| !c.channels.is_empty()) {
                    add(key(Action::Join), "join");
                }
                add(key(Action::ToggleHelp), "help");
                // The demo does not quit on a key; its chord is in the help.
                if self.demo.is_none() {
                    add(key(Action::Quit), "quit");
                }
            }
            Mode::Search => {
                add(key(Action::Confirm), "first match");
                add(self.key_pair(mode, Action::Up, Action::Down), "move");
                add(key(Action::Back), "leave");
                add(key(Action::ClearLine), "clear");
                add(
                    key(Action::ToggleScope),
                    match self.list.scope {
                        Scope::Communities => "whole site",
                        Scope::Site => "communities",
                    },
                );
            }
            _ => {
                for binding in self.keymap.bindings(mode) {
                    let Some(word) = binding.hint else { continue };
                    let keys = match binding.action {
                        Action::Down => self.key_pair(mode, Action::Up, Action::Down),
                        ref action => key(action.clone()),
                    };
                    add(keys, word);
                }
            }
        }
        hints
    }

    /// Two keys of a pair of actions as one hint: `↑↓` for arrows, `n/N` otherwise.
    fn key_pair(&self, mode: Mode, first: Action, second: Action) -> Option<String> {
        let a = self.keymap.key_for(mode, &first);
        let b = self.keymap.key_for(mode, &second);
        match (a, b) {
            (Some(a), Some(b)) if is_arrow(&a) && is_arrow(&b) => Some(format!("{a}{b}")),
            (Some(a), Some(b)) => Some(format!("{a}/{b}")),
            (a, b) => a.or(b),
        }
    }

    /// The key bound to a browse-mode action, for messages: "press o".
    pub(super) fn browse_key(&self, action: Action) -> String {
        self.keymap.key_or_name(Mode::Browse, &action)
    }
}

fn is_arrow(label: &str) -> bool {
    matches!(label, "↑" | "↓" | "←" | "→")
}
