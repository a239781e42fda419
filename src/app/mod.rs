//! The browser's state and the one function that changes it: `App::update`.

pub mod action;
pub mod demo;
mod demo_guard;
pub mod find;
pub mod help;
mod hints;
mod input;
pub mod jobs;
pub mod keymap;
pub mod keys;
pub mod layout;
mod list;
mod navigate;
mod page;
mod reload;
pub mod script;
mod sections;
mod state;

use std::sync::Arc;

use ratatui::layout::Rect;

/// What the page pane shows.
pub use crate::document::View;
pub use action::{Action, Effect, LoadedSite, Reloaded};
pub use demo::{Demo, DemoOptions, ScanCard};
pub use jobs::{PageJob, RankJob, Ranked, RenderedPage};
pub use keymap::Mode;
pub use list::TEXT_ONLY;
pub use state::{
    BodySearch, Elsewhere, Focus, ListState, Overlay, PageState, Scope, ScreenState, Sort, Visit,
};

use crate::content::{Community, Index, SiteIndex};

use crate::theme::Theme;

/// Everything the browser shows, in named parts. Views read it; only `update` changes it.
pub struct App {
    pub communities: Vec<Community>,
    /// Every problem found reading the pages.
    pub problems: Vec<crate::content::Diagnostic>,
    pub origin: String,
    pub theme: Theme,
    /// The search line and the list it ranks.
    pub list: ListState,
    /// The page pane: what it shows, its history and the find in it.
    pub page: PageState,
    /// The screen around the panes: focus, popups, the status message and the size.
    pub screen: ScreenState,
    /// The site's other pages, once indexed.
    pub site: Option<Arc<SiteIndex>>,
    /// Pages indexed so far while the site loads.
    pub site_progress: usize,
    /// The keys, the user's where the config rebinds them.
    pub keymap: keymap::Keymap,
    /// Whether pages come from files that can be edited (not the built-in copy).
    pub editable: bool,
    /// Where the pages come from, for the header ("digital.gov, synced 3 days ago").
    pub source_label: Option<String>,
    /// How far a background sync has come, while one runs.
    pub syncing: Option<String>,
    /// Whether addresses on screen are drawn as OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// The demo (kiosk) mode's state, when the browser runs as a demo.
    pub demo: Option<Demo>,
    /// Whether ranking the site and rendering pages are asked of the shell's workers
    /// (`Effect::Rank`, `Effect::Render`) instead of done inside `update`.
    background: bool,
    /// The number of the newest tree read from disk that the app holds (0: the first).
    tree: u64,
}

impl App {
    /// A browser over a loaded index, sized for a terminal of `width`×`height`; it
    /// ranks and renders inside `update`.
    pub fn new(index: Index, theme: Theme, width: u16, height: u16) -> Self {
        Self::build(index, theme, width, height, false)
    }

    /// A browser that asks the shell's workers to rank the site and render pages, so
    /// `update` never waits for either; the effect renders the first page.
    pub fn with_workers(
        index: Index,
        theme: Theme,
        width: u16,
        height: u16,
    ) -> (Self, Option<Effect>) {
        let mut app = Self::build(index, theme, width, height, true);
        let first_page = app.take_render();
        (app, first_page)
    }

    /// The page rendering asked for outside `update` (by `with_workers` or `with_demo`)
    /// and not yet handed to the shell.
    pub fn take_render(&mut self) -> Option<Effect> {
        self.page
            .render_wanted
            .take()
            .map(|job| Effect::Render(Box::new(job)))
    }

    fn build(index: Index, theme: Theme, width: u16, height: u16, background: bool) -> Self {
        let mut app = Self {
            communities: index.communities,
            problems: index.diagnostics,
            origin: index.origin,
            theme,
            list: ListState::default(),
            page: PageState::default(),
            screen: ScreenState {
                focus: Focus::List,
                overlay: None,
                message: None,
                size: Rect::new(0, 0, width, height),
                help_scroll: 0,
            },
            site: None,
            site_progress: 0,
            keymap: keymap::Keymap::default(),
            editable: index.editable,
            source_label: None,
            syncing: None,
            hyperlinks: false,
            demo: None,
            background,
            tree: 0,
        };
        app.report_problems();
        app.refilter();
        app.sync_page();
        app
    }

    fn report_problems(&mut self) {
        if !self.problems.is_empty() {
            self.screen.message = Some(format!(
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

    /// The same browser, drawing addresses as OSC 8 hyperlinks when `on`.
    pub fn with_hyperlinks(mut self, on: bool) -> Self {
        self.hyperlinks = on;
        self
    }

    /// Where the query's fuzzy words match `text`, for highlighting a row on screen.
    pub fn matched_positions(&self, text: &str) -> Vec<usize> {
        self.list.searcher.positions(text, &self.list.searched.text)
    }

    /// What the keyboard is talking to now.
    pub fn mode(&self) -> Mode {
        match &self.screen.overlay {
            Some(overlay) => overlay.mode(),
            None if self.screen.focus == Focus::Search => Mode::Search,
            None => Mode::Browse,
        }
    }

    /// Applies one action; returns the work the shell must do, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        // A message stays until the person does something: work finishing in the
        // background (the site indexed or read again, text found, a page settled) never
        // wipes it.
        if !matches!(
            action,
            Action::Notify(_)
                | Action::Resize(..)
                | Action::SiteProgress(_)
                | Action::SiteLoaded(_)
                | Action::Reloaded(_)
                | Action::BodyHits(_)
                | Action::Settle
                | Action::Syncing(_)
                | Action::Tick(_)
                | Action::Caption(_)
                | Action::Ranked(_)
                | Action::Rendered(_)
        ) {
            self.screen.message = None;
        }
        let action = match self.demo_gate(action) {
            Ok(action) => action,
            Err(effect) => return effect,
        };
        // While a query is typed the list answers at once; the selected page is
        // rendered when typing pauses (`Settle`), as previews in fzf-like tools are.
        let editing_query = self.screen.overlay.is_none()
            && matches!(
                action,
                Action::Input(_) | Action::DeleteBack | Action::DeleteWord | Action::ClearLine
            );
        // Hits for a query typed while the page waited keep it waiting for `Settle`.
        let defer_page = editing_query || (matches!(action, Action::Ranked(_)) && self.page.stale);
        let mut effects: Vec<Effect> = self.apply(action).into_iter().collect();
        if let Some(words) = self.list.body_search_wanted.take() {
            self.list.body_search = BodySearch {
                generation: self.list.body_search.generation + 1,
                running: !words.is_empty(),
            };
            effects.push(Effect::SearchBodies {
                words,
                generation: self.list.body_search.generation,
                site: self
                    .site
                    .clone()
                    .map(|site| LoadedSite::with_texts(site, self.list.page_texts.clone())),
            });
        }
        effects.extend(self.list.rank_wanted.take().map(Effect::Rank));
        if defer_page {
            self.page.stale = true;
        } else {
            self.sync_page();
        }
        effects.extend(
            self.page
                .render_wanted
                .take()
                .map(|job| Effect::Render(Box::new(job))),
        );
        if self.demo.is_some() {
            effects = self.demo_finish(effects);
        }
        match effects.len() {
            0 | 1 => effects.pop(),
            _ => Some(Effect::Many(effects)),
        }
    }

    /// Whether the page pane waits for `Action::Settle` to show the selection (not
    /// while the list itself still waits for a worker's hits).
    pub fn page_stale(&self) -> bool {
        self.page.stale && self.list.rank.pending.is_none()
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page_rows() as isize)),
            Action::PageDown => self.move_by(self.page_rows() as isize),
            Action::Home => self.move_by(isize::MIN / 2),
            Action::End => self.move_by(isize::MAX / 2),
            Action::FocusSearch if self.screen.focus == Focus::Detail => self.start_find(),
            Action::FocusSearch => self.screen.focus = Focus::Search,
            Action::Input(c) => self.input(c),
            Action::DeleteBack => self.delete_back(),
            Action::DeleteWord => self.delete_word(),
            Action::ClearLine => self.clear_line(),
            Action::Back => self.back(),
            Action::Confirm => return self.confirm(),
            Action::FocusNext | Action::FocusPrev => {
                self.screen.focus = match self.screen.focus {
                    Focus::List => Focus::Detail,
                    Focus::Detail | Focus::Search => Focus::List,
                };
            }
            Action::OpenLink(n) => return self.open_link(n),
            Action::PromptLink => self.screen.overlay = Some(Overlay::LinkPrompt(String::new())),
            Action::OpenPage => return self.view_url().map(Effect::Open),
            Action::Join => return self.join(),
            Action::JoinChannel(n) => {
                self.screen.overlay = None;
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
                self.list.sort = self.list.sort.next_in(self.list.scope);
                self.refilter_keeping_selection();
                self.screen.message = Some(format!("Sorted by {}", self.list.sort.label()));
            }
            Action::ToggleHelp => {
                self.screen.help_scroll = 0;
                self.screen.overlay = match self.screen.overlay {
                    Some(Overlay::Help) => None,
                    _ => Some(Overlay::Help),
                };
            }
            Action::Quit => return Some(Effect::Quit),
            Action::Resize(width, height) => {
                self.screen.size = Rect::new(0, 0, width, height);
                self.scroll_list_to_selection();
            }
            Action::Click(x, y) => self.click(x, y),
            Action::Scroll(x, y, delta) => self.wheel(x, y, delta),
            Action::Notify(text) => self.screen.message = Some(text),
            Action::HistoryBack => self.history_step(-1),
            Action::HistoryForward => self.history_step(1),
            Action::ToggleScope => self.toggle_scope(),
            Action::SiteProgress(count) => self.site_progress = count,
            // A reload has brought a newer tree than the first indexing read.
            Action::SiteLoaded(_) if self.tree > 0 => {}
            Action::SiteLoaded(loaded) => self.site_loaded(loaded),
            Action::SiteFailed(why) => {
                self.site_loaded(LoadedSite::new(Arc::default()));
                self.screen.message = Some(format!("Couldn't index the site: {why}"));
            }
            Action::Settle => {}
            Action::FindNext => self.step_find(true),
            Action::FindPrev => self.step_find(false),
            Action::ShowToc => self.show_toc(),
            Action::Edit => return self.edit(),
            // A tree older than the one shown is dropped.
            Action::Reloaded(content) if content.tree < self.tree => {}
            Action::Reloaded(content) => {
                self.tree = content.tree;
                self.reloaded(&content);
            }
            Action::Ranked(ranked) => self.ranked(ranked),
            Action::Rendered(page) => self.page_rendered(page),
            Action::ShowUrl(url) => self.screen.overlay = Some(Overlay::Url(url)),
            Action::BodyHits(found) => self.body_hits(found),
            Action::Sync if self.syncing.is_some() => {
                self.screen.message = Some("A sync is already running".into());
            }
            Action::Sync => {
                self.syncing = Some("Sync: starting…".into());
                return Some(Effect::Sync);
            }
            Action::Syncing(progress) => self.syncing = Some(progress),
            Action::Synced { message, label } => {
                self.syncing = None;
                self.screen.message = Some(message);
                self.source_label = label.or(self.source_label.take());
            }
            Action::Tick(now) => self.tick(now),
            Action::LeaveDemo => return self.leave_demo(),
            Action::Caption(text) => self.set_caption(text),
        }
        None
    }

    fn areas(&self) -> Option<layout::Areas> {
        self.areas_in(self.screen.size)
    }

    fn site_loaded(&mut self, loaded: LoadedSite) {
        // Linking the pages to the communities changes no title or summary: the texts
        // laid out with the site still hold.
        let (site, texts) = loaded.into_parts();
        let site = linked(site, &self.communities);
        self.list.last_search = None;
        self.problems.extend(site.diagnostics.iter().cloned());
        self.site_progress = site.site.pages.len();
        self.list.page_texts = texts;
        self.site = Some(site);
        self.report_problems();
        if self.list.scope == Scope::Site {
            self.refilter_keeping_selection();
        }
    }
}

/// The site with each page knowing its community among `communities`, the ones the app
/// shows with it. A site read with these same communities is already linked and is kept
/// as it is; otherwise the ids are set again (on a copy if the site is shared).
fn linked(mut site: Arc<SiteIndex>, communities: &[crate::content::Community]) -> Arc<SiteIndex> {
    if !site.site.linked_to(communities) {
        Arc::make_mut(&mut site).site.link_communities(communities);
    }
    site
}
