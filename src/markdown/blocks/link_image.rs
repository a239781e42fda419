//! What a page points at: links (numbered where they stand, classified through the one
//! `classify`), images (their alt text) and frames from other sites (title and link).

use super::{OpenLink, Renderer};
use crate::theme::LinkNotes;

impl Renderer<'_> {
    /// Starts a link; a link inside a link is read as part of the outer one.
    pub fn open_link(&mut self, url: &str) -> bool {
        if self.link.is_some() {
            return false;
        }
        self.link = Some(OpenLink {
            url: url.to_string(),
            text: String::new(),
        });
        self.push_style(self.theme.link);
        true
    }

    /// Ends the link: it is numbered where it stands, through the one `classify`.
    pub fn close_link(&mut self) {
        let Some(link) = self.link.take() else {
            return;
        };
        self.pop_style();
        let kind = (self.classify)(&link.url);
        let text = link.text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.out.links.push(&text, &link.url, kind);
        let number = self.out.links.len();
        let mark = match self.theme.link_notes {
            LinkNotes::Marked => kind.mark(),
            LinkNotes::References => "",
        };
        self.marker(&format!("[{number}{mark}]"), self.theme.link_number);
    }

    /// Starts an image: its text (the alt text) follows, then `close_image`.
    pub fn open_image(&mut self) {
        self.push_style(self.theme.muted);
        self.marker("[image: ", self.style());
    }

    pub fn close_image(&mut self) {
        if let Some((last, _)) = self.runs.last()
            && last == "[image: "
        {
            self.runs.truncate_last(last.len() - 2);
        }
        self.marker("]", self.style());
        self.pop_style();
    }

    /// A whole image from its alt text (HTML `<img>`): nothing when it has none, unless
    /// it is what a link shows.
    pub fn image_with_alt(&mut self, alt: &str) {
        let alt = alt.trim();
        if alt.is_empty() && self.link.is_none() {
            return;
        }
        self.open_image();
        if !alt.is_empty() {
            self.text(alt);
        }
        self.close_image();
    }

    /// A frame from another site: its title and a link to what it shows.
    pub fn frame(&mut self, title: &str, src: &str) {
        self.block_break();
        let title = if title.trim().is_empty() {
            "Embedded content"
        } else {
            title.trim()
        };
        self.marker("▶ ", self.theme.accent);
        if !src.trim().is_empty() && self.open_link(src.trim()) {
            self.text(title);
            self.close_link();
        } else {
            self.text(title);
        }
        self.block_break();
    }
}
