//! The terminal's input on Unix, read as bytes and split into events here. crossterm's
//! own reader takes two Escs that arrive in one read (a quick double press, keys sent
//! over a slow link, a multiplexer passing keys on) as a single Esc, so the second press
//! is lost; this reader keeps each Esc a key of its own. Every other sequence is left to
//! terminput's parser, and its events are handed on as crossterm's, so the rest of the
//! program sees the same events as before.

use std::fs::File;
use std::io::{IsTerminal, Read};
use std::os::fd::{AsFd, AsRawFd};
use std::sync::Arc;
use std::sync::mpsc::Sender;

use crossterm::event::{Event as Term, KeyCode, KeyEvent};

use super::{InputGate, READ_SLICE};
use crate::shell::event::Event;

const ESC: u8 = 0x1b;

/// How many bytes one read takes; a read that fills it may have more behind it.
const READ_SIZE: usize = 1024;

/// Turns the terminal's bytes into events, keeping what may be the start of a sequence
/// until the rest arrives.
#[derive(Debug, Default)]
pub struct InputSplitter {
    pending: Vec<u8>,
}

impl InputSplitter {
    /// The events in `bytes`. `more_coming` says the read was full, so a lone Esc at its
    /// end may still be the start of a sequence.
    pub fn split(&mut self, bytes: &[u8], more_coming: bool) -> Vec<Term> {
        let mut events = Vec::new();
        for (i, &byte) in bytes.iter().enumerate() {
            let more = more_coming || i + 1 < bytes.len();
            if byte == ESC && self.pending == [ESC] {
                // An Esc followed by an Esc: the first was a key of its own.
                self.pending.clear();
                events.push(esc());
            }
            self.pending.push(byte);
            if self.pending == [ESC] {
                if !more {
                    self.pending.clear();
                    events.push(esc());
                }
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(Some(event)) => {
                    self.pending.clear();
                    match terminput_crossterm::to_crossterm(event) {
                        Ok(event) => events.push(event),
                        Err(err) => {
                            tracing::debug!("terminal input with no crossterm form: {err:?}")
                        }
                    }
                }
                Ok(None) => {}
                Err(_) => {
                    tracing::debug!("unreadable terminal input dropped: {:?}", self.pending);
                    self.pending.clear();
                }
            }
        }
        events
    }

    /// The Esc held back at the end of a full read when nothing followed it in time.
    pub fn flush(&mut self) -> Option<Term> {
        (self.pending == [ESC]).then(|| {
            self.pending.clear();
            esc()
        })
    }
}

fn esc() -> Term {
    Term::Key(KeyEvent::from(KeyCode::Esc))
}

/// The terminal to read: standard input when it is one, else the controlling terminal.
fn open_terminal() -> std::io::Result<File> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        Ok(File::from(stdin.as_fd().try_clone_to_owned()?))
    } else {
        File::open("/dev/tty")
    }
}

/// Whether `tty` has input within `READ_SLICE`.
fn wait_for_input(tty: &File) -> std::io::Result<bool> {
    let mut poll = libc::pollfd {
        fd: tty.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let timeout = READ_SLICE.as_millis() as libc::c_int;
    // SAFETY: one valid pollfd, owned by this frame, for the call's whole duration.
    let ready = unsafe { libc::poll(&mut poll, 1, timeout) };
    if ready < 0 {
        let err = std::io::Error::last_os_error();
        return match err.kind() {
            std::io::ErrorKind::Interrupted => Ok(false),
            _ => Err(err),
        };
    }
    Ok(ready > 0)
}

/// Reads the terminal on its own thread and sends what it reads into `sender`, until
/// the loop is gone or the terminal cannot be read. A second thread sends a resize
/// whenever the terminal's size changes.
pub fn spawn_reader(sender: Sender<Event>, gate: Arc<InputGate>) {
    spawn_resize_watch(sender.clone());
    std::thread::spawn(move || {
        let mut tty = match open_terminal() {
            Ok(tty) => tty,
            Err(err) => {
                tracing::error!("cannot open the terminal for input: {err}");
                return;
            }
        };
        let mut splitter = InputSplitter::default();
        let mut buffer = [0u8; READ_SIZE];
        loop {
            gate.wait_while_paused();
            let events = match wait_for_input(&tty) {
                Ok(false) => splitter.flush().into_iter().collect(),
                Ok(true) => match tty.read(&mut buffer) {
                    Ok(0) => {
                        tracing::info!("the terminal's input ended");
                        return;
                    }
                    Ok(n) => splitter.split(&buffer[..n], n == buffer.len()),
                    Err(err) if err.kind() == std::io::ErrorKind::Interrupted => Vec::new(),
                    Err(err) => {
                        tracing::error!("cannot read the terminal: {err}");
                        return;
                    }
                },
                Err(err) => {
                    tracing::error!("cannot wait for terminal input: {err}");
                    return;
                }
            };
            for event in events {
                if sender.send(Event::Terminal(event)).is_err() {
                    return;
                }
            }
        }
    });
}

/// Sends the terminal's new size on every SIGWINCH.
fn spawn_resize_watch(sender: Sender<Event>) {
    let mut signals = match signal_hook::iterator::Signals::new([signal_hook::consts::SIGWINCH]) {
        Ok(signals) => signals,
        Err(err) => {
            tracing::error!("cannot watch the terminal's size: {err}");
            return;
        }
    };
    std::thread::spawn(move || {
        for _ in signals.forever() {
            let Ok((width, height)) = crossterm::terminal::size() else {
                continue;
            };
            if sender
                .send(Event::Terminal(Term::Resize(width, height)))
                .is_err()
            {
                return;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn keys(events: &[Term]) -> Vec<(KeyCode, KeyModifiers)> {
        events
            .iter()
            .filter_map(|event| match event {
                Term::Key(key) => Some((key.code, key.modifiers)),
                _ => None,
            })
            .collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn two_escs_in_one_read_are_two_keys() {
        let mut splitter = InputSplitter::default();
        let events = splitter.split(b"\x1b\x1b", false);
        assert_eq!(
            keys(&events),
            vec![(KeyCode::Esc, NONE), (KeyCode::Esc, NONE)]
        );
        let events = splitter.split(b"\x1b\x1b\x1b", false);
        assert_eq!(keys(&events).len(), 3);
    }

    #[test]
    fn an_esc_then_a_sequence_in_one_read_is_an_esc_and_that_key() {
        let mut splitter = InputSplitter::default();
        let events = splitter.split(b"\x1b\x1b[A", false);
        assert_eq!(
            keys(&events),
            vec![(KeyCode::Esc, NONE), (KeyCode::Up, NONE)]
        );
    }

    #[test]
    fn sequences_and_text_read_as_crossterm_does() {
        let mut splitter = InputSplitter::default();
        let events = splitter.split("a\x1b[Bé\x1bx\r\x7f".as_bytes(), false);
        assert_eq!(
            keys(&events),
            vec![
                (KeyCode::Char('a'), NONE),
                (KeyCode::Down, NONE),
                (KeyCode::Char('é'), NONE),
                (KeyCode::Char('x'), KeyModifiers::ALT),
                (KeyCode::Enter, NONE),
                (KeyCode::Backspace, NONE),
            ]
        );
    }

    #[test]
    fn a_sequence_split_over_two_reads_is_one_key() {
        let mut splitter = InputSplitter::default();
        assert!(splitter.split(b"\x1b[", false).is_empty());
        let events = splitter.split(b"1;5C", false);
        assert_eq!(keys(&events), vec![(KeyCode::Right, KeyModifiers::CONTROL)]);
        // A character cut between reads, too.
        assert!(splitter.split(&"é".as_bytes()[..1], false).is_empty());
        let events = splitter.split(&"é".as_bytes()[1..], false);
        assert_eq!(keys(&events), vec![(KeyCode::Char('é'), NONE)]);
    }

    #[test]
    fn an_esc_at_the_end_of_a_full_read_waits_for_what_follows() {
        let mut splitter = InputSplitter::default();
        assert!(splitter.split(b"\x1b", true).is_empty());
        let events = splitter.split(b"[A", false);
        assert_eq!(keys(&events), vec![(KeyCode::Up, NONE)]);
        assert!(splitter.split(b"\x1b", true).is_empty());
        assert_eq!(
            keys(&splitter.flush().into_iter().collect::<Vec<_>>()),
            vec![(KeyCode::Esc, NONE)]
        );
        assert!(splitter.flush().is_none());
    }

    #[test]
    fn a_paste_is_one_event_and_garbage_is_dropped() {
        let mut splitter = InputSplitter::default();
        let events = splitter.split(b"\x1b[200~two\x1bwords\x1b[201~q", false);
        assert!(
            matches!(&events[0], Term::Paste(text) if text == "two\x1bwords"),
            "{events:?}"
        );
        assert_eq!(keys(&events), vec![(KeyCode::Char('q'), NONE)]);
        let events = splitter.split(b"\x1b[999;999;999Zk", false);
        assert_eq!(keys(&events).last(), Some(&(KeyCode::Char('k'), NONE)));
    }
}
