//! Reloads after changes on disk, bounded: one reload runs at a time; changes seen while
//! it runs schedule exactly one more; every reload carries the number of the tree it read,
//! so the app can drop a result older than what it has.

use std::sync::mpsc::Sender;

use crate::app::Action;
use crate::content::{SiteCache, Source, today};
use crate::shell::event::Event;
use crate::shell::watcher::reload;

/// When reloads run. Tree 0 is the one the background indexer reads at start; reloads
/// are numbered from 1, in the order they start.
#[derive(Debug, Default)]
pub struct Schedule {
    running: bool,
    again: bool,
    last_started: u64,
}

impl Schedule {
    /// The tree changed: the number of a reload to start now, or None when one is
    /// running (one more is then due when it finishes, however many changes come).
    pub fn changed(&mut self) -> Option<u64> {
        if self.running {
            self.again = true;
            return None;
        }
        Some(self.start())
    }

    /// The running reload finished: the number of the next one to start now, if
    /// changes came in while it ran.
    pub fn finished(&mut self) -> Option<u64> {
        self.running = false;
        if std::mem::take(&mut self.again) {
            return Some(self.start());
        }
        None
    }

    /// Whether a reload is running.
    pub fn running(&self) -> bool {
        self.running
    }

    fn start(&mut self) -> u64 {
        self.running = true;
        self.last_started += 1;
        self.last_started
    }
}

/// Runs reloads of one source on a thread each, one at a time, as `Schedule` says.
pub struct Reloader {
    source: Source,
    events: Sender<Event>,
    schedule: Schedule,
}

impl Reloader {
    pub fn new(source: Source, events: Sender<Event>) -> Self {
        Self {
            source,
            events,
            schedule: Schedule::default(),
        }
    }

    /// Reads `source` from now on (a sync switched to its new copy).
    pub fn read_from(&mut self, source: Source) {
        self.source = source;
    }

    /// The tree changed on disk (or the editor closed): reload, now or after the
    /// running reload.
    pub fn changed(&mut self) {
        if let Some(tree) = self.schedule.changed() {
            self.spawn(tree);
        } else {
            tracing::debug!("a reload is running; one more will follow");
        }
    }

    /// A reload came back: the action for the app, and the next reload started if due.
    pub fn finished(&mut self, tree: u64, result: Result<crate::app::Reloaded, String>) -> Action {
        if let Some(next) = self.schedule.finished() {
            self.spawn(next);
        }
        match result {
            Ok(mut content) => {
                tracing::debug!(
                    "reload {tree} read {} pages",
                    content.site.site().site.pages.len()
                );
                content.tree = tree;
                Action::Reloaded(content)
            }
            Err(err) => {
                tracing::error!("reload {tree} failed: {err}");
                Action::Notify(format!("Couldn't read the pages again: {err}"))
            }
        }
    }

    fn spawn(&self, tree: u64) {
        let (source, events) = (self.source.clone(), self.events.clone());
        tracing::debug!("reload {tree} starts");
        std::thread::spawn(move || {
            let result = reload(
                &source,
                today(),
                &SiteCache::for_this_process().low_memory(),
            );
            let _ = events.send(Event::Reloaded(tree, result));
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_reload_at_a_time_and_exactly_one_more_for_changes_meanwhile() {
        let mut schedule = Schedule::default();
        assert_eq!(schedule.changed(), Some(1));
        assert!(schedule.running());
        // A burst of changes while reload 1 runs: nothing starts now...
        for _ in 0..50 {
            assert_eq!(schedule.changed(), None);
        }
        // ...and exactly one more when it finishes.
        assert_eq!(schedule.finished(), Some(2));
        assert_eq!(schedule.finished(), None);
        assert!(!schedule.running());
        // Quiet again: the next change starts a reload at once.
        assert_eq!(schedule.changed(), Some(3));
        assert_eq!(schedule.finished(), None);
    }
}
