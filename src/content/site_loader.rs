//! Indexes every page of a content tree (or of the embedded copy) into a `Site`.
//! Files are read and parsed in parallel; bodies are dropped and read again when shown.
//! With the communities already loaded, their files are taken as the community loader
//! read them, not read a second time.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use include_dir::Dir;
use rayon::prelude::*;

use super::cache_file::Stamp;
use super::diagnostic::Diagnostic;
use super::front_matter::{PageError, decode_owned, split_page};
use super::loader::{EMBEDDED, LoadError, communities_dir, is_markdown, read_page_file, stem_of};
use super::read_files::ReadFiles;
use super::site::{BodySource, Site};
use super::site_data;
use super::site_page::{Indexed, PageFile, content_root, folders_of, index_split};
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
            let walked = folder_walk(&root, &root, false);
            unreadable = walked.unreadable;
            let (data, diagnostics) = site_data::load_site_data(&data_dir(&root));
            data_diagnostics = diagnostics;
            (
                walked.files.into_iter().map(|(file, _)| file).collect(),
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

/// What walking a folder found: its Markdown files in path order, each with its stamp
/// when stamps were asked for, and the folders that could not be read.
#[derive(Default)]
pub(super) struct Walked {
    pub(super) files: Vec<(PageFile, Option<Stamp>)>,
    pub(super) unreadable: Vec<Diagnostic>,
}

/// One name in a folder: a subfolder to walk, or a Markdown file.
enum Entry {
    Folder(PathBuf),
    File(PageFile, Option<Stamp>),
}

/// Collects the Markdown files under `dir`; a folder that cannot be read is reported
/// and the rest of the tree is still read. Subfolders are walked in parallel, and the
/// result is in path order all the same. With `stamps`, each file's size, times and
/// inode are read through its folder (one `statx` by name, no path lookup).
pub(super) fn folder_walk(root: &Path, dir: &Path, stamps: bool) -> Walked {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            return Walked {
                files: Vec::new(),
                unreadable: vec![Diagnostic::error(
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
                )],
            };
        }
    };
    // The entry's own type (no extra system call per file); a link is not followed
    // into a folder, so links cannot loop.
    // Sorted by name, which within one folder is the paths' order, without comparing
    // every path component by component.
    let mut named: Vec<(std::ffi::OsString, Entry)> = entries
        .flatten()
        .filter(|e| !e.file_name().as_encoded_bytes().starts_with(b"."))
        .filter_map(|e| {
            let path = e.path();
            let kind = e.file_type().ok();
            if kind.is_some_and(|t| t.is_dir()) {
                return Some((e.file_name(), Entry::Folder(path)));
            }
            if !is_markdown(&path) {
                return None;
            }
            // A link's stamp is its target's, as reading the file follows it.
            let stamp = match (stamps, kind.is_some_and(|t| t.is_symlink())) {
                (false, _) => None,
                (true, false) => e.metadata().ok().map(|m| Stamp::of(&m)),
                (true, true) => fs::metadata(&path).ok().map(|m| Stamp::of(&m)),
            };
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let file = PageFile {
                folders: folders_of(relative),
                stem: stem_of(&path),
                source: path.display().to_string(),
                body: BodySource::File(path.clone()),
            };
            Some((e.file_name(), Entry::File(file, stamp)))
        })
        .collect();
    named.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let has_folders = named.iter().any(|(_, e)| matches!(e, Entry::Folder(_)));
    let walk = |entry: Entry| match entry {
        Entry::Folder(path) => folder_walk(root, &path, stamps),
        Entry::File(file, stamp) => Walked {
            files: vec![(file, stamp)],
            unreadable: Vec::new(),
        },
    };
    let parts: Vec<Walked> = if has_folders {
        named.into_par_iter().map(|(_, e)| walk(e)).collect()
    } else {
        named.into_iter().map(|(_, e)| walk(e)).collect()
    };
    let mut walked = Walked::default();
    for mut part in parts {
        walked.files.append(&mut part.files);
        walked.unreadable.append(&mut part.unreadable);
    }
    walked
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

/// Reads one file's front matter into a page, with warnings about it.
pub(super) fn index_file(file: PageFile, today: NaiveDate) -> Indexed {
    let raw = match &file.body {
        BodySource::Embedded(text) => Ok(std::borrow::Cow::Borrowed(*text)),
        BodySource::File(path) => read_page_file(path)
            .map_err(|d| PageError {
                line: d.line,
                message: d.message,
            })
            .and_then(decode_owned)
            .map(std::borrow::Cow::Owned),
    };
    let split = raw.as_deref().map_err(Clone::clone).and_then(split_page);
    index_split(file, split.as_ref(), today)
}
