//! Carrying out what `App::update` asks for: opening links (or showing them where
//! nothing can open them), copying to the clipboard, handing a file to the editor.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Sender;

use base64::Engine;
use ratatui::DefaultTerminal;

use crate::app::{Action, Effect, LoadedSite, PageJob, RankJob};
use crate::content::links::{absolute_url, vet_url};
use crate::sanitize::clean_line;
use crate::search::body::spawn_search;
use crate::shell::event::{Event, InputGate};
use crate::shell::worker::LatestWorker;

/// What the loop does after an effect: go on (with the actions that report how the
/// effect went), or stop.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Continue(Vec<Action>),
    Quit,
}

/// Carries out effects: everything it needs to reach the world, and the workers whose
/// results come back through the event channel.
pub struct Runner {
    browser: Option<String>,
    events: Sender<Event>,
    /// The text search that may run; older ones stop when this moves on.
    text_search: Arc<AtomicU64>,
    /// Paused while the editor has the terminal.
    gate: Arc<InputGate>,
    /// Set while the editor has the terminal (the signal handler reads it).
    handed_off: Arc<AtomicBool>,
    matcher: LatestWorker<RankJob>,
    renderer: LatestWorker<PageJob>,
}

impl Runner {
    pub fn new(
        browser: Option<String>,
        events: Sender<Event>,
        gate: Arc<InputGate>,
        handed_off: Arc<AtomicBool>,
    ) -> Self {
        let ranked = events.clone();
        let rendered = events.clone();
        Self {
            browser,
            text_search: Arc::default(),
            gate,
            handed_off,
            matcher: LatestWorker::spawn("matcher", move |job: RankJob| {
                let _ = ranked.send(Event::Ranked(job.run()));
            }),
            renderer: LatestWorker::spawn("renderer", move |job: PageJob| {
                let _ = rendered.send(Event::Rendered(job.run()));
            }),
            events,
        }
    }

    /// Does what an effect asks.
    pub fn perform(
        &mut self,
        effect: Effect,
        terminal: &mut DefaultTerminal,
    ) -> std::io::Result<Flow> {
        let action = match effect {
            Effect::Quit => return Ok(Flow::Quit),
            Effect::Many(effects) => {
                let mut actions = Vec::new();
                for effect in effects {
                    match self.perform(effect, terminal)? {
                        Flow::Quit => return Ok(Flow::Quit),
                        Flow::Continue(more) => actions.extend(more),
                    }
                }
                return Ok(Flow::Continue(actions));
            }
            Effect::Open(url) => Some(open(&absolute_url(&url), self.browser.as_deref())),
            Effect::Copy { text, what } => Some(Action::Notify(match copy_osc52(&text) {
                Ok(()) => format!("Copied {}", clean_line(&what)),
                Err(err) => format!("Couldn't copy: {err}"),
            })),
            Effect::Edit(path) => Some(self.hand_to_editor(terminal, &path)?),
            Effect::SearchBodies {
                words,
                generation,
                site,
            } => {
                self.search_text(words, generation, site);
                None
            }
            Effect::Rank(job) => {
                self.matcher.submit(job);
                None
            }
            Effect::Render(job) => {
                self.renderer.submit(*job);
                None
            }
        };
        Ok(Flow::Continue(action.into_iter().collect()))
    }

    /// Starts looking for words in every page's text, stopping any earlier search.
    fn search_text(&self, words: String, generation: u64, site: Option<LoadedSite>) {
        self.text_search.store(generation, Ordering::Relaxed);
        if let (Some(LoadedSite(site)), false) = (site, words.is_empty()) {
            let sender = self.events.clone();
            spawn_search(
                site,
                words,
                generation,
                self.text_search.clone(),
                move |found| {
                    let _ = sender.send(Event::BodyHits(found));
                },
            );
        }
    }

    /// Gives the terminal to the editor (the key reader paused, so no key meant for the
    /// editor is taken), takes it back, and has the tree read again.
    fn hand_to_editor(
        &mut self,
        terminal: &mut DefaultTerminal,
        path: &Path,
    ) -> std::io::Result<Action> {
        self.gate.pause();
        self.handed_off.store(true, Ordering::SeqCst);
        crate::shell::terminal::stop_terminal();
        let outcome = edit_file(path);
        let restarted = crate::shell::terminal::start_terminal();
        self.handed_off.store(false, Ordering::SeqCst);
        self.gate.resume();
        *terminal = restarted?;
        // A fresh alternate screen, cleared without asking the terminal where its
        // cursor is (ratatui's clear does, and not every terminal answers).
        crossterm::execute!(
            std::io::stdout(),
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        )?;
        let _ = self.events.send(Event::TreeChanged);
        Ok(Action::Notify(outcome))
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
