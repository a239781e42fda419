//! The one channel every source of news feeds: the terminal's keys and mouse, the site
//! indexer, the folder watcher, reloads, the text search, the matcher and the page
//! renderer, the sync and the demo's clock. The loop receives from it and nothing else.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

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

/// Whether the key reader may read the terminal: it is paused while another program
/// (the editor) has it, so no keystroke meant for that program is taken.
#[derive(Debug, Default)]
pub struct InputGate {
    state: Mutex<GateState>,
    changed: Condvar,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum GateState {
    #[default]
    Reading,
    PauseAsked,
    Paused,
}

/// How long the reader waits for input before it looks at the gate again.
pub(super) const READ_SLICE: Duration = Duration::from_millis(20);

impl InputGate {
    /// Stops the reader and waits until it has stopped reading.
    pub fn pause(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        *state = GateState::PauseAsked;
        self.changed.notify_all();
        while *state == GateState::PauseAsked {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Lets the reader read again.
    pub fn resume(&self) {
        *self.state.lock().unwrap_or_else(|e| e.into_inner()) = GateState::Reading;
        self.changed.notify_all();
    }

    /// Called by the reader between reads: parks it while a pause is asked for.
    pub(super) fn wait_while_paused(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if *state == GateState::PauseAsked {
            *state = GateState::Paused;
            self.changed.notify_all();
        }
        while *state == GateState::Paused {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// Reads the terminal on its own thread and sends what it reads into `sender`, until
/// the loop is gone or the terminal cannot be read. On Unix the bytes are split by
/// [`super::tty_input`], which keeps two Escs read together two keys.
#[cfg(unix)]
pub fn spawn_terminal_reader(sender: Sender<Event>, gate: Arc<InputGate>) {
    super::tty_input::spawn_reader(sender, gate);
}

/// Reads the terminal on its own thread and sends what it reads into `sender`, until
/// the loop is gone or the terminal cannot be read.
#[cfg(not(unix))]
pub fn spawn_terminal_reader(sender: Sender<Event>, gate: Arc<InputGate>) {
    std::thread::spawn(move || {
        loop {
            gate.wait_while_paused();
            match crossterm::event::poll(READ_SLICE) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(err) => {
                    tracing::error!("cannot wait for terminal input: {err}");
                    return;
                }
            }
            match crossterm::event::read() {
                Ok(event) => {
                    if sender.send(Event::Terminal(event)).is_err() {
                        return;
                    }
                }
                Err(err) => {
                    tracing::error!("cannot read the terminal: {err}");
                    return;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pause_waits_for_the_reader_to_park_and_resume_lets_it_go() {
        let gate = Arc::new(InputGate::default());
        let (sender, receiver) = channel();
        let reader = gate.clone();
        std::thread::spawn(move || {
            loop {
                reader.wait_while_paused();
                if sender.send(()).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        receiver.recv().unwrap();
        gate.pause();
        // Parked: whatever it sent before parking is drained, then nothing comes.
        while receiver.try_recv().is_ok() {}
        assert!(
            receiver.recv_timeout(Duration::from_millis(50)).is_err(),
            "the reader ran while paused"
        );
        gate.resume();
        assert!(receiver.recv_timeout(Duration::from_secs(2)).is_ok());
    }
}
