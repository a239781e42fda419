//! The browser's state and the one function that changes it: `App::update`.

pub mod action;
pub mod keymap;
pub mod layout;

use ratatui::layout::{Position, Rect};

pub use action::{Action, Effect};
pub use keymap::Mode;

use crate::content::{Community, Index};
use crate::document::render_page;
use crate::markdown::Rendered;
use crate::search::{Hit, Searcher};
use crate::theme::Theme;

/// Which pane the keys move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Search,
    List,
    Detail,
}

/// The list's order when no query ranks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Site,
    Name,
    Members,
}

impl Sort {
    pub fn label(self) -> &'static str {
        match self {
            Self::Site => "site order",
            Self::Name => "name",
            Self::Members => "members",
        }
    }

    fn next(self) -> Self {
        match self {
            Self::Site => Self::Name,
            Self::Name => Self::Members,
            Self::Members => Self::Site,
        }
    }
}

/// A popup over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// Typing a link number; the digits so far.
    LinkPrompt(String),
    /// Picking one of the selected community's channels to join.
    ChooseChannel,
}

/// Everything the browser shows. Views read it; only `update` changes it.
pub struct App {
    pub communities: Vec<Community>,
    pub diagnostics: usize,
    pub origin: String,
    pub theme: Theme,
    pub query: String,
    pub hits: Vec<Hit>,
    /// Row of `hits` that is selected.
    pub selected: usize,
    /// First row of `hits` the list shows.
    pub list_offset: usize,
    pub focus: Focus,
    pub show_all: bool,
    pub sort: Sort,
    pub overlay: Option<Overlay>,
    pub message: Option<String>,
    pub size: Rect,
    /// The selected page, rendered for the page pane's width.
    pub page: Rendered,
    pub page_scroll: usize,
    /// First line of the help overlay shown.
    pub help_scroll: usize,
    page_key: Option<(usize, usize)>,
    searcher: Searcher,
}

impl App {
    /// A browser over a loaded index, sized for a terminal of `width`×`height`.
    pub fn new(index: Index, theme: Theme, width: u16, height: u16) -> Self {
        let mut app = Self {
            communities: index.communities,
            diagnostics: index.diagnostics.len(),
            origin: index.origin,
            theme,
            query: String::new(),
            hits: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            show_all: false,
            sort: Sort::Site,
            overlay: None,
            message: None,
            size: Rect::new(0, 0, width, height),
            page: Rendered::default(),
            page_scroll: 0,
            help_scroll: 0,
            page_key: None,
            searcher: Searcher::default(),
        };
        if app.diagnostics > 0 {
            app.message = Some(format!(
                "{} problem(s) reading pages; run `copdeck check` for the list",
                app.diagnostics
            ));
        }
        app.refilter();
        app.sync_page();
        app
    }

    /// What the keyboard is talking to now.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help) => Mode::Help,
            Some(Overlay::LinkPrompt(_)) => Mode::LinkPrompt,
            Some(Overlay::ChooseChannel) => Mode::ChooseChannel,
            None if self.focus == Focus::Search => Mode::Search,
            None => Mode::Browse,
        }
    }

    /// The community under the selection, if the list is not empty.
    pub fn current(&self) -> Option<&Community> {
        self.hits
            .get(self.selected)
            .map(|hit| &self.communities[hit.id])
    }

    /// How many communities the list could show with an empty query.
    pub fn total(&self) -> usize {
        self.communities
            .iter()
            .filter(|c| self.show_all || c.listed())
            .count()
    }

    /// Applies one action; returns the work the shell must do, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(action, Action::Notify(_) | Action::Resize(..)) {
            self.message = None;
        }
        let effect = self.apply(action);
        self.sync_page();
        effect
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page_rows() as isize)),
            Action::PageDown => self.move_by(self.page_rows() as isize),
            Action::Home => self.move_by(isize::MIN / 2),
            Action::End => self.move_by(isize::MAX / 2),
            Action::FocusSearch => self.focus = Focus::Search,
            Action::Input(c) => self.input(c),
            Action::DeleteBack => self.delete_back(),
            Action::DeleteWord => {
                let kept = self.query.trim_end().rfind(' ').map_or(0, |i| i + 1);
                self.query.truncate(kept);
                self.refilter();
            }
            Action::Back => self.back(),
            Action::Confirm => return self.confirm(),
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrev => self.cycle_focus(false),
            Action::OpenLink(n) => return self.open_link(n),
            Action::PromptLink => self.overlay = Some(Overlay::LinkPrompt(String::new())),
            Action::OpenPage => return self.current().map(|c| Effect::Open(c.home_url())),
            Action::Join => return self.join(),
            Action::JoinChannel(n) => {
                self.overlay = None;
                return self.join_channel(n);
            }
            Action::CopyJoin => return self.copy_join(),
            Action::CopyPage => {
                return self.current().map(|c| Effect::Copy {
                    text: c.url(),
                    what: c.url(),
                });
            }
            Action::ToggleAll => {
                self.show_all = !self.show_all;
                self.refilter_keeping_selection();
                let what = if self.show_all {
                    "Showing hidden and expired pages too"
                } else {
                    "Showing the pages the site lists"
                };
                self.message = Some(what.to_string());
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.refilter_keeping_selection();
                self.message = Some(format!("Sorted by {}", self.sort.label()));
            }
            Action::ToggleHelp => {
                self.help_scroll = 0;
                self.overlay = match self.overlay {
                    Some(Overlay::Help) => None,
                    _ => Some(Overlay::Help),
                };
            }
            Action::Quit => return Some(Effect::Quit),
            Action::Resize(width, height) => {
                self.size = Rect::new(0, 0, width, height);
                self.scroll_list_to_selection();
            }
            Action::Click(x, y) => self.click(x, y),
            Action::Scroll(x, y, delta) => self.wheel(x, y, delta),
            Action::Notify(text) => self.message = Some(text),
        }
        None
    }

    fn areas(&self) -> Option<layout::Areas> {
        layout::areas(self.size)
    }

    fn page_rows(&self) -> usize {
        let areas = self.areas();
        let rows = match self.focus {
            Focus::Detail => areas.map_or(10, |a| a.detail_rows()),
            _ => areas.map_or(10, |a| a.list_rows()),
        };
        rows.saturating_sub(1).max(1)
    }

    fn move_by(&mut self, delta: isize) {
        if self.overlay == Some(Overlay::Help) {
            let rows = usize::from(self.size.height.saturating_sub(2));
            let max = keymap::help_line_count().saturating_sub(rows) as isize;
            let target = (self.help_scroll as isize)
                .saturating_add(delta)
                .clamp(0, max);
            self.help_scroll = target as usize;
            return;
        }
        match self.focus {
            Focus::Detail => self.scroll_page(delta),
            Focus::List | Focus::Search => {
                let last = self.hits.len().saturating_sub(1) as isize;
                let target = (self.selected as isize)
                    .saturating_add(delta)
                    .clamp(0, last);
                self.select(target as usize);
            }
        }
    }

    fn select(&mut self, row: usize) {
        if row != self.selected {
            self.selected = row;
            self.page_scroll = 0;
        }
        self.scroll_list_to_selection();
    }

    fn scroll_page(&mut self, delta: isize) {
        let max = self.max_page_scroll() as isize;
        let target = (self.page_scroll as isize)
            .saturating_add(delta)
            .clamp(0, max);
        self.page_scroll = target as usize;
    }

    /// Furthest the page scrolls: its last line at the bottom of the pane.
    pub fn max_page_scroll(&self) -> usize {
        let rows = self.areas().map_or(1, |a| a.detail_rows());
        self.page.lines.len().saturating_sub(rows)
    }

    fn scroll_list_to_selection(&mut self) {
        let rows = self.areas().map_or(1, |a| a.list_rows()).max(1);
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        let max_offset = self.hits.len().saturating_sub(rows);
        self.list_offset = self.list_offset.min(max_offset);
    }

    fn input(&mut self, c: char) {
        match &mut self.overlay {
            Some(Overlay::LinkPrompt(digits)) => {
                if c.is_ascii_digit() && digits.len() < 4 {
                    digits.push(c);
                }
            }
            _ => {
                self.focus = Focus::Search;
                self.query.push(c);
                self.refilter();
            }
        }
    }

    fn delete_back(&mut self) {
        match &mut self.overlay {
            Some(Overlay::LinkPrompt(digits)) => {
                digits.pop();
            }
            _ => {
                self.query.pop();
                self.refilter();
            }
        }
    }

    fn back(&mut self) {
        if self.overlay.take().is_some() {
            return;
        }
        match self.focus {
            Focus::Search => self.focus = Focus::List,
            Focus::Detail => self.focus = Focus::List,
            Focus::List if !self.query.is_empty() => {
                self.query.clear();
                self.refilter_keeping_selection();
            }
            Focus::List => {}
        }
    }

    fn confirm(&mut self) -> Option<Effect> {
        match self.overlay.take() {
            Some(Overlay::LinkPrompt(digits)) => {
                return match digits.parse() {
                    Ok(n) => self.open_link(n),
                    Err(_) => None,
                };
            }
            Some(other) => {
                self.overlay = Some(other);
                return None;
            }
            None => {}
        }
        match self.focus {
            Focus::Search => {
                self.focus = Focus::List;
                self.select(0);
            }
            Focus::List => self.focus = Focus::Detail,
            Focus::Detail => {}
        }
        None
    }

    fn cycle_focus(&mut self, forward: bool) {
        self.focus = match (self.focus, forward) {
            (Focus::List, _) => Focus::Detail,
            (Focus::Detail, _) | (Focus::Search, _) => Focus::List,
        };
    }

    fn open_link(&mut self, n: usize) -> Option<Effect> {
        match n.checked_sub(1).and_then(|i| self.page.links.get(i)) {
            Some(link) => Some(Effect::Open(link.url.clone())),
            None => {
                let count = self.page.links.len();
                self.message = Some(match count {
                    0 => "This page has no links".to_string(),
                    1 => format!("No link {n}: this page has one link"),
                    _ => format!("No link {n}: this page has links 1–{count}"),
                });
                None
            }
        }
    }

    fn join(&mut self) -> Option<Effect> {
        let community = self.current()?;
        match community.channels.len() {
            0 => {
                self.message = Some(match &community.redirect {
                    Some(_) => "This community has moved: press o to open its new home".into(),
                    None => "This page lists no way to join".into(),
                });
                None
            }
            1 => self.join_channel(1),
            _ => {
                self.overlay = Some(Overlay::ChooseChannel);
                None
            }
        }
    }

    fn join_channel(&mut self, n: usize) -> Option<Effect> {
        let channel = self.current()?.channels.get(n.checked_sub(1)?)?;
        if let Some(mailto) = channel.mailto() {
            return Some(Effect::Open(mailto));
        }
        if let Some(form) = &channel.form {
            return Some(Effect::Open(form.clone()));
        }
        self.message = Some("This channel gives no address or form to join with".into());
        None
    }

    fn copy_join(&mut self) -> Option<Effect> {
        let community = self.current()?;
        let channel = community.channels.iter().find(|c| c.email.is_some());
        let Some(channel) = channel else {
            self.message = Some("This page gives no address to copy".into());
            return None;
        };
        let email = channel.email.clone().unwrap_or_default();
        let mut text = email.clone();
        let mut what = email;
        if let Some(subject) = &channel.subject {
            text.push_str(&format!("\nSubject: {subject}"));
            what.push_str(" and its subject");
        }
        if let Some(body) = &channel.body {
            text.push_str(&format!("\nMessage: {body}"));
        }
        Some(Effect::Copy { text, what })
    }

    fn click(&mut self, x: u16, y: u16) {
        let Some(areas) = self.areas() else { return };
        let at = Position::new(x, y);
        if areas.list.contains(at) {
            self.focus = Focus::List;
            let row = usize::from(y.saturating_sub(areas.list.y + 1)) + self.list_offset;
            if y > areas.list.y && row < self.hits.len() {
                self.select(row);
            }
        } else if areas.detail.contains(at) {
            self.focus = Focus::Detail;
        } else if areas.header.contains(at) {
            self.focus = Focus::Search;
        }
    }

    fn wheel(&mut self, x: u16, y: u16, delta: i8) {
        let Some(areas) = self.areas() else { return };
        let at = Position::new(x, y);
        let lines = isize::from(delta) * 3;
        if areas.detail.contains(at) {
            self.scroll_page(lines);
        } else if areas.list.contains(at) {
            let rows = areas.list_rows();
            let max = self.hits.len().saturating_sub(rows) as isize;
            self.list_offset = (self.list_offset as isize + lines).clamp(0, max) as usize;
        }
    }

    /// Recomputes the list for the query, filter and order, selecting the best match.
    fn refilter(&mut self) {
        let ids: Vec<usize> = (0..self.communities.len())
            .filter(|&i| self.show_all || self.communities[i].listed())
            .collect();
        self.hits = self.searcher.search(&self.communities, ids, &self.query);
        match self.sort {
            Sort::Site => {}
            Sort::Name => {
                let communities = &self.communities;
                self.hits
                    .sort_by_cached_key(|h| communities[h.id].name().to_lowercase());
            }
            Sort::Members => {
                let communities = &self.communities;
                self.hits
                    .sort_by_key(|h| std::cmp::Reverse(communities[h.id].members()));
            }
        }
        self.selected = 0;
        self.list_offset = 0;
        self.page_scroll = 0;
    }

    /// Recomputes the list but stays on the same community when it is still there.
    fn refilter_keeping_selection(&mut self) {
        let current = self.hits.get(self.selected).map(|h| h.id);
        self.refilter();
        if let Some(row) = current.and_then(|id| self.hits.iter().position(|h| h.id == id)) {
            self.selected = row;
        }
        self.scroll_list_to_selection();
    }

    /// Renders the selected page again when the selection or the pane width changed.
    fn sync_page(&mut self) {
        let width = self.areas().map_or(60, |a| a.detail_width());
        let key = self.hits.get(self.selected).map(|h| (h.id, width));
        if key != self.page_key {
            self.page = match key {
                Some((id, width)) => render_page(&self.communities[id], width, &self.theme),
                None => Rendered::default(),
            };
            self.page_key = key;
        }
        self.page_scroll = self.page_scroll.min(self.max_page_scroll());
    }
}
