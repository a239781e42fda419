//! Carrying out what `App::update` asks for: opening links (or showing them where
//! nothing can open them), copying to the clipboard, handing a file to the editor.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use base64::Engine;

use crate::app::{Action, Effect};
use crate::content::links::{absolute_url, vet_url};
use crate::sanitize::clean_line;

/// Does what an effect asks; the action that follows says how it went.
pub fn perform(effect: Effect, browser: Option<&str>) -> Action {
    match effect {
        Effect::Open(url) => open(&absolute_url(&url), browser),
        Effect::Copy { text, what } => Action::Notify(match copy_osc52(&text) {
            Ok(()) => format!("Copied {}", clean_line(&what)),
            Err(err) => format!("Couldn't copy: {err}"),
        }),
        // The terminal loop carries these out itself.
        Effect::Edit(_) | Effect::SearchBodies { .. } | Effect::Sync | Effect::Quit => {
            Action::Notify(String::new())
        }
    }
}

fn open(url: &str, browser: Option<&str>) -> Action {
    let url = match vet_url(url) {
        Ok(url) => url,
        Err(refusal) => return Action::Notify(refusal),
    };
    let browser = browser.map(str::to_string).or_else(|| {
        std::env::var("BROWSER")
            .ok()
            .filter(|b| !b.trim().is_empty())
    });
    if browser.is_none() && !has_display() {
        // Over SSH, say: launching would fail or open far away. Show it instead.
        let _ = copy_osc52(&url);
        return Action::ShowUrl(url);
    }
    Action::Notify(
        match crate::shell::opener::open_url(&url, browser.as_deref()) {
            Ok(()) => format!("Opened {}", clean_line(&url)),
            Err(err) => format!("Couldn't open {}: {}", clean_line(&url), clean_line(&err)),
        },
    )
}

/// Whether a graphical session is there to open a browser in.
pub fn has_display() -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    cfg!(target_os = "macos") || cfg!(windows) || set("DISPLAY") || set("WAYLAND_DISPLAY")
}

/// Puts text on the clipboard with OSC 52, which terminals honour over SSH too; inside
/// tmux the sequence is also sent through to the outer terminal.
pub fn copy_osc52(text: &str) -> std::io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    if std::env::var_os("TMUX").is_some() {
        write!(out, "\x1bPtmux;\x1b\x1b]52;c;{encoded}\x07\x1b\\")?;
    }
    out.flush()
}

/// Runs `$VISUAL`, else `$EDITOR`, else `vi` on a file and waits for it; no shell is
/// involved. Returns the message for the status bar.
pub fn edit_file(path: &Path) -> String {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    match Command::new(program).args(words).arg(path).status() {
        Ok(status) if status.success() => {
            format!("Edited {}", clean_line(&path.display().to_string()))
        }
        Ok(status) => format!("{program} ended with {status}"),
        Err(err) => format!("Couldn't start {program}: {err}"),
    }
}
