//! Printers over any page of the site: finding a page by address or file, `show` of a
//! community, a page or a listing, `search --site`, and `links`.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use super::ShowFormat;
use super::json::{CommunityJson, LinkJson, links_json};
use super::text::{print_json, safe};
use crate::content::refs::RefTarget;
use crate::content::{Community, Index, Site, SitePage, Target};
use crate::document::{Document, View, plain_text, render_page};
use crate::sanitize::{clean_block, clean_line, visible_url};
use crate::search::query::Query;
use crate::search::rank::Searcher;
use crate::text::fit;
use crate::text::width_of;
use crate::theme::Theme;

/// Finds a page by address, URL or file path (`/resources/x/`, `https://digital.gov/…`,
/// `resources/x.md`, or a path copdeck printed as a page's `source`). Community pages
/// come back as communities.
pub fn find_page(index: &Index, site: &Site, name: &str) -> Option<View> {
    if !name.contains('/') {
        return None;
    }
    if let Some(id) = community_by_source(&index.communities, name) {
        return Some(View::Community(id));
    }
    if let Some(id) = page_by_source(site, name) {
        return Some(View::of_target(site, Target::Page(id)));
    }
    let absolute = if name.starts_with('/') || name.contains("://") {
        name.to_string()
    } else {
        format!("/{name}")
    };
    // A file path names that file, whatever address another page claims; one written
    // from the checkout (`content/…`, or a whole path) names it from `content/`.
    let file = match name.rfind("content/") {
        Some(pos) if name.ends_with(".md") => format!("/{}", &name[pos + "content/".len()..]),
        _ => absolute.clone(),
    };
    let by_file = match site.find_ref(None, &file) {
        RefTarget::Page { id, .. } if name.ends_with(".md") => Some(site.page_target(id)),
        _ => None,
    };
    let target = by_file.or_else(|| site.resolve(&absolute))?;
    Some(View::of_target(site, target))
}

/// Whether a name can only mean a page's address or file, never a community's name.
pub fn is_address_or_path(name: &str) -> bool {
    name.starts_with('/')
        || name.starts_with("./")
        || name.starts_with("../")
        || name.contains("://")
        || name.ends_with(".md")
}

/// The community whose file is `path`: as copdeck prints it, or the same file on disk.
pub fn community_by_source(communities: &[Community], path: &str) -> Option<usize> {
    let sources: Vec<&str> = communities.iter().map(|c| c.source.as_str()).collect();
    same_file(&sources, path)
}

fn page_by_source(site: &Site, path: &str) -> Option<usize> {
    let sources: Vec<&str> = site.pages.iter().map(|p| p.source.as_str()).collect();
    same_file(&sources, path)
}

/// The position of `path` among `sources`: the same text, or (for a file that exists)
/// the same file reached another way (`./x.md`, an absolute path).
fn same_file(sources: &[&str], path: &str) -> Option<usize> {
    let path = path.trim();
    if let Some(id) = sources.iter().position(|s| *s == path) {
        return Some(id);
    }
    let wanted = std::fs::canonicalize(path).ok()?;
    let name = wanted.file_name()?;
    sources.iter().position(|source| {
        let source = std::path::Path::new(source);
        source.file_name() == Some(name)
            && std::fs::canonicalize(source).is_ok_and(|found| found == wanted)
    })
}

/// A site page as JSON.
#[derive(Serialize)]
struct PageJson<'a> {
    title: &'a str,
    summary: &'a str,
    section: &'a str,
    address: &'a str,
    url: String,
    date: Option<String>,
    expired: bool,
    expiry: Option<String>,
    topics: Vec<&'a str>,
    authors: Vec<&'a str>,
    aliases: Vec<&'a str>,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<Vec<LinkJson>>,
}

/// A topic's or author's listing as JSON: the same keys as a page where they apply.
#[derive(Serialize)]
struct ListingJson<'a> {
    kind: &'static str,
    title: &'a str,
    summary: &'a str,
    address: String,
    url: &'a str,
    /// The file of the listing's own page, when it has one.
    source: Option<&'a str>,
    links: Vec<LinkJson>,
}

/// The path part of a full address on the site.
fn site_address(url: &str) -> String {
    crate::content::site::site_path(url).unwrap_or_else(|| url.to_string())
}

/// `show`: a community, a page of the site, or a topic's or author's listing as text, a
/// lynx-style dump, Markdown, or JSON with its body and links.
pub fn print_document(
    out: &mut impl Write,
    document: &Document<'_>,
    format: ShowFormat,
    width: usize,
) -> io::Result<()> {
    let render = || document.render(width, &format.theme());
    match format {
        ShowFormat::Json => {
            // Only the links are printed: the drawn lines are freed before the JSON is made.
            let links = render().links;
            print_document_json(out, document, &links)
        }
        ShowFormat::Markdown => out.write_all(clean_block(&document.markdown()).as_bytes()),
        ShowFormat::Text | ShowFormat::Dump => {
            out.write_all(plain_text(&render().lines).as_bytes())
        }
    }
}

/// A document as JSON: each kind has its own keys, with the same names where they apply.
fn print_document_json(
    out: &mut impl Write,
    document: &Document<'_>,
    links: &crate::markdown::PageLinks,
) -> io::Result<()> {
    match document {
        Document::Community { community, site } => {
            let mut value = CommunityJson::from(*community);
            value.body = Some(&community.body);
            value.links = Some(links_json(links, *site));
            print_json(out, &value)
        }
        Document::Page { page, body, site } => {
            let links = Some(links_json(links, Some(site)));
            let body = body.as_ref().ok().cloned().unwrap_or_default();
            print_json(out, &page_json(page, Some(body), links))
        }
        Document::Listing { listing, site } => print_json(
            out,
            &ListingJson {
                kind: listing.kind,
                title: &listing.title,
                summary: listing.summary,
                address: site_address(&listing.url),
                url: &listing.url,
                source: listing.source,
                links: links_json(links, Some(site)),
            },
        ),
    }
}

fn page_json<'a>(
    page: &'a SitePage,
    body: Option<String>,
    links: Option<Vec<LinkJson>>,
) -> PageJson<'a> {
    PageJson {
        title: page.title(),
        summary: page.summary(),
        section: page.section(),
        address: page.address(),
        url: page.url(),
        date: page.date.map(|d| d.to_string()),
        expired: page.expired,
        expiry: page.expiry.map(|d| d.to_string()),
        topics: page.topics().collect(),
        authors: page.authors().collect(),
        aliases: page.aliases().collect(),
        source: &page.source,
        body,
        links,
    }
}

/// `search --site`: pages of every section, best match first; returns how many. Piped,
/// titles print whole; on a terminal they are cut to fit. Addresses always print whole,
/// so they can be passed to `show`.
pub fn print_search(
    out: &mut impl Write,
    site: &Site,
    query: &Query,
    all: bool,
    json: bool,
) -> io::Result<usize> {
    let pages = &site.pages;
    let texts = crate::search::rank::SitePages(pages);
    let hits = Searcher::default().search_pages(&texts, query.pages(pages, all), &query.text);
    if json {
        let pages: Vec<PageJson<'_>> = hits
            .iter()
            .map(|h| page_json(&site.pages[h.id], None, None))
            .collect();
        print_json(out, &pages)?;
        return Ok(hits.len());
    }
    // Each cell is made safe and measured once: a site search can print tens of
    // thousands of rows.
    fn measured(text: Cow<'_, str>) -> (Cow<'_, str>, usize) {
        let width = width_of(&text);
        (text, width)
    }
    let rows: Vec<[(Cow<'_, str>, usize); 3]> = hits
        .iter()
        .map(|hit| {
            let page = &site.pages[hit.id];
            [
                measured(clean_line(page.title())),
                measured(Cow::Owned(crate::document::section_label(page.section()))),
                measured(clean_line(page.address())),
            ]
        })
        .collect();
    let widest = |cell: usize| rows.iter().map(|r| r[cell].1).max().unwrap_or(0);
    let (title_full, section_w, address_w) = (widest(0), widest(1), widest(2));
    let title_w = match super::text::terminal_width() {
        Some(width) => title_full.min(width.saturating_sub(section_w + address_w + 4).max(16)),
        None => title_full,
    };
    for [(title, title_used), (section, section_used), (address, _)] in &rows {
        let cut;
        let (title, title_used) = if *title_used > title_w {
            cut = fit(title, title_w);
            (cut.as_str(), width_of(&cut))
        } else {
            (title.as_ref(), *title_used)
        };
        let pad = title_w.saturating_sub(title_used);
        let spad = section_w.saturating_sub(*section_used);
        writeln!(out, "{title}{:pad$}  {section}{:spad$}  {address}", "", "")?;
    }
    Ok(hits.len())
}

/// `links`: each link of a community's page, and what it resolves to here.
pub fn print_links(
    out: &mut impl Write,
    community: &Community,
    site: &Site,
    json: bool,
) -> io::Result<()> {
    let rendered = render_page(community, 100, &Theme::mono(), Some(site));
    let links = links_json(&rendered.links, Some(site));
    if json {
        return print_json(out, &links);
    }
    let rows: Vec<[String; 4]> = links
        .iter()
        .map(|link| {
            let target = match (&link.resolves_to, &link.title) {
                (Some(address), Some(title)) => format!("→ {address} ({})", safe(title)),
                (Some(address), None) => format!("→ {address}"),
                (None, _)
                    if link.kind == "external"
                        && crate::content::site::site_path(
                            &crate::content::links::absolute_url(&link.url),
                        )
                        .is_some() =>
                {
                    "→ not in this copy of the site".to_string()
                }
                (None, _) => String::new(),
            };
            [
                format!("[{}]", link.number),
                link.kind.to_string(),
                safe(&visible_url(&link.url)),
                target,
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..3)
        .map(|column| {
            rows.iter()
                .map(|row| width_of(&row[column]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in &rows {
        let mut line = String::new();
        for (column, width) in widths.iter().enumerate() {
            line.push_str(&row[column]);
            line.push_str(&" ".repeat(width - width_of(&row[column]) + 2));
        }
        line.push_str(&row[3]);
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
