//! The page pane: which page it shows, its history, and following its links.

use std::sync::Arc;

use super::jobs::{PageJob, RenderedPage};
use super::{App, Effect, Overlay, View, Visit};
use crate::content::Community;
use crate::markdown::{LinkKind, Rendered};

impl App {
    /// What the page pane shows now.
    pub fn view(&self) -> Option<&View> {
        self.page
            .history
            .get(self.page.history_pos)
            .map(|visit| &visit.view)
    }

    /// The community the page pane shows, if it shows one.
    pub fn current(&self) -> Option<&Community> {
        self.view()?.community(&self.communities)
    }

    /// A short name for a view, for the breadcrumb.
    pub fn view_title(&self, view: &View) -> String {
        view.title(&self.communities, self.site.as_ref().map(|s| &s.site))
    }

    /// The trail of pages that led to the shown one.
    pub fn breadcrumb(&self) -> Vec<String> {
        self.page.history[..self.page.history.len().min(self.page.history_pos + 1)]
            .iter()
            .map(|visit| self.view_title(&visit.view))
            .collect()
    }

    /// The address of what the page pane shows (where a moved community lives now).
    pub(super) fn view_url(&self) -> Option<String> {
        let site = self.site.as_ref().map(|s| &s.site);
        self.view()?.url(&self.communities, site)
    }

    /// The view for a page of the site: communities get their own view.
    pub(super) fn view_of_page(&self, id: usize) -> View {
        match &self.site {
            Some(site) => View::of_page(&site.site, id),
            None => View::Page(id),
        }
    }

    /// Shows another page in the pane, remembering where this one was scrolled.
    fn go(&mut self, view: View) {
        if let Some(visit) = self.page.history.get_mut(self.page.history_pos) {
            visit.scroll = self.page.scroll;
        }
        self.page.history.truncate(self.page.history_pos + 1);
        self.page.history.push(Visit { view, scroll: 0 });
        self.page.history_pos = self.page.history.len() - 1;
        self.page.scroll = 0;
        self.screen.focus = super::Focus::Detail;
    }

    pub(super) fn history_step(&mut self, step: isize) {
        let target = self.page.history_pos as isize + step;
        if target < 0 || target as usize >= self.page.history.len() {
            self.screen.message = Some(if step < 0 {
                "Nothing to go back to".into()
            } else {
                "Nothing to go forward to".into()
            });
            return;
        }
        self.page.history[self.page.history_pos].scroll = self.page.scroll;
        self.page.history_pos = target as usize;
        self.page.scroll = self.page.history[self.page.history_pos].scroll;
    }

    pub(super) fn open_link(&mut self, n: usize) -> Option<Effect> {
        let Some(link) = n
            .checked_sub(1)
            .and_then(|i| self.page.rendered.links.get(i))
        else {
            let count = self.page.rendered.links.len();
            self.screen.message = Some(match count {
                0 => "This page has no links".to_string(),
                1 => format!("No link {n}: this page has one link"),
                _ => format!("No link {n}: this page has links 1–{count}"),
            });
            return None;
        };
        let anchor = link
            .url
            .split_once('#')
            .map(|(_, anchor)| anchor.to_string())
            .filter(|anchor| !anchor.is_empty());
        if link.url.starts_with('#') {
            // A place on this page.
            self.page.anchor_wanted = anchor;
            self.scroll_to_wanted_anchor();
            return None;
        }
        let target = self.site.as_ref().and_then(|s| s.site.resolve(&link.url));
        match (link.kind, target) {
            (LinkKind::Local, Some(target)) => {
                let site = &self.site.as_ref()?.site;
                let view = View::of_target(site, target);
                self.go(view);
                self.page.anchor_wanted = anchor;
                None
            }
            _ => Some(Effect::Open(link.url)),
        }
    }

    pub(super) fn join(&mut self) -> Option<Effect> {
        let Some(community) = self.current() else {
            self.screen.message = Some("Join works on a community's page".into());
            return None;
        };
        match community.channels.len() {
            0 => {
                let open = self.browse_key(super::Action::OpenPage);
                let community = self.current()?;
                self.screen.message = Some(match &community.redirect {
                    Some(_) => {
                        format!("This community has moved: press {open} to open its new home")
                    }
                    None => "This page lists no way to join".into(),
                });
                None
            }
            1 => self.join_channel(1),
            _ => {
                self.screen.overlay = Some(Overlay::ChooseChannel);
                None
            }
        }
    }

    pub(super) fn join_channel(&mut self, n: usize) -> Option<Effect> {
        let channel = self.current()?.channels.get(n.checked_sub(1)?)?;
        if let Some(mailto) = channel.mailto() {
            return Some(Effect::Open(mailto));
        }
        if let Some(form) = &channel.form {
            return Some(Effect::Open(form.clone()));
        }
        self.screen.message = Some("This channel gives no address or form to join with".into());
        None
    }

    pub(super) fn copy_join(&mut self) -> Option<Effect> {
        let channel = self
            .current()
            .and_then(|c| c.channels.iter().find(|c| c.email.is_some()));
        let Some(channel) = channel else {
            self.screen.message = Some("This page gives no address to copy".into());
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

    /// `e`: the shown page's file, for the editor.
    pub(super) fn edit(&mut self) -> Option<Effect> {
        if !self.editable {
            self.screen.message =
                Some("The built-in pages can't be edited: start copdeck with --content DIR".into());
            return None;
        }
        let site = self.site.as_ref().map(|s| &s.site);
        let path = self.view()?.file(&self.communities, site);
        match path {
            Some(path) => Some(Effect::Edit(path)),
            None => {
                self.screen.message =
                    Some("This listing is made by copdeck; it has no file to edit".into());
                None
            }
        }
    }

    pub(super) fn scroll_page(&mut self, delta: isize) {
        let max = self.max_page_scroll() as isize;
        let target = (self.page.scroll as isize)
            .saturating_add(delta)
            .clamp(0, max);
        self.page.scroll = target as usize;
    }

    /// Furthest the page scrolls: its last line at the bottom of the pane.
    pub fn max_page_scroll(&self) -> usize {
        let rows = self.areas().map_or(1, |a| a.detail_rows());
        self.page.rendered.lines.len().saturating_sub(rows)
    }

    /// Renders the shown page again when it, the pane's width or the site changed. With
    /// workers the rendering is asked of the shell (`Effect::Render`) and the pane keeps
    /// the page it has until the new one comes back.
    pub(super) fn sync_page(&mut self) {
        self.page.stale = false;
        let width = self.areas().map_or(60, |a| a.detail_width());
        let key = self
            .view()
            .cloned()
            .map(|view| (view, width, self.site.is_some()));
        if key != self.page.key {
            self.page.find = None;
            self.page.rendering = false;
            match &key {
                Some((view, width, _)) if self.background => {
                    self.page.render_generation += 1;
                    self.page.rendering = true;
                    self.page.render_wanted = Some(PageJob {
                        generation: self.page.render_generation,
                        view: view.clone(),
                        width: *width,
                        community: self.community_of(view).cloned().map(Box::new),
                        site: self.site.clone(),
                        theme: self.theme,
                        // Two bytes a cell of the pane's first screen.
                        head_bytes: 2 * width * self.areas().map_or(40, |a| a.detail_rows()),
                    });
                }
                Some((view, width, _)) => {
                    let site = self.site.as_deref().map(|s| &s.site);
                    let community = self.community_of(view);
                    self.page.rendered =
                        crate::document::render(view, community, site, *width, &self.theme);
                }
                None => self.page.rendered = Rendered::default(),
            }
            self.page.key = key;
        }
        // While a page renders, the scroll it is to show waits for its length.
        if !self.page.rendering {
            self.scroll_to_wanted_anchor();
            self.page.scroll = self.page.scroll.min(self.max_page_scroll());
        }
    }

    /// Scrolls to the heading or element the followed link's `#anchor` names, once the
    /// page it leads to is drawn. An anchor the page lacks leaves the page at its top.
    fn scroll_to_wanted_anchor(&mut self) {
        let Some(wanted) = self.page.anchor_wanted.take() else {
            return;
        };
        let line = self
            .page
            .rendered
            .anchors
            .iter()
            .find(|(_, id)| id.eq_ignore_ascii_case(&wanted))
            .map(|(line, _)| line);
        match line {
            Some(line) => self.page.scroll = line.min(self.max_page_scroll()),
            None => self.screen.message = Some(format!("No #{wanted} on this page")),
        }
    }

    /// A page rendered by a worker: shown when it is the newest one asked for.
    pub(super) fn page_rendered(&mut self, rendered: RenderedPage) {
        if rendered.generation != self.page.render_generation || !self.page.rendering {
            return;
        }
        if rendered.partial {
            // The head is shown while the whole page renders, when it holds the lines
            // the pane is to show (not for a link to an anchor further down); scrolling,
            // finding and anchors wait for the whole page.
            let rows = self.areas().map_or(1, |a| a.detail_rows());
            let fills = self.page.scroll + rows <= rendered.page.lines.len();
            if fills && self.page.anchor_wanted.is_none() {
                self.page.rendered =
                    Arc::try_unwrap(rendered.page).unwrap_or_else(|page| (*page).clone());
            }
            return;
        }
        self.page.rendering = false;
        self.page.rendered = Arc::try_unwrap(rendered.page).unwrap_or_else(|page| (*page).clone());
        // A find started while the page rendered now looks in the page it meant.
        if let Some(find) = &mut self.page.find {
            find.hits = super::find::find_in_lines(&self.page.rendered.lines, &find.query);
            find.current = find.current.min(find.hits.len().saturating_sub(1));
        }
        self.scroll_to_wanted_anchor();
        self.page.scroll = self.page.scroll.min(self.max_page_scroll());
    }

    fn community_of(&self, view: &View) -> Option<&Community> {
        view.community(&self.communities)
    }
}
