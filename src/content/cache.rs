//! A warm start: the site index of a content tree kept between runs in the cache
//! folder (`$XDG_CACHE_HOME/copdeck/`, one file per content root), so that an unchanged
//! tree is not read again. Each file is checked by size, times and inode; changed files
//! are read again, removed ones dropped, added ones read, and the file rewritten.

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::cache_file::{
    CacheContents, CacheHead, CacheRead, Entry, KeptTables, RecordsPart, day_number, encode,
    keep_cache_file, loaded_of, outcome_of, program_version, read_cache,
};
use super::lazy_site_data::{DataCheck, LazySiteData};
use super::loader::{Index, LoadError, Source, communities_dir, path_view};
use super::read_files::ReadFiles;
use super::site_data::{DataRecord, load_site_data_cached};
use super::site_loader::{
    SiteIndex, data_dir, index_file, load_site, load_site_for, page_file, site_index_of,
};
use super::site_page::{Indexed, content_root};
use super::walk::{FolderRecord, Known, WalkedFile, folder_walk};

/// A file changed this recently may change again within the same clock tick of the
/// file system without its stamp changing, so it is not trusted to the cache yet.
const SETTLE: Duration = Duration::from_secs(2);

/// The second (since 1970) before which a file's last change is settled (`SETTLE`):
/// only a stamp older than that is kept in a cache file.
pub(super) fn settled_before() -> i64 {
    system_seconds(SystemTime::now()) - SETTLE.as_secs() as i64
}

/// Set by `--no-cache` (or `COPDECK_NO_CACHE`) once at start, for the whole process.
static TURNED_OFF: AtomicBool = AtomicBool::new(false);

/// Turns the cache off for this process: every load reads the whole tree.
pub fn turn_off() {
    TURNED_OFF.store(true, Ordering::Relaxed);
}

/// What a cache file keeps: a content tree's site index, or its community pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CacheKind {
    Site,
    Communities,
}

impl CacheKind {
    const ALL: [Self; 2] = [Self::Site, Self::Communities];

    /// The start of the kind's file names.
    fn name(self) -> &'static str {
        match self {
            Self::Site => "site",
            Self::Communities => "communities",
        }
    }
}

/// Where site indexes (and the community pages beside them) are kept, or nowhere, and
/// how a site index is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteCache {
    folder: Option<PathBuf>,
    /// Whether a site is loaded for the least memory rather than the least time
    /// (`low_memory`).
    low_memory: bool,
}

/// What a cached load did, for messages and tests.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CacheUse {
    /// Files whose record was used as it was.
    pub reused: usize,
    /// Files read and parsed.
    pub read: usize,
    /// Why the cache file could not be written, if it could not.
    pub write_error: Option<String>,
}

impl SiteCache {
    /// The cache of this process: off after `turn_off`, else the user's cache folder.
    pub fn for_this_process() -> Self {
        if TURNED_OFF.load(Ordering::Relaxed) {
            return Self::off();
        }
        Self::user()
    }

    /// The user's cache folder, whether or not this process uses it.
    pub fn user() -> Self {
        Self::kept_in(default_folder())
    }

    /// No cache: every load reads the tree.
    pub fn off() -> Self {
        Self::kept_in(None)
    }

    /// A cache kept in `folder`.
    pub fn in_folder(folder: impl Into<PathBuf>) -> Self {
        Self::kept_in(Some(folder.into()))
    }

    /// A cache in `folder` (none when None), loading for the least time.
    fn kept_in(folder: Option<PathBuf>) -> Self {
        Self {
            folder,
            low_memory: false,
        }
    }

    /// The same cache, a site loaded with it for the least memory rather than the
    /// least time: for the browser, whose peak memory is a target and which loads the
    /// site in the background. The site index is read a step at a time, each step let
    /// go of once decoded, however small the file (a command maps a file under 16 MiB
    /// whole, which costs fewer page faults, but in the browser that put the whole file,
    /// 2 MB for the site-shaped tree of 4,041 pages, into its peak); and the pages are
    /// made in the place of their records, on one core (a command makes them on every
    /// core, into a list of their own, which held both at the load's end).
    pub fn low_memory(self) -> Self {
        Self {
            low_memory: true,
            ..self
        }
    }

    /// The folder, when the cache is on.
    pub fn folder(&self) -> Option<&Path> {
        self.folder.as_deref()
    }

    /// The cache file of `kind` for `folder`, with the key it is kept under: the
    /// folder's full path (as given when it cannot be resolved), whose hash names the
    /// file and which the file records. None when the cache is off.
    pub(super) fn file_for(&self, kind: CacheKind, folder: &Path) -> Option<(String, PathBuf)> {
        let cache = self.folder.as_ref()?;
        let key = fs::canonicalize(folder)
            .unwrap_or_else(|_| folder.to_path_buf())
            .display()
            .to_string();
        let name = format!("{}-{:016x}.idx", kind.name(), fnv1a(key.as_bytes()));
        Some((key, cache.join(name)))
    }

    /// The index files in the folder (and any temporary file left by a crash), by name.
    fn own_files(&self) -> std::io::Result<Vec<PathBuf>> {
        let Some(folder) = &self.folder else {
            return Ok(Vec::new());
        };
        let entries = match fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(err),
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .filter(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                CacheKind::ALL.iter().any(|kind| {
                    let kind = format!("{}-", kind.name());
                    (name.starts_with(&kind) && name.ends_with(".idx"))
                        || (name.starts_with(&format!(".{kind}")) && name.ends_with(".tmp"))
                })
            })
            .map(|entry| entry.path())
            .collect();
        files.sort();
        Ok(files)
    }

    /// Each index file with its size in bytes.
    pub fn files(&self) -> Vec<(PathBuf, u64)> {
        let files = self.own_files().unwrap_or_default();
        files
            .into_iter()
            .map(|path| {
                let size = fs::metadata(&path).map_or(0, |m| m.len());
                (path, size)
            })
            .collect()
    }

    /// Deletes every index file (and any left-over temporary file) in the folder;
    /// returns the files removed.
    pub fn clear(&self) -> std::io::Result<Vec<PathBuf>> {
        let files = self.own_files()?;
        for file in &files {
            fs::remove_file(file)?;
        }
        Ok(files)
    }
}

/// `$XDG_CACHE_HOME/copdeck`, else `~/.cache/copdeck`; None without either.
fn default_folder() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = xdg.or_else(|| {
        std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(|h| PathBuf::from(h).join(".cache"))
    })?;
    Some(base.join("copdeck"))
}

/// A stable 64-bit hash (FNV-1a) for file names.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Indexes the site of `source` as `load_site` does, using and refreshing the cache.
/// The built-in pages and a cache that is off go straight to `load_site`.
pub fn load_site_cached(
    source: &Source,
    today: NaiveDate,
    progress: &AtomicUsize,
    cache: &SiteCache,
) -> Result<(SiteIndex, CacheUse), LoadError> {
    load_cached(source, None, today, progress, cache, DataCheck::Now)
}

/// Indexes the site of `source` as `load_site_for` does (with the communities `index`
/// read from it, whose files are not read again), using and refreshing the cache;
/// `data_check` says when its data folder is checked against the cache.
pub fn load_site_cached_for(
    source: &Source,
    index: &Index,
    today: NaiveDate,
    progress: &AtomicUsize,
    cache: &SiteCache,
    data_check: DataCheck,
) -> Result<(SiteIndex, CacheUse), LoadError> {
    let (mut site, used) = load_cached(source, Some(index), today, progress, cache, data_check)?;
    site.site.link_communities(&index.communities);
    Ok((site, used))
}

fn load_cached(
    source: &Source,
    index: Option<&Index>,
    today: NaiveDate,
    progress: &AtomicUsize,
    cache: &SiteCache,
    data_check: DataCheck,
) -> Result<(SiteIndex, CacheUse), LoadError> {
    let uncached = |source: &Source| match index {
        Some(index) => load_site_for(source, index, today, progress),
        None => load_site(source, today, progress),
    };
    let Source::Dir(dir) = source else {
        return Ok((uncached(source)?, CacheUse::default()));
    };
    let root = content_root(&communities_dir(dir)?);
    let Some((key, file)) = cache.file_for(CacheKind::Site, &root) else {
        let index = uncached(source)?;
        let read = index.site.pages.len() + index.diagnostics.len();
        return Ok((
            index,
            CacheUse {
                read,
                ..CacheUse::default()
            },
        ));
    };
    let old = read_cache(&file, &key, cache.low_memory);
    let no_files = ReadFiles::default();
    let read = index.map_or(&no_files, |index| &index.files);
    let (index, mut used, changed) = load_with(
        &root,
        old,
        read,
        today,
        progress,
        data_check,
        cache.low_memory,
    );
    if let Some(contents) = changed {
        let contents = CacheContents {
            version: program_version(),
            root: key,
            ..contents
        };
        used.write_error = keep_cache_file(&file, encode(&contents), "the index");
    }
    Ok((index, used))
}

// A page and the record to write for it fit in the place of a record, so that the
// pages of a low-memory load are made in the records' own list (checked as it builds).
const _: () = assert!(
    size_of::<(Indexed, Option<Box<Entry>>)>() <= size_of::<Option<Entry>>()
        && align_of::<(Indexed, Option<Box<Entry>>)>() == align_of::<Option<Entry>>()
);

/// What is known of one file of the tree before it is read, beside its path and stamp
/// in the walk's list (kept apart, so that the list is not copied).
struct Found {
    cached: Option<usize>,
    /// The file's page as the community loader read it (boxed: few files have one, and
    /// every file has a `Found`).
    read: Option<Box<Indexed>>,
    /// Whether the community loader read the file with the stamp it has now.
    read_now: bool,
}

/// The site's data folder in a cached load: checked against its old record, or the old
/// record, not yet checked (`DataCheck::WhenRead`).
enum DataState {
    /// The record now, and whether it differs from the old one.
    Checked(DataRecord, bool),
    Unchecked(DataRecord),
}

/// Loads the tree under `root` using `old` entries where their stamps still hold (and
/// the old data record while the data files are unchanged), and the pages in `read`
/// for files unchanged since they were read. Returns the entries and data to write
/// when anything changed. A file written again has its data folder checked first,
/// whatever `data_check` says.
fn load_with(
    root: &Path,
    old: Option<CacheRead>,
    read: &ReadFiles,
    today: NaiveDate,
    progress: &AtomicUsize,
    data_check: DataCheck,
    low_memory: bool,
) -> (SiteIndex, CacheUse, Option<CacheContents>) {
    let settled_before = settled_before();
    let (head, records) = match old {
        Some(CacheRead { head, records }) => (head, Some(records)),
        None => (CacheHead::default(), None),
    };
    // The records are decoded on one core while the tree is walked on the other (the
    // walk only needs the head): decoding alone would leave a core idle.
    let known = Known::new(&head.folders, settled_before);
    // The data folder is checked beside the decoding too (unless a shortcode is to ask
    // for it first), with its record from the records' part.
    let data_folder = data_dir(root);
    let (walked, ((old, old_tables), data)) = rayon::join(
        || folder_walk(root, Some(&known)),
        || {
            // The file is let go of as soon as its records are decoded, not once the
            // walk is done too: its pages count in the process's memory while mapped.
            let RecordsPart {
                entries,
                tables,
                data,
            } = records.map(|r| r.decode()).unwrap_or_default();
            let data = match data_check {
                DataCheck::Now => {
                    let (record, changed) = load_site_data_cached(&data_folder, Some(data));
                    DataState::Checked(record, changed)
                }
                DataCheck::WhenRead => DataState::Unchecked(data),
            };
            ((entries, tables), data)
        },
    );
    // A kept list the walk took as it was is the head's own record: the same, unread.
    let folders_changed = walked.folders.len() != head.folders.len()
        || walked
            .folders
            .iter()
            .zip(&head.folders)
            .any(|(now, then)| !std::ptr::eq(now.as_ref(), then) && now.as_ref() != then);
    let folders = walked.folders;
    let mut problems = walked.unreadable;
    // The records were written in the walk's order, so a file's record is most often
    // at its own place in the list; the others are looked up by name, in a table made
    // only when a file is first not found at its place (a file added or removed).
    let by_path = std::sync::OnceLock::new();
    let record_of = |place: usize, relative: &str| {
        if old.get(place).is_some_and(|e| e.path == relative) {
            return Some(place);
        }
        let by_path: &foldhash::HashMap<&str, usize> = by_path.get_or_init(|| {
            old.iter()
                .enumerate()
                .map(|(i, e)| (e.path.as_str(), i))
                .collect()
        });
        by_path.get(relative).copied()
    };
    let files = walked.files;
    let found: Vec<Found> = files
        .par_iter()
        .enumerate()
        .map(|(place, (path, stamp))| {
            let relative = name_under(root, path);
            let cached = relative
                .and_then(|r| record_of(place, r))
                .filter(|&i| Some(old[i].stamp) == *stamp);
            // Only the community files were read before: no name to make otherwise.
            let (read_now, read) = if read.is_empty() {
                (false, None)
            } else {
                // `path_text` without the copy: the name the files are kept by.
                let source = path_view(path);
                (
                    read.read_at(&source, *stamp),
                    read.get(&source).map(Box::new),
                )
            };
            Found {
                cached,
                read,
                read_now,
            }
        })
        .collect();
    drop(by_path);
    let reused = found.iter().filter(|f| f.cached.is_some()).count();
    // Each file's old record, if it still holds, beside the file: on an unchanged tree,
    // the records as they are.
    let in_place = reused == old.len()
        && found
            .iter()
            .enumerate()
            .all(|(place, f)| f.cached == Some(place));
    // Every page is its record's, in the same place (a page the community loader read
    // from an older state of its file could differ from its record).
    let pages_as_kept = in_place && found.iter().all(|f| f.read.is_none() || f.read_now);
    // The kept tables hold for such pages on the day they were made for.
    let today_kept = day_number(today);
    let tables = old_tables
        .filter(|kept| pages_as_kept && kept.day == today_kept)
        .map(|kept| kept.tables);
    // Tables made again are written too, so the next load has them.
    let data_changed = matches!(data, DataState::Checked(_, true));
    let changed = folders_changed || data_changed || !pages_as_kept || tables.is_none();
    // A file to write gets a data record checked now.
    let data = match data {
        DataState::Unchecked(old) if changed => {
            let (record, changed) = load_site_data_cached(&data_folder, Some(old));
            DataState::Checked(record, changed)
        }
        data => data,
    };
    if let DataState::Checked(record, _) = &data {
        problems.extend_from_slice(record.problems());
    }
    // The folders' lists are written only with a changed file; otherwise they (and the
    // head's, which the walk borrowed) are let go of before the pages are made, the
    // load's peak in memory.
    let folders: Option<Vec<FolderRecord>> =
        changed.then(|| folders.into_iter().map(Cow::into_owned).collect());
    drop(known);
    drop(head);
    let still_held: Vec<Option<Entry>> = if in_place {
        old.into_iter().map(Some).collect()
    } else {
        let mut old: Vec<Option<Entry>> = old.into_iter().map(Some).collect();
        found
            .iter()
            .map(|f| f.cached.and_then(|i| old[i].take()))
            .collect()
    };
    // Each page with the record to write for it, boxed: a load that writes nothing
    // keeps none, and the pair is as small as it can be for the page to be made in its
    // place (`site_index_of`).
    let make = |(entry, ((path, stamp), found)): (Option<Entry>, (WalkedFile, Found))| {
        progress.fetch_add(1, Ordering::Relaxed);
        match entry {
            Some(entry) => {
                let keep = changed.then(|| Box::new(entry.clone()));
                let loaded = match found.read {
                    Some(read) => *read,
                    None => loaded_of(entry, path, today),
                };
                (loaded, keep)
            }
            None => {
                // A page the community loader read from an older state of the file
                // is used, but not kept under the file's new stamp.
                let current = found.read.is_none() || found.read_now;
                // The file's name under the root, for its record: made only for a
                // file read, and only when there is a record to write.
                let relative = changed
                    .then(|| name_under(root, &path).map(str::to_string))
                    .flatten();
                let loaded = match found.read {
                    Some(read) => *read,
                    None => index_file(page_file(root, path), today),
                };
                let keep = match (changed, relative, stamp) {
                    (true, Some(path), Some(stamp))
                        if current && stamp.modified.0 < settled_before =>
                    {
                        Some(Box::new(Entry {
                            path,
                            stamp,
                            outcome: outcome_of(&loaded),
                        }))
                    }
                    _ => None,
                };
                (loaded, keep)
            }
        }
    };
    let results: Vec<(Indexed, Option<Box<Entry>>)> = if low_memory && in_place {
        // Every page from its record: made in the records' own list (the standard
        // library reuses a vector's buffer for what it collects from it, when the items
        // are no larger and aligned alike, as a check beside `Found` holds), not into a second.
        still_held
            .into_iter()
            .zip(files.into_iter().zip(found))
            .map(make)
            .collect()
    } else {
        still_held
            .into_par_iter()
            .zip(files.into_par_iter().zip(found))
            .map(make)
            .collect()
    };
    let used = CacheUse {
        reused,
        read: results.len() - reused,
        write_error: None,
    };
    // The data goes to the index as it is, copied only when the record is written too.
    let (data, data_record) = match data {
        DataState::Checked(record, _) if changed => {
            (LazySiteData::ready(record.data().clone()), Some(record))
        }
        DataState::Checked(record, _) => (LazySiteData::ready(record.into_data()), None),
        // Its problems are not reported: the command that loads it reads no data file
        // unless a shortcode asks, and then reads only the data.
        DataState::Unchecked(old) => (
            LazySiteData::when_read(move || {
                load_site_data_cached(&data_folder, Some(old)).0.into_data()
            }),
            None,
        ),
    };
    // The records to write (only when something changed) are taken out in the same
    // pass that makes the index.
    let mut entries = Vec::with_capacity(if changed { results.len() } else { 0 });
    let loaded = results.into_iter().map(|(loaded, keep)| {
        entries.extend(keep.map(|entry| *entry));
        loaded
    });
    let index = site_index_of(loaded, problems, data, tables);
    let written = data_record.map(|data| CacheContents {
        entries,
        data,
        folders: folders.unwrap_or_default(),
        tables: Some(KeptTables {
            day: today_kept,
            tables: index.site.tables().clone(),
        }),
        ..CacheContents::default()
    });
    (index, used, written)
}

/// A file's name under the root, as its record keeps it (None when not Unicode). The
/// walk spells every path as the root, a separator and the rest, so the rest is taken as
/// it is; any other path goes through `strip_prefix`, which reads each component.
fn name_under<'p>(root: &Path, path: &'p Path) -> Option<&'p str> {
    let quick = path
        .as_os_str()
        .as_encoded_bytes()
        .strip_prefix(root.as_os_str().as_encoded_bytes())
        .and_then(|rest| rest.strip_prefix(std::path::MAIN_SEPARATOR_STR.as_bytes()))
        .filter(|rest| !rest.is_empty());
    match quick {
        Some(rest) => std::str::from_utf8(rest).ok(),
        None => path.strip_prefix(root).ok()?.to_str(),
    }
}

fn system_seconds(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_files_name_under_the_root_is_the_same_however_the_root_is_written() {
        let root = Path::new("site/content");
        let file = root.join("news").join("a.md");
        assert_eq!(name_under(root, &file), Some("news/a.md"));
        for written in ["site/content/", "./site/content", "site//content"] {
            let file = Path::new(written).join("news/a.md");
            assert_eq!(name_under(Path::new(written), &file), Some("news/a.md"));
        }
        // A folder whose name starts like the root's is not under it.
        assert_eq!(name_under(root, Path::new("site/contents/a.md")), None);
        assert_eq!(name_under(root, Path::new("elsewhere/a.md")), None);
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let odd = root.join(std::ffi::OsStr::from_bytes(b"caf\xe9.md"));
            assert_eq!(name_under(root, &odd), None, "not Unicode: no name to keep");
        }
    }
}
