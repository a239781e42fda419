//! Signals a terminal program is expected to survive politely: on SIGTERM, SIGINT, SIGHUP
//! or SIGQUIT the terminal is put back (mouse reporting off, main screen, cooked mode,
//! cursor shown) and copdeck exits with the conventional status, 128 + the signal.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

/// The signals that end the browser.
pub const HANDLED: [i32; 4] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT];

/// The exit status for a program ended by `signal`.
pub fn exit_status(signal: i32) -> i32 {
    128 + signal
}

/// Whether the signal ends copdeck now. While another program (the editor) has the
/// terminal, the keyboard's SIGINT and SIGQUIT are that program's to handle.
pub fn ends_copdeck(signal: i32, handed_off: bool) -> bool {
    !(handed_off && (signal == SIGINT || signal == SIGQUIT))
}

/// Starts a thread that waits for the signals and ends copdeck on one, after `restore`
/// has put the terminal back. `handed_off` says when the editor has the terminal.
pub fn install(
    restore: impl Fn() + Send + 'static,
    handed_off: Arc<AtomicBool>,
) -> std::io::Result<()> {
    let mut signals = Signals::new(HANDLED)?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if !ends_copdeck(signal, handed_off.load(Ordering::SeqCst)) {
                    continue;
                }
                tracing::info!("signal {signal}: restoring the terminal and leaving");
                restore();
                std::process::exit(exit_status(signal));
            }
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statuses_are_the_conventional_ones() {
        assert_eq!(exit_status(SIGINT), 130);
        assert_eq!(exit_status(SIGTERM), 143);
        assert_eq!(exit_status(SIGHUP), 129);
        assert_eq!(exit_status(SIGQUIT), 131);
    }

    #[test]
    fn the_editor_keeps_the_keyboard_signals_but_not_termination() {
        assert!(ends_copdeck(SIGINT, false));
        assert!(!ends_copdeck(SIGINT, true));
        assert!(!ends_copdeck(SIGQUIT, true));
        assert!(ends_copdeck(SIGTERM, true));
        assert!(ends_copdeck(SIGHUP, true));
    }
}
