//! A sync on another thread, for the browser: it reports its progress and its end as
//! `SyncEvent`s through whatever the caller gives it (a channel's sender, say).

use super::{Outcome, Progress, SyncError, SyncOptions, run_sync};

/// What a background sync tells the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncEvent {
    /// How far it has come, in words.
    Progress(String),
    /// It ended: a message for the status bar, and whether a new copy is in place.
    Finished { message: String, updated: bool },
}

/// Starts a sync; `send` hears its progress and, last, how it ended.
pub fn spawn_sync(options: SyncOptions, send: impl Fn(SyncEvent) + Send + 'static) {
    std::thread::spawn(move || {
        let result = run_sync(&options, &mut |progress: Progress| {
            send(SyncEvent::Progress(format!(
                "Sync: {}…",
                progress.describe()
            )));
        });
        send(finished(&options, result));
    });
}

/// The message that ends a sync, for a status bar or a terminal.
pub fn finished(options: &SyncOptions, result: Result<Outcome, SyncError>) -> SyncEvent {
    match result {
        Ok(Outcome::Updated(copy)) => SyncEvent::Finished {
            message: format!("Synced {} from digital.gov", pages(copy.pages)),
            updated: true,
        },
        Ok(Outcome::Unchanged(_)) => SyncEvent::Finished {
            message: "Sync: nothing changed since the last sync".to_string(),
            updated: false,
        },
        Err(err) => SyncEvent::Finished {
            message: failure_line(&err, options.store.current().as_ref()),
            updated: false,
        },
    }
}

/// "1 page", "3 pages".
pub fn pages(count: usize) -> String {
    if count == 1 {
        "1 page".to_string()
    } else {
        format!("{count} pages")
    }
}

/// One line for a failed sync, saying what is kept: "cannot reach …; keeping the
/// copy from 2026-11-24".
pub fn failure_line(err: &SyncError, kept: Option<&super::CopyInfo>) -> String {
    let kept = match kept {
        Some(copy) => format!(
            "keeping the copy from {}",
            copy.synced_at
                .with_timezone(&chrono::Local)
                .format("%Y-%m-%d")
        ),
        None => "there is no synced copy yet".to_string(),
    };
    format!("{err}; {kept}")
}
