//! Live reload for people who edit pages: the content tree is watched, and after a
//! change settles everything is read again on another thread.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher as _};

use crate::app::action::Reloaded;
use crate::content::{Source, load, load_site_warm};

/// How long the tree must be quiet before it is read again.
pub const SETTLE: Duration = Duration::from_millis(250);

/// Reads everything again, as the watcher does after a change.
pub fn reload(source: &Source, today: chrono::NaiveDate) -> Option<Reloaded> {
    let index = load(source, today).ok()?;
    let site = load_site_warm(source, today, &AtomicUsize::new(0)).ok()?;
    Some(Reloaded {
        index: Arc::new(index),
        site: Arc::new(site),
    })
}

/// A watch on a content tree; `changed` says when a change has settled.
pub struct TreeWatch {
    events: Receiver<()>,
    ready: Receiver<()>,
    last_change: Option<Instant>,
    /// Dropping this ends the watching thread.
    _alive: std::sync::mpsc::Sender<()>,
}

impl TreeWatch {
    /// Watches the folder of a content source; None for the built-in pages. The watch
    /// is set up on another thread: on a large tree that takes a while, and the first
    /// screen must not wait for it.
    pub fn start(source: &Source) -> Option<Self> {
        let Source::Dir(dir) = source else {
            return None;
        };
        let dir = dir.clone();
        let (sender, events) = channel();
        let (ready_sender, ready) = channel();
        let (alive, until_dropped) = channel::<()>();
        std::thread::spawn(move || {
            let watcher =
                notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                    if event.is_ok_and(|e| !e.kind.is_access()) {
                        let _ = sender.send(());
                    }
                });
            let Ok(mut watcher) = watcher else { return };
            if watcher
                .watch(Path::new(&dir), RecursiveMode::Recursive)
                .is_ok()
            {
                let _ = ready_sender.send(());
                // Blocks until the TreeWatch is dropped; the watcher lives until then.
                let _ = until_dropped.recv();
            }
        });
        Some(Self {
            events,
            ready,
            last_change: None,
            _alive: alive,
        })
    }

    /// Waits until the watch is in place (for tests and tools), at most `timeout`.
    pub fn wait_ready(&self, timeout: Duration) -> bool {
        self.ready.recv_timeout(timeout).is_ok()
    }

    /// Notes a change made by copdeck's own hand-off to the editor.
    pub fn touch(&mut self) {
        self.last_change = Some(Instant::now());
    }

    /// True once, when changes have stopped for `SETTLE`.
    pub fn changed(&mut self) -> bool {
        while self.events.try_recv().is_ok() {
            self.last_change = Some(Instant::now());
        }
        match self.last_change {
            Some(at) if at.elapsed() >= SETTLE => {
                self.last_change = None;
                true
            }
            _ => false,
        }
    }

    /// Whether a change is waiting to settle (the loop then polls more often).
    pub fn pending(&self) -> bool {
        self.last_change.is_some()
    }
}
