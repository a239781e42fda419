//! The named parts of the browser's state. Fields the views read are `pub`; the rest are
//! the `app` module's own bookkeeping.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::find::Find;
use super::jobs::{PageJob, RankJob};
use super::{Mode, ScanCard, View};
use crate::markdown::Rendered;
use crate::search::query::Query;
use crate::search::rank::{Hit, PageTexts, Searcher};

/// The search line and the list it ranks.
pub struct ListState {
    pub query: String,
    /// Why the query cannot be run (an unknown operator, a bad value); the list then
    /// still answers the last query that could.
    pub query_error: Option<String>,
    pub hits: Vec<Hit>,
    /// Row of `hits` that is selected.
    pub selected: usize,
    /// First row of `hits` the list shows.
    pub offset: usize,
    pub scope: Scope,
    pub show_all: bool,
    pub sort: Sort,
    /// The text search of page bodies the list waits for.
    pub body_search: BodySearch,
    /// When the communities scope finds nothing: what the same query finds elsewhere.
    pub elsewhere: Elsewhere,
    pub(super) searcher: Searcher,
    /// The parsed query the list answers: the last one typed without an error.
    pub(super) searched: Query,
    /// The scope and filter the list was last computed for; None when the list
    /// cannot be narrowed from (the site was loaded since).
    pub(super) last_search: Option<(Scope, bool)>,
    /// The site's titles and summaries, laid out for searching.
    pub(super) page_texts: Arc<PageTexts>,
    /// A text search to start once this update is done.
    pub(super) body_search_wanted: Option<String>,
    /// The ranking of the site the list waits for, when a worker ranks it.
    pub(super) rank: RankState,
    /// A ranking to hand to the shell once this update is done.
    pub(super) rank_wanted: Option<RankJob>,
}

/// Which ranking by a worker the list waits for.
#[derive(Debug, Default)]
pub(super) struct RankState {
    /// The newest ranking asked for; results of older ones are dropped.
    pub(super) generation: u64,
    /// The query being ranked, while its hits are awaited.
    pub(super) pending: Option<Query>,
}

impl Default for ListState {
    fn default() -> Self {
        Self {
            query: String::new(),
            query_error: None,
            hits: Vec::new(),
            selected: 0,
            offset: 0,
            scope: Scope::Communities,
            show_all: false,
            sort: Sort::Site,
            body_search: BodySearch::default(),
            elsewhere: Elsewhere::default(),
            searcher: Searcher::default(),
            searched: Query::default(),
            last_search: None,
            page_texts: Arc::default(),
            body_search_wanted: None,
            rank: RankState::default(),
            rank_wanted: None,
        }
    }
}

/// What a query that finds no community would find with `a` or in the whole site.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Elsewhere {
    /// Hidden or expired communities that match.
    pub hidden: usize,
    /// Pages of the site that match.
    pub site: usize,
}

/// Which text search of page bodies the list waits for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BodySearch {
    /// The newest search started; results of older ones are dropped.
    pub generation: u64,
    /// Whether that search is still running.
    pub running: bool,
}

/// The page pane: the shown page, how it got there, and the find in it.
#[derive(Default)]
pub struct PageState {
    /// The pages shown in the page pane, oldest first, and which one is shown.
    pub history: Vec<Visit>,
    pub history_pos: usize,
    /// The shown page, rendered for the page pane's width.
    pub rendered: Rendered,
    /// First line of the page shown.
    pub scroll: usize,
    /// The word found in the shown page, if any.
    pub find: Option<Find>,
    /// What `rendered` was made from: the view, the width and whether it was the
    /// whole-site scope.
    pub(super) key: Option<(View, usize, bool)>,
    /// The page pane still shows an earlier selection (see `App::update`).
    pub(super) stale: bool,
    /// Whether a worker is rendering the shown view (the pane keeps the last page).
    pub rendering: bool,
    /// The newest rendering asked of a worker; older results are dropped.
    pub(super) render_generation: u64,
    /// A rendering to hand to the shell once this update is done.
    pub(super) render_wanted: Option<PageJob>,
    /// The `#anchor` of the link just followed: the page scrolls to it once drawn.
    pub(super) anchor_wanted: Option<String>,
}

/// The screen around the panes.
pub struct ScreenState {
    /// Which pane the keys move.
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    /// The status bar's message, until the next key.
    pub message: Option<String>,
    pub size: Rect,
    /// First line of the help overlay shown.
    pub help_scroll: usize,
}

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

    /// The next order that means something in `scope`: pages have no members.
    pub(super) fn next_in(self, scope: Scope) -> Self {
        match (self, scope) {
            (Self::Site, _) => Self::Name,
            (Self::Name, Scope::Communities) => Self::Members,
            (Self::Name | Self::Members, _) => Self::Site,
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
    /// A large code to scan, in the demo: a join or a link.
    Scan(ScanCard),
}

impl Overlay {
    /// The keys' mode while this popup is open.
    pub fn mode(&self) -> Mode {
        match self {
            Self::Help => Mode::Help,
            Self::LinkPrompt(_) => Mode::LinkPrompt,
            Self::ChooseChannel => Mode::ChooseChannel,
            Self::Find => Mode::Find,
            Self::Toc(_) => Mode::Toc,
            Self::Url(_) | Self::Scan(_) => Mode::Popup,
        }
    }
}

/// One step of the page pane's history, with where it was scrolled to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub view: View,
    pub scroll: usize,
}
