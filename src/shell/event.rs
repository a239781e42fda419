//! The one channel every source of news feeds: the terminal's keys and mouse, the site
//! indexer, the folder watcher, reloads, the text search, the matcher and the page
//! renderer, the sync and the demo's clock. The loop receives from it and nothing else.

use std::sync::mpsc::{Receiver, Sender, channel};

use crate::app::{Action, LoadedSite, Ranked, Reloaded, RenderedPage};
use crate::search::body::BodyHits;

/// Something that happened, from any thread.
#[derive(Debug)]
pub enum Event {
    /// A key, a mouse event, a resize or a paste from the terminal.
    Terminal(crossterm::event::Event),
    /// The background indexer has read this many pages.
    SiteProgress(usize),
    /// The background indexer is done (an empty site when it failed; the error is logged).
    Indexed(LoadedSite),
    /// The background indexer failed; the message says why.
    IndexFailed(String),
    /// The watched folder changed and has been quiet since.
    TreeChanged,
    /// A reload finished: the tree it read, or why it could not.
    Reloaded(u64, Result<Reloaded, String>),
    /// A batch of pages whose text holds the query.
    BodyHits(BodyHits),
    /// The matcher ranked a query.
    Ranked(Ranked),
    /// A page was rendered for the page pane.
    Rendered(RenderedPage),
    /// News of a background sync: how far it has come, or how it ended (the shell
    /// handles the end: it may switch to the new copy and read it).
    Sync(crate::sync::background::SyncEvent),
    /// The demo's clock moved on (sent only when running as a demo).
    Clock,
}

impl Event {
    /// The app's action for this event; None for events the shell handles itself
    /// (`TreeChanged`, `Reloaded`) or that mean nothing to the app.
    pub fn into_action(self, app: &crate::app::App) -> Option<Action> {
        match self {
            Self::Terminal(event) => terminal_action(event, app),
            Self::SiteProgress(count) => Some(Action::SiteProgress(count)),
            Self::Indexed(site) => Some(Action::SiteLoaded(site)),
            Self::IndexFailed(message) => Some(Action::SiteFailed(message)),
            Self::BodyHits(found) => Some(Action::BodyHits(found)),
            Self::Ranked(ranked) => Some(Action::Ranked(ranked)),
            Self::Rendered(page) => Some(Action::Rendered(page)),
            Self::Sync(crate::sync::background::SyncEvent::Progress(line)) => {
                Some(Action::Syncing(line))
            }
            Self::Sync(_) | Self::Clock | Self::TreeChanged | Self::Reloaded(..) => None,
        }
    }
}

/// Keys, mouse and resizes as actions, through the user's keymap.
fn terminal_action(event: crossterm::event::Event, app: &crate::app::App) -> Option<Action> {
    use crossterm::event::{Event as Term, KeyEventKind, MouseEventKind};
    match event {
        Term::Key(key) if key.kind != KeyEventKind::Release => {
            app.keymap.action_for(app.mode(), key)
        }
        Term::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(_) => Some(Action::Click(mouse.column, mouse.row)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(mouse.column, mouse.row, -1)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(mouse.column, mouse.row, 1)),
            _ => None,
        },
        Term::Resize(width, height) => Some(Action::Resize(width, height)),
        Term::Paste(text) => text.chars().next().map(Action::Input),
        _ => None,
    }
}

/// A new channel for events.
pub fn events() -> (Sender<Event>, Receiver<Event>) {
    channel()
}
