//! The browser's log: off unless `COPDECK_LOG` is set, then written to
//! `$XDG_STATE_HOME/copdeck/copdeck.log` (by default `~/.local/state/copdeck/`). The
//! terminal belongs to the browser, so nothing is ever logged to it.

use std::path::PathBuf;

use etcetera::BaseStrategy;
use tracing::Level;

/// The environment variable that turns the log on; its value may name the most detailed
/// level kept (`error`, `warn`, `info`, `debug`, `trace`); anything else means `debug`.
pub const LOG_VAR: &str = "COPDECK_LOG";

/// Where the log goes: the state folder's `copdeck/copdeck.log`.
pub fn log_path() -> Option<PathBuf> {
    let state = etcetera::base_strategy::Xdg::new().ok()?.state_dir()?;
    Some(state.join("copdeck").join("copdeck.log"))
}

/// The level `COPDECK_LOG` asks for, or None when logging is off.
pub fn wanted_level(value: Option<&str>) -> Option<Level> {
    let value = value?.trim();
    if value.is_empty() || value == "0" || value.eq_ignore_ascii_case("off") {
        return None;
    }
    // `tracing` reads digits as levels (1 is ERROR); here `COPDECK_LOG=1` only means on.
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Level::DEBUG);
    }
    Some(value.parse().unwrap_or(Level::DEBUG))
}

/// Starts logging when `COPDECK_LOG` asks for it. Returns the file written to; a log
/// that cannot be opened is reported once on stderr (the terminal is not yet taken).
pub fn start() -> Option<PathBuf> {
    let level = wanted_level(std::env::var(LOG_VAR).ok().as_deref())?;
    let Some(path) = log_path() else {
        eprintln!("copdeck: {LOG_VAR} is set but there is no home folder to log in");
        return None;
    };
    let file = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
        });
    let file = match file {
        Ok(file) => file,
        Err(err) => {
            eprintln!("copdeck: cannot open the log {}: {err}", path.display());
            return None;
        }
    };
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_ansi(false)
        .with_thread_names(true)
        .with_writer(std::sync::Mutex::new(file))
        .finish();
    tracing::subscriber::set_global_default(subscriber).ok()?;
    tracing::info!("copdeck {} starts", env!("CARGO_PKG_VERSION"));
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_is_off_unless_asked_for_and_names_its_level() {
        assert_eq!(wanted_level(None), None);
        assert_eq!(wanted_level(Some("")), None);
        assert_eq!(wanted_level(Some("off")), None);
        assert_eq!(wanted_level(Some("0")), None);
        assert_eq!(wanted_level(Some("warn")), Some(Level::WARN));
        assert_eq!(wanted_level(Some("1")), Some(Level::DEBUG));
        assert_eq!(wanted_level(Some("TRACE")), Some(Level::TRACE));
        assert_eq!(wanted_level(Some("yes")), Some(Level::DEBUG));
    }
}
