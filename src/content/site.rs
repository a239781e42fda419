//! The whole site as an index of pages and addresses: every section, not only the
//! communities, so that links between pages can be followed offline.

// Addresses are hashed tens of thousands of times a load: foldhash, seeded per process.
use foldhash::HashMap;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use serde::{Deserialize, Serialize};

use super::claim_table::ClaimTable;
use super::model::SITE;
use super::page_words::{Items, PageWords};

/// Where a page's body can be read from when it is shown; bodies are not all kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodySource {
    /// The copy built into the binary.
    Embedded(&'static str),
    /// The file of the user's tree that the page's `source` names, read again when the
    /// page is shown. Its path is kept once, as that name: a second copy was a tenth
    /// of what a page of the index holds.
    File,
    /// A file whose path is not Unicode, which the page's `source` can only spell
    /// approximately: its path itself.
    FileNotUnicode(Box<Path>),
}

impl BodySource {
    /// The name (`source`) of a page read from the file at `path`, and where its body
    /// is: the path's own buffer becomes the name, not copied, unless the path is not
    /// Unicode (the name then spells it with replacement characters).
    pub fn of_file(path: PathBuf) -> (String, Self) {
        match path.into_os_string().into_string() {
            Ok(name) => (name, Self::File),
            Err(path) => {
                let path = PathBuf::from(path);
                (
                    path.to_string_lossy().into_owned(),
                    Self::FileNotUnicode(path.into_boxed_path()),
                )
            }
        }
    }

    /// Where the text is, for a page named `source`.
    pub fn text_source<'a>(&'a self, source: &'a str) -> TextSource<'a> {
        match self {
            Self::Embedded(text) => TextSource::BuiltIn(text),
            Self::File => TextSource::File(Path::new(source)),
            Self::FileNotUnicode(path) => TextSource::File(path),
        }
    }
}

/// Where a page's text is, borrowed from the page: built into the program, or a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextSource<'a> {
    BuiltIn(&'static str),
    File(&'a Path),
}

/// One page of the site, without its body.
#[derive(Debug, Clone, PartialEq)]
pub struct SitePage {
    /// Its title, address, topics and the other words of its front matter, in one
    /// buffer (read through the methods of the same names).
    pub words: PageWords,
    pub date: Option<NaiveDate>,
    /// A section's own page (`_index.md`).
    pub is_section: bool,
    pub expired: bool,
    /// The day the page expired or will expire (`expirydate`).
    pub expiry: Option<NaiveDate>,
    /// The site's "no longer available" page (`layout: redirect`), which answers the
    /// retired addresses listed in its aliases.
    pub gone_notice: bool,
    pub source: String,
    pub body: BodySource,
    /// The community whose own page this is, by its place in the communities it was
    /// read with (a `u32`, as every page has one: `community_of_page` gives it as an
    /// index); set by `Site::link_communities`, never stored in the cache.
    pub community: Option<u32>,
    /// The stamp its file had when the page was read (`Stamp::fingerprint`), 0 when not
    /// known: while the file keeps it, the page is known to read as a page.
    pub indexed_as: u64,
}

impl SitePage {
    /// First folder under `content/` ("resources", "news", …), empty for the home page.
    pub fn section(&self) -> &str {
        self.words.section()
    }

    pub fn slug(&self) -> &str {
        self.words.slug()
    }

    pub fn title(&self) -> &str {
        self.words.title()
    }

    pub fn summary(&self) -> &str {
        self.words.summary()
    }

    /// The page's address on the site, like `/resources/some-page/`.
    pub fn address(&self) -> &str {
        self.words.address()
    }

    /// The path under `content/` without `.md`, which `ref` shortcodes name.
    pub fn file_key(&self) -> &str {
        self.words.file_key()
    }

    pub fn topics(&self) -> Items<'_> {
        self.words.topics()
    }

    pub fn authors(&self) -> Items<'_> {
        self.words.authors()
    }

    pub fn aliases(&self) -> Items<'_> {
        self.words.aliases()
    }

    /// The communities an event belongs to (`event_cop`).
    pub fn event_cop(&self) -> Items<'_> {
        self.words.event_cop()
    }

    /// Where the page's text is.
    pub fn text_source(&self) -> TextSource<'_> {
        self.body.text_source(&self.source)
    }

    /// The file the page is read from, when it is not built in.
    pub fn file(&self) -> Option<&Path> {
        match self.text_source() {
            TextSource::File(path) => Some(path),
            TextSource::BuiltIn(_) => None,
        }
    }

    /// Whether the whole-site list shows this page without being asked for everything:
    /// not expired, and not the site's machinery (its error page, the folders Hugo leaves
    /// out such as `_archived`, the files at the top of `content/`: the home page's empty
    /// layout stub, the redirect and feed stubs).
    pub fn listed(&self) -> bool {
        let machinery =
            self.section().is_empty() || self.section().starts_with('_') || self.section() == "404";
        !self.expired && !machinery
    }

    /// The page's full address on digital.gov.
    pub fn url(&self) -> String {
        format!("{SITE}{}", self.address())
    }

    /// The taxonomy and term of a term's own page (`topics/<slug>/_index.md`): the
    /// section's own page (`topics/_index.md`) is not a term.
    pub fn term(&self) -> Option<(&str, &str)> {
        let mut parts = self.file_key().split('/');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(taxonomy @ ("topics" | "authors")), Some(_), Some("_index"), None)
                if !self.slug().is_empty() =>
            {
                Some((taxonomy, self.slug()))
            }
            _ => None,
        }
    }
}

/// Every page, and every address that leads to one.
#[derive(Debug, Default, Clone)]
pub struct Site {
    pub pages: Vec<SitePage>,
    /// The addresses and file names the pages claim.
    tables: SiteTables,
    topics: HashMap<String, usize>,
    authors: HashMap<String, usize>,
    /// The site's data files, for the shortcodes that read them.
    pub data: super::lazy_site_data::LazySiteData,
}

/// A site's lookup tables, which depend only on its pages (and on the day, through
/// which pages have expired): every address a page claims, and pages by file name.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteTables {
    /// Every address a page claims: its own, its aliases, and its path under `content/`
    /// (normalised as an address, which `ref` finds pages by).
    addresses: ClaimTable,
    /// Pages by file name without `.md` (a bundle's by its folder), lower case.
    names: ClaimTable,
}

impl SiteTables {
    /// The tables of `pages`.
    pub fn of(pages: &[SitePage]) -> Self {
        // Spelling every address out is the costly part: done in parallel, each page's
        // spellings in one buffer.
        let addresses = ClaimTable::build(pages.len(), |id, claim| {
            let page = &pages[id];
            let mut spelling = String::new();
            let own = if page.expired { EXPIRED_OWN } else { OWN };
            normalize_path_into(page.address(), &mut spelling);
            claim(&spelling, own, OWN_ADDRESS);
            normalize_path_into(page.file_key(), &mut spelling);
            claim(&spelling, FILE_KEY, FILE_PATH);
            let alias = if page.gone_notice { GONE_ALIAS } else { ALIAS };
            // (A page with more aliases than claims can be numbered keeps the first ones.)
            let numbered = (FIRST_ALIAS..=u16::MAX).zip(page.aliases());
            for (which, written) in numbered {
                normalize_path_into(&alias_path(page.address(), written), &mut spelling);
                claim(&spelling, alias, which);
            }
        });
        let names = ClaimTable::build(pages.len(), |id, claim| {
            claim(&base_name(pages[id].file_key()), 0, 0);
        });
        Self { addresses, names }
    }

    /// Whether the tables can be those of `pages` pages: every claim names one of them.
    pub fn fit(&self, pages: usize) -> bool {
        self.addresses.names_only(pages) && self.names.names_only(pages)
    }
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

/// Priorities when two pages claim one address: a live page's own address first; then
/// the site's "no longer available" page for the retired addresses it lists; then an
/// expired page at its own address (shown with its expiry, rather than the page another
/// page's alias would send the reader to); then other aliases; then a file path.
const OWN: u8 = 4;
const GONE_ALIAS: u8 = 3;
const EXPIRED_OWN: u8 = 2;
const ALIAS: u8 = 1;
const FILE_KEY: u8 = 0;

/// Which of its claims a page makes to an address: its own, its file's path, or an
/// alias (the first alias is `FIRST_ALIAS`, the next one more, and so on).
const OWN_ADDRESS: u16 = 0;
const FILE_PATH: u16 = 1;
const FIRST_ALIAS: u16 = 2;

impl Site {
    /// Builds the address tables for a set of pages.
    pub fn new(pages: Vec<SitePage>) -> Self {
        let tables = SiteTables::of(&pages);
        Self::with_tables(pages, tables)
    }

    /// The site of `pages` with their tables made before (`SiteTables::of` the same
    /// pages, with the same expiry): a warm load keeps them in the cache.
    pub fn with_tables(pages: Vec<SitePage>, tables: SiteTables) -> Self {
        debug_assert!(tables == SiteTables::of(&pages), "tables of other pages");
        let mut topics = HashMap::default();
        let mut authors = HashMap::default();
        for (id, page) in pages.iter().enumerate() {
            // Most pages are no term's: a look at the first letter rules them out.
            if !page.file_key().starts_with(['t', 'a']) {
                continue;
            }
            match page.term() {
                Some(("topics", slug)) => {
                    topics.insert(slug.to_string(), id);
                }
                Some((_, slug)) => {
                    authors.insert(slug.to_string(), id);
                }
                None => {}
            }
        }
        Self {
            pages,
            tables,
            topics,
            authors,
            data: Default::default(),
        }
    }

    /// The site's address and name tables, to keep with its pages.
    pub fn tables(&self) -> &SiteTables {
        &self.tables
    }

    /// The address claim `which` of page `id` spells, normalised.
    fn claimed(&self, id: usize, which: u16) -> String {
        let page = &self.pages[id];
        match which {
            OWN_ADDRESS => normalize_path(page.address()),
            FILE_PATH => normalize_path(page.file_key()),
            alias => page
                .aliases()
                .nth(usize::from(alias - FIRST_ALIAS))
                .map(|written| normalize_path(&alias_path(page.address(), written)))
                .unwrap_or_default(),
        }
    }

    /// The page at a site address or path, if this copy of the site has it.
    pub fn page_at(&self, address: &str) -> Option<usize> {
        let address = normalize_path(address);
        self.tables
            .addresses
            .claimants(&address)
            .find(|c| self.claimed(c.page, c.which) == address)
            .map(|c| c.page)
    }

    /// The first page whose path under `content/` (without `.md`), normalised as an
    /// address, is `path`.
    pub(super) fn page_of_file(&self, path: &str) -> Option<usize> {
        let path = normalize_path(path);
        self.tables
            .addresses
            .claimants(&path)
            .find(|c| c.which == FILE_PATH && self.claimed(c.page, c.which) == path)
            .map(|c| c.page)
    }

    /// The pages whose file is named `name` (lower case, without `.md`; a bundle's
    /// folder), in page order.
    pub(super) fn pages_named(&self, name: &str) -> Vec<usize> {
        self.tables
            .names
            .claimants(name)
            .filter(|c| base_name(self.pages[c.page].file_key()) == name)
            .map(|c| c.page)
            .collect()
    }

    /// The page of a topic, by slug.
    pub fn topic_page(&self, slug: &str) -> Option<usize> {
        self.topics.get(slug).copied()
    }

    /// The page of an author, by slug.
    pub fn author_page(&self, slug: &str) -> Option<usize> {
        self.authors.get(slug).copied()
    }

    /// What showing page `id` means: a term's page is its listing.
    pub fn page_target(&self, id: usize) -> Target {
        match self.pages[id].term() {
            Some(("topics", slug)) => Target::Topic(slug.to_string()),
            Some((_, slug)) => Target::Author(slug.to_string()),
            None => Target::Page(id),
        }
    }

    /// Where a link leads inside the site, or None for a page elsewhere (or missing here).
    pub fn resolve(&self, url: &str) -> Option<Target> {
        let path = site_path(url)?;
        if let Some(id) = self.page_at(&path) {
            return Some(self.page_target(id));
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
        self.newest_first(|p| p.topics().any(|t| t == topic))
    }

    /// Pages written by an author, newest first.
    pub fn written_by(&self, author: &str) -> Vec<usize> {
        self.newest_first(|p| p.authors().any(|a| a == author))
    }

    fn newest_first(&self, keep: impl Fn(&SitePage) -> bool) -> Vec<usize> {
        let mut ids: Vec<usize> = (0..self.pages.len())
            .filter(|&i| !self.pages[i].is_section && keep(&self.pages[i]))
            .collect();
        ids.sort_by(|&a, &b| {
            let (a, b) = (&self.pages[a], &self.pages[b]);
            b.date.cmp(&a.date).then_with(|| a.title().cmp(b.title()))
        });
        ids
    }
}

/// Where an alias leads from: as written when it starts with `/`; else, as Hugo
/// publishes it, beside the page (in the folder that holds the page's address).
pub fn alias_path(address: &str, alias: &str) -> String {
    if alias.trim_start().starts_with('/') {
        return alias.to_string();
    }
    let parent = address.trim_end_matches('/');
    let parent = parent.rsplit_once('/').map_or("", |(p, _)| p);
    format!("{parent}/{}", alias.trim())
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

/// The name `ref` finds a file by: its file name without `.md`, or a bundle's folder
/// name for its `index.md` or `_index.md`; lower case.
fn base_name(file_key: &str) -> Cow<'_, str> {
    let mut parts = file_key.rsplit('/');
    let last = parts.next().unwrap_or("");
    let name = if last == "index" || last == "_index" {
        parts.next().unwrap_or(last)
    } else {
        last
    };
    // Most names are already lower case ASCII: no copy for them.
    if name
        .bytes()
        .any(|b| !b.is_ascii() || b.is_ascii_uppercase())
    {
        Cow::Owned(name.to_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// One spelling for an address: lower case, leading and trailing slash, no `.md`,
/// no `index`/`_index` file name.
pub fn normalize_path(path: &str) -> String {
    let mut out = String::new();
    normalize_path_into(path, &mut out);
    out
}

/// `normalize_path` into a buffer, replacing what it held: this runs for every address
/// of every page on each load.
fn normalize_path_into(path: &str, out: &mut String) {
    let path = path.trim().trim_matches('/');
    out.clear();
    out.reserve(path.len() + 2);
    out.push('/');
    if path.is_ascii() {
        out.push_str(path);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&path.to_lowercase());
    }
    let mut end = out.len();
    if out[1..end].ends_with(".md") {
        end -= ".md".len();
    }
    for file in ["/_index", "/index"] {
        if out[1..end].ends_with(file) {
            end -= file.len();
            break;
        }
    }
    if matches!(&out[1..end], "_index" | "index") {
        end = 1;
    }
    out.truncate(end);
    if end > 1 {
        out.push('/');
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
mod tests;
