//! Live reload for people who edit pages: the content tree is watched (through
//! notify-debouncer-full, which waits for a burst of changes to settle), and the tree is
//! then read again on another thread — one reload at a time (see `reload::Schedule`).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::RecursiveMode;
use notify::event::EventKindMask;
use notify_debouncer_full::{DebounceEventHandler, Debouncer, RecommendedCache};

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

/// What the watch is told of: names created, removed and renamed, and what is written
/// or changed about a file. Not opening a file, which is not a change: every text
/// search opens each file of the tree, and each open was an event for the watcher to
/// take in, hold while the burst settled, and drop: typing twenty queries at 5,000
/// pages raised the browser's peak by 5.8 MB that way. A search at 100,000 pages
/// opens 100,000 files, more than the kernel queues by default (16,384) for a watcher
/// that falls behind, and an overflowing queue reads as a change: the whole tree
/// would be read again (not seen when tried by hand, but nothing stood in its way).
const WATCHED: EventKindMask = EventKindMask::CORE;

/// The debouncer a watch runs, telling `handler` of the changes to `WATCHED` kinds.
fn debouncer<F: DebounceEventHandler>(
    handler: F,
) -> notify::Result<Debouncer<notify::RecommendedWatcher, RecommendedCache>> {
    notify_debouncer_full::new_debouncer_opt(
        SETTLE,
        None,
        handler,
        RecommendedCache::new(),
        notify::Config::default().with_event_kinds(WATCHED),
    )
}

/// A watch on a content tree; `on_change` is called each time changes have settled.
pub struct TreeWatch {
    ready: Receiver<()>,
    /// Dropping this ends the watching thread and the watch with it.
    _alive: std::sync::mpsc::Sender<()>,
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
        let dir = dir.clone();
        let (ready_sender, ready) = channel();
        let (alive, until_dropped) = channel::<()>();
        std::thread::spawn(move || {
            let debouncer =
                debouncer(
                    move |result: notify_debouncer_full::DebounceEventResult| match result {
                        // Only the `WATCHED` kinds come: any event is a change.
                        Ok(events) if !events.is_empty() => on_change(),
                        Ok(_) => {}
                        Err(errors) => {
                            for err in errors {
                                tracing::warn!("watching the content folder: {err}");
                            }
                        }
                    },
                );
            let mut debouncer = match debouncer {
                Ok(debouncer) => debouncer,
                Err(err) => {
                    tracing::error!("cannot watch the content folder: {err}");
                    return;
                }
            };
            match debouncer.watch(Path::new(&dir), RecursiveMode::Recursive) {
                Ok(()) => {
                    let _ = ready_sender.send(());
                    // Blocks until the TreeWatch is dropped; the watch lives until then.
                    let _ = until_dropped.recv();
                }
                Err(err) => tracing::error!("cannot watch {}: {err}", dir.display()),
            }
        });
        Some(Self {
            ready,
            _alive: alive,
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
    use std::sync::Mutex;

    /// Reading every file of a watched tree tells the watch nothing; writing one does.
    #[test]
    fn reading_files_is_no_event_and_writing_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<_> = (0..50)
            .map(|i| dir.path().join(format!("page-{i}.md")))
            .collect();
        for file in &files {
            std::fs::write(file, "---\ntitle: A\n---\n").unwrap();
        }
        let told = Arc::new(Mutex::new(Vec::new()));
        let heard = Arc::clone(&told);
        let mut watch = debouncer(move |result: notify_debouncer_full::DebounceEventResult| {
            heard.lock().unwrap().extend(result.unwrap_or_default());
        })
        .unwrap();
        watch.watch(dir.path(), RecursiveMode::Recursive).unwrap();
        for _ in 0..3 {
            for file in &files {
                std::fs::read(file).unwrap();
            }
        }
        std::thread::sleep(SETTLE * 3);
        assert_eq!(told.lock().unwrap().len(), 0, "reading is not an event");
        std::fs::write(&files[7], "---\ntitle: B\n---\n").unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while told.lock().unwrap().is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let told = told.lock().unwrap();
        assert!(!told.is_empty(), "a write is an event");
        assert!(
            told.iter().all(|e| !e.kind.is_access()),
            "{:?}",
            told.iter().map(|e| e.kind).collect::<Vec<_>>()
        );
    }
}
