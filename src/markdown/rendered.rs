//! What rendering a page gives: its lines, its numbered links, its headings and anchors.

use super::line_labels::LineLabels;
use super::page_lines::PageLines;
use super::page_links::PageLinks;

/// Where a link leads, as the page marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// A page of this copy of the site: opens inside copdeck.
    Local,
    /// Anywhere else: opens in the browser.
    External,
    /// A `mailto:` link: opens the mail program.
    Mail,
}

impl LinkKind {
    /// The mark shown after a link's number.
    pub fn mark(self) -> &'static str {
        match self {
            Self::Local => "⌂",
            Self::External => "↗",
            Self::Mail => "✉",
        }
    }

    /// How links are marked when no site is known: only mail and the rest.
    pub fn without_site(url: &str) -> Self {
        if url.trim_start().to_ascii_lowercase().starts_with("mailto:") {
            Self::Mail
        } else {
            Self::External
        }
    }
}

/// A link found on a page, numbered by its position in `Rendered::links` (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub url: String,
    pub kind: LinkKind,
}

/// A rendered page body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub lines: PageLines,
    pub links: PageLinks,
    /// The page's headings: the line each starts on, and its text.
    pub headings: LineLabels,
    /// `#anchor` targets: the line each is on, and a heading's id (given as `{#id}` or
    /// made from its text as Hugo makes it) or an HTML element's `id`.
    pub anchors: LineLabels,
}
