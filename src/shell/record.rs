//! Recording a demo script without a terminal: the app is driven by the script's cues on
//! a clock of its own, each frame is drawn by ratatui's crossterm backend into memory, and
//! the bytes become an asciicast v2 file (`asciinema play` plays it). The last frame is
//! kept for a screenshot.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::app::script::{Cue, Timeline};
use crate::app::{Action, App, Effect};
use crate::search::body::search_bodies;

/// How long the last frame stays up at the end of the recording.
const HOLD_AT_END: Duration = Duration::from_secs(2);

/// Plays `timeline` on `app` (sized `width`×`height`), writing the recording to `cast`.
/// Returns the last screen drawn.
pub fn record(
    mut app: App,
    timeline: &Timeline,
    width: u16,
    height: u16,
    cast: &mut impl Write,
) -> std::io::Result<Buffer> {
    let area = Rect::new(0, 0, width, height);
    let screen = Screen::default();
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(screen.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )?;
    app.update(Action::Resize(width, height));
    let header = serde_json::json!({
        "version": 2,
        "width": width,
        "height": height,
        "title": "copdeck demo",
        "env": { "TERM": "xterm-256color" },
    });
    writeln!(cast, "{header}")?;
    // A clear screen first: ratatui only writes the cells that are not blank.
    screen.0.borrow_mut().extend(b"\x1b[2J\x1b[H");
    let mut last = draw(&mut terminal, &screen, &app, Duration::ZERO, cast)?;
    for (at, cue) in &timeline.cues {
        app.update(Action::Tick(*at));
        let action = match cue {
            Cue::Act(action) => Some(action.clone()),
            Cue::Press(key) => app.keymap.action_for(app.mode(), key.event()),
        };
        let effects = action
            .and_then(|action| app.update(action))
            .map_or_else(Vec::new, Effect::into_list);
        for effect in &effects {
            if let Effect::SearchBodies {
                words, generation, ..
            } = effect
            {
                search_now(&mut app, words, *generation);
            }
        }
        if app.page_stale() {
            app.update(Action::Settle);
        }
        last = draw(&mut terminal, &screen, &app, *at, cast)?;
        if effects.contains(&Effect::Quit) {
            break;
        }
    }
    event(cast, timeline.end + HOLD_AT_END, "")?;
    Ok(last)
}

/// The text search the terminal runs in the background, here done at once so the
/// recording shows its results.
fn search_now(app: &mut App, words: &str, generation: u64) {
    let Some(site) = app.site.clone() else { return };
    let mut batches = Vec::new();
    let current = AtomicU64::new(generation);
    search_bodies(&site, words, generation, &current, |hits| {
        batches.push(hits)
    });
    for hits in batches {
        app.update(Action::BodyHits(hits));
    }
}

/// What the backend writes, kept for the recording.
#[derive(Clone, Default)]
struct Screen(Rc<RefCell<Vec<u8>>>);

impl Write for Screen {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Draws the app and writes what changed on screen as one output event at `at`.
fn draw(
    terminal: &mut Terminal<CrosstermBackend<Screen>>,
    screen: &Screen,
    app: &App,
    at: Duration,
    cast: &mut impl Write,
) -> std::io::Result<Buffer> {
    let frame = terminal.draw(|frame| crate::ui::draw(frame, app))?;
    let buffer = frame.buffer.clone();
    let bytes = std::mem::take(&mut *screen.0.borrow_mut());
    if !bytes.is_empty() {
        event(cast, at, &String::from_utf8_lossy(&bytes))?;
    }
    Ok(buffer)
}

fn event(cast: &mut impl Write, at: Duration, output: &str) -> std::io::Result<()> {
    let seconds = (at.as_secs_f64() * 1000.0).round() / 1000.0;
    writeln!(cast, "{}", serde_json::json!([seconds, "o", output]))
}
