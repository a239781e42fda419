//! The list: what the query, filter, scope and order leave, and the selection in it.

use super::jobs::{RankJob, Ranked, rank_site};
use super::{App, Elsewhere, Scope, Sort, View, Visit};
use crate::search::query::{Query, QueryError, parse_query};
use crate::search::rank::Hit;

impl App {
    /// How many entries the query searches: what the site lists, or every page when
    /// "show all" is on or the query asks for hidden or expired ones.
    pub fn total(&self) -> usize {
        match (self.list.scope, &self.site) {
            (Scope::Site, Some(site)) => site.site.pages.len(),
            (Scope::Site, None) => 0,
            (Scope::Communities, _) => self
                .communities
                .iter()
                .filter(|c| {
                    self.list.show_all || self.list.searched.reveals_unlisted() || c.listed()
                })
                .count(),
        }
    }

    pub(super) fn select(&mut self, row: usize) {
        if row != self.list.selected || self.page.history.is_empty() {
            self.list.selected = row;
            self.show_selection();
        }
        self.scroll_list_to_selection();
    }

    /// Starts the page pane's history afresh at the selected entry.
    pub(super) fn show_selection(&mut self) {
        let view = self
            .list
            .hits
            .get(self.list.selected)
            .map(|hit| match self.list.scope {
                Scope::Communities => View::Community(hit.id),
                Scope::Site => self.view_of_page(hit.id),
            });
        self.page.history = view
            .into_iter()
            .map(|view| Visit { view, scroll: 0 })
            .collect();
        self.page.history_pos = 0;
        self.page.scroll = 0;
    }

    pub(super) fn scroll_list_to_selection(&mut self) {
        let rows = self.areas().map_or(1, |a| a.list_rows()).max(1);
        if self.list.selected < self.list.offset {
            self.list.offset = self.list.selected;
        } else if self.list.selected >= self.list.offset + rows {
            self.list.offset = self.list.selected + 1 - rows;
        }
        let max_offset = self.list.hits.len().saturating_sub(rows);
        self.list.offset = self.list.offset.min(max_offset);
    }

    pub(super) fn toggle_all(&mut self) {
        self.list.show_all = !self.list.show_all;
        self.refilter_keeping_selection();
        let what = if self.list.show_all {
            "Showing hidden and expired pages too"
        } else {
            "Showing the pages the site lists"
        };
        self.screen.message = Some(what.to_string());
    }

    pub(super) fn toggle_scope(&mut self) {
        let Some(site) = &self.site else {
            self.screen.message = Some(format!(
                "Still indexing the site ({} pages so far); try again in a moment",
                self.site_progress
            ));
            return;
        };
        let pages = site.site.pages.len();
        self.list.scope = match self.list.scope {
            Scope::Communities => Scope::Site,
            Scope::Site => Scope::Communities,
        };
        if self.list.scope == Scope::Site && self.list.sort == Sort::Members {
            self.list.sort = Sort::Site;
        }
        let key = self.browse_key(super::Action::ToggleScope);
        self.screen.message = Some(match self.list.scope {
            Scope::Site => {
                format!("Searching all {pages} pages of the site ({key}: communities only)")
            }
            Scope::Communities => format!("Searching communities ({key}: the whole site)"),
        });
        self.screen.focus = super::Focus::Search;
        self.refilter();
    }

    /// Recomputes the list for the query, filter, scope and order; selects the first.
    /// While the query has an error the list answers the last query without one, so a
    /// half-typed operator (`members:>`) does not blank it; when that query does not
    /// suit a scope switched to since, the list is empty.
    pub(super) fn refilter(&mut self) {
        let query = self.parse_for_scope();
        // Any ranking a worker still runs is for an older list: drop it when it comes.
        self.list.rank.generation += 1;
        self.list.rank.pending = None;
        let hits = match &query {
            Some(query) => self.hits_for(query),
            None => Vec::new(),
        };
        self.finish_refilter(query, hits);
    }

    /// `refilter` for a keystroke in the search line: with workers, ranking the whole
    /// site is asked of the shell (`Effect::Rank`) and the list keeps its rows until the
    /// hits come back as `Action::Ranked`; a newer keystroke supersedes an older one.
    pub(super) fn refilter_typed(&mut self) {
        let Some(site) = self.site.clone().filter(|_| self.background) else {
            return self.refilter();
        };
        if self.list.scope != Scope::Site {
            return self.refilter();
        }
        let Some(query) = self.parse_for_scope() else {
            return self.refilter();
        };
        self.list.rank.generation += 1;
        self.list.rank_wanted = Some(RankJob {
            generation: self.list.rank.generation,
            site,
            texts: self.list.page_texts.clone(),
            all: self.list.show_all || query.reveals_unlisted(),
            narrow_from: self
                .can_narrow_to(&query)
                .then(|| self.list.hits.iter().map(|h| h.id).collect()),
            query: query.clone(),
        });
        self.list.rank.pending = Some(query);
    }

    /// Hits ranked by a worker: the list shows them when they answer the newest query.
    pub(super) fn ranked(&mut self, ranked: Ranked) {
        if ranked.generation != self.list.rank.generation {
            return;
        }
        if let Some(query) = self.list.rank.pending.take() {
            self.finish_refilter(Some(query), ranked.hits);
        }
    }

    /// The query typed, parsed; on an error the last good one that suits the scope.
    fn parse_for_scope(&mut self) -> Option<Query> {
        match parse_query(&self.list.query).and_then(|q| self.suits_scope(q)) {
            Ok(query) => {
                self.list.query_error = None;
                Some(query)
            }
            Err(err) => {
                self.list.query_error = Some(match err {
                    QueryError::CommunitiesOnly { .. } => {
                        let key = self.browse_key(super::Action::ToggleScope);
                        format!("{err}; press {key} to search them")
                    }
                    _ => err.to_string(),
                });
                self.suits_scope(self.list.searched.clone()).ok()
            }
        }
    }

    /// Puts the hits of `query` in the list, in the chosen order, and selects the first.
    fn finish_refilter(&mut self, query: Option<Query>, hits: Vec<Hit>) {
        self.list.hits = hits;
        self.list.last_search = query
            .is_some()
            .then_some((self.list.scope, self.list.show_all));
        self.list.elsewhere = match &query {
            Some(query) if self.list.hits.is_empty() => self.elsewhere(query),
            _ => Elsewhere::default(),
        };
        // In the whole-site scope, words of three letters or more are also looked for
        // in the pages' text, in the background; earlier searches stop.
        let words = match &query {
            Some(query)
                if self.list.scope == Scope::Site
                    && self.site.is_some()
                    && query.filters.is_empty()
                    && query.text.trim().chars().count() >= 3 =>
            {
                query.text.trim().to_string()
            }
            _ => String::new(),
        };
        // With nothing to look for, the shell is only told when a search must stop.
        self.list.body_search_wanted =
            (!words.is_empty() || self.list.body_search.running).then_some(words);
        if let Some(query) = query {
            self.list.searched = query;
        }
        self.apply_sort();
        self.list.selected = 0;
        self.list.offset = 0;
        self.show_selection();
    }

    /// The query, unless it uses operators the current scope cannot answer.
    fn suits_scope(&self, query: Query) -> Result<Query, QueryError> {
        if self.list.scope == Scope::Site {
            query.check_pages()?;
        }
        Ok(query)
    }

    /// What `query` matches in the current scope, ranked.
    fn hits_for(&self, query: &Query) -> Vec<Hit> {
        let all = self.list.show_all || query.reveals_unlisted();
        match (self.list.scope, &self.site) {
            (Scope::Site, Some(site)) => {
                // A longer query matches a subset of what the shorter one matched: search
                // only those.
                let narrow_from: Option<Vec<usize>> = self
                    .can_narrow_to(query)
                    .then(|| self.list.hits.iter().map(|h| h.id).collect());
                rank_site(
                    &self.list.searcher,
                    site,
                    &self.list.page_texts,
                    query,
                    all,
                    narrow_from.as_deref(),
                    &|| false,
                )
                .unwrap_or_default()
            }
            (Scope::Site, None) => Vec::new(),
            (Scope::Communities, _) => {
                let communities = &self.communities;
                let ids = query.communities(communities, all);
                self.list.searcher.search(communities, ids, &query.text)
            }
        }
    }

    /// What `query`, which finds no community, finds among the hidden ones and in the
    /// whole site, so the empty list can say where to look.
    fn elsewhere(&self, query: &Query) -> Elsewhere {
        if self.list.scope != Scope::Communities || query.text.trim().is_empty() {
            return Elsewhere::default();
        }
        let communities = &self.communities;
        let hidden = if self.list.show_all || query.reveals_unlisted() {
            0
        } else {
            let ids = query
                .communities(communities, true)
                .filter(|&i| !communities[i].listed());
            self.list
                .searcher
                .search(communities, ids, &query.text)
                .len()
        };
        let site = match &self.site {
            Some(site) if query.check_pages().is_ok() => {
                let pages = &site.site.pages;
                let ids = (0..pages.len())
                    .filter(|&i| pages[i].listed() && query.accepts_page(&pages[i]));
                self.list
                    .searcher
                    .search_pages(&self.list.page_texts.with(pages), ids, &query.text)
                    .len()
            }
            _ => 0,
        };
        Elsewhere { hidden, site }
    }

    /// Whether the list holds every site page `query` can match: it answers a shorter
    /// fuzzy query in the same scope and filter. Operators turn this off, since a
    /// changed operator can widen the list as easily as narrow it.
    fn can_narrow_to(&self, query: &Query) -> bool {
        let before = &self.list.searched;
        self.list.last_search == Some((Scope::Site, self.list.show_all))
            && self.list.scope == Scope::Site
            && before.filters.is_empty()
            && query.filters.is_empty()
            && !before.text.is_empty()
            && query.text.starts_with(before.text.as_str())
    }

    fn apply_sort(&mut self) {
        let communities = &self.communities;
        let pages = self.site.as_ref().map(|s| &s.site.pages);
        match (self.list.sort, self.list.scope) {
            (Sort::Site, _) => {}
            (Sort::Name, Scope::Communities) => self
                .list
                .hits
                .sort_by_cached_key(|h| communities[h.id].name().to_lowercase()),
            (Sort::Members, Scope::Communities) => self
                .list
                .hits
                .sort_by_key(|h| std::cmp::Reverse(communities[h.id].members())),
            (Sort::Name, Scope::Site) => {
                if let Some(pages) = pages {
                    self.list
                        .hits
                        .sort_by_cached_key(|h| pages[h.id].title().to_lowercase());
                }
            }
            (Sort::Members, Scope::Site) => {}
        }
    }

    /// Recomputes the list but stays on the same entry when it is still there.
    pub(super) fn refilter_keeping_selection(&mut self) {
        let current = self.list.hits.get(self.list.selected).map(|h| h.id);
        let history = (
            self.page.history.clone(),
            self.page.history_pos,
            self.page.scroll,
        );
        self.refilter();
        if let Some(row) = current.and_then(|id| self.list.hits.iter().position(|h| h.id == id)) {
            self.list.selected = row;
            (self.page.history, self.page.history_pos, self.page.scroll) = history;
        }
        self.scroll_list_to_selection();
    }
}

/// The score that marks a page found only in its text (below every title match).
pub const TEXT_ONLY: i64 = -1;

impl App {
    /// Adds pages the background search found in their text, after the title matches.
    pub(super) fn body_hits(&mut self, found: crate::search::body::BodyHits) {
        if found.generation != self.list.body_search.generation {
            return;
        }
        if found.done {
            self.list.body_search.running = false;
        }
        let known: std::collections::HashSet<usize> = self.list.hits.iter().map(|h| h.id).collect();
        let expired = |id: usize| {
            self.site.as_ref().is_some_and(|s| {
                let page = &s.site.pages[id];
                !page.listed() && !self.list.show_all
            })
        };
        let new: Vec<Hit> = found
            .ids
            .into_iter()
            .filter(|id| !known.contains(id) && !expired(*id))
            .map(|id| Hit {
                id,
                score: TEXT_ONLY,
            })
            .collect();
        let was_empty = self.list.hits.is_empty();
        self.list.hits.extend(new);
        if was_empty && !self.list.hits.is_empty() {
            self.show_selection();
        }
    }
}
