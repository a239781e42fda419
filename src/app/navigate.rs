//! Moving around: the selection and the scroll, going back, confirming, and the mouse.

use ratatui::layout::Position;

use super::{App, Effect, Focus, Overlay, help};

impl App {
    pub(super) fn page_rows(&self) -> usize {
        let areas = self.areas();
        let rows = match self.screen.focus {
            Focus::Detail => areas.map_or(10, |a| a.detail_rows()),
            _ => areas.map_or(10, |a| a.list_rows()),
        };
        rows.saturating_sub(1).max(1)
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        if let Some(Overlay::Toc(_)) = self.screen.overlay {
            self.move_in_toc(delta);
            return;
        }
        if self.screen.overlay == Some(Overlay::Help) {
            let max = help::HelpLayout::new(&self.keymap, self.screen.size).max_scroll() as isize;
            let target = (self.screen.help_scroll as isize)
                .saturating_add(delta)
                .clamp(0, max);
            self.screen.help_scroll = target as usize;
            return;
        }
        match self.screen.focus {
            Focus::Detail => self.scroll_page(delta),
            Focus::List | Focus::Search => {
                let last = self.list.hits.len().saturating_sub(1) as isize;
                let target = (self.list.selected as isize)
                    .saturating_add(delta)
                    .clamp(0, last);
                self.select(target as usize);
            }
        }
    }

    pub(super) fn back(&mut self) {
        if let Some(overlay) = self.screen.overlay.take() {
            if overlay == Overlay::Find {
                self.page.find = None;
            }
            return;
        }
        if self.screen.focus == Focus::Detail && self.page.find.take().is_some() {
            return;
        }
        match self.screen.focus {
            Focus::Search | Focus::Detail => self.screen.focus = Focus::List,
            Focus::List if !self.list.query.is_empty() => {
                self.list.query.clear();
                self.refilter_keeping_selection();
            }
            Focus::List => {}
        }
    }

    pub(super) fn confirm(&mut self) -> Option<Effect> {
        match self.screen.overlay.take() {
            Some(Overlay::LinkPrompt(digits)) => {
                return digits.parse().ok().and_then(|n| self.open_link(n));
            }
            Some(Overlay::Find) => {
                self.screen.overlay = Some(Overlay::Find);
                self.finish_find();
                return None;
            }
            Some(Overlay::Toc(selected)) => {
                self.jump_to_heading(selected);
                return None;
            }
            Some(other) => {
                self.screen.overlay = Some(other);
                return None;
            }
            None => {}
        }
        match self.screen.focus {
            Focus::Search => {
                self.screen.focus = Focus::List;
                self.select(0);
            }
            Focus::List => self.screen.focus = Focus::Detail,
            Focus::Detail => {}
        }
        None
    }

    pub(super) fn click(&mut self, x: u16, y: u16) {
        let Some(areas) = self.areas() else { return };
        let at = Position::new(x, y);
        if areas.list.contains(at) {
            self.screen.focus = Focus::List;
            let row = usize::from(y.saturating_sub(areas.list.y + 1)) + self.list.offset;
            if y > areas.list.y && row < self.list.hits.len() {
                self.select(row);
            }
        } else if areas.detail.contains(at) {
            self.screen.focus = Focus::Detail;
        } else if areas.header.contains(at) {
            self.screen.focus = Focus::Search;
        }
    }

    pub(super) fn wheel(&mut self, x: u16, y: u16, delta: i8) {
        let Some(areas) = self.areas() else { return };
        let at = Position::new(x, y);
        let lines = isize::from(delta) * 3;
        if areas.detail.contains(at) {
            self.scroll_page(lines);
        } else if areas.list.contains(at) {
            let rows = areas.list_rows();
            let max = self.list.hits.len().saturating_sub(rows) as isize;
            self.list.offset = (self.list.offset as isize + lines).clamp(0, max) as usize;
        }
    }
}
