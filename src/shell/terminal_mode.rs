//! The terminal's mode: raw input, the alternate screen and mouse reporting, taken for the
//! loop, given back to programs the terminal is handed to, and restored on a panic.

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use ratatui::DefaultTerminal;

/// Takes the terminal: raw mode, the alternate screen, mouse reporting.
pub(crate) fn start_terminal() -> std::io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    execute!(std::io::stdout(), EnableMouseCapture)?;
    Ok(terminal)
}

/// Gives the terminal back as it was.
pub(crate) fn stop_terminal() {
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// `stop_terminal`, and the cursor shown, for leaving from anywhere (a signal).
pub(crate) fn restore_terminal() {
    stop_terminal();
    let _ = execute!(std::io::stdout(), crossterm::cursor::Show);
}

/// On panic, stop mouse reporting before ratatui's own hook restores the rest.
pub(crate) fn install_mouse_release_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
}
