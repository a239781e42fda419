//! The content tree watched through Linux's inotify: one watch a folder, hidden folders
//! left out as the loader leaves them out, each folder kept as its parent's watch and
//! its own name. notify's recursive watch kept three copies of every folder's full path
//! and an entry in two tables for each: about 0.4 MB of the browser's 11 MB on the
//! site-shaped tree's 1,389 folders (measured by hand), where memory is a target.
//!
//! Any change (a name created, removed or moved, a file written or its attributes
//! changed) is told once the tree has been quiet for `SETTLE`, or once changes have
//! gone on for `LONGEST_WAIT`. A change to a hidden name (an editor's swap file) is
//! none: the loader never reads it.

use std::collections::HashMap;
use std::ffi::{CStr, OsStr};
use std::mem::MaybeUninit;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::fd::{AsFd, OwnedFd};
use rustix::fs::inotify::{self, CreateFlags, ReadFlags, WatchFlags};
use rustix::io::Errno;
use rustix::pipe::{PipeFlags, pipe_with};

use super::SETTLE;
use crate::content::walk::is_hidden;

/// What a watch is told of: what notify calls its core events (no opening, reading or
/// closing: every text search opens each file of the tree).
const CHANGES: WatchFlags = WatchFlags::CREATE
    .union(WatchFlags::DELETE)
    .union(WatchFlags::MODIFY)
    .union(WatchFlags::ATTRIB)
    .union(WatchFlags::MOVED_FROM)
    .union(WatchFlags::MOVED_TO)
    .union(WatchFlags::DELETE_SELF)
    .union(WatchFlags::MOVE_SELF);

/// Only folders are watched, and below the root a link is not followed into one (as
/// the loader does); the root itself may be given as a link.
const FOLDERS_ONLY: WatchFlags = WatchFlags::ONLYDIR;
const NOT_THROUGH_LINKS: WatchFlags = WatchFlags::DONT_FOLLOW;

/// How long changes that never settle (a file written every tenth of a second) hold
/// back a reload at most.
pub(super) const LONGEST_WAIT: Duration = Duration::from_secs(2);

/// The root's parent, which no watch is.
const NO_PARENT: i32 = -1;

/// A watch on a tree, running on a thread of its own; dropping it ends the thread.
pub(super) struct Watching {
    /// The write end of a pipe the thread waits on beside the watch: closing it wakes
    /// the thread, which then ends.
    _stop: OwnedFd,
}

/// Starts watching `dir` and everything under it on a thread of its own; `ready` is
/// told once every folder is watched, and `on_change` each time changes settled.
pub(super) fn start(
    dir: PathBuf,
    on_change: impl Fn() + Send + 'static,
    ready: Sender<()>,
) -> Option<Watching> {
    let (stop, stop_sender) = pipe_with(PipeFlags::CLOEXEC).ok()?;
    std::thread::Builder::new()
        .name("copdeck-watch".into())
        .spawn(move || {
            let inotify = match inotify::init(CreateFlags::CLOEXEC | CreateFlags::NONBLOCK) {
                Ok(inotify) => inotify,
                Err(err) => {
                    tracing::error!("cannot watch the content folder: {err}");
                    return;
                }
            };
            let mut folders = Folders::default();
            if let Err(err) = folders.watch_tree(&inotify, dir.clone(), NO_PARENT) {
                tracing::error!("cannot watch {}: {err}", dir.display());
                return;
            }
            let _ = ready.send(());
            folders.follow(&inotify, &stop, on_change);
        })
        .ok()?;
    Some(Watching { _stop: stop_sender })
}

/// The folders watched, by their watch.
#[derive(Default)]
struct Folders {
    by_watch: HashMap<i32, Folder, foldhash::fast::RandomState>,
    /// Whether the system's limit of watches was met (said once).
    limit_met: bool,
}

/// A watched folder: its parent's watch and its name; the root, its whole path.
struct Folder {
    parent: i32,
    name: Box<OsStr>,
}

impl Folders {
    /// Watches `dir` and every folder under it but hidden ones, `dir` a folder of the
    /// one watched as `parent`. Only the root's failure is an error: a folder that
    /// cannot be watched (gone already, not readable) is left out.
    fn watch_tree(
        &mut self,
        inotify: &OwnedFd,
        dir: PathBuf,
        parent: i32,
    ) -> rustix::io::Result<()> {
        let mut waiting = vec![(dir, parent)];
        while let Some((dir, parent)) = waiting.pop() {
            let how = match parent {
                NO_PARENT => CHANGES | FOLDERS_ONLY,
                _ => CHANGES | FOLDERS_ONLY | NOT_THROUGH_LINKS,
            };
            let watch = match inotify::add_watch(inotify, &dir, how) {
                Ok(watch) => watch,
                Err(err) if parent == NO_PARENT => return Err(err),
                Err(Errno::NOSPC) => {
                    if !self.limit_met {
                        self.limit_met = true;
                        tracing::warn!(
                            "the system's limit of watched folders is met: changes under {} and some others are not seen",
                            dir.display()
                        );
                    }
                    continue;
                }
                Err(_) => continue,
            };
            let name = match parent {
                NO_PARENT => dir.as_os_str(),
                _ => dir.file_name().unwrap_or_default(),
            };
            self.by_watch.insert(
                watch,
                Folder {
                    parent,
                    name: name.into(),
                },
            );
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let is_folder = entry.file_type().is_ok_and(|kind| kind.is_dir());
                if is_folder && !is_hidden(&entry.file_name()) {
                    waiting.push((entry.path(), watch));
                }
            }
        }
        Ok(())
    }

    /// The path of the folder watched as `watch`, if it is still watched.
    fn path_of(&self, watch: i32) -> Option<PathBuf> {
        let mut names = Vec::new();
        let mut at = watch;
        while at != NO_PARENT {
            // A chain longer than the folders watched would be a loop.
            if names.len() > self.by_watch.len() {
                return None;
            }
            let folder = self.by_watch.get(&at)?;
            names.push(&*folder.name);
            at = folder.parent;
        }
        Some(names.iter().rev().collect())
    }

    /// Stops watching the folder `name` of the one watched as `parent`, and every
    /// folder under it: it was moved away (if it was moved within the tree, it is
    /// watched again where it arrives).
    fn forget(&mut self, inotify: &OwnedFd, parent: i32, name: &OsStr) {
        let Some(&top) = self
            .by_watch
            .iter()
            .find(|(_, folder)| folder.parent == parent && &*folder.name == name)
            .map(|(watch, _)| watch)
        else {
            return;
        };
        let mut gone = vec![top];
        let mut looked_at = 0;
        while looked_at < gone.len() {
            let above = gone[looked_at];
            gone.extend(
                self.by_watch
                    .iter()
                    .filter(|(_, folder)| folder.parent == above)
                    .map(|(&watch, _)| watch),
            );
            looked_at += 1;
        }
        for watch in gone {
            self.by_watch.remove(&watch);
            let _ = inotify::remove_watch(inotify, watch);
        }
    }

    /// Takes in one event: follows folders created, moved in and moved away, and lets
    /// go of watches the system ended. Whether it is a change to tell.
    fn take(
        &mut self,
        inotify: &OwnedFd,
        watch: i32,
        flags: ReadFlags,
        name: Option<&CStr>,
    ) -> bool {
        if flags.contains(ReadFlags::QUEUE_OVERFLOW) {
            // Events were lost: whatever they were, the tree is read again, and watched
            // again from its root, so that a folder made meanwhile is watched too (a
            // folder watched already keeps its watch).
            let root = self
                .by_watch
                .iter()
                .find(|(_, folder)| folder.parent == NO_PARENT);
            if let Some((_, root)) = root {
                let root = PathBuf::from(&*root.name);
                let _ = self.watch_tree(inotify, root, NO_PARENT);
            }
            return true;
        }
        if flags.contains(ReadFlags::IGNORED) {
            self.by_watch.remove(&watch);
            return false;
        }
        let name = name.map(|name| OsStr::from_bytes(name.to_bytes()));
        if name.is_some_and(is_hidden) {
            return false;
        }
        if let (true, Some(name)) = (flags.contains(ReadFlags::ISDIR), name) {
            if flags.contains(ReadFlags::MOVED_FROM) {
                self.forget(inotify, watch, name);
            }
            if flags.intersects(ReadFlags::CREATE | ReadFlags::MOVED_TO)
                && let Some(parent) = self.path_of(watch)
            {
                let _ = self.watch_tree(inotify, parent.join(name), watch);
            }
        }
        true
    }

    /// Reads the watch's events until `stop` is closed, telling `on_change` of each
    /// settled run of changes.
    fn follow(&mut self, inotify: &OwnedFd, stop: &OwnedFd, on_change: impl Fn()) {
        let mut buffer = [MaybeUninit::<u8>::uninit(); 8192];
        // The first and the last change not yet told.
        let mut unsettled: Option<(Instant, Instant)> = None;
        loop {
            let timeout = unsettled.map(|(first, last)| {
                let due = (last + SETTLE).min(first + LONGEST_WAIT);
                Timespec::try_from(due.saturating_duration_since(Instant::now())).unwrap_or(
                    Timespec {
                        tv_sec: 0,
                        tv_nsec: 0,
                    },
                )
            });
            let mut waiting = [
                PollFd::new(inotify, PollFlags::IN),
                PollFd::new(stop, PollFlags::IN),
            ];
            match poll(&mut waiting, timeout.as_ref()) {
                Ok(_) | Err(Errno::INTR) => {}
                Err(err) => {
                    tracing::error!("watching the content folder stopped: {err}");
                    return;
                }
            }
            if !waiting[1].revents().is_empty() {
                return;
            }
            if !waiting[0].revents().is_empty() && self.read_events(inotify, &mut buffer) {
                let now = Instant::now();
                unsettled = Some((unsettled.map_or(now, |(first, _)| first), now));
            }
            if let Some((first, last)) = unsettled {
                let now = Instant::now();
                if now >= last + SETTLE || now >= first + LONGEST_WAIT {
                    unsettled = None;
                    on_change();
                }
            }
        }
    }

    /// Takes in every event waiting; whether any was a change.
    fn read_events(&mut self, inotify: &OwnedFd, buffer: &mut [MaybeUninit<u8>]) -> bool {
        let mut changed = false;
        let mut events = inotify::Reader::new(inotify.as_fd(), buffer);
        loop {
            match events.next() {
                Ok(event) => {
                    changed |= self.take(inotify, event.wd(), event.events(), event.file_name());
                }
                Err(Errno::INTR) => {}
                Err(Errno::WOULDBLOCK) => return changed,
                Err(err) => {
                    tracing::warn!("reading the content folder's changes: {err}");
                    return changed;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::mpsc::{Receiver, channel};

    /// A watch on `dir` whose changes come down the receiver, in place.
    fn watched(dir: &Path) -> (Watching, Receiver<Instant>) {
        let (sender, changes) = channel();
        let (ready_sender, ready) = channel();
        let watching = start(
            dir.to_path_buf(),
            move || {
                let _ = sender.send(Instant::now());
            },
            ready_sender,
        )
        .unwrap();
        ready.recv_timeout(Duration::from_secs(5)).unwrap();
        (watching, changes)
    }

    fn told(changes: &Receiver<Instant>) -> bool {
        let told = changes.recv_timeout(SETTLE * 4).is_ok();
        while changes.recv_timeout(SETTLE * 2).is_ok() {}
        told
    }

    #[test]
    fn after_lost_events_the_folders_made_meanwhile_are_watched() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let inotify = inotify::init(CreateFlags::CLOEXEC | CreateFlags::NONBLOCK).unwrap();
        let mut folders = Folders::default();
        folders
            .watch_tree(&inotify, root.clone(), NO_PARENT)
            .unwrap();
        // Made while the events were not read: its event is as good as lost.
        std::fs::create_dir_all(root.join("news/2026")).unwrap();
        let watched = |folders: &Folders| {
            let mut paths: Vec<PathBuf> = folders
                .by_watch
                .keys()
                .filter_map(|&watch| folders.path_of(watch))
                .collect();
            paths.sort();
            paths
        };
        assert_eq!(watched(&folders), std::slice::from_ref(&root));
        assert!(folders.take(&inotify, -1, ReadFlags::QUEUE_OVERFLOW, None));
        assert_eq!(
            watched(&folders),
            [root.clone(), root.join("news"), root.join("news/2026")]
        );
    }

    #[test]
    fn a_root_given_as_a_link_is_watched_through_it() {
        let base = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(base.path().join("site/news")).unwrap();
        std::os::unix::fs::symlink(base.path().join("site"), base.path().join("link")).unwrap();
        let (_watching, changes) = watched(&base.path().join("link"));
        std::fs::write(base.path().join("site/news/a.md"), "a").unwrap();
        assert!(
            told(&changes),
            "a page written under a linked root was not seen"
        );
    }

    #[test]
    fn hidden_names_are_no_change() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let (_watching, changes) = watched(dir.path());
        std::fs::write(dir.path().join(".page.md.swp"), "swap").unwrap();
        std::fs::create_dir(dir.path().join(".cache")).unwrap();
        std::fs::write(dir.path().join(".cache/x"), "x").unwrap();
        std::fs::write(dir.path().join(".git/index"), "x").unwrap();
        assert!(!told(&changes), "a hidden name was taken for a change");
        std::fs::write(dir.path().join("page.md"), "page").unwrap();
        assert!(told(&changes), "a page written was not seen");
    }

    #[test]
    fn a_folder_moved_away_is_no_longer_watched_and_one_moved_within_still_is() {
        let base = tempfile::tempdir().unwrap();
        let root = base.path().join("site");
        std::fs::create_dir_all(root.join("news/2026")).unwrap();
        std::fs::create_dir_all(root.join("events/2026")).unwrap();
        let (_watching, changes) = watched(&root);

        std::fs::rename(root.join("news"), base.path().join("news")).unwrap();
        assert!(told(&changes), "a folder moved away is a change");
        std::fs::write(base.path().join("news/2026/a.md"), "a").unwrap();
        assert!(
            !told(&changes),
            "a folder moved out of the tree is still watched"
        );

        std::fs::rename(root.join("events"), root.join("happenings")).unwrap();
        assert!(told(&changes), "a folder renamed is a change");
        std::fs::write(root.join("happenings/2026/b.md"), "b").unwrap();
        assert!(told(&changes), "a renamed folder is no longer watched");
    }

    #[test]
    fn changes_that_never_settle_are_told_after_the_longest_wait() {
        let dir = tempfile::tempdir().unwrap();
        let (_watching, changes) = watched(dir.path());
        let page = dir.path().join("page.md");
        let started = Instant::now();
        let mut first_told = None;
        while started.elapsed() < LONGEST_WAIT * 2 {
            std::fs::write(&page, format!("{:?}", started.elapsed())).unwrap();
            if let Ok(at) = changes.recv_timeout(SETTLE / 3) {
                first_told.get_or_insert(at);
            }
        }
        let first_told = first_told.expect("writes every 80 ms were never told");
        let waited = first_told - started;
        assert!(
            waited >= LONGEST_WAIT && waited < LONGEST_WAIT + LONGEST_WAIT / 2,
            "told after {waited:?}"
        );
    }

    #[test]
    fn a_folder_is_kept_as_its_name_and_its_path_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("news/2024")).unwrap();
        std::fs::create_dir_all(root.join(".git/objects")).unwrap();
        std::fs::create_dir_all(root.join("topics")).unwrap();
        std::os::unix::fs::symlink(root.join("news"), root.join("linked")).unwrap();
        let inotify = inotify::init(CreateFlags::CLOEXEC | CreateFlags::NONBLOCK).unwrap();
        let mut folders = Folders::default();
        folders
            .watch_tree(&inotify, root.clone(), NO_PARENT)
            .unwrap();
        let mut paths: Vec<PathBuf> = folders
            .by_watch
            .keys()
            .map(|&watch| folders.path_of(watch).unwrap())
            .collect();
        paths.sort();
        let expected: Vec<PathBuf> = ["", "news", "news/2024", "topics"]
            .iter()
            .map(|name| {
                if name.is_empty() {
                    root.clone()
                } else {
                    root.join(name)
                }
            })
            .collect();
        assert_eq!(paths, expected, "hidden folders and links are not watched");

        let news = *folders
            .by_watch
            .iter()
            .find(|(_, folder)| &*folder.name == OsStr::new("news"))
            .unwrap()
            .0;
        let root_watch = *folders
            .by_watch
            .iter()
            .find(|(_, folder)| folder.parent == NO_PARENT)
            .unwrap()
            .0;
        folders.forget(&inotify, root_watch, OsStr::new("news"));
        assert!(folders.path_of(news).is_none());
        assert_eq!(
            folders.by_watch.len(),
            2,
            "news and what is under it are forgotten"
        );
    }
}
