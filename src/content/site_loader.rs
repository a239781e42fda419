//! Indexes every page of a content tree (or of the embedded copy) into a `Site`.
//! Files are read and parsed in parallel; bodies are dropped and read again when shown.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use include_dir::Dir;
use rayon::prelude::*;

use super::Source;
use super::diagnostic::Diagnostic;
use super::fields;
use super::front_matter::{decode_owned, split_page};
use super::loader::{EMBEDDED, LoadError, communities_dir, is_markdown, read_page_file, stem_of};
use super::site::{BodySource, Site, SitePage, address_of, normalize_path};
use super::site_data;

/// The site and the problems found in pages outside `communities/` (those are the
/// community loader's to report).
#[derive(Debug, Default)]
pub struct SiteIndex {
    pub site: Site,
    pub diagnostics: Vec<Diagnostic>,
}

/// One file indexed: its page and warnings about it, or the error that kept it out
/// (None when the community loader reports it).
pub(super) type Indexed = Result<(SitePage, Vec<Diagnostic>), Option<Diagnostic>>;

/// One file to index: where it sits under the content root, and how to read it.
pub(super) struct PageFile {
    pub(super) folders: Vec<String>,
    pub(super) stem: String,
    pub(super) source: String,
    pub(super) body: BodySource,
}

/// Indexes the whole content tree of `source`, counting files done in `progress`.
pub fn load_site(
    source: &Source,
    today: NaiveDate,
    progress: &AtomicUsize,
) -> Result<SiteIndex, LoadError> {
    let mut unreadable = Vec::new();
    let mut data_diagnostics = Vec::new();
    let (found, data) = match source {
        Source::Embedded => {
            let mut found = Vec::new();
            embedded_walk(&EMBEDDED, &mut found);
            (found, site_data::embedded_site_data())
        }
        Source::Dir(dir) => {
            let root = content_root(&communities_dir(dir)?);
            let mut found = Vec::new();
            folder_walk(&root, &root, &mut found, &mut unreadable);
            let (data, diagnostics) = site_data::load_site_data(&data_dir(&root));
            data_diagnostics = diagnostics;
            (found, data)
        }
    };
    let results: Vec<Indexed> = found
        .into_par_iter()
        .map(|file| {
            let page = index_file(file, today);
            progress.fetch_add(1, Ordering::Relaxed);
            page
        })
        .collect();
    unreadable.append(&mut data_diagnostics);
    Ok(index_of(results, unreadable, data))
}

/// The site from every file's result, in the files' order; `problems` are the tree's
/// own (unreadable folders, broken data files) and `data` its data files.
pub(super) fn index_of(
    results: Vec<Indexed>,
    problems: Vec<Diagnostic>,
    data: site_data::SiteData,
) -> SiteIndex {
    let mut pages = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for result in results {
        match result {
            Ok((page, warnings)) => {
                pages.push(page);
                diagnostics.extend(warnings);
            }
            Err(Some(diagnostic)) => diagnostics.push(diagnostic),
            Err(None) => {}
        }
    }
    diagnostics.extend(problems);
    let mut site = Site::new(pages);
    site.data = std::sync::Arc::new(data);
    SiteIndex { site, diagnostics }
}

/// The site's `data/` folder: beside the content root in a checkout, else inside it.
pub(super) fn data_dir(root: &Path) -> PathBuf {
    let beside = root.parent().map(|p| p.join("data"));
    match beside {
        Some(dir) if dir.is_dir() => dir,
        _ => root.join("data"),
    }
}

/// The content root above a communities folder: its parent when it is named
/// `communities`, else the folder itself (a loose folder of pages).
pub(super) fn content_root(communities: &Path) -> PathBuf {
    match (communities.file_name(), communities.parent()) {
        (Some(name), Some(parent)) if name == "communities" => parent.to_path_buf(),
        _ => communities.to_path_buf(),
    }
}

fn embedded_walk(dir: &'static Dir<'static>, found: &mut Vec<PageFile>) {
    for file in dir.files() {
        let path = file.path();
        if !is_markdown(path) {
            continue;
        }
        let Ok(text) = std::str::from_utf8(file.contents()) else {
            continue;
        };
        found.push(PageFile {
            folders: folders_of(path),
            stem: stem_of(path),
            source: format!("content/{}", path.display()),
            body: BodySource::Embedded(text),
        });
    }
    for sub in dir.dirs() {
        embedded_walk(sub, found);
    }
}

/// Collects the Markdown files under `dir`; a folder that cannot be read is reported
/// in `unreadable` and the rest of the tree is still read.
pub(super) fn folder_walk(
    root: &Path,
    dir: &Path,
    found: &mut Vec<PageFile>,
    unreadable: &mut Vec<Diagnostic>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            unreadable.push(Diagnostic::error(
                &dir.display().to_string(),
                1,
                format!(
                    "cannot read this folder ({}); its pages are left out",
                    err.to_string()
                        .split(" (os error")
                        .next()
                        .unwrap_or("")
                        .to_lowercase()
                ),
            ));
            return;
        }
    };
    // The entry's own type (no extra system call per file); a link is not followed
    // into a folder, so links cannot loop.
    // Sorted by name, which within one folder is the paths' order, without comparing
    // every path component by component.
    let mut entries: Vec<(std::ffi::OsString, PathBuf, bool)> = entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            (
                e.file_name(),
                e.path(),
                e.file_type().is_ok_and(|t| t.is_dir()),
            )
        })
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (_, path, is_dir) in entries {
        if is_dir {
            folder_walk(root, &path, found, unreadable);
        } else if is_markdown(&path) {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            found.push(PageFile {
                folders: folders_of(relative),
                stem: stem_of(&path),
                source: path.display().to_string(),
                body: BodySource::File(path.clone()),
            });
        }
    }
}

fn folders_of(relative: &Path) -> Vec<String> {
    relative
        .parent()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a page's whole file again (front matter and body), as text.
pub fn read_text(body: &BodySource) -> Result<String, String> {
    match body {
        BodySource::Embedded(text) => Ok(text.to_string()),
        BodySource::File(path) => {
            let bytes = read_page_file(path).map_err(|d| d.message)?;
            decode_owned(bytes).map_err(|e| e.message)
        }
    }
}

/// Reads a page's body again, for showing it.
pub fn read_body(body: &BodySource) -> Result<String, String> {
    let text = read_text(body)?;
    split_page(&text)
        .map(|page| super::mojibake::repair_mojibake(page.body).into_owned())
        .map_err(|e| e.message)
}

/// Reads one file's front matter into a page, with warnings about it. A broken file
/// outside `communities/` is a diagnostic; inside it, the community loader reports it
/// (and its warnings).
pub(super) fn index_file(file: PageFile, today: NaiveDate) -> Indexed {
    let in_communities = file.folders.first().is_some_and(|f| f == "communities");
    let report = |line: usize, message: String| {
        (!in_communities).then(|| Diagnostic::error(&file.source, line, message))
    };
    let raw = match &file.body {
        BodySource::Embedded(text) => Ok(std::borrow::Cow::Borrowed(*text)),
        BodySource::File(path) => read_page_file(path)
            .map_err(|d| super::front_matter::PageError {
                line: d.line,
                message: d.message,
            })
            .and_then(decode_owned)
            .map(std::borrow::Cow::Owned),
    };
    let raw = raw.map_err(|err| report(err.line, err.message))?;
    let page = split_page(&raw).map_err(|err| report(err.line, err.message))?;
    let warnings = if in_communities {
        Vec::new()
    } else {
        super::page::duplicate_warnings(&file.source, &page)
    };
    let map = &page.fields;
    let text = |key: &str| fields::text(map, key).ok().flatten();
    let shown = |key: &str| fields::display_text(map, key).ok().flatten();
    let list = |key: &str| fields::list(map, key).unwrap_or_default();
    let date = fields::date(map, "date").ok().flatten();
    let folders: Vec<&str> = file.folders.iter().map(String::as_str).collect();
    let section = folders.first().copied().unwrap_or("");
    let title = shown("title").or_else(|| person_name(&shown));
    // Hugo's `:slug` falls back to the title, urlized, where a section's addresses use it.
    let slug = text("slug").or_else(|| {
        matches!(section, "news" | "events")
            .then(|| title.as_deref().map(urlize))
            .flatten()
    });
    let is_section = file.stem == "_index";
    let address = match text("url") {
        Some(url) => normalize_path(&url),
        None => address_of(&folders, &file.stem, slug.as_deref(), date),
    };
    let own_slug = text("slug").unwrap_or_else(|| {
        if is_section || file.stem == "index" {
            folders.last().copied().unwrap_or("").to_string()
        } else {
            file.stem.clone()
        }
    });
    let expiry = fields::date(map, "expirydate").ok().flatten();
    let mut key_parts = folders.clone();
    key_parts.push(&file.stem);
    let site_page = SitePage {
        section: section.to_string(),
        title: title.unwrap_or_else(|| own_slug.clone()),
        slug: own_slug,
        summary: shown("summary").unwrap_or_default(),
        date,
        topics: list("topics"),
        authors: list("authors"),
        aliases: list("aliases"),
        address,
        file_key: key_parts.join("/"),
        is_section,
        expired: expiry.is_some_and(|d| d < today),
        expiry,
        gone_notice: text("layout").is_some_and(|l| l.eq_ignore_ascii_case("redirect")),
        event_cop: list("event_cop"),
        source: file.source,
        body: file.body,
    };
    Ok((site_page, warnings))
}

/// An author page's name: `display_name`, else first and last name.
fn person_name(shown: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    shown("display_name").or_else(|| {
        let parts: Vec<String> = ["first_name", "last_name"]
            .into_iter()
            .filter_map(shown)
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    })
}

/// A title as Hugo makes it part of an address: lower case, spaces as `-`, and only
/// letters, digits and `.` `_` `-` `+` `~` `#` kept.
pub fn urlize(title: &str) -> String {
    title
        .trim()
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some('-'),
            c if c.is_alphanumeric() || "._-+~#".contains(c) => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlizes_titles_as_hugo_does() {
        assert_eq!(
            urlize("Increase Your Impact: Plain Language"),
            "increase-your-impact-plain-language"
        );
        assert_eq!(urlize("What's new in 2024?"), "whats-new-in-2024");
        assert_eq!(urlize("A – B"), "a--b");
    }
}
