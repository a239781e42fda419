//! Pages of the site other than communities, and the generated listings of a topic or
//! an author (what is tagged with it, newest first).

use ratatui::style::Style;

use super::{Builder, escape_text, name_of, tags_markdown};
use crate::content::model::{SITE, display_title};
use crate::content::{Site, SitePage};
use crate::markdown::Rendered;
use crate::theme::Theme;

/// "Resources", "News", … for a section folder name.
pub fn section_label(section: &str) -> String {
    let mut chars = section.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Home".to_string(),
    }
}

/// A section's name as the site shows it: the title of its own page
/// (`news/_index.md` says "Blogs"), else the folder's name capitalised.
pub fn section_name(site: Option<&Site>, section: &str) -> String {
    site.and_then(|site| {
        let page = &site.pages[site.page_at(&format!("/{section}/"))?];
        (page.is_section && page.section() == section && !page.title().is_empty())
            .then(|| page.title().to_string())
    })
    .unwrap_or_else(|| section_label(section))
}

/// The line under a page's title: section, date and authors.
pub(crate) fn meta_line(page: &SitePage, site: Option<&Site>) -> String {
    let mut parts = vec![section_name(site, page.section())];
    if let Some(date) = page.date {
        parts.push(date.format("%B %-d, %Y").to_string());
    }
    if !page.authors().is_empty() {
        let names: Vec<String> = page
            .authors()
            .map(|a| name_of(site, "authors", a))
            .collect();
        parts.push(format!("by {}", names.join(", ")));
    }
    if page.expired {
        parts.push("expired".to_string());
    }
    parts.join(" · ")
}

/// The line that says an expired page is no longer on the site, with its day.
pub fn expired_banner(page: &SitePage) -> Option<String> {
    page.expired.then(|| match page.expiry {
        Some(day) => format!("Expired on {day}: the site no longer serves this page"),
        None => "Expired: the site no longer serves this page".to_string(),
    })
}

/// Any page of the site, with its body as read from its file.
pub fn render_site_page(
    page: &SitePage,
    body: &str,
    site: Option<&Site>,
    width: usize,
    theme: &Theme,
) -> Rendered {
    let mut b = Builder::new(theme, width);
    b.para(page.title(), theme.title);
    b.para(&meta_line(page, site), theme.muted);
    if let Some(banner) = expired_banner(page) {
        b.para(&banner, theme.warning);
    }
    if !page.summary().is_empty() {
        b.para(page.summary(), Style::new());
    }
    let body = format!(
        "{body}{}",
        tags_markdown(site, page.topics(), page.authors())
    );
    let links = b.markdown(&body, site, Some(page.file_key()));
    b.finish(&page.url(), links, site)
}

/// Markdown list items linking to pages: title, then section and date.
fn list_markdown(site: &Site, ids: &[usize]) -> String {
    ids.iter()
        .map(|&id| {
            let page = &site.pages[id];
            let date = page.date.map(|d| format!(", {d}")).unwrap_or_default();
            format!(
                "- [{}]({}) — {}{date}\n",
                escape_text(display_title(page.title())),
                page.address(),
                section_label(page.section())
            )
        })
        .collect()
}

/// A topic's or author's page before it is drawn: its own page's title, summary and
/// body when there is one, then its lists, all as Markdown.
pub struct Listing<'a> {
    /// "topic" or "author".
    pub kind: &'static str,
    pub title: String,
    pub summary: &'a str,
    pub markdown: String,
    pub url: String,
    /// The own page's file, which its refs start from.
    pub file_key: Option<String>,
    /// The own page's file as the loader names it.
    pub source: Option<&'a str>,
}

impl<'a> Listing<'a> {
    fn new(
        kind: &'static str,
        own: Option<(&'a SitePage, &str)>,
        fallback_title: String,
        groups: Vec<(&str, String)>,
        url: String,
    ) -> Self {
        let (title, summary, mut markdown) = match own {
            Some((page, body)) => (page.title().to_string(), page.summary(), body.to_string()),
            None => (fallback_title, "", String::new()),
        };
        let file_key = own.map(|(page, _)| page.file_key().to_string());
        let source = own.map(|(page, _)| page.source.as_str());
        for (heading, items) in groups {
            if !items.is_empty() {
                markdown.push_str(&format!("\n\n## {heading}\n\n{items}"));
            }
        }
        Self {
            kind,
            title,
            summary,
            markdown,
            url,
            file_key,
            source,
        }
    }

    /// Draws the listing as a page of the site.
    pub fn render(&self, site: &Site, width: usize, theme: &Theme) -> Rendered {
        let mut b = Builder::new(theme, width);
        b.para(&self.title, theme.title);
        if !self.summary.is_empty() {
            b.para(self.summary, Style::new());
        }
        let links = b.markdown(&self.markdown, Some(site), self.file_key.as_deref());
        b.finish(&self.url, links, Some(site))
    }
}

/// A topic: its page, then the communities and the other pages tagged with it.
pub fn topic_listing<'a>(slug: &str, body: Option<&str>, site: &'a Site) -> Listing<'a> {
    let tagged: Vec<usize> = site
        .tagged(slug)
        .into_iter()
        .filter(|&id| !site.pages[id].expired)
        .collect();
    let (communities, pages): (Vec<usize>, Vec<usize>) = tagged
        .into_iter()
        .partition(|&id| site.pages[id].section() == "communities");
    let own = site
        .topic_page(slug)
        .map(|id| (&site.pages[id], body.unwrap_or("")));
    let title = format!("Topic: {}", name_of(Some(site), "topics", slug));
    let groups = vec![
        ("Communities", list_markdown(site, &communities)),
        ("Pages on this topic", list_markdown(site, &pages)),
    ];
    Listing::new(
        "topic",
        own,
        title,
        groups,
        format!("{SITE}/topics/{slug}/"),
    )
}

/// An author: their page, then what they wrote.
pub fn author_listing<'a>(slug: &str, body: Option<&str>, site: &'a Site) -> Listing<'a> {
    let written = site.written_by(slug);
    let own = site
        .author_page(slug)
        .map(|id| (&site.pages[id], body.unwrap_or("")));
    let title = format!("Author: {}", name_of(Some(site), "authors", slug));
    let groups = vec![("Written by them", list_markdown(site, &written))];
    Listing::new(
        "author",
        own,
        title,
        groups,
        format!("{SITE}/authors/{slug}/"),
    )
}
