//! The browser's state and the one function that changes it: `App::update`.

pub mod action;
mod find;
pub mod keymap;
pub mod keys;
pub mod layout;
mod list;
mod page;

use std::sync::Arc;

use ratatui::layout::{Position, Rect};

pub use action::{Action, Effect, LoadedSite, Reloaded};
pub use keymap::Mode;
pub use list::TEXT_ONLY;

use crate::content::{Community, Index, SiteIndex};
use crate::markdown::Rendered;
use crate::query::Query;
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

/// What the list and the search cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The communities of practice.
    Communities,
    /// Every page of the site.
    Site,
}

/// A popup over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// Typing a link number; the digits so far.
    LinkPrompt(String),
    /// Picking one of the shown community's channels to join.
    ChooseChannel,
    /// Typing a word to find in the page.
    Find,
    /// The table of contents, with the selected heading.
    Toc(usize),
    /// A link shown (with a QR code) because nothing here can open it.
    Url(String),
}

/// What the page pane shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// A community, by its place in `App::communities`.
    Community(usize),
    /// Any other page, by its place in the site's pages.
    Page(usize),
    /// A topic's listing, by slug.
    Topic(String),
    /// An author's listing, by slug.
    Author(String),
}

/// One step of the page pane's history, with where it was scrolled to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub view: View,
    pub scroll: usize,
}

/// Everything the browser shows. Views read it; only `update` changes it.
pub struct App {
    pub communities: Vec<Community>,
    /// Every problem found reading the pages.
    pub problems: Vec<crate::content::Diagnostic>,
    pub origin: String,
    pub theme: Theme,
    pub query: String,
    /// Why the query cannot be run (an unknown operator, a bad value); the list then
    /// still answers the last query that could.
    pub query_error: Option<String>,
    pub hits: Vec<Hit>,
    /// Row of `hits` that is selected.
    pub selected: usize,
    /// First row of `hits` the list shows.
    pub list_offset: usize,
    pub focus: Focus,
    pub scope: Scope,
    pub show_all: bool,
    pub sort: Sort,
    pub overlay: Option<Overlay>,
    pub message: Option<String>,
    pub size: Rect,
    /// The site's other pages, once indexed.
    pub site: Option<Arc<SiteIndex>>,
    /// Pages indexed so far while the site loads.
    pub site_progress: usize,
    /// The pages shown in the page pane, oldest first, and which one is shown.
    pub history: Vec<Visit>,
    pub history_pos: usize,
    /// The shown page, rendered for the page pane's width.
    pub page: Rendered,
    pub page_scroll: usize,
    /// First line of the help overlay shown.
    pub help_scroll: usize,
    page_key: Option<(View, usize, bool)>,
    searcher: Searcher,
    /// The parsed query the list answers: the last one typed without an error.
    searched: Query,
    /// The scope and filter the list was last computed for; None when the list
    /// cannot be narrowed from (the site was loaded since).
    last_search: Option<(Scope, bool)>,
    /// The page pane still shows an earlier selection (see `update`).
    page_stale: bool,
    /// The keys, the user's where the config rebinds them.
    pub keymap: keymap::Keymap,
    /// The site's titles and summaries, laid out for searching.
    page_texts: crate::search::PageTexts,
    /// Which text search the list waits for, and whether it is still running.
    pub body_search: (u64, bool),
    /// A text search to start once this update is done.
    body_search_wanted: Option<String>,
    /// The word found in the shown page, if any.
    pub find: Option<find::Find>,
    /// Whether pages come from files that can be edited (not the built-in copy).
    pub editable: bool,
    /// Where the pages come from, for the header ("digital.gov, synced 3 days ago").
    pub source_label: Option<String>,
    /// How far a background sync has come, while one runs.
    pub syncing: Option<String>,
}

impl App {
    /// A browser over a loaded index, sized for a terminal of `width`×`height`.
    pub fn new(index: Index, theme: Theme, width: u16, height: u16) -> Self {
        let mut app = Self {
            communities: index.communities,
            problems: index.diagnostics,
            origin: index.origin,
            theme,
            query: String::new(),
            query_error: None,
            hits: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            scope: Scope::Communities,
            show_all: false,
            sort: Sort::Site,
            overlay: None,
            message: None,
            size: Rect::new(0, 0, width, height),
            site: None,
            site_progress: 0,
            history: Vec::new(),
            history_pos: 0,
            page: Rendered::default(),
            page_scroll: 0,
            help_scroll: 0,
            page_key: None,
            searcher: Searcher::default(),
            searched: Query::default(),
            last_search: None,
            page_stale: false,
            keymap: keymap::Keymap::default(),
            page_texts: crate::search::PageTexts::default(),
            body_search: (0, false),
            body_search_wanted: None,
            find: None,
            editable: index.editable,
            source_label: None,
            syncing: None,
        };
        app.report_problems();
        app.refilter();
        app.sync_page();
        app
    }

    fn report_problems(&mut self) {
        if !self.problems.is_empty() {
            self.message = Some(format!(
                "{} problem(s) reading pages; run `copdeck check` for the list",
                self.problems.len()
            ));
        }
    }

    /// The same browser, saying in its header where the pages come from.
    pub fn with_source_label(mut self, label: String) -> Self {
        self.source_label = Some(label);
        self
    }

    /// The same browser with the user's keys.
    pub fn with_keymap(mut self, keymap: keymap::Keymap) -> Self {
        self.keymap = keymap;
        self
    }

    /// Where the query's fuzzy words match `text`, for highlighting a row on screen.
    pub fn matched_positions(&self, text: &str) -> Vec<usize> {
        self.searcher.positions(text, &self.searched.text)
    }

    /// What the keyboard is talking to now.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help) => Mode::Help,
            Some(Overlay::LinkPrompt(_)) => Mode::LinkPrompt,
            Some(Overlay::ChooseChannel) => Mode::ChooseChannel,
            Some(Overlay::Find) => Mode::Find,
            Some(Overlay::Toc(_)) => Mode::Toc,
            Some(Overlay::Url(_)) => Mode::Popup,
            None if self.focus == Focus::Search => Mode::Search,
            None => Mode::Browse,
        }
    }

    /// Applies one action; returns the work the shell must do, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(
            action,
            Action::Notify(_) | Action::Resize(..) | Action::SiteProgress(_) | Action::Syncing(_)
        ) {
            self.message = None;
        }
        // While a query is typed the list answers at once; the selected page is
        // rendered when typing pauses (`Settle`), as previews in fzf-like tools are.
        let editing_query = self.overlay.is_none()
            && matches!(
                action,
                Action::Input(_) | Action::DeleteBack | Action::DeleteWord
            );
        let mut effect = self.apply(action);
        if let (None, Some(words)) = (&effect, self.body_search_wanted.take()) {
            self.body_search = (self.body_search.0 + 1, !words.is_empty());
            effect = Some(Effect::SearchBodies {
                words,
                generation: self.body_search.0,
            });
        }
        if editing_query {
            self.page_stale = true;
        } else {
            self.sync_page();
        }
        effect
    }

    /// Whether the page pane waits for `Action::Settle` to show the selection.
    pub fn page_stale(&self) -> bool {
        self.page_stale
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page_rows() as isize)),
            Action::PageDown => self.move_by(self.page_rows() as isize),
            Action::Home => self.move_by(isize::MIN / 2),
            Action::End => self.move_by(isize::MAX / 2),
            Action::FocusSearch if self.focus == Focus::Detail => self.start_find(),
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
            Action::FocusNext | Action::FocusPrev => {
                self.focus = match self.focus {
                    Focus::List => Focus::Detail,
                    Focus::Detail | Focus::Search => Focus::List,
                };
            }
            Action::OpenLink(n) => return self.open_link(n),
            Action::PromptLink => self.overlay = Some(Overlay::LinkPrompt(String::new())),
            Action::OpenPage => return self.view_url().map(Effect::Open),
            Action::Join => return self.join(),
            Action::JoinChannel(n) => {
                self.overlay = None;
                return self.join_channel(n);
            }
            Action::CopyJoin => return self.copy_join(),
            Action::CopyPage => {
                return self.view_url().map(|url| Effect::Copy {
                    text: url.clone(),
                    what: url,
                });
            }
            Action::ToggleAll => self.toggle_all(),
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
            Action::HistoryBack => self.history_step(-1),
            Action::HistoryForward => self.history_step(1),
            Action::ToggleScope => self.toggle_scope(),
            Action::SiteProgress(count) => self.site_progress = count,
            Action::SiteLoaded(LoadedSite(site)) => self.site_loaded(site),
            Action::Settle => {}
            Action::FindNext => self.step_find(true),
            Action::FindPrev => self.step_find(false),
            Action::ShowToc => self.show_toc(),
            Action::Edit => return self.edit(),
            Action::Reloaded(content) => self.reloaded(&content),
            Action::ShowUrl(url) => self.overlay = Some(Overlay::Url(url)),
            Action::BodyHits(found) => self.body_hits(found),
            Action::Sync if self.syncing.is_some() => {
                self.message = Some("A sync is already running".into());
            }
            Action::Sync => {
                self.syncing = Some("Sync: starting…".into());
                return Some(Effect::Sync);
            }
            Action::Syncing(progress) => self.syncing = Some(progress),
            Action::Synced { message, label } => {
                self.syncing = None;
                self.message = Some(message);
                self.source_label = label.or(self.source_label.take());
            }
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
        if let Some(Overlay::Toc(_)) = self.overlay {
            self.move_in_toc(delta);
            return;
        }
        if self.overlay == Some(Overlay::Help) {
            let rows = usize::from(self.size.height.saturating_sub(2));
            let max = self.keymap.help_line_count().saturating_sub(rows) as isize;
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

    fn input(&mut self, c: char) {
        match &mut self.overlay {
            Some(Overlay::LinkPrompt(digits)) => {
                if c.is_ascii_digit() && digits.len() < 4 {
                    digits.push(c);
                }
            }
            Some(Overlay::Find) => self.edit_find(|query| query.push(c)),
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
            Some(Overlay::Find) => self.edit_find(|query| {
                query.pop();
            }),
            _ => {
                self.query.pop();
                self.refilter();
            }
        }
    }

    fn back(&mut self) {
        if let Some(overlay) = self.overlay.take() {
            if overlay == Overlay::Find {
                self.find = None;
            }
            return;
        }
        if self.focus == Focus::Detail && self.find.take().is_some() {
            return;
        }
        match self.focus {
            Focus::Search | Focus::Detail => self.focus = Focus::List,
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
                return digits.parse().ok().and_then(|n| self.open_link(n));
            }
            Some(Overlay::Find) => {
                self.overlay = Some(Overlay::Find);
                self.finish_find();
                return None;
            }
            Some(Overlay::Toc(selected)) => {
                self.jump_to_heading(selected);
                return None;
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

    fn site_loaded(&mut self, site: Arc<SiteIndex>) {
        self.last_search = None;
        self.problems.extend(site.diagnostics.iter().cloned());
        self.site_progress = site.site.pages.len();
        self.page_texts = crate::search::PageTexts::new(&site.site.pages);
        self.site = Some(site);
        self.report_problems();
        if self.scope == Scope::Site {
            self.refilter_keeping_selection();
        }
    }
}
