//! The data folder that holds the synced site: where it is, what is known about the
//! copy in it, the lock that keeps two syncs apart, and the swap that puts a new copy
//! in place of the old one whole.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The file inside the site folder that describes the copy.
const ABOUT_FILE: &str = ".copdeck-sync.json";
const NEW_PREFIX: &str = "site.new-";
const OLD_PREFIX: &str = "site.old-";

/// What is known about a synced copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyInfo {
    /// The archive's address.
    pub url: String,
    /// The server's `ETag` for it, sent back next time.
    pub etag: Option<String>,
    /// The commit it was made from, when the archive says.
    pub commit: Option<String>,
    /// When it was downloaded.
    pub synced_at: DateTime<Utc>,
    /// Markdown pages under `content/`.
    pub pages: usize,
    /// Files written, pages and data together.
    pub files: usize,
}

/// `$XDG_DATA_HOME/copdeck` (or `~/.local/share/copdeck`) and what is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// A store in this folder (created when a sync first needs it).
    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The store in the user's data folder, if one is known.
    pub fn default_location() -> Option<Self> {
        let base = std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|home| Path::new(&home).join(".local/share"))
            })?;
        Some(Self::at(base.join("copdeck")))
    }

    /// The folder copdeck keeps everything in.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The synced site: `content/` and `data/`.
    pub fn site(&self) -> PathBuf {
        self.root.join("site")
    }

    /// What the synced copy is, or None when there is none (or it cannot be read).
    pub fn current(&self) -> Option<CopyInfo> {
        let text = fs::read_to_string(self.site().join(ABOUT_FILE)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Takes the sync lock, or says another sync holds it. The lock ends with the
    /// returned guard, or with the process however it ends.
    pub fn lock(&self) -> Result<SyncLock, LockError> {
        fs::create_dir_all(&self.root).map_err(LockError::Io)?;
        let path = self.root.join("sync.lock");
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => Ok(SyncLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(LockError::Busy(path)),
            Err(TryLockError::Error(err)) => Err(LockError::Io(err)),
        }
    }

    /// A new empty folder beside the site, to unpack into. Needs the lock.
    pub fn fresh_folder(&self, _lock: &SyncLock) -> io::Result<PathBuf> {
        let folder = self
            .root
            .join(format!("{NEW_PREFIX}{}", std::process::id()));
        if folder.exists() {
            fs::remove_dir_all(&folder)?;
        }
        fs::create_dir(&folder)?;
        Ok(folder)
    }

    /// Writes what is known about the copy in `folder` beside its pages.
    pub fn describe(folder: &Path, info: &CopyInfo) -> io::Result<()> {
        let text = serde_json::to_string_pretty(info).map_err(io::Error::other)?;
        fs::write(folder.join(ABOUT_FILE), text)
    }

    /// Puts `folder` in place of the site. The old copy is moved aside, the new one
    /// renamed in, and the old one removed; should the second rename fail, the old
    /// copy is put back.
    pub fn install(&self, folder: &Path, _lock: &SyncLock) -> io::Result<()> {
        let site = self.site();
        let old = self
            .root
            .join(format!("{OLD_PREFIX}{}", std::process::id()));
        let had_copy = site.exists();
        if had_copy {
            fs::rename(&site, &old)?;
        }
        if let Err(err) = fs::rename(folder, &site) {
            if had_copy {
                let _ = fs::rename(&old, &site);
            }
            return Err(err);
        }
        if had_copy {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }

    /// Cleans up after a sync that was stopped (Ctrl-C, a crash): half-unpacked folders
    /// go, and a copy moved aside but never replaced comes back. Needs the lock.
    pub fn recover(&self, _lock: &SyncLock) {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return;
        };
        let site = self.site();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if name.starts_with(NEW_PREFIX) {
                let _ = fs::remove_dir_all(&path);
            } else if name.starts_with(OLD_PREFIX) {
                if site.exists() {
                    let _ = fs::remove_dir_all(&path);
                } else {
                    let _ = fs::rename(&path, &site);
                }
            }
        }
    }

    /// Removes a folder made by `fresh_folder` after a failed sync.
    pub fn discard(folder: &Path) {
        let _ = fs::remove_dir_all(folder);
    }
}

/// Held while a sync runs.
#[derive(Debug)]
pub struct SyncLock {
    _file: File,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another sync holds it.
    Busy(PathBuf),
    Io(io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let first = store.lock().unwrap();
        assert!(matches!(store.lock(), Err(LockError::Busy(_))));
        drop(first);
        assert!(store.lock().is_ok());
    }

    #[test]
    fn an_interrupted_swap_is_undone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let lock = store.lock().unwrap();
        // As if stopped between the two renames: the old copy aside, no site.
        let aside = dir.path().join("site.old-1");
        fs::create_dir_all(aside.join("content")).unwrap();
        fs::write(aside.join("content/a.md"), "kept").unwrap();
        fs::create_dir_all(dir.path().join("site.new-2/content")).unwrap();
        store.recover(&lock);
        assert_eq!(
            fs::read_to_string(store.site().join("content/a.md")).unwrap(),
            "kept"
        );
        assert!(!dir.path().join("site.new-2").exists());
        assert!(!aside.exists());
    }

    #[test]
    fn install_replaces_the_whole_copy() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let lock = store.lock().unwrap();
        fs::create_dir_all(store.site().join("content")).unwrap();
        fs::write(store.site().join("content/old.md"), "old").unwrap();
        let fresh = store.fresh_folder(&lock).unwrap();
        fs::create_dir_all(fresh.join("content")).unwrap();
        fs::write(fresh.join("content/new.md"), "new").unwrap();
        store.install(&fresh, &lock).unwrap();
        assert!(store.site().join("content/new.md").exists());
        assert!(!store.site().join("content/old.md").exists());
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let mut left = left;
        left.sort();
        assert_eq!(left, ["site", "sync.lock"]);
    }
}
