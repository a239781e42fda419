//! The browser's side of a background sync: `R` starts one, its news comes back through
//! the browser's event channel, progress becomes `Action::Syncing`, and when a new copy
//! is in place the browser switches to it and reads it again (a reload, which keeps the
//! selection).

use crate::app::Action;
use crate::content::{Index, Source};
use crate::sync::background::{SyncEvent, spawn_sync};
use crate::sync::choice::{is_synced, source_label};
use crate::sync::{DEFAULT_URL, Store, SyncOptions};

/// A sync the browser may start.
pub struct BrowserSync {
    url: Option<String>,
    store: Option<Store>,
}

/// What one piece of the sync's news means for the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    /// For the app: `Action::Syncing` or `Action::Synced`.
    pub action: Action,
    /// The source became the synced copy and must be read again.
    pub read_again: bool,
}

impl BrowserSync {
    /// Syncs from `url` (else digital.gov's archive) into `store`.
    pub fn new(url: Option<String>, store: Option<Store>) -> Self {
        Self { url, store }
    }

    /// Starts a sync on another thread; `send` hears its progress and, last, how it
    /// ended.
    pub fn start(&self, send: impl Fn(SyncEvent) + Send + 'static) {
        let Some(store) = self.store.clone() else {
            send(SyncEvent::Finished {
                message: "Cannot sync: no data folder known (set XDG_DATA_HOME or HOME)".into(),
                updated: false,
            });
            return;
        };
        let url = self.url.clone().unwrap_or_else(|| DEFAULT_URL.to_string());
        spawn_sync(SyncOptions::new(url, store), send);
    }

    /// What the sync's news means. When a new copy is in place and the browser reads
    /// the synced copy or the built-in pages, `source` becomes the synced copy and the
    /// report asks for it to be read again.
    pub fn report(&self, news: SyncEvent, source: &mut Source) -> SyncReport {
        let (mut message, updated) = match news {
            SyncEvent::Progress(text) => {
                return SyncReport {
                    action: Action::Syncing(text),
                    read_again: false,
                };
            }
            SyncEvent::Finished { message, updated } => (message, updated),
        };
        let mut label = None;
        let mut read_again = false;
        if let (true, Some(store)) = (updated, &self.store) {
            if *source == Source::Embedded || is_synced(source, Some(store)) {
                *source = Source::Dir(store.site());
                label = Some(source_label(source, &Index::default(), Some(store)));
                read_again = true;
            } else {
                message.push_str("; this window reads --content's folder, which comes first");
            }
        }
        SyncReport {
            action: Action::Synced { message, label },
            read_again,
        }
    }
}
