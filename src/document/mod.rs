//! A page as styled lines: a community with its join card, any other page of the site,
//! or a topic's or author's listing. The detail pane and `copdeck show` print these.

mod community;
mod export;
mod join;
pub mod lint;
mod listing;
mod view;

pub use community::{render_page, status_words, upcoming_events};
pub use export::{community_markdown, listing_markdown, site_page_markdown};
pub use join::{
    JOIN_FORM, JoinField, JoinRow, channel_heading, channel_rows, join_form_choice, join_marker,
};
pub use listing::{
    Listing, author_listing, render_site_page, section_label, section_name, topic_listing,
};
pub use view::{Document, View, ViewKey, community_of_page, render};

use ratatui::style::Style;
use ratatui::text::Line;

use std::borrow::Cow;

use crate::content::Site;
use crate::content::links::absolute_url;
use crate::content::refs::resolve_refs;
use crate::content::site::site_path;
use crate::markdown::wrap::{Prefix, Run, wrap_runs};
use crate::markdown::{LineLabels, LinkKind, PageLines, PageLinks, Rendered, render_with_data};
use crate::sanitize::clean_line;
use crate::theme::{LinkNotes, Theme};

/// `1979` → `1,979`.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "about 1.6 emails a week" for a list's traffic.
pub fn traffic(per_week: f64) -> String {
    if per_week < 1.0 {
        format!("about {} emails a month", (per_week * 4.3).round().max(1.0))
    } else {
        format!("about {:.1} emails a week", per_week).replace(".0 emails", " emails")
    }
}

/// Where a link leads, given the site when it is known.
pub fn link_kind(site: Option<&Site>, url: &str) -> LinkKind {
    match (LinkKind::without_site(url), site) {
        (LinkKind::Mail, _) => LinkKind::Mail,
        (_, Some(site)) if site.resolve(url).is_some() => LinkKind::Local,
        _ => LinkKind::External,
    }
}

/// A body with its `ref` shortcodes naming the pages they lead to (when the site is known).
pub fn with_refs<'a>(body: &'a str, site: Option<&Site>, from: Option<&str>) -> Cow<'a, str> {
    match site {
        Some(site) => resolve_refs(body, from, site).body,
        None => Cow::Borrowed(body),
    }
}

/// The file key (`communities/<name>`) of a community page, from its source path.
pub fn community_key(community: &crate::content::Community) -> String {
    let file = community.source.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = file.strip_suffix(".md").unwrap_or(file);
    format!("communities/{stem}")
}

/// The readable name of a topic or author slug: its page's title, else the slug in words.
pub fn name_of(site: Option<&Site>, section: &str, slug: &str) -> String {
    let id = site.and_then(|s| match section {
        "topics" => s.topic_page(slug),
        _ => s.author_page(slug),
    });
    match (site, id) {
        (Some(site), Some(id)) => site.pages[id].title().to_string(),
        _ => words_of_slug(slug),
    }
}

/// A slug with no page of its own, as words: `jean-fox` → "Jean Fox".
fn words_of_slug(slug: &str) -> String {
    slug.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Markdown for a page's topics and authors, each a link to its listing.
pub fn tags_markdown(
    site: Option<&Site>,
    topics: impl IntoIterator<Item = impl AsRef<str>>,
    authors: impl IntoIterator<Item = impl AsRef<str>>,
) -> String {
    let link = |section: &str, slug: &str| {
        format!(
            "[{}](/{section}/{slug}/)",
            escape_text(&name_of(site, section, slug))
        )
    };
    let topics = topics.into_iter().map(|t| link("topics", t.as_ref()));
    let authors = authors.into_iter().map(|a| link("authors", a.as_ref()));
    let mut out = String::new();
    for (label, links) in [
        ("Topics", topics.collect::<Vec<_>>()),
        ("Authors", authors.collect()),
    ] {
        if links.is_empty() {
            continue;
        }
        out.push_str(&format!("\n\n**{label}:** {}", links.join(" · ")));
    }
    out
}

/// Text made safe to place inside a Markdown link's brackets.
pub fn escape_text(text: &str) -> String {
    text.replace(['[', ']'], "")
}

pub(crate) struct Builder<'t> {
    theme: &'t Theme,
    width: usize,
    lines: PageLines,
    headings: LineLabels,
    /// Ids a link's `#anchor` can name, with their lines.
    anchors: LineLabels,
}

impl<'t> Builder<'t> {
    pub fn wrap(&mut self, runs: &[Run], prefix: Prefix) {
        wrap_runs(runs, prefix, self.width, &mut self.lines);
    }

    pub fn para(&mut self, text: &str, style: Style) {
        self.wrap(&[(clean_line(text).into_owned(), style)], Prefix::default());
    }

    /// A value after a label, wrapped under itself.
    pub fn labelled(&mut self, label: &str, value: &str, style: Style) {
        let prefix = Prefix {
            first: vec![(format!("{label:<8}"), self.theme.label)],
            rest: vec![(" ".repeat(8), Style::new())],
        };
        self.wrap(&[(value.to_string(), style)], prefix);
    }

    pub fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    pub fn new(theme: &'t Theme, width: usize) -> Self {
        Self {
            theme,
            width: width.max(1),
            lines: PageLines::new(),
            headings: LineLabels::new(),
            anchors: LineLabels::new(),
        }
    }

    /// Renders Markdown into the page, marking links by where they lead. `from` is the
    /// page's file under `content/` (without `.md`), which relative refs start from.
    pub fn markdown(&mut self, body: &str, site: Option<&Site>, from: Option<&str>) -> PageLinks {
        let body = with_refs(body, site, from);
        let data = site.map(|s| s.data.clone()).unwrap_or_default();
        let classify = |url: &str| link_kind(site, url);
        let rendered = render_with_data(&body, self.width, self.theme, &classify, &data);
        if !rendered.lines.is_empty() {
            self.blank();
            let offset = self.lines.len();
            self.headings.append_shifted(&rendered.headings, offset);
            self.anchors.append_shifted(&rendered.anchors, offset);
            self.lines.append(&rendered.lines);
        }
        rendered.links
    }

    /// Ends the page: its address, then the numbered list of its links.
    pub fn finish(mut self, url: &str, links: PageLinks, site: Option<&Site>) -> Rendered {
        let theme = *self.theme;
        self.blank();
        self.labelled("Page", url, theme.link);
        if !links.is_empty() {
            self.blank();
            let title = match theme.link_notes {
                LinkNotes::Marked => "Links",
                LinkNotes::References => "References",
            };
            self.headings.push(self.lines.len(), title);
            match theme.link_notes {
                LinkNotes::Marked => self.link_list(&links, site),
                LinkNotes::References => self.references(&links),
            }
        }
        Rendered {
            lines: self.lines,
            links,
            headings: self.headings,
            anchors: self.anchors,
        }
    }

    /// copdeck's list: each link's number, where it leads, its text and address.
    fn link_list(&mut self, links: &PageLinks, site: Option<&Site>) {
        let theme = *self.theme;
        self.para("Links", theme.heading);
        for (i, link) in links.iter().enumerate() {
            let number = format!("[{}] {} ", i + 1, link.kind.mark());
            let indent = " ".repeat(number.chars().count() + 1);
            let mut runs = vec![];
            if !link.text.is_empty() && link.text != link.url {
                runs.push((format!("{} ", clean_line(&link.text)), Style::new()));
            }
            let target = match (link.kind, site_path(&absolute_url(&link.url))) {
                (LinkKind::Local, Some(path)) => path,
                (LinkKind::External, Some(_)) if site.is_some() => {
                    format!("{} (not in this copy of the site)", absolute_url(&link.url))
                }
                _ => link.url.clone(),
            };
            runs.push((clean_line(&target).into_owned(), theme.link));
            let prefix = Prefix {
                first: vec![(number, theme.link_number)],
                rest: vec![(indent, Style::new())],
            };
            self.wrap(&runs, prefix);
        }
    }

    /// lynx's list: `References`, then `   N. address` with each address whole, never
    /// wrapped, so that it can be copied.
    fn references(&mut self, links: &PageLinks) {
        self.para("References", self.theme.heading);
        self.blank();
        for (i, link) in links.iter().enumerate() {
            let address = clean_line(&absolute_url(&link.url)).into_owned();
            self.lines.push(Line::styled(
                format!("{:>4}. {address}", i + 1),
                self.theme.link,
            ));
        }
    }
}

/// The plain text of rendered lines, for pipes.
pub fn plain_text(lines: &PageLines) -> String {
    let mut out = String::new();
    for i in 0..lines.len() {
        out.push_str(lines.text_of(i).trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_without_a_page_read_as_words() {
        assert_eq!(name_of(None, "authors", "jean-fox"), "Jean Fox");
        assert_eq!(name_of(None, "topics", "open_data"), "Open Data");
    }

    #[test]
    fn groups_digits() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1979), "1,979");
        assert_eq!(group_digits(1234567), "1,234,567");
    }

    #[test]
    fn describes_traffic() {
        assert_eq!(traffic(1.58), "about 1.6 emails a week");
        assert_eq!(traffic(2.0), "about 2 emails a week");
        assert_eq!(traffic(0.5), "about 2 emails a month");
    }
}
