//! Walking a content tree for its Markdown files, in path order. A walk for the cache
//! also reads each file's stamp and each folder's, and lists a folder again only when
//! its stamp changed since the cache's last walk (a name added, removed or renamed in a
//! folder changes the folder's own times).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::cache_file::Stamp;
use super::diagnostic::Diagnostic;
use super::loader::is_markdown;

/// A folder as the last walk listed it: its place under the content root, its stamp
/// then, and the names it held that the walk looks at (Markdown files and folders, by
/// name; a folder's flag is true).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderRecord {
    pub path: String,
    pub stamp: Stamp,
    pub names: Vec<(String, bool)>,
}

/// What a walk for the cache knows from the last one.
pub(super) struct Known<'a> {
    /// Folders by their place under the root.
    folders: HashMap<&'a str, &'a FolderRecord>,
    /// Folders changed since this moment (seconds since 1970) are listed again: a name
    /// added within the same tick of the file system's clock would not show in its stamp.
    settled_before: i64,
}

impl<'a> Known<'a> {
    pub(super) fn new(folders: &'a [FolderRecord], settled_before: i64) -> Self {
        Self {
            folders: folders.iter().map(|f| (f.path.as_str(), f)).collect(),
            settled_before,
        }
    }
}

/// Whether a name in a folder is hidden (starts with a dot): the loaders leave such
/// files and folders out, and the live-reload watch does not watch them.
pub fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// A file the walk found, and its stamp when walking for the cache.
pub(super) type WalkedFile = (PathBuf, Option<Stamp>);

/// What walking a folder found: its Markdown files in path order, each with its stamp
/// when walking for the cache, the folders that could not be read, and (for the cache)
/// the folders as listed: a folder whose kept list was taken as it is borrows it.
#[derive(Default)]
pub(super) struct Walked<'a> {
    pub(super) files: Vec<WalkedFile>,
    pub(super) unreadable: Vec<Diagnostic>,
    pub(super) folders: Vec<Cow<'a, FolderRecord>>,
}

/// One name in a folder: a subfolder to walk, or a Markdown file.
enum Entry {
    Folder(PathBuf),
    File(PathBuf, Option<Stamp>),
}

impl Entry {
    fn path(&self) -> &Path {
        match self {
            Self::Folder(path) | Self::File(path, _) => path,
        }
    }
}

/// Collects the Markdown files under `root`; a folder that cannot be read is reported
/// and the rest of the tree is still read. Subfolders are walked in parallel, and the
/// result is in path order all the same. With `known` (a walk for the cache), each
/// file's size, times and inode are read too, and a folder whose stamp is what `known`
/// says is not listed again.
pub(super) fn folder_walk<'a>(root: &Path, known: Option<&Known<'a>>) -> Walked<'a> {
    let tree = walk(root, root, known);
    let mut walked = Walked::default();
    walked.files.reserve_exact(tree.files);
    tree.flatten_into(&mut walked);
    walked
}

/// What walking one folder found, each subfolder's as a part of it. Its files are
/// moved into one list only once the whole tree is walked: a list for each folder,
/// each taken into its parent's, copied every file once a level and left the freed
/// lists as holes in the heap among the paths the index keeps.
/// Each folder's part waits, boxed, among its parent's parts until then: it is kept small.
#[derive(Default)]
struct FolderWalk<'a> {
    /// The folder's record, for the cache, when it has one.
    record: Option<Listed<'a>>,
    unreadable: Option<Box<Diagnostic>>,
    parts: Vec<Named<'a>>,
    /// Files in the folder and below it.
    files: usize,
}

/// A folder's record as the walk found it: the kept one, or the one listed now.
enum Listed<'a> {
    Kept(&'a FolderRecord),
    Now(Box<FolderRecord>),
}

impl<'a> FolderWalk<'a> {
    /// Moves what the walk found into `walked`: each folder's record before those of
    /// its subfolders, and its files and subfolders' files in their order.
    fn flatten_into(self, walked: &mut Walked<'a>) {
        walked
            .folders
            .extend(self.record.map(|record| match record {
                Listed::Kept(record) => Cow::Borrowed(record),
                Listed::Now(record) => Cow::Owned(*record),
            }));
        walked
            .unreadable
            .extend(self.unreadable.map(|diagnostic| *diagnostic));
        for part in self.parts {
            match part {
                Named::File(path, stamp) => walked.files.push((path, stamp)),
                Named::Folder(folder) => folder.flatten_into(walked),
            }
        }
    }
}

fn walk<'a>(root: &Path, dir: &Path, known: Option<&Known<'a>>) -> FolderWalk<'a> {
    let mut walked = FolderWalk::default();
    let place = dir
        .strip_prefix(root)
        .ok()
        .and_then(|p| p.to_str())
        .unwrap_or("");
    let kept = known.and_then(|known| known.folders.get(place).copied());
    // Held open while its files are statted, by name through it (no path lookup each),
    // when it held enough names last time to make up for opening it.
    let handle = kept
        .filter(|record| record.names.len() >= HANDLE_FROM)
        .and_then(|_| FolderHandle::open(dir));
    // The folder's stamp before its names are read: a change while reading them shows
    // as another stamp next time.
    let stamp = match &handle {
        Some(handle) => handle.stamp(),
        None => known.and_then(|_| Stamp::of_path(dir)),
    };
    let settled = |known: &Known, stamp: &Stamp| stamp.modified.0 < known.settled_before;
    let listed = match (known, stamp) {
        (Some(known), Some(stamp)) => kept.filter(|f| f.stamp == stamp && settled(known, &stamp)),
        _ => None,
    };
    let entries = match listed {
        // The kept list is the folder's record again: borrowed, not copied.
        Some(record) => {
            walked.record = Some(Listed::Kept(record));
            entries_as_listed(dir, record, handle.as_ref())
        }
        None => match list(dir, known.is_some()) {
            Ok(named) => {
                // A name that is not Unicode cannot be kept in the list: its folder is
                // listed again every time.
                let keepable = named.iter().all(|(_, entry)| {
                    entry
                        .path()
                        .file_name()
                        .is_some_and(|n| n.to_str().is_some())
                });
                let (names, entries): (Vec<_>, Vec<_>) = named
                    .into_iter()
                    .map(|(name, entry)| ((name, matches!(entry, Entry::Folder(_))), entry))
                    .unzip();
                if let (Some(known), Some(stamp), true) = (known, stamp, keepable)
                    && settled(known, &stamp)
                {
                    walked.record = Some(Listed::Now(Box::new(FolderRecord {
                        path: place.to_string(),
                        stamp,
                        names,
                    })));
                }
                entries
            }
            Err(diagnostic) => {
                walked.unreadable = Some(Box::new(diagnostic));
                return walked;
            }
        },
    };
    drop(handle);
    // The subfolders are walked in parallel; a file is taken as it is, in its place
    // (a vector of its own would be one more allocation a file, freed among the paths
    // the index keeps).
    let has_folders = entries.iter().any(|e| matches!(e, Entry::Folder(_)));
    let one = |entry: Entry| match entry {
        Entry::Folder(path) => Named::Folder(Box::new(walk(root, &path, known))),
        Entry::File(path, stamp) => Named::File(path, stamp),
    };
    walked.parts = if has_folders {
        entries.into_par_iter().map(one).collect()
    } else {
        entries.into_iter().map(one).collect()
    };
    walked.files = walked.parts.iter().map(Named::files).sum();
    walked
}

/// What one name in a folder gave: a file, or what walking a subfolder found.
enum Named<'a> {
    File(PathBuf, Option<Stamp>),
    Folder(Box<FolderWalk<'a>>),
}

impl Named<'_> {
    fn files(&self) -> usize {
        match self {
            Self::File(..) => 1,
            Self::Folder(folder) => folder.files,
        }
    }
}

/// The names a folder held at the last walk from which it is opened to stat them: a
/// handle costs two calls more (open, close) and saves a path lookup for each name
/// (about a quarter of a warm walk of 100,000 pages, none on the real site's many small
/// folders).
const HANDLE_FROM: usize = 4;

/// A folder held open, to stat what it holds by name: the kernel then looks up one
/// name, not every folder of the path again for each file.
struct FolderHandle {
    #[cfg(unix)]
    fd: rustix::fd::OwnedFd,
}

impl FolderHandle {
    #[cfg(unix)]
    fn open(dir: &Path) -> Option<Self> {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let fd = rustix::fs::open(dir, flags, Mode::empty()).ok()?;
        Some(Self { fd })
    }

    #[cfg(not(unix))]
    fn open(_dir: &Path) -> Option<Self> {
        None
    }

    /// The folder's own stamp.
    fn stamp(&self) -> Option<Stamp> {
        #[cfg(unix)]
        return rustix::fs::fstat(&self.fd).ok().map(|s| Stamp::of_stat(&s));
        #[cfg(not(unix))]
        None
    }

    /// The stamp of what `name` in the folder is (a link's target, as `fs::metadata`).
    fn stamp_of(&self, name: &str) -> Option<Stamp> {
        #[cfg(unix)]
        return rustix::fs::statat(&self.fd, name, rustix::fs::AtFlags::empty())
            .ok()
            .map(|s| Stamp::of_stat(&s));
        #[cfg(not(unix))]
        {
            let _ = name;
            None
        }
    }
}

/// A folder's names as the last walk listed them, each file with its stamp now (read
/// through the folder's handle when there is one).
fn entries_as_listed(
    dir: &Path,
    record: &FolderRecord,
    handle: Option<&FolderHandle>,
) -> Vec<Entry> {
    record
        .names
        .iter()
        .map(|(name, is_folder)| {
            let path = joined(dir, name);
            if *is_folder {
                Entry::Folder(path)
            } else {
                let stamp = match handle {
                    Some(handle) => handle.stamp_of(name),
                    None => Stamp::of_path(&path),
                };
                Entry::File(path, stamp)
            }
        })
        .collect()
}

/// `dir.join(name)` in a buffer of the path's own size, where `join` leaves up to
/// half of it unused: a page file's path becomes its page's name for as long as the
/// index lives (`BodySource::of_file`).
fn joined(dir: &Path, name: impl AsRef<OsStr>) -> PathBuf {
    let name = name.as_ref();
    let mut path = PathBuf::with_capacity(dir.as_os_str().len() + 1 + name.len());
    path.push(dir);
    path.push(name);
    path
}

/// Reads a folder's names: its folders and Markdown files, hidden ones left out, by
/// name (within one folder, the paths' order). With `stamps`, each file's stamp is
/// read through the folder (one `statx` by name, no path lookup).
fn list(dir: &Path, stamps: bool) -> Result<Vec<(String, Entry)>, Diagnostic> {
    let entries = fs::read_dir(dir).map_err(|err| {
        Diagnostic::error(
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
        )
    })?;
    // The entry's own type (no extra system call per file); a link is not followed
    // into a folder, so links cannot loop.
    let mut named: Vec<(String, Entry)> = entries
        .flatten()
        .filter(|e| !is_hidden(&e.file_name()))
        .filter_map(|e| {
            let file_name = e.file_name();
            let path = joined(dir, &file_name);
            let name = file_name.to_string_lossy().into_owned();
            let kind = e.file_type().ok();
            if kind.is_some_and(|t| t.is_dir()) {
                return Some((name, Entry::Folder(path)));
            }
            if !is_markdown(&path) {
                return None;
            }
            let stamp = if stamps { Stamp::of_entry(&e) } else { None };
            Some((name, Entry::File(path, stamp)))
        })
        .collect();
    named.sort_unstable_by(|a, b| a.1.path().file_name().cmp(&b.1.path().file_name()));
    Ok(named)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(walked: &Walked, root: &Path) -> Vec<String> {
        walked
            .files
            .iter()
            .map(|(path, _)| path.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    fn age(path: &Path, seconds: u64) {
        let then = std::time::SystemTime::now() - std::time::Duration::from_secs(seconds);
        fs::File::open(path).unwrap().set_modified(then).unwrap();
    }

    #[test]
    fn files_statted_through_their_folder_have_the_stamps_their_paths_give() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("news")).unwrap();
        for (i, name) in ["a", "b", "c", "d", "e"].iter().enumerate() {
            fs::write(root.join(format!("news/{name}.md")), "x".repeat(i + 1)).unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("news/a.md"), root.join("news/link.md")).unwrap();
        age(&root.join("news"), 3_600);
        age(root, 3_600);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        let first = folder_walk(root, Some(&Known::new(&[], now - 2)));
        let mut kept: Vec<FolderRecord> =
            first.folders.iter().map(|f| f.as_ref().clone()).collect();
        let news = kept.iter_mut().find(|f| f.path == "news").unwrap();
        assert!(
            news.names.len() >= HANDLE_FROM,
            "enough names to open the folder"
        );
        news.names.push(("ghost.md".into(), false));
        let again = folder_walk(root, Some(&Known::new(&kept, now - 2)));
        assert_eq!(
            again.files.len(),
            first.files.len() + 1,
            "the kept list was taken"
        );
        for (path, stamp) in &again.files {
            let by_path = Stamp::of_path(path);
            assert_eq!(*stamp, by_path, "{}", path.display());
        }
        assert_eq!(
            again.files.last().unwrap().1,
            None,
            "the ghost has no stamp"
        );
        #[cfg(unix)]
        {
            let link = again
                .files
                .iter()
                .find(|(p, _)| p.ends_with("link.md"))
                .unwrap();
            assert_eq!(link.1.unwrap().size, 1, "a link's stamp is its target's");
        }
    }

    #[test]
    fn files_keep_their_order_around_the_folder_with_the_most() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let pages = [
            "a.md", "b/x.md", "c/1.md", "c/2.md", "c/3.md", "c/d/4.md", "d.md", "e/y.md", "f.md",
        ];
        for page in pages {
            let path = root.join(page);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let walked = folder_walk(root, None);
        assert_eq!(names(&walked, root), pages);
    }

    #[test]
    fn a_folder_is_listed_again_only_when_its_stamp_changed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("news/old")).unwrap();
        fs::write(root.join("news/a.md"), "a").unwrap();
        fs::write(root.join("news/old/b.md"), "b").unwrap();
        fs::write(root.join("news/notes.txt"), "not a page").unwrap();
        for folder in ["news/old", "news", ""] {
            age(&root.join(folder), 3_600);
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        let first = folder_walk(root, Some(&Known::new(&[], now - 2)));
        assert_eq!(names(&first, root), ["news/a.md", "news/old/b.md"]);
        assert!(first.files.iter().all(|(_, stamp)| stamp.is_some()));
        assert_eq!(first.folders.len(), 3, "every settled folder is kept");
        let plain = folder_walk(root, None);
        assert_eq!(names(&plain, root), names(&first, root));
        assert!(plain.folders.is_empty() && plain.files.iter().all(|(_, s)| s.is_none()));

        // A kept list is taken as it is while the folder's stamp holds: a name only the
        // list has is walked (and found missing), so the folder was not read again.
        let mut kept: Vec<FolderRecord> =
            first.folders.iter().map(|f| f.as_ref().clone()).collect();
        let news = kept.iter_mut().find(|f| f.path == "news").unwrap();
        news.names.push(("ghost.md".into(), false));
        let again = folder_walk(root, Some(&Known::new(&kept, now - 2)));
        assert_eq!(
            names(&again, root),
            ["news/a.md", "news/old/b.md", "news/ghost.md"]
        );
        assert_eq!(again.files[2].1, None, "the ghost has no stamp");

        // A name added to the folder changes its stamp: listed again, the list is right.
        fs::write(root.join("news/c.md"), "c").unwrap();
        let changed = folder_walk(root, Some(&Known::new(&kept, now - 2)));
        assert_eq!(
            names(&changed, root),
            ["news/a.md", "news/c.md", "news/old/b.md"]
        );
        assert!(
            !changed.folders.iter().any(|f| f.path == "news"),
            "a folder changed just now is not kept until it settles"
        );
    }
}
