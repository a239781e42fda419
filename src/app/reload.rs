//! Pages read again after a change on disk: the list, the selection and the page
//! history kept across the reload, by names that survive it.

use super::{App, Scope, View, Visit};
use crate::document::ViewKey;

impl App {
    /// Takes in pages read again after a change on disk, keeping the selection, the
    /// pages in the history and the scroll position; a page that broke is reported.
    pub(super) fn reloaded(&mut self, content: &super::Reloaded) {
        let selected = self
            .list
            .hits
            .get(self.list.selected)
            .map(|h| match self.list.scope {
                Scope::Communities => View::Community(h.id),
                Scope::Site => View::Page(h.id),
            });
        let selected = selected.and_then(|view| self.identity(&view));
        let history: Vec<(Option<ViewKey>, usize)> = self
            .page
            .history
            .iter()
            .map(|visit| (self.identity(&visit.view), visit.scroll))
            .collect();
        let (history_pos, scroll) = (self.page.history_pos, self.page.scroll);
        let problems: Vec<_> = content
            .index
            .diagnostics
            .iter()
            .chain(content.site.site().diagnostics.iter())
            .cloned()
            .collect();
        let new_problem = problems
            .iter()
            .find(|d| !self.problems.contains(d))
            .cloned();
        self.communities = content.index.communities.clone();
        self.problems = problems;
        self.site = Some(super::linked(
            content.site.site().clone(),
            &self.communities,
        ));
        self.list.page_texts = content.site.texts().clone();
        self.list.last_search = None;
        self.refilter();
        if let Some(row) = selected.and_then(|wanted| {
            (0..self.list.hits.len()).find(|&row| {
                let view = match self.list.scope {
                    Scope::Communities => View::Community(self.list.hits[row].id),
                    Scope::Site => View::Page(self.list.hits[row].id),
                };
                self.identity(&view).as_ref() == Some(&wanted)
            })
        }) {
            self.list.selected = row;
        }
        let visits: Vec<Visit> = history
            .iter()
            .filter_map(|(wanted, scroll)| {
                let view = self.view_of_identity(wanted.as_ref()?)?;
                Some(Visit {
                    view,
                    scroll: *scroll,
                })
            })
            .collect();
        if visits.len() == history.len() && !visits.is_empty() {
            self.page.history = visits;
            self.page.history_pos = history_pos.min(self.page.history.len() - 1);
            self.page.scroll = scroll;
        } else {
            self.show_selection();
        }
        self.page.key = None;
        self.scroll_list_to_selection();
        // A new problem is news; otherwise a message already shown (the sync's, say)
        // says more than "reloaded".
        self.screen.message = Some(match (new_problem, self.screen.message.take()) {
            (Some(problem), _) => problem.to_string(),
            (None, Some(shown)) => shown,
            (None, None) => "Pages reloaded".to_string(),
        });
    }

    /// A name for a view that survives reloading: a community's slug, a page's address.
    fn identity(&self, view: &View) -> Option<ViewKey> {
        view.key(&self.communities, self.site.as_ref().map(|s| &s.site))
    }

    fn view_of_identity(&self, key: &ViewKey) -> Option<View> {
        key.view(&self.communities, self.site.as_ref().map(|s| &s.site))
    }
}
