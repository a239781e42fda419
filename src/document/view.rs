//! What the page pane or `copdeck show` displays, and the one place that turns it into a
//! document: a community with its join card, any other page of the site, or a topic's or
//! author's listing.

use super::{
    Listing, author_listing, community_markdown, listing_markdown, render_page, render_site_page,
    site_page_markdown, topic_listing,
};
use std::path::{Path, PathBuf};

use super::name_of;
use crate::content::model::SITE;
use crate::content::{Community, Site, SitePage, Target, read_body};
use crate::markdown::Rendered;
use crate::theme::Theme;

/// A page to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// A community, by its place in the list of communities.
    Community(usize),
    /// Any other page, by its place in the site's pages.
    Page(usize),
    /// A topic's listing, by slug.
    Topic(String),
    /// An author's listing, by slug.
    Author(String),
}

impl View {
    /// The view of page `id` of the site: a community's own page shows the community, a
    /// topic's or author's own page its listing.
    pub fn of_page(site: &Site, id: usize) -> Self {
        Self::of_target(site, site.page_target(id))
    }

    /// The community this view shows, among `communities`.
    pub fn community<'a>(&self, communities: &'a [Community]) -> Option<&'a Community> {
        match self {
            Self::Community(id) => communities.get(*id),
            _ => None,
        }
    }

    /// A short name for the view, for a breadcrumb.
    pub fn title(&self, communities: &[Community], site: Option<&Site>) -> String {
        match self {
            Self::Community(id) => communities[*id].name().to_string(),
            Self::Page(id) => site.map_or_else(String::new, |s| s.pages[*id].title().to_string()),
            Self::Topic(slug) => format!("Topic: {}", name_of(site, "topics", slug)),
            Self::Author(slug) => name_of(site, "authors", slug),
        }
    }

    /// The view's address on the site (for a moved community, where it lives now).
    pub fn url(&self, communities: &[Community], site: Option<&Site>) -> Option<String> {
        Some(match self {
            Self::Community(id) => communities[*id].home_url(),
            Self::Page(id) => site?.pages[*id].url(),
            Self::Topic(slug) => format!("{SITE}/topics/{slug}/"),
            Self::Author(slug) => format!("{SITE}/authors/{slug}/"),
        })
    }

    /// The file the view's page is read from, when it has one to edit: listings are
    /// made by copdeck, and the built-in pages live in the program.
    pub fn file(&self, communities: &[Community], site: Option<&Site>) -> Option<PathBuf> {
        match self {
            Self::Community(id) => Some(PathBuf::from(&communities[*id].source)),
            Self::Page(id) => site?.pages[*id].file().map(Path::to_path_buf),
            Self::Topic(_) | Self::Author(_) => None,
        }
    }

    /// The view of a place in the site a link or an address leads to.
    pub fn of_target(site: &Site, target: Target) -> Self {
        match target {
            Target::Page(id) => match community_of_page(site, id) {
                Some(community) => Self::Community(community),
                None => Self::Page(id),
            },
            Target::Topic(slug) => Self::Topic(slug),
            Target::Author(slug) => Self::Author(slug),
        }
    }
}

/// A view by names that survive reading the pages again (after a change on disk), when
/// every id may have moved: a community's slug, a page's address, a topic's or author's
/// slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewKey {
    Community(String),
    Page(String),
    Topic(String),
    Author(String),
}

impl View {
    /// The view's key among the pages it was found in.
    pub fn key(&self, communities: &[Community], site: Option<&Site>) -> Option<ViewKey> {
        Some(match self {
            Self::Community(id) => ViewKey::Community(communities.get(*id)?.slug.clone()),
            Self::Page(id) => ViewKey::Page(site?.pages.get(*id)?.address().to_string()),
            Self::Topic(slug) => ViewKey::Topic(slug.clone()),
            Self::Author(slug) => ViewKey::Author(slug.clone()),
        })
    }
}

impl ViewKey {
    /// The view this key names among the pages as they are read now.
    pub fn view(&self, communities: &[Community], site: Option<&Site>) -> Option<View> {
        match self {
            Self::Community(slug) => communities
                .iter()
                .position(|c| &c.slug == slug)
                .map(View::Community),
            Self::Page(address) => {
                let site = site?;
                let id = site.page_at(address)?;
                Some(View::of_page(site, id))
            }
            Self::Topic(slug) => Some(View::Topic(slug.clone())),
            Self::Author(slug) => Some(View::Author(slug.clone())),
        }
    }
}

/// The community whose own page is page `id` of the site, if it is one: among the
/// communities the site was linked with (`Site::link_communities`).
pub fn community_of_page(site: &Site, id: usize) -> Option<usize> {
    site.pages[id].community.map(|id| id as usize)
}

/// A view with what it shows read in: the community, the page with its body, or the
/// listing. Drawn as lines for the pane and `show`, or written out as Markdown.
pub enum Document<'a> {
    Community {
        community: &'a Community,
        site: Option<&'a Site>,
    },
    Page {
        page: &'a SitePage,
        /// The page's body, or why its file could not be read.
        body: Result<String, String>,
        site: &'a Site,
    },
    Listing {
        listing: Listing<'a>,
        site: &'a Site,
    },
}

impl<'a> Document<'a> {
    /// Reads what `view` shows. `community` is the community a community view shows;
    /// the other views need the site. None when the view has nothing to show.
    pub fn open(
        view: &View,
        community: Option<&'a Community>,
        site: Option<&'a Site>,
    ) -> Option<Self> {
        let listing_body = |site: &Site, id: Option<usize>| {
            id.map(|id| read_body(site.pages[id].text_source()).unwrap_or_else(unreadable))
        };
        Some(match (view, site) {
            (View::Community(_), _) => Self::Community {
                community: community?,
                site,
            },
            (View::Page(id), Some(site)) => Self::Page {
                page: &site.pages[*id],
                body: read_body(site.pages[*id].text_source()),
                site,
            },
            (View::Topic(slug), Some(site)) => {
                let body = listing_body(site, site.topic_page(slug));
                Self::Listing {
                    listing: topic_listing(slug, body.as_deref(), site),
                    site,
                }
            }
            (View::Author(slug), Some(site)) => {
                let body = listing_body(site, site.author_page(slug));
                Self::Listing {
                    listing: author_listing(slug, body.as_deref(), site),
                    site,
                }
            }
            (_, None) => return None,
        })
    }

    /// The document as lines `width` columns wide.
    pub fn render(&self, width: usize, theme: &Theme) -> Rendered {
        match self {
            Self::Community { community, site } => render_page(community, width, theme, *site),
            Self::Page { page, body, site } => {
                render_site_page(page, &body_text(body), Some(site), width, theme)
            }
            Self::Listing { listing, site } => listing.render(site, width, theme),
        }
    }

    /// The top of a long document, for the first frame of its page: its body cut at a
    /// paragraph break before `head_bytes`. None when the body is short enough that
    /// rendering it whole costs about the same, or the document has no body to cut.
    pub fn render_head(&self, width: usize, theme: &Theme, head_bytes: usize) -> Option<Rendered> {
        match self {
            Self::Community { community, site } => {
                let cut = head_cut(&community.body, head_bytes)?;
                let mut head = (*community).clone();
                head.body.truncate(cut);
                Some(render_page(&head, width, theme, *site))
            }
            Self::Page {
                page,
                body: Ok(body),
                site,
            } => {
                let cut = head_cut(body, head_bytes)?;
                Some(render_site_page(
                    page,
                    &body[..cut],
                    Some(site),
                    width,
                    theme,
                ))
            }
            _ => None,
        }
    }

    /// The document as Markdown, for `show --format markdown`.
    pub fn markdown(&self) -> String {
        match self {
            Self::Community { community, site } => community_markdown(community, *site),
            Self::Page { page, body, site } => {
                site_page_markdown(page, &body_text(body), Some(site))
            }
            Self::Listing { listing, site } => listing_markdown(listing, site),
        }
    }
}

/// What `view` shows, as lines `width` columns wide: empty when it shows nothing.
pub fn render(
    view: &View,
    community: Option<&Community>,
    site: Option<&Site>,
    width: usize,
    theme: &Theme,
) -> Rendered {
    Document::open(view, community, site)
        .map(|document| document.render(width, theme))
        .unwrap_or_default()
}

/// Where a long body's head ends: after the last blank line before `head_bytes`. None
/// for a body under four heads long, or one with no paragraph break to cut at.
fn head_cut(body: &str, head_bytes: usize) -> Option<usize> {
    if body.len() <= head_bytes.saturating_mul(4) {
        return None;
    }
    // The blank line is ASCII, so cutting after it is always on a character boundary.
    let window = &body.as_bytes()[..head_bytes];
    memchr::memmem::rfind(window, b"\n\n").map(|at| at + 1)
}

/// A body to draw: the text, or a line saying why the file could not be read.
fn body_text(body: &Result<String, String>) -> std::borrow::Cow<'_, str> {
    match body {
        Ok(text) => text.into(),
        Err(err) => unreadable(err.clone()).into(),
    }
}

fn unreadable(err: String) -> String {
    format!("*This page could not be read: {err}*")
}
