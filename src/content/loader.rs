//! Finds the community pages in a folder (or the embedded copy) and loads them all,
//! turning every unreadable file into a diagnostic instead of an error.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use include_dir::{Dir, include_dir};
use rayon::prelude::*;
use thiserror::Error;

use super::cache::{CacheKind, CacheUse, SiteCache, settled_before};
use super::cache_file::{Stamp, keep_cache_file};
use super::community_cache::{KeptCommunities, KeptFile};
use super::diagnostic::Diagnostic;
use super::front_matter::{MAX_FILE_BYTES, PageError, decode_owned, decode_text, split_page};
use super::model::Community;
use super::page::{ParsedPage, community_of_split};
use super::read_files::ReadFiles;
use super::site::BodySource;
use super::site_page::{Indexed, PageFile as SiteFile, content_root, folders_of, index_split};
use super::walk::is_hidden;

/// The pages shipped with copdeck, compiled into the binary.
pub(super) static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// Where to read pages from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The copy of `content/` built into the binary.
    Embedded,
    /// A site checkout, a `content/` folder or a `communities/` folder.
    Dir(PathBuf),
}

/// Why nothing at all could be loaded (one bad page is a diagnostic instead).
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{0}: no such folder")]
    Missing(PathBuf),
    #[error("{0}: not a folder")]
    NotAFolder(PathBuf),
    #[error(
        "{0}: no community pages here (looked for content/communities/, communities/ and *.md files)"
    )]
    NoPages(PathBuf),
    #[error("{path}: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Everything loaded: communities in site order, and the problems found on the way.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub communities: Vec<Community>,
    pub diagnostics: Vec<Diagnostic>,
    /// What was loaded, for titles and messages ("embedded pages" or the folder).
    pub origin: String,
    /// Whether the pages are files of the user's (not the built-in copy).
    pub editable: bool,
    /// The site pages of the files read here, for the site walk to take as they are.
    pub files: ReadFiles,
}

/// Today's date, which decides what has expired.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Loads every community page from `source`; `today` decides what has expired.
pub fn load(source: &Source, today: NaiveDate) -> Result<Index, LoadError> {
    let files = match source {
        Source::Embedded => embedded_files(),
        Source::Dir(dir) => folder_files(&communities_dir(dir)?)?,
    };
    // Files are read and parsed in parallel; results keep the files' order.
    let parsed: Vec<(ParsedPage, Option<SharedFile>)> = files
        .into_par_iter()
        .map(|file| parse_file(file, today))
        .collect();
    Ok(community_index_of(source, parsed))
}

/// `load`, keeping each community file's page in `cache` between runs: a file whose
/// stamp has not changed since it was kept is not read again, and the kept pages are
/// written again when any file was read, added or removed. The built-in pages, and a
/// cache that is off, go straight to `load`. With the index comes what the cache did:
/// how many files it saved reading, and why it could not be written, if it could not.
pub fn load_cached(
    source: &Source,
    today: NaiveDate,
    cache: &SiteCache,
) -> Result<(Index, CacheUse), LoadError> {
    let Source::Dir(dir) = source else {
        return load(source, today).map(|index| (index, CacheUse::default()));
    };
    // As the site's uncached load counts: its pages and its problems.
    let uncached = |index: Index| {
        let read = index.communities.len() + index.diagnostics.len();
        let used = CacheUse {
            read,
            ..CacheUse::default()
        };
        (index, used)
    };
    let folder = communities_dir(dir)?;
    let Some((root, file)) = cache.file_for(CacheKind::Communities, &folder) else {
        return load(source, today).map(uncached);
    };
    let files = folder_files(&folder)?;
    let old = KeptCommunities::read(&file, &root);
    let found = old.is_some();
    let mut kept = old.map(KeptCommunities::by_source).unwrap_or_default();
    let old_count = kept.len();
    // A record is taken (moved) by its file: each is looked up once.
    let mut records: Vec<Option<KeptFile>> =
        files.iter().map(|file| kept.remove(&file.source)).collect();
    drop(kept);
    let settled_before = settled_before();
    // Each file is its kept record while its stamp holds, else read.
    let results: Vec<CachedFile> = files
        .into_par_iter()
        .zip(records.par_iter_mut())
        .map(|(file, record)| {
            let stamp = match &file.bytes {
                PageBytes::File(path) => Stamp::of_path(path),
                PageBytes::Embedded(_) => None,
            };
            match record.take() {
                Some(record) if Some(record.stamp) == stamp => CachedFile::Kept(record),
                _ => {
                    let source = file.source.clone();
                    let (parsed, shared) = parse_file(file, today);
                    // Kept only under the stamp it was read with, once that stamp
                    // cannot change again within the file system's clock tick.
                    let keep = shared
                        .as_ref()
                        .and_then(|(_, stamp, _)| *stamp)
                        .filter(|stamp| stamp.modified.0 < settled_before)
                        .map(|stamp| KeptFile::of(source, stamp, &parsed));
                    CachedFile::Read(Box::new(ReadFile {
                        parsed,
                        shared,
                        keep,
                    }))
                }
            }
        })
        .collect();
    let reused = results
        .iter()
        .filter(|r| matches!(r, CachedFile::Kept(_)))
        .count();
    // Written again when a file was read (changed or added) or one was removed.
    let rewrite = !found || reused != results.len() || reused != old_count;
    let mut keep = Vec::with_capacity(if rewrite { results.len() } else { 0 });
    let mut parsed = Vec::with_capacity(results.len());
    for result in results {
        match result {
            CachedFile::Kept(record) => {
                if rewrite {
                    keep.push(record.clone());
                }
                parsed.push((record.parsed(today), None));
            }
            CachedFile::Read(read) => {
                keep.extend(read.keep);
                parsed.push((read.parsed, read.shared));
            }
        }
    }
    // The kept pages only save time: a folder that cannot be written to is no reason
    // to fail, only one to say so.
    let write_error = rewrite
        .then(|| {
            let encoded = KeptCommunities::new(&root, keep).encode();
            keep_cache_file(&file, encoded, "the community pages")
        })
        .flatten();
    let used = CacheUse {
        reused,
        read: parsed.len() - reused,
        write_error,
    };
    Ok((community_index_of(source, parsed), used))
}

/// A community file on a cached load: its kept record, which still holds, or the file
/// read again, with the record to keep for it (none while its stamp may still change).
#[expect(
    clippy::large_enum_variant,
    reason = "the common case, a kept record, stays inline; the rare read file is boxed"
)]
enum CachedFile {
    Kept(KeptFile),
    Read(Box<ReadFile>),
}

/// A community file read on a cached load.
struct ReadFile {
    parsed: ParsedPage,
    shared: Option<SharedFile>,
    keep: Option<KeptFile>,
}

/// The index of `source` from its files' pages, in the files' order: communities in
/// site order, the problems, and the site pages of the files read for the site walk.
fn community_index_of(source: &Source, parsed: Vec<(ParsedPage, Option<SharedFile>)>) -> Index {
    let mut index = Index {
        origin: match source {
            Source::Embedded => "embedded pages".to_string(),
            Source::Dir(dir) => dir.display().to_string(),
        },
        editable: matches!(source, Source::Dir(_)),
        ..Index::default()
    };
    for (page, shared) in parsed {
        index.diagnostics.extend(page.diagnostics);
        index.communities.extend(page.community);
        if let Some((source, stamp, indexed)) = shared {
            index.files.insert(source, stamp, indexed);
        }
    }
    index.communities.sort_by(site_order);
    index
}

/// A file's site page for the site walk: its name, its stamp before it was read, and
/// the page (or why it is left out).
type SharedFile = (String, Option<Stamp>, Indexed);

/// Reads and parses one file of the communities folder, once, for both its community
/// and its page of the site.
fn parse_file(file: PageFile, today: NaiveDate) -> (ParsedPage, Option<SharedFile>) {
    // The stamp is the opened file's, taken before it is read: one look at the file
    // rather than two. A file that cannot be read is looked up by its path.
    let (stamp, text) = match &file.bytes {
        PageBytes::Embedded(bytes) => (None, decode_text(bytes)),
        PageBytes::File(path) => match read_stamped_page_file(path) {
            Ok((bytes, stamp)) => (Some(stamp), decode_owned(bytes)),
            Err(d) => (
                Stamp::of_path(path),
                Err(PageError {
                    line: d.line,
                    message: d.message,
                }),
            ),
        },
    };
    let split = text.as_deref().map_err(Clone::clone).and_then(split_page);
    let parsed = if file.stem.starts_with('_') {
        // A section index: not a community, but its front matter must still read.
        ParsedPage {
            community: None,
            diagnostics: split
                .as_ref()
                .err()
                .map(|err| Diagnostic::error(&file.source, err.line, err.message.clone()))
                .into_iter()
                .collect(),
        }
    } else {
        community_of_split(&file.source, &file.stem, split.as_ref(), today)
    };
    // The site walk takes a built-in page's text as it is: shared only when decoding
    // changed nothing (no byte-order mark, no CR), so that both read the same text. A
    // file's page takes its name from the path's own buffer, as the site walk does.
    let named = match file.bytes {
        PageBytes::Embedded(bytes) => match (std::str::from_utf8(bytes), &text) {
            (Ok(raw), Ok(text)) if raw == text => {
                Some((file.source.clone(), BodySource::Embedded(raw)))
            }
            _ => None,
        },
        PageBytes::File(path) => Some(BodySource::of_file(path)),
    };
    let shared = named.map(|(source, body)| {
        let site_file = SiteFile {
            folders: file.folders,
            stem: file.stem,
            source,
            body,
        };
        (
            file.source,
            stamp,
            index_split(site_file, split.as_ref(), today),
        )
    });
    (parsed, shared)
}

/// The site's order (its communities page): the communities Digital.gov runs, then the
/// others, each group by title; pages the site does not list come last, also by title.
fn site_order(a: &Community, b: &Community) -> std::cmp::Ordering {
    a.group()
        .cmp(&b.group())
        .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
        .then_with(|| a.slug.cmp(&b.slug))
}

/// The folder that holds the community pages, given any of the accepted folders.
pub fn communities_dir(dir: &Path) -> Result<PathBuf, LoadError> {
    let meta = fs::metadata(dir).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => LoadError::Missing(dir.to_path_buf()),
        _ => LoadError::Unreadable {
            path: dir.to_path_buf(),
            source: err,
        },
    })?;
    if !meta.is_dir() {
        return Err(LoadError::NotAFolder(dir.to_path_buf()));
    }
    for candidate in [
        dir.join("content").join("communities"),
        dir.join("communities"),
    ] {
        if candidate.is_dir() {
            return Ok(candidate);
        }
    }
    let has_pages = fs::read_dir(dir)
        .map_err(|source| LoadError::Unreadable {
            path: dir.to_path_buf(),
            source,
        })?
        .flatten()
        .any(|entry| is_markdown(&entry.path()));
    if has_pages {
        Ok(dir.to_path_buf())
    } else {
        Err(LoadError::NoPages(dir.to_path_buf()))
    }
}

/// A file's name as pages and messages show it: the path as it is when it is Unicode
/// (a copy, not a trip through the formatter, for every file of a warm load), with
/// any other byte shown as U+FFFD. It is `path_view` owned, so a lookup by name may
/// take that borrowed view instead of a copy.
pub(super) fn path_text(path: &Path) -> String {
    path_view(path).into_owned()
}

/// `Path::to_string_lossy`, checked first by the quicker test for Unicode (the lossy
/// reading walks the bytes one at a time, which showed in a warm load's profile).
pub(super) fn path_view(path: &Path) -> std::borrow::Cow<'_, str> {
    match path.to_str() {
        Some(text) => std::borrow::Cow::Borrowed(text),
        None => path.to_string_lossy(),
    }
}

pub(super) fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("md"))
}

/// One page file found: its name for messages, the folders above it under the content
/// root, its stem, and its bytes or why not.
struct PageFile {
    source: String,
    folders: Vec<String>,
    stem: String,
    bytes: PageBytes,
}

/// Where a page file's bytes are: built in, or still on disk.
enum PageBytes {
    Embedded(&'static [u8]),
    File(PathBuf),
}

fn embedded_files() -> Vec<PageFile> {
    let Some(dir) = EMBEDDED.get_dir("communities") else {
        return Vec::new();
    };
    let mut files: Vec<PageFile> = dir
        .files()
        .filter(|file| is_markdown(file.path()))
        .map(|file| PageFile {
            source: format!("content/{}", file.path().display()),
            folders: folders_of(file.path()),
            stem: stem_of(file.path()),
            bytes: PageBytes::Embedded(file.contents()),
        })
        .collect();
    files.sort_by(|a, b| a.source.cmp(&b.source));
    files
}

pub(super) fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn folder_files(dir: &Path) -> Result<Vec<PageFile>, LoadError> {
    let entries = fs::read_dir(dir).map_err(|source| LoadError::Unreadable {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| is_markdown(path))
        .filter(|path| !path.file_name().is_some_and(is_hidden))
        .collect();
    paths.sort();
    // The folders as the site walk finds them from the content root.
    let root = content_root(dir);
    Ok(paths
        .into_iter()
        .map(|path| PageFile {
            source: path_text(&path),
            folders: folders_of(path.strip_prefix(&root).unwrap_or(&path)),
            stem: stem_of(&path),
            bytes: PageBytes::File(path),
        })
        .collect())
}

/// Reads a page file, refusing anything that is not a regular file of sane size. The
/// type is checked on the opened handle, and the open itself cannot wait: a file
/// swapped for a FIFO between a look and the open is refused, never waited on.
pub(super) fn read_page_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    read_stamped_page_file(path).map(|(bytes, _)| bytes)
}

/// `read_page_file`, with the stamp the file had when it was opened.
pub(super) fn read_stamped_page_file(path: &Path) -> Result<(Vec<u8>, Stamp), Diagnostic> {
    let mut bytes = Vec::new();
    let stamp = read_page_file_into(path, &mut bytes)?;
    Ok((bytes, stamp))
}

/// `read_page_file` into a buffer that is reused from file to file (its old contents
/// are dropped), for reading many files without allocating for each. Gives the stamp
/// the file had when it was opened.
pub fn read_page_file_into(path: &Path, bytes: &mut Vec<u8>) -> Result<Stamp, Diagnostic> {
    bytes.clear();
    let shown = || path.display().to_string();
    let fail = |message: String| Diagnostic::error(&shown(), 1, message);
    let cannot = |err: std::io::Error| fail(format!("cannot read: {}", io_reason(&err)));
    // One look at the opened file (a folder as well, where it opens); the path is looked
    // up again only to explain a failed open.
    let file = open_without_waiting(path).map_err(|err| {
        if fs::metadata(path).is_ok_and(|meta| meta.is_dir()) {
            fail("is a folder, not a page".into())
        } else {
            cannot(err)
        }
    })?;
    let meta = file.metadata().map_err(cannot)?;
    if meta.is_dir() {
        return Err(fail("is a folder, not a page".into()));
    }
    if !meta.is_file() {
        return Err(fail(
            "not a regular file (a FIFO, socket or device); skipped without reading".into(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "file is {:.1} MiB, over the {} MiB limit for a page; skipped",
            meta.len() as f64 / (1024.0 * 1024.0),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let stamp = Stamp::of(&meta);
    read_sized(file, meta.len(), bytes).map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(format!(
            "file grew over the {} MiB limit while being read; skipped",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    Ok(stamp)
}

/// Reads an open file of `size` bytes (as its metadata gave) to its end, up to one byte
/// over the limit. The first read asks for one byte more than the size, so a file still
/// that size is read in one call, where `read_to_end` reads a limited file in 8 KiB
/// steps and then once more to see the end. A file that grew or shrank since is read on
/// to its end.
fn read_sized(mut file: File, size: u64, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    let asked = size.min(MAX_FILE_BYTES) as usize + 1;
    bytes.clear();
    bytes.resize(asked, 0);
    let read = loop {
        match file.read(bytes) {
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            other => break other,
        }
    };
    let read = read.inspect_err(|_| bytes.clear())?;
    bytes.truncate(read);
    if read as u64 == size {
        return Ok(());
    }
    let left = (MAX_FILE_BYTES + 1).saturating_sub(read as u64);
    file.take(left).read_to_end(bytes).map(|_| ())
}

/// Opens for reading without blocking on a FIFO or device that has no writer (the
/// flag changes nothing for the regular files that are then read).
fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// An I/O error in words, without Rust's "(os error N)" suffix.
fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(pos) => text[..pos].to_lowercase(),
        None => text,
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_path_reads_as_it_is_written_or_with_replacement_characters() {
        assert_eq!(
            path_text(Path::new("content/news/é.md")),
            "content/news/é.md"
        );
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let odd = Path::new(std::ffi::OsStr::from_bytes(b"news/a\xff.md"));
            assert_eq!(path_text(odd), "news/a\u{fffd}.md");
            assert_eq!(path_text(odd), odd.display().to_string());
            assert_eq!(path_text(odd), odd.to_string_lossy());
        }
    }

    #[test]
    fn a_file_is_read_whole_whatever_size_its_metadata_gave() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("page.md");
        let text = "---\ntitle: A\n---\n".repeat(1000);
        fs::write(&page, &text).unwrap();
        let size = text.len() as u64;
        // The size as read, one that grew since (read on past it), one that shrank.
        for given in [size, size / 3, 0, size + 10, 2 * size] {
            let mut bytes = b"left over".to_vec();
            read_sized(File::open(&page).unwrap(), given, &mut bytes).unwrap();
            assert_eq!(bytes, text.as_bytes(), "given {given}");
        }
    }

    #[test]
    fn a_folder_is_refused_as_a_folder_and_the_buffer_is_emptied() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("folder.md");
        fs::create_dir(&folder).unwrap();
        let mut bytes = b"left over".to_vec();
        let refused = read_page_file_into(&folder, &mut bytes).unwrap_err();
        assert!(
            refused.message.contains("is a folder"),
            "{}",
            refused.message
        );
        assert!(bytes.is_empty());
        let page = dir.path().join("page.md");
        fs::write(&page, "---\ntitle: A\n---\n").unwrap();
        read_page_file_into(&page, &mut bytes).unwrap();
        assert_eq!(bytes, b"---\ntitle: A\n---\n");
    }

    #[test]
    fn opening_a_fifo_does_not_wait_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("page.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test
        }
        let (tx, rx) = mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let opened = open_without_waiting(&path).map(|f| f.metadata().unwrap().is_file());
            let _ = tx.send(opened.ok());
        });
        let opened = rx.recv_timeout(Duration::from_secs(10));
        assert_eq!(opened, Ok(Some(false)), "the open waited for a writer");
        let refused = read_page_file(&fifo).unwrap_err();
        assert!(
            refused.message.contains("not a regular file"),
            "{}",
            refused.message
        );
    }
}
