//! Live reload for people who edit pages: the content tree is watched, and after a
//! change settles everything is read again on another thread.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher as _};

use crate::app::action::Reloaded;
use crate::content::{Source, load, load_site};

/// How long the tree must be quiet before it is read again.
pub const SETTLE: Duration = Duration::from_millis(250);

/// Reads everything again, as the watcher does after a change.
pub fn reload(source: &Source, today: chrono::NaiveDate) -> Option<Reloaded> {
    let index = load(source, today).ok()?;
    let site = load_site(source, today, &AtomicUsize::new(0)).ok()?;
    Some(Reloaded {
        index: Arc::new(index),
        site: Arc::new(site),
    })
}

/// A watch on a content tree; `changed` says when a change has settled.
pub struct TreeWatch {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<()>,
    last_change: Option<Instant>,
}

impl TreeWatch {
    /// Watches the folder of a content source; None for the built-in pages or when the
    /// system cannot watch.
    pub fn start(source: &Source) -> Option<Self> {
        let Source::Dir(dir) = source else {
            return None;
        };
        let (sender, events) = channel();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                if event.is_ok_and(|e| !e.kind.is_access()) {
                    let _ = sender.send(());
                }
            })
            .ok()?;
        watcher
            .watch(Path::new(dir), RecursiveMode::Recursive)
            .ok()?;
        Some(Self {
            _watcher: watcher,
            events,
            last_change: None,
        })
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
