//! The content tree watched through notify-debouncer-full, which waits for a burst of
//! changes to settle: where Linux's inotify is not there to use directly.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Sender, channel};

use notify::RecursiveMode;
use notify::event::EventKindMask;
use notify_debouncer_full::{DebounceEventHandler, Debouncer, RecommendedCache};

use super::SETTLE;

/// What the watch is told of: names created, removed and renamed, and what is written
/// or changed about a file. Not opening a file, which is not a change: every text
/// search opens each file of the tree, and each open was an event for the watcher to
/// take in, hold while the burst settled, and drop.
const WATCHED: EventKindMask = EventKindMask::CORE;

/// A watch on a tree, running on a thread of its own; dropping it ends the thread.
pub(super) struct Watching {
    /// Dropping this ends the watching thread and the watch with it.
    _alive: Sender<()>,
}

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

/// Starts watching `dir` and everything under it on a thread of its own; `ready` is
/// told once it is watched, and `on_change` each time changes settled.
pub(super) fn start(
    dir: PathBuf,
    on_change: impl Fn() + Send + 'static,
    ready: Sender<()>,
) -> Option<Watching> {
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
                let _ = ready.send(());
                // Blocks until the Watching is dropped; the watch lives until then.
                let _ = until_dropped.recv();
            }
            Err(err) => tracing::error!("cannot watch {}: {err}", dir.display()),
        }
    });
    Some(Watching { _alive: alive })
}
