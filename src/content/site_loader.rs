//! Indexes every page of a content tree (or of the embedded copy) into a `Site`.
//! Files are read and parsed in parallel; bodies are dropped and read again when shown.
//! With the communities already loaded, their files are taken as the community loader
//! read them, not read a second time.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use include_dir::Dir;
use rayon::prelude::*;

use super::diagnostic::Diagnostic;
use super::front_matter::{PageError, decode_owned, split_page};
use super::lazy_site_data::LazySiteData;
use super::loader::{
    EMBEDDED, LoadError, communities_dir, is_markdown, read_page_file, read_stamped_page_file,
    stem_of,
};
use super::read_files::ReadFiles;
use super::site::{BodySource, Site, SitePage, SiteTables, TextSource};
use super::site_data;
use super::site_page::{Indexed, PageFile, content_root, folders_of, index_split, stamped};
use super::walk::folder_walk;
use super::{Index, Source};

/// The site and the problems found in pages outside `communities/` (those are the
/// community loader's to report).
#[derive(Debug, Default, Clone)]
pub struct SiteIndex {
    pub site: Site,
    pub diagnostics: Vec<Diagnostic>,
}

/// Indexes the whole content tree of `source`, counting files done in `progress`.
pub fn load_site(
    source: &Source,
    today: NaiveDate,
    progress: &AtomicUsize,
) -> Result<SiteIndex, LoadError> {
    load_site_reusing(source, &ReadFiles::default(), today, progress)
}

/// Indexes the site of `source` with the communities `index` read from it: the files
/// the community loader read are not read again, and each page knows its community.
pub fn load_site_for(
    source: &Source,
    index: &Index,
    today: NaiveDate,
    progress: &AtomicUsize,
) -> Result<SiteIndex, LoadError> {
    let mut site = load_site_reusing(source, &index.files, today, progress)?;
    site.site.link_communities(&index.communities);
    Ok(site)
}

/// Indexes the whole content tree of `source`, taking the files in `read` as they
/// were read rather than reading them again.
fn load_site_reusing(
    source: &Source,
    read: &ReadFiles,
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
            let walked = folder_walk(&root, None);
            unreadable = walked.unreadable;
            let (data, diagnostics) = site_data::load_site_data(&data_dir(&root));
            data_diagnostics = diagnostics;
            let files = walked.files.into_iter();
            (
                files.map(|(path, _)| page_file(&root, path)).collect(),
                data,
            )
        }
    };
    let results: Vec<Indexed> = found
        .into_par_iter()
        .map(|file| {
            let page = match read.get(&file.source) {
                Some(page) => page,
                None => index_file(file, today),
            };
            progress.fetch_add(1, Ordering::Relaxed);
            page
        })
        .collect();
    unreadable.append(&mut data_diagnostics);
    Ok(site_index_of(
        results.into_iter(),
        unreadable,
        LazySiteData::ready(data),
        None,
    ))
}

/// The site from every file's result, in the files' order; `problems` are the tree's
/// own (unreadable folders, broken data files) and `data` its data files. The results
/// come straight from a `Vec`, whose buffer the standard library reuses for the pages it
/// collects: a second copy of every page would cost its memory, and its page faults,
/// again.
pub(super) fn site_index_of(
    results: impl Iterator<Item = Indexed>,
    problems: Vec<Diagnostic>,
    data: LazySiteData,
    tables: Option<SiteTables>,
) -> SiteIndex {
    let mut diagnostics = Vec::new();
    let mut pages: Vec<SitePage> = results
        .filter_map(|result| match result {
            Ok((page, warnings)) => {
                diagnostics.extend(warnings);
                Some(page)
            }
            Err(diagnostic) => {
                diagnostics.extend(diagnostic);
                None
            }
        })
        .collect();
    pages.shrink_to_fit();
    diagnostics.extend(problems);
    let mut site = match tables {
        Some(tables) if tables.fit(pages.len()) => Site::with_tables(pages, tables),
        _ => Site::new(pages),
    };
    site.data = data;
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

/// A file found under `root`, ready to index: where it sits and how to read it.
pub(super) fn page_file(root: &Path, path: PathBuf) -> PageFile {
    let relative = path.strip_prefix(root).unwrap_or(&path);
    let (folders, stem) = (folders_of(relative), stem_of(&path));
    let (source, body) = BodySource::of_file(path);
    PageFile {
        folders,
        stem,
        source,
        body,
    }
}

/// Reads a page's whole file again (front matter and body), as text.
pub fn read_text(at: TextSource) -> Result<String, String> {
    match at {
        TextSource::BuiltIn(text) => Ok(text.to_string()),
        TextSource::File(path) => {
            let bytes = read_page_file(path).map_err(|d| d.message)?;
            decode_owned(bytes).map_err(|e| e.message)
        }
    }
}

/// Reads a page's body again, for showing it.
pub fn read_body(at: TextSource) -> Result<String, String> {
    body_of_text(&read_text(at)?)
}

/// The body `read_body` gives for a file of these bytes.
pub fn body_of_bytes(bytes: Vec<u8>) -> Result<String, String> {
    body_of_text(&decode_owned(bytes).map_err(|e| e.message)?)
}

fn body_of_text(text: &str) -> Result<String, String> {
    split_page(text)
        .map(|page| super::mojibake::repair_mojibake(page.body).into_owned())
        .map_err(|e| e.message)
}

/// Reads one file's front matter into a page, with warnings about it.
pub(super) fn index_file(file: PageFile, today: NaiveDate) -> Indexed {
    let mut stamp = None;
    let raw = match file.body.text_source(&file.source) {
        TextSource::BuiltIn(text) => Ok(std::borrow::Cow::Borrowed(text)),
        TextSource::File(path) => read_stamped_page_file(path)
            .map_err(|d| PageError {
                line: d.line,
                message: d.message,
            })
            .and_then(|(bytes, read_at)| {
                stamp = Some(read_at);
                decode_owned(bytes)
            })
            .map(std::borrow::Cow::Owned),
    };
    let split = raw.as_deref().map_err(Clone::clone).and_then(split_page);
    stamped(index_split(file, split.as_ref(), today), stamp)
}
