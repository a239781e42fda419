//! The browser's side of a background sync: `R` starts one, its progress becomes
//! `Action::Syncing`, and a new copy is read again and handed to the app as
//! `Action::Reloaded`, which keeps the selection.

use std::sync::mpsc::{Receiver, Sender, channel};

use super::background::{SyncEvent, spawn_sync};
use super::choice::{is_synced, source_label};
use super::{DEFAULT_URL, Store, SyncOptions};
use crate::app::{Action, Reloaded};
use crate::content::{Index, Source};

/// A sync the browser may start, and the channel it reports through.
pub struct BrowserSync {
    url: Option<String>,
    store: Option<Store>,
    sender: Sender<SyncEvent>,
    events: Receiver<SyncEvent>,
    /// The end of a sync whose new pages are being read: reported once they are.
    read: (Sender<Action>, Receiver<Action>),
}

impl BrowserSync {
    /// Syncs from `url` (else digital.gov's archive) into `store`.
    pub fn new(url: Option<String>, store: Option<Store>) -> Self {
        let (sender, events) = channel();
        Self {
            url,
            store,
            sender,
            events,
            read: channel(),
        }
    }

    /// Starts a sync on another thread.
    pub fn start(&self) {
        let sender = self.sender.clone();
        let Some(store) = self.store.clone() else {
            let _ = sender.send(SyncEvent::Finished {
                message: "Cannot sync: no data folder known (set XDG_DATA_HOME or HOME)".into(),
                updated: false,
            });
            return;
        };
        let url = self.url.clone().unwrap_or_else(|| DEFAULT_URL.to_string());
        spawn_sync(SyncOptions::new(url, store), move |event| {
            let _ = sender.send(event);
        });
    }

    /// What the sync has to report since last asked. When a new copy is in place and
    /// the browser reads the synced copy or the built-in pages, `source` becomes the
    /// synced copy, which is read again on another thread and sent to `reloads`; the
    /// sync's end is reported after that, so that its message stays on screen.
    pub fn report(&self, source: &mut Source, reloads: &Sender<Reloaded>) -> Option<Action> {
        if let Ok(done) = self.read.1.try_recv() {
            return Some(done);
        }
        let (mut message, updated) = match self.events.try_recv().ok()? {
            SyncEvent::Progress(text) => return Some(Action::Syncing(text)),
            SyncEvent::Finished { message, updated } => (message, updated),
        };
        let store = self.store.as_ref()?;
        if !updated {
            return Some(Action::Synced {
                message,
                label: None,
            });
        }
        if !(*source == Source::Embedded || is_synced(source, Some(store))) {
            message.push_str("; this window reads --content's folder, which comes first");
            return Some(Action::Synced {
                message,
                label: None,
            });
        }
        *source = Source::Dir(store.site());
        let label = Some(source_label(source, &Index::default(), Some(store)));
        let (source, reloads, done) = (source.clone(), reloads.clone(), self.read.0.clone());
        std::thread::spawn(move || {
            let today = chrono::Local::now().date_naive();
            if let Some(content) = crate::shell::watcher::reload(&source, today) {
                let _ = reloads.send(content);
            }
            let _ = done.send(Action::Synced { message, label });
        });
        Some(Action::Syncing("Sync: reading the new pages…".into()))
    }
}
