//! Find in page (`/` in the page pane, then `n`/`N`) and the table of contents (`t`).

use super::{App, Focus, Overlay};
use crate::markdown::PageLines;

/// A word being looked for in the shown page, and where it was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    pub query: String,
    /// Each match: the line, the first character and the number of characters.
    pub hits: Vec<(usize, usize, usize)>,
    /// Which match is the current one.
    pub current: usize,
}

/// Every place `query` occurs in `lines`, ignoring case, by character positions.
pub fn find_in_lines(lines: &PageLines, query: &str) -> Vec<(usize, usize, usize)> {
    let needle: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for index in 0..lines.len() {
        let text: Vec<char> = lines
            .text_of(index)
            .chars()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
            .collect();
        let mut start = 0;
        while start + needle.len() <= text.len() {
            if text[start..start + needle.len()] == needle[..] {
                hits.push((index, start, needle.len()));
                start += needle.len();
            } else {
                start += 1;
            }
        }
    }
    hits
}

impl App {
    /// `/` with the page pane focused: start typing a word to find.
    pub(super) fn start_find(&mut self) {
        self.page.find = Some(Find::default());
        self.screen.overlay = Some(Overlay::Find);
    }

    /// Re-finds the typed word after an edit of it.
    pub(super) fn edit_find(&mut self, edit: impl FnOnce(&mut String)) {
        if let Some(find) = &mut self.page.find {
            edit(&mut find.query);
            find.hits = find_in_lines(&self.page.rendered.lines, &find.query);
            find.current = find
                .hits
                .iter()
                .position(|(line, _, _)| *line >= self.page.scroll)
                .unwrap_or(0);
        }
        self.show_current_hit();
    }

    /// Enter after typing: keep the matches, stop typing.
    pub(super) fn finish_find(&mut self) {
        self.screen.overlay = None;
        if let Some(find) = &self.page.find {
            if find.query.is_empty() {
                self.page.find = None;
            } else if find.hits.is_empty() {
                self.screen.message = Some(format!("{:?} is not on this page", find.query));
            }
        }
    }

    /// `n` and `N`: the next or previous match, wrapping around.
    pub(super) fn step_find(&mut self, forward: bool) {
        let find_key = self.browse_key(super::Action::FocusSearch);
        let Some(find) = self.page.find.as_mut() else {
            self.screen.message = Some(format!(
                "Nothing to find yet: press {find_key} in the page pane"
            ));
            return;
        };
        if find.hits.is_empty() {
            // As the border says.
            self.screen.message = Some(format!(
                "no match for {:?} on this page",
                crate::sanitize::clean_line(&find.query)
            ));
            return;
        }
        let count = find.hits.len();
        find.current = if forward {
            (find.current + 1) % count
        } else {
            (find.current + count - 1) % count
        };
        self.show_current_hit();
    }

    /// Scrolls so the current match is on screen, a little below the top.
    fn show_current_hit(&mut self) {
        let line = self
            .page
            .find
            .as_ref()
            .and_then(|f| f.hits.get(f.current))
            .map(|(line, _, _)| *line);
        let Some(line) = line else { return };
        let rows = self.areas().map_or(10, |a| a.detail_rows());
        if line < self.page.scroll || line >= self.page.scroll + rows {
            self.page.scroll = line.saturating_sub(2).min(self.max_page_scroll());
        }
        self.screen.focus = Focus::Detail;
    }

    /// `t`: the page's headings, the one at the top of the pane selected.
    pub(super) fn show_toc(&mut self) {
        if self.page.rendered.headings.is_empty() {
            self.screen.message = Some("This page has no headings".into());
            return;
        }
        let selected = self
            .page
            .rendered
            .headings
            .iter()
            .rposition(|(line, _)| line <= self.page.scroll)
            .unwrap_or(0);
        self.screen.overlay = Some(Overlay::Toc(selected));
    }

    pub(super) fn move_in_toc(&mut self, delta: isize) {
        if let Some(Overlay::Toc(selected)) = &mut self.screen.overlay {
            let last = self.page.rendered.headings.len().saturating_sub(1) as isize;
            *selected = (*selected as isize).saturating_add(delta).clamp(0, last) as usize;
        }
    }

    pub(super) fn jump_to_heading(&mut self, index: usize) {
        if let Some((line, _)) = self.page.rendered.headings.get(index) {
            self.page.scroll = line.min(self.max_page_scroll());
            self.screen.focus = Focus::Detail;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;

    #[test]
    fn finds_every_occurrence_ignoring_case() {
        let lines = PageLines::from(vec![
            Line::from("Plain words, plainly."),
            Line::from("nothing"),
            Line::from("PLAIN"),
        ]);
        assert_eq!(
            find_in_lines(&lines, "plain"),
            vec![(0, 0, 5), (0, 13, 5), (2, 0, 5)]
        );
        assert!(find_in_lines(&lines, "").is_empty());
    }
}
