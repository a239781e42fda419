//! The terminal's input, read on its own thread and sent into the event channel, and the
//! gate that parks the reader while another program (the editor, a text-mode browser)
//! has the terminal.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::event::Event;

#[cfg(unix)]
pub mod unix_reader;

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
/// [`unix_reader`], which keeps two Escs read together two keys.
#[cfg(unix)]
pub fn spawn_terminal_reader(sender: Sender<Event>, gate: Arc<InputGate>) {
    unix_reader::spawn_reader(sender, gate);
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
    use std::sync::mpsc::channel;

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
