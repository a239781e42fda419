//! The whole site as an index of pages and addresses: every section, not only the
//! communities, so that links between pages can be followed offline.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use super::model::SITE;

/// Where a page's body can be read from when it is shown; bodies are not all kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodySource {
    /// The copy built into the binary.
    Embedded(&'static str),
    /// A file of the user's tree, read again when the page is shown.
    File(PathBuf),
}

/// One page of the site, without its body.
#[derive(Debug, Clone, PartialEq)]
pub struct SitePage {
    /// First folder under `content/` ("resources", "news", …), empty for the home page.
    pub section: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub date: Option<NaiveDate>,
    pub topics: Vec<String>,
    pub authors: Vec<String>,
    pub aliases: Vec<String>,
    /// The page's address on the site, like `/resources/some-page/`.
    pub address: String,
    /// The path under `content/` without `.md`, which `ref` shortcodes name.
    pub file_key: String,
    /// A section's own page (`_index.md`).
    pub is_section: bool,
    pub expired: bool,
    /// The `expirydate`, which decides `expired` on a given day.
    pub expiry: Option<NaiveDate>,
    pub source: String,
    pub body: BodySource,
}

impl SitePage {
    /// The page's full address on digital.gov.
    pub fn url(&self) -> String {
        format!("{SITE}{}", self.address)
    }
}

/// Every page, and every address that leads to one.
#[derive(Debug, Default)]
pub struct Site {
    pub pages: Vec<SitePage>,
    addresses: HashMap<String, (u8, usize)>,
    topics: HashMap<String, usize>,
    authors: HashMap<String, usize>,
}

/// What a link leads to inside the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Page `id` of `Site::pages`.
    Page(usize),
    /// A topic's listing, by slug (its page may or may not exist).
    Topic(String),
    /// An author's listing, by slug.
    Author(String),
}

/// Priorities when two pages claim one address: a live page's own address wins over an
/// alias, which wins over an expired page, which wins over a `ref` file path.
const OWN: u8 = 3;
const ALIAS: u8 = 2;
const EXPIRED_OWN: u8 = 1;
const FILE_KEY: u8 = 0;

impl Site {
    /// Builds the address tables for a set of pages.
    pub fn new(pages: Vec<SitePage>) -> Self {
        use rayon::prelude::*;
        // Spelling every address out is the costly part: done in parallel, then the
        // table is filled in page order so that ties go to the first page.
        let claims: Vec<Vec<(String, u8)>> = pages
            .par_iter()
            .map(|page| {
                let own = if page.expired { EXPIRED_OWN } else { OWN };
                let mut claims = vec![(normalize_path(&page.address), own)];
                claims.extend(page.aliases.iter().map(|a| (normalize_path(a), ALIAS)));
                claims.push((normalize_path(&page.file_key), FILE_KEY));
                claims
            })
            .collect();
        let mut site = Self {
            addresses: HashMap::with_capacity(pages.len() * 2),
            pages,
            ..Self::default()
        };
        for (id, page_claims) in claims.into_iter().enumerate() {
            for (address, priority) in page_claims {
                let slot = site.addresses.entry(address).or_insert((priority, id));
                if priority > slot.0 {
                    *slot = (priority, id);
                }
            }
            let page = &site.pages[id];
            if page.is_section && !page.slug.is_empty() {
                match page.section.as_str() {
                    "topics" => {
                        site.topics.insert(page.slug.clone(), id);
                    }
                    "authors" => {
                        site.authors.insert(page.slug.clone(), id);
                    }
                    _ => {}
                }
            }
        }
        site
    }

    /// The page at a site address or path, if this copy of the site has it.
    pub fn page_at(&self, address: &str) -> Option<usize> {
        self.addresses
            .get(&normalize_path(address))
            .map(|(_, id)| *id)
    }

    /// The page of a topic, by slug.
    pub fn topic_page(&self, slug: &str) -> Option<usize> {
        self.topics.get(slug).copied()
    }

    /// The page of an author, by slug.
    pub fn author_page(&self, slug: &str) -> Option<usize> {
        self.authors.get(slug).copied()
    }

    /// Where a link leads inside the site, or None for a page elsewhere (or missing here).
    pub fn resolve(&self, url: &str) -> Option<Target> {
        let path = site_path(url)?;
        if let Some(id) = self.page_at(&path) {
            let page = &self.pages[id];
            return Some(match (page.section.as_str(), page.is_section) {
                ("topics", true) if !page.slug.is_empty() => Target::Topic(page.slug.clone()),
                ("authors", true) if !page.slug.is_empty() => Target::Author(page.slug.clone()),
                _ => Target::Page(id),
            });
        }
        // Topic and author listings exist even without a page of their own.
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        match parts[..] {
            ["topics", slug] => Some(Target::Topic(slug.to_string())),
            ["authors", slug] => Some(Target::Author(slug.to_string())),
            _ => None,
        }
    }

    /// Pages tagged with a topic, newest first.
    pub fn tagged(&self, topic: &str) -> Vec<usize> {
        self.newest_first(|p| p.topics.iter().any(|t| t == topic))
    }

    /// Pages written by an author, newest first.
    pub fn written_by(&self, author: &str) -> Vec<usize> {
        self.newest_first(|p| p.authors.iter().any(|a| a == author))
    }

    fn newest_first(&self, keep: impl Fn(&SitePage) -> bool) -> Vec<usize> {
        let mut ids: Vec<usize> = (0..self.pages.len())
            .filter(|&i| !self.pages[i].is_section && keep(&self.pages[i]))
            .collect();
        ids.sort_by(|&a, &b| {
            let (a, b) = (&self.pages[a], &self.pages[b]);
            b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title))
        });
        ids
    }
}

/// The path of a link into digital.gov (`/x/y/`), or None for a link elsewhere.
/// Accepts `https://digital.gov/…`, `http://…`, `www.`, and site-relative `/…`.
pub fn site_path(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = ["https://", "http://", "//"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme).map(|r| (scheme.len(), r)));
    let path = match rest {
        Some((skip, rest)) => {
            let host_end = rest.find('/').unwrap_or(rest.len());
            let host = &rest[..host_end];
            if host != "digital.gov" && host != "www.digital.gov" {
                return None;
            }
            &url[skip + host_end..]
        }
        None if url.starts_with('/') => url,
        None => return None,
    };
    let path = path.split(['#', '?']).next().unwrap_or("");
    Some(normalize_path(path))
}

/// One spelling for an address: lower case, leading and trailing slash, no `.md`,
/// no `index`/`_index` file name.
pub fn normalize_path(path: &str) -> String {
    let path = path.trim().trim_matches('/').to_lowercase();
    let path = path.strip_suffix(".md").unwrap_or(&path);
    let path = path
        .strip_suffix("/_index")
        .or_else(|| path.strip_suffix("/index"))
        .unwrap_or(path);
    let path = if path == "_index" || path == "index" {
        ""
    } else {
        path
    };
    if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    }
}

/// A page's address by the site's rules, from its place under `content/`.
/// `folders` are the folders above the file; `stem` its name without `.md`.
pub fn address_of(
    folders: &[&str],
    stem: &str,
    slug: Option<&str>,
    date: Option<NaiveDate>,
) -> String {
    let section = folders.first().copied().unwrap_or("");
    if stem == "_index" {
        return normalize_path(&folders.join("/"));
    }
    // A leaf bundle (`folder/index.md`) is named by its folder.
    let (folders, name) = if stem == "index" && !folders.is_empty() {
        (&folders[..folders.len() - 1], folders[folders.len() - 1])
    } else {
        (folders, stem)
    };
    let slug = slug.unwrap_or(name);
    match (section, date) {
        ("news", Some(d)) => format!("/{:04}/{:02}/{:02}/{slug}/", d.year(), d.month(), d.day()),
        ("events", Some(d)) => format!(
            "/event/{:04}/{:02}/{:02}/{slug}/",
            d.year(),
            d.month(),
            d.day()
        ),
        _ => {
            let mut parts: Vec<&str> = folders.to_vec();
            parts.push(slug);
            normalize_path(&parts.join("/"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn addresses_follow_the_site_rules() {
        assert_eq!(
            address_of(&["resources"], "a-b", None, None),
            "/resources/a-b/"
        );
        assert_eq!(
            address_of(&["resources"], "file", Some("real"), None),
            "/resources/real/"
        );
        assert_eq!(
            address_of(&["topics", "plain"], "_index", None, None),
            "/topics/plain/"
        );
        assert_eq!(address_of(&[], "_index", None, None), "/");
        assert_eq!(
            address_of(&["guides", "hcd"], "discovery", None, None),
            "/guides/hcd/discovery/"
        );
        assert_eq!(
            address_of(&["guides", "dap"], "index", None, None),
            "/guides/dap/"
        );
        assert_eq!(
            address_of(
                &["news", "2024", "03"],
                "2024-03-14-x",
                Some("x"),
                day(2024, 3, 14)
            ),
            "/2024/03/14/x/"
        );
        assert_eq!(
            address_of(
                &["events", "2024", "06"],
                "2024-06-05-y",
                Some("y"),
                day(2024, 6, 5)
            ),
            "/event/2024/06/05/y/"
        );
    }

    #[test]
    fn site_paths_of_links() {
        for url in [
            "https://digital.gov/resources/x/",
            "http://digital.gov/resources/x",
            "https://www.digital.gov/resources/x/#part",
            "/resources/x",
            "/Resources/X/?q=1",
        ] {
            assert_eq!(site_path(url).as_deref(), Some("/resources/x/"), "{url}");
        }
        assert_eq!(site_path("https://example.gov/resources/x/"), None);
        assert_eq!(site_path("https://digital.gov.evil.com/x"), None);
        assert_eq!(site_path("mailto:a@digital.gov"), None);
        assert_eq!(site_path("resources/x"), None);
        assert_eq!(site_path("https://digital.gov").as_deref(), Some("/"));
    }
}
