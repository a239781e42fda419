//! The stable JSON shapes of `list`, `search`, `show` and `join` (documented in the README).

use serde::Serialize;

use crate::content::{Audience, Community, Group, JoinChannel, Platform};
use crate::content::{Site, Target};
use crate::markdown::{LinkKind, PageLinks};

/// One way to join, as JSON.
#[derive(Serialize)]
pub struct ChannelJson<'a> {
    pub platform: &'a Platform,
    pub audience: Option<Audience>,
    pub email: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub body: Option<&'a str>,
    pub form: Option<&'a str>,
    pub members: Option<u64>,
    pub emails_per_week: Option<f64>,
    pub terms: Option<&'a str>,
    pub mailto: Option<String>,
}

impl<'a> From<&'a JoinChannel> for ChannelJson<'a> {
    fn from(c: &'a JoinChannel) -> Self {
        Self {
            platform: &c.platform,
            audience: c.audience,
            email: c.email.as_deref(),
            subject: c.subject.as_deref(),
            body: c.body.as_deref(),
            form: c.form.as_deref(),
            members: c.members,
            emails_per_week: c.emails_per_week,
            terms: c.terms.as_deref(),
            mailto: c.mailto(),
        }
    }
}

/// A community, as JSON.
#[derive(Serialize)]
pub struct CommunityJson<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub name: &'a str,
    pub summary: &'a str,
    pub deck: Option<&'a str>,
    /// The page's address on the site (`/communities/<slug>/`).
    pub address: String,
    pub url: String,
    /// Where the site's communities page lists it.
    pub group: Group,
    pub members: Option<u64>,
    pub hidden: bool,
    pub expired: bool,
    pub redirect: Option<&'a str>,
    pub date: Option<String>,
    pub expiry: Option<String>,
    pub weight: Option<i64>,
    pub topics: &'a [String],
    pub authors: &'a [String],
    pub aliases: &'a [String],
    pub source: &'a str,
    pub join: Vec<ChannelJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<LinkJson>>,
}

/// A numbered link of a page, as JSON: where it leads and whether this copy of the
/// site has that page.
#[derive(Serialize)]
pub struct LinkJson {
    pub number: usize,
    pub text: String,
    pub url: String,
    /// "local", "external" or "mail".
    pub kind: &'static str,
    /// The local page's address, when the link resolves to one.
    pub resolves_to: Option<String>,
    /// The local page's title, when the link resolves to one.
    pub title: Option<String>,
}

impl<'a> From<&'a Community> for CommunityJson<'a> {
    fn from(c: &'a Community) -> Self {
        Self {
            slug: &c.slug,
            title: &c.title,
            name: c.name(),
            summary: &c.summary,
            deck: c.deck.as_deref(),
            address: format!("/communities/{}/", c.slug),
            url: c.url(),
            group: c.group(),
            members: c.members(),
            hidden: c.hidden(),
            expired: c.expired,
            redirect: c.redirect.as_deref(),
            date: c.date.map(|d| d.to_string()),
            expiry: c.expiry.map(|d| d.to_string()),
            weight: c.weight,
            topics: &c.topics,
            authors: &c.authors,
            aliases: &c.aliases,
            source: &c.source,
            join: c.channels.iter().map(ChannelJson::from).collect(),
            score: None,
            body: None,
            links: None,
        }
    }
}

/// A page's links numbered from 1, as JSON.
pub fn links_json(links: &PageLinks, site: Option<&Site>) -> Vec<LinkJson> {
    links
        .iter()
        .enumerate()
        .map(|(i, link)| {
            let target = site.and_then(|s| s.resolve(&link.url).map(|t| (s, t)));
            let (resolves_to, title) = match target {
                Some((site, Target::Page(id))) => {
                    let page = &site.pages[id];
                    (
                        Some(page.address().to_string()),
                        Some(page.title().to_string()),
                    )
                }
                Some((_, Target::Topic(slug))) => (Some(format!("/topics/{slug}/")), None),
                Some((_, Target::Author(slug))) => (Some(format!("/authors/{slug}/")), None),
                None => (None, None),
            };
            LinkJson {
                number: i + 1,
                text: link.text.clone(),
                url: link.url.clone(),
                kind: match link.kind {
                    LinkKind::Local => "local",
                    LinkKind::External => "external",
                    LinkKind::Mail => "mail",
                },
                resolves_to,
                title,
            }
        })
        .collect()
}
