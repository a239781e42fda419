//! Work `update` hands to the shell's worker threads when the browser runs with workers:
//! ranking a query over the whole site, and rendering a page. Each job carries what it
//! needs and its generation; its result comes back as an action, and a result whose
//! generation is not the newest asked for is dropped. Tests run the same jobs inline.

use std::sync::Arc;

use super::View;
use crate::content::{Community, SiteIndex};
use crate::document::Document;
use crate::markdown::Rendered;
use crate::search::query::Query;
use crate::search::rank::{Hit, PageTexts, Searcher, Stop};
use crate::theme::Theme;

/// Ranking one query over the site's pages.
#[derive(Clone)]
pub struct RankJob {
    pub generation: u64,
    pub(super) site: Arc<SiteIndex>,
    pub(super) texts: Arc<PageTexts>,
    pub(super) query: Query,
    /// Whether hidden and expired pages count.
    pub(super) all: bool,
    /// The hits of a shorter query this one narrows (see `App::can_narrow_to`).
    pub(super) narrow_from: Option<Vec<usize>>,
}

impl RankJob {
    /// Ranks the query; the result goes back to `update` as `Action::Ranked`.
    pub fn run(self) -> Ranked {
        self.run_unless(&|| false)
            .expect("a ranking that is never stopped ends")
    }

    /// Ranks the query unless `stop` says to give up first (a newer query came): then
    /// None, and nothing goes back.
    pub fn run_unless(self, stop: &Stop<'_>) -> Option<Ranked> {
        let hits = rank_site(
            &Searcher::default(),
            &self.site,
            &self.texts,
            &self.query,
            self.all,
            self.narrow_from.as_deref(),
            stop,
        )?;
        Some(Ranked {
            generation: self.generation,
            hits,
        })
    }
}

/// A job is known by its generation.
impl PartialEq for RankJob {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}

impl Eq for RankJob {}

impl std::fmt::Debug for RankJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RankJob({}, {:?})", self.generation, self.query.text)
    }
}

/// The ranked hits of one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub generation: u64,
    pub hits: Vec<Hit>,
}

/// What `query` matches among the site's pages, ranked, or None when `stop` said to
/// give up. With `narrow_from` (the ids a shorter query matched), only those are
/// searched, in site order.
pub(super) fn rank_site(
    searcher: &Searcher,
    site: &SiteIndex,
    texts: &PageTexts,
    query: &Query,
    all: bool,
    narrow_from: Option<&[usize]>,
    stop: &Stop<'_>,
) -> Option<Vec<Hit>> {
    let pages = &site.site.pages;
    let ids: Vec<usize> = match narrow_from {
        Some(previous) => {
            // The previous matches in site order, without sorting them: mark, then read.
            let mut matched = vec![false; pages.len()];
            for &id in previous {
                matched[id] = true;
            }
            (0..matched.len()).filter(|&id| matched[id]).collect()
        }
        // No filter: the listed pages, known in advance, or every page.
        None if query.filters.is_empty() && !all => texts.listed().to_vec(),
        None if query.filters.is_empty() => (0..pages.len()).collect(),
        None => query.pages(pages, all).collect(),
    };
    searcher.rank_unless(&texts.with(pages), &ids, &query.text, stop)
}

/// Rendering the page pane's view at a width.
#[derive(Clone)]
pub struct PageJob {
    pub generation: u64,
    pub(super) view: View,
    pub(super) width: usize,
    /// The community a community view shows (boxed: a community is large).
    pub(super) community: Option<Box<Community>>,
    pub(super) site: Option<Arc<SiteIndex>>,
    pub(super) theme: Theme,
    /// About how much of a long body fills the pane: its head is rendered first.
    pub(super) head_bytes: usize,
}

impl PageJob {
    /// Renders the page; the result goes back to `update` as `Action::Rendered`.
    pub fn run(self) -> RenderedPage {
        let mut whole = None;
        self.run_in_parts(|page| {
            whole = Some(page);
            true
        });
        whole.expect("the whole page is always rendered last")
    }

    /// Renders the page as the renderer sends it, each part going back to `update` as
    /// `Action::Rendered`: a long page's top first (marked partial), so the pane shows it
    /// at once, then the whole page; the page is read once for both. Stops after a part
    /// `send` answers false to (a newer page was asked for).
    pub fn run_in_parts(&self, mut send: impl FnMut(RenderedPage) -> bool) {
        let site = self.site.as_deref().map(|s| &s.site);
        let document = Document::open(&self.view, self.community.as_deref(), site);
        let part = |page, partial| RenderedPage {
            generation: self.generation,
            page: Arc::new(page),
            partial,
        };
        let head = document
            .as_ref()
            .and_then(|d| d.render_head(self.width, &self.theme, self.head_bytes));
        if let Some(head) = head
            && !send(part(head, true))
        {
            return;
        }
        let whole = document
            .map(|d| d.render(self.width, &self.theme))
            .unwrap_or_default();
        send(part(whole, false));
    }
}

impl PartialEq for PageJob {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}

impl Eq for PageJob {}

impl std::fmt::Debug for PageJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PageJob({}, {:?})", self.generation, self.view)
    }
}

/// A page rendered for the page pane.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    pub generation: u64,
    pub page: Arc<Rendered>,
    /// Only the page's head (see `PageJob::run_in_parts`): the whole page follows.
    pub partial: bool,
}

impl PartialEq for RenderedPage {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.partial == other.partial
            && Arc::ptr_eq(&self.page, &other.page)
    }
}

impl Eq for RenderedPage {}
