//! Editing the one-line inputs: the search line, the word found in the page and the
//! link number.

use super::{App, Focus, Overlay};

impl App {
    pub(super) fn input(&mut self, c: char) {
        match &mut self.screen.overlay {
            Some(Overlay::LinkPrompt(digits)) => {
                if c.is_ascii_digit() && digits.len() < 4 {
                    digits.push(c);
                }
            }
            Some(Overlay::Find) => self.edit_find(|query| query.push(c)),
            _ => {
                self.screen.focus = Focus::Search;
                self.list.query.push(c);
                self.refilter_typed();
            }
        }
    }

    pub(super) fn delete_back(&mut self) {
        self.edit_line(|line| {
            line.pop();
        });
    }

    /// Ctrl-W: the last word and the spaces after it.
    pub(super) fn delete_word(&mut self) {
        self.edit_line(|line| {
            let kept = line.trim_end().rfind(' ').map_or(0, |i| i + 1);
            line.truncate(kept);
        });
    }

    /// Ctrl-U: the whole line.
    pub(super) fn clear_line(&mut self) {
        self.edit_line(String::clear);
    }

    /// Applies an edit to whichever line is being typed in.
    fn edit_line(&mut self, edit: impl FnOnce(&mut String)) {
        match &mut self.screen.overlay {
            Some(Overlay::LinkPrompt(digits)) => edit(digits),
            Some(Overlay::Find) => self.edit_find(edit),
            _ => {
                edit(&mut self.list.query);
                self.refilter_typed();
            }
        }
    }
}
