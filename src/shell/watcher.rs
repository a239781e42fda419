//! Live reload for people who edit pages: the content tree is watched (on Linux through
//! inotify, a watch a folder: `inotify_tree`; elsewhere through notify-debouncer-full:
//! `notify_tree`), each burst of changes waited out, and the tree is then read again on
//! another thread — one reload at a time (see `reload::Schedule`).

#[cfg(target_os = "linux")]
mod inotify_tree;
#[cfg(target_os = "linux")]
use inotify_tree as tree;
#[cfg(not(target_os = "linux"))]
mod notify_tree;
#[cfg(not(target_os = "linux"))]
use notify_tree as tree;

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use tree::Watching;

use crate::app::action::{LoadedSite, Reloaded};
use crate::content::{DataCheck, SiteCache, Source, load_cached, load_site_cached_for};

/// How long the tree must be quiet before it is read again.
pub const SETTLE: Duration = Duration::from_millis(250);

/// Reads everything again through `cache` (which it brings up to date), as the watcher
/// does after a change; the error says which part could not be read. The result is
/// tree 0: the caller numbers it.
pub fn reload(
    source: &Source,
    today: chrono::NaiveDate,
    cache: &SiteCache,
) -> Result<Reloaded, String> {
    // A cache that cannot be written only costs time; the browser is not the place to
    // say so (a command does).
    let (index, _) = load_cached(source, today, cache)
        .map_err(|err| format!("reading the communities: {err}"))?;
    let progress = AtomicUsize::new(0);
    let (site, _) = load_site_cached_for(source, &index, today, &progress, cache, DataCheck::Now)
        .map_err(|err| format!("indexing the site: {err}"))?;
    Ok(Reloaded {
        index: Arc::new(index),
        site: LoadedSite::new(Arc::new(site)),
        tree: 0,
    })
}

/// A watch on a content tree; `on_change` is called each time changes have settled.
pub struct TreeWatch {
    ready: Receiver<()>,
    /// Dropping this ends the watching thread and the watch with it.
    _watching: Watching,
}

impl TreeWatch {
    /// Watches the folder of a content source; None for the built-in pages. The watch
    /// is set up on another thread: on a large tree that takes a while, and the first
    /// screen must not wait for it. Reading a file is not a change (a reload reads them
    /// all); creating, writing, renaming and removing are.
    pub fn start(source: &Source, on_change: impl Fn() + Send + 'static) -> Option<Self> {
        let Source::Dir(dir) = source else {
            return None;
        };
        let (ready_sender, ready) = channel();
        let watching = tree::start(dir.clone(), on_change, ready_sender)?;
        Some(Self {
            ready,
            _watching: watching,
        })
    }

    /// Waits until the watch is in place (for tests and tools), at most `timeout`.
    pub fn wait_ready(&self, timeout: Duration) -> bool {
        self.ready.recv_timeout(timeout).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::mpsc::Receiver;

    /// A watch on `dir` whose changes come down the receiver, in place.
    fn watched(dir: &Path) -> (TreeWatch, Receiver<()>) {
        let (sender, changes) = channel();
        let source = Source::Dir(dir.to_path_buf());
        let watch = TreeWatch::start(&source, move || {
            let _ = sender.send(());
        })
        .expect("a folder is watched");
        assert!(
            watch.wait_ready(Duration::from_secs(5)),
            "the watch is ready"
        );
        (watch, changes)
    }

    /// Waits for one change to be told, then for the watch to be quiet.
    fn one_change(changes: &Receiver<()>, what: &str) {
        changes
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("the watch never told of {what}"));
        let again = changes.recv_timeout(SETTLE * 4);
        assert!(again.is_err(), "{what} was told twice");
    }

    fn no_change(changes: &Receiver<()>, what: &str) {
        assert!(
            changes.recv_timeout(SETTLE * 4).is_err(),
            "{what} was taken for a change"
        );
    }

    /// Reading every file of a watched tree tells the watch nothing; a burst of writes
    /// is told once.
    #[test]
    fn reading_files_is_no_change_and_a_burst_of_writes_one() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<_> = (0..50)
            .map(|i| dir.path().join(format!("page-{i}.md")))
            .collect();
        for file in &files {
            std::fs::write(file, "---\ntitle: A\n---\n").unwrap();
        }
        let (_watch, changes) = watched(dir.path());
        for _ in 0..3 {
            for file in &files {
                std::fs::read(file).unwrap();
            }
        }
        no_change(&changes, "reading");
        for file in &files[..20] {
            std::fs::write(file, "---\ntitle: B\n---\n").unwrap();
        }
        one_change(&changes, "twenty writes");
    }

    /// A folder made after the watch started is watched too, and so are the folders
    /// made in it.
    #[test]
    fn folders_made_later_are_watched() {
        let dir = tempfile::tempdir().unwrap();
        let (_watch, changes) = watched(dir.path());
        std::fs::create_dir(dir.path().join("news")).unwrap();
        one_change(&changes, "a folder made");
        std::fs::create_dir(dir.path().join("news/2026")).unwrap();
        one_change(&changes, "a folder made in it");
        std::fs::write(dir.path().join("news/2026/a.md"), "a").unwrap();
        one_change(&changes, "a page written two folders down");
    }

    /// Once the watch is dropped, its thread ends and lets go of what it was given.
    #[test]
    fn a_dropped_watch_ends() {
        let dir = tempfile::tempdir().unwrap();
        let held = Arc::new(());
        let given = Arc::clone(&held);
        let source = Source::Dir(dir.path().to_path_buf());
        let watch = TreeWatch::start(&source, move || {
            let _ = &given;
        })
        .unwrap();
        assert!(watch.wait_ready(Duration::from_secs(5)));
        drop(watch);
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while Arc::strong_count(&held) > 1 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(Arc::strong_count(&held), 1, "the watch's thread still runs");
    }
}
