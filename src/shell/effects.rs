//! Carrying out what `App::update` asks for: opening links (or showing them where
//! nothing can open them), copying to the clipboard, handing a file to the editor or a
//! link to a text-mode browser, and starting background work (ranking and rendering on
//! workers, the text search, a sync) whose results come back through the event channel.

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
use crate::sanitize::{clean_line, clipboard_text, is_invisible, visible_url};
use crate::search::body::spawn_search;
use crate::shell::event::Event;
use crate::shell::input::InputGate;
use crate::shell::opener::{
    BrowserConfig, Launch, find_program, plan_launch, run_in_terminal, start_detached, start_error,
};
use crate::shell::sync::BrowserSync;
use crate::shell::worker::{LatestWorker, Overtaken};

/// What opening a link comes to: done (the action says how it went), or a text-mode
/// browser that needs the terminal handed over (see `browse_in_terminal`).
#[derive(Debug)]
pub enum Opening {
    Done(Action),
    InTerminal { command: Command, url: String },
}

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
    browser: BrowserConfig,
    events: Sender<Event>,
    /// The text search that may run; older ones stop when this moves on.
    text_search: Arc<AtomicU64>,
    /// Paused while another program (the editor, a text-mode browser) has the terminal.
    gate: Arc<InputGate>,
    /// Set while another program has the terminal (the signal handler reads it).
    handed_off: Arc<AtomicBool>,
    matcher: LatestWorker<RankJob>,
    renderer: LatestWorker<PageJob>,
    /// The sync `R` starts; its news comes back as `Event::Sync`.
    sync: BrowserSync,
}

impl Runner {
    pub fn new(
        browser: BrowserConfig,
        events: Sender<Event>,
        gate: Arc<InputGate>,
        handed_off: Arc<AtomicBool>,
        sync: BrowserSync,
    ) -> Self {
        let ranked = events.clone();
        let rendered = events.clone();
        Self {
            browser,
            text_search: Arc::default(),
            gate,
            handed_off,
            // A ranking a newer keystroke overtakes stops early and sends nothing.
            matcher: LatestWorker::spawn("matcher", move |job: RankJob, overtaken: &Overtaken| {
                if let Some(hits) = job.run_unless(&|| overtaken.now()) {
                    let _ = ranked.send(Event::Ranked(hits));
                }
            }),
            renderer: LatestWorker::spawn(
                "renderer",
                move |job: PageJob, overtaken: &Overtaken| {
                    // The whole page follows a long page's head unless a newer page was
                    // asked for meanwhile.
                    job.run_in_parts(|page| {
                        let _ = rendered.send(Event::Rendered(page));
                        !overtaken.now()
                    });
                },
            ),
            events,
            sync,
        }
    }

    /// The sync this runner starts, to read its news.
    pub fn sync(&self) -> &BrowserSync {
        &self.sync
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
            Effect::Open(url) => Some(match open_link(&url, &self.browser) {
                Opening::Done(action) => action,
                Opening::InTerminal { command, url } => {
                    Action::Notify(self.hand_over(terminal, || browse_in_terminal(command, &url))?)
                }
            }),
            Effect::Copy { text, what } => Some(Action::Notify(match copy_osc52(&text) {
                Ok(()) => format!("Copied {}", clean_line(&clipboard_text(&what))),
                Err(err) => format!("Couldn't copy: {err}"),
            })),
            Effect::Edit(path) => {
                let outcome = self.hand_over(terminal, || edit_file(&path))?;
                // An editor that never started changed nothing: no reload.
                if outcome.is_ok() {
                    let _ = self.events.send(Event::TreeChanged);
                }
                Some(Action::Notify(outcome.unwrap_or_else(|failed| failed)))
            }
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
            Effect::Sync => {
                let events = self.events.clone();
                self.sync.start(move |news| {
                    let _ = events.send(Event::Sync(news));
                });
                None
            }
        };
        Ok(Flow::Continue(action.into_iter().collect()))
    }

    /// Starts looking for words in every page's text, stopping any earlier search.
    fn search_text(&self, words: String, generation: u64, site: Option<LoadedSite>) {
        self.text_search.store(generation, Ordering::Relaxed);
        if let (Some(loaded), false) = (site, words.is_empty()) {
            let sender = self.events.clone();
            spawn_search(
                loaded.site().clone(),
                words,
                generation,
                self.text_search.clone(),
                move |found| {
                    let _ = sender.send(Event::BodyHits(found));
                },
            );
        }
    }

    /// Gives the terminal to another program (the editor, a text-mode browser) while
    /// `run` runs — the key reader paused, so no key meant for that program is taken —
    /// then takes it back on a fresh alternate screen.
    fn hand_over<T>(
        &mut self,
        terminal: &mut DefaultTerminal,
        run: impl FnOnce() -> T,
    ) -> std::io::Result<T> {
        self.gate.pause();
        self.handed_off.store(true, Ordering::SeqCst);
        crate::shell::terminal_mode::stop_terminal();
        let outcome = run();
        let restarted = crate::shell::terminal_mode::start_terminal();
        self.handed_off.store(false, Ordering::SeqCst);
        self.gate.resume();
        *terminal = restarted?;
        // A fresh alternate screen, cleared without asking the terminal where its
        // cursor is (ratatui's clear does, and not every terminal answers).
        crossterm::execute!(
            std::io::stdout(),
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        )?;
        Ok(outcome)
    }
}

/// Decides how a link opens and, unless it needs the terminal, opens it.
pub fn open_link(url: &str, browser: &BrowserConfig) -> Opening {
    let url = absolute_url(url);
    if url.chars().any(is_invisible) {
        return Opening::Done(Action::Notify(format!(
            "Can't open {}: it holds invisible characters (shown encoded)",
            visible_url(&url)
        )));
    }
    let url = match vet_url(&url) {
        Ok(url) => url,
        Err(refusal) => return Opening::Done(Action::Notify(refusal)),
    };
    let env = std::env::var("BROWSER").ok();
    let env = env.as_deref().filter(|b| !b.trim().is_empty());
    if browser.command.is_none() && env.is_none() && !has_display() {
        // Over SSH, say: launching would fail or open far away. Show it instead.
        let _ = copy_osc52(&url);
        return Opening::Done(Action::ShowUrl(url));
    }
    let failed = |reason: String| {
        Action::Notify(format!(
            "Couldn't open {}: {}",
            clean_line(&url),
            clean_line(&reason)
        ))
    };
    match plan_launch(&url, browser, env) {
        Ok(Launch::InTerminal(command)) => Opening::InTerminal { command, url },
        Ok(launch) => Opening::Done(match start_detached(launch) {
            Ok(()) => Action::Notify(format!("Opened {}", clean_line(&url))),
            Err(reason) => failed(reason),
        }),
        Err(reason) => Opening::Done(failed(reason)),
    }
}

/// Runs a text-mode browser on a link and waits for it; the terminal is its meanwhile.
/// Returns the message for the status bar.
pub fn browse_in_terminal(command: Command, url: &str) -> String {
    match run_in_terminal(command) {
        Ok(()) => format!("Back from {}", clean_line(url)),
        Err(reason) => format!("Couldn't open {}: {}", clean_line(url), clean_line(&reason)),
    }
}

/// Whether a graphical session is there to open a browser in.
pub fn has_display() -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    cfg!(target_os = "macos") || cfg!(windows) || set("DISPLAY") || set("WAYLAND_DISPLAY")
}

/// The bytes that put `text` on the clipboard with OSC 52, cleaned to one safe line
/// first; inside tmux the sequence is also wrapped for the outer terminal.
/// (Not crossterm's `CopyToClipboard`: it ends the sequence with ST, `ESC \`, where these
/// bytes end it with BEL, which the oldest terminals and tmux's wrapper take as they are;
/// the wrapper would stay ours all the same.)
pub fn osc52_bytes(text: &str, tmux: bool) -> Vec<u8> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(clipboard_text(text));
    let mut out = format!("\x1b]52;c;{encoded}\x07");
    if tmux {
        out.push_str(&format!("\x1bPtmux;\x1b\x1b]52;c;{encoded}\x07\x1b\\"));
    }
    out.into_bytes()
}

/// Puts text on the clipboard with OSC 52, which terminals honour over SSH too.
pub fn copy_osc52(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(&osc52_bytes(text, std::env::var_os("TMUX").is_some()))?;
    out.flush()
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_command(visual: Option<&str>, editor: Option<&str>) -> String {
    [visual, editor]
        .into_iter()
        .flatten()
        .find(|value| !value.trim().is_empty())
        .unwrap_or("vi")
        .to_string()
}

/// Runs the editor on a file and waits for it; its command is split into words as a
/// shell would, but no shell is involved. Returns the message for the status bar: `Err`
/// when the editor could not start, so nothing can have changed.
pub fn edit_file(path: &Path) -> Result<String, String> {
    let visual = std::env::var("VISUAL").ok();
    let editor = std::env::var("EDITOR").ok();
    let editor = editor_command(visual.as_deref(), editor.as_deref());
    let failed = |reason: String| {
        Err(format!(
            "Couldn't start the editor: {}",
            clean_line(&reason)
        ))
    };
    let words = match shell_words::split(&editor) {
        Ok(words) if !words.is_empty() => words,
        Ok(_) => return failed("the editor command is empty".into()),
        Err(err) => return failed(format!("cannot read the command `{editor}`: {err}")),
    };
    let (program, args) = words.split_first().expect("not empty");
    if let Err(reason) = find_program(program, std::env::var_os("PATH").as_deref()) {
        return failed(reason);
    }
    match Command::new(program).args(args).arg(path).status() {
        Ok(status) if status.success() => Ok(format!(
            "Edited {}",
            clean_line(&path.display().to_string())
        )),
        Ok(status) => Ok(format!("`{}` ended with {status}", clean_line(program))),
        Err(err) => failed(start_error(program, &err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_wins_over_editor() {
        assert_eq!(editor_command(Some("nano"), Some("vim")), "nano");
        assert_eq!(editor_command(Some(" "), Some("vim")), "vim");
        assert_eq!(editor_command(None, None), "vi");
    }

    #[test]
    fn the_clipboard_sequence_carries_one_clean_line() {
        let bytes = osc52_bytes("a@b.gov\nSubject: hi\x1b[201~\necho pwned\u{202E}", false);
        let text = String::from_utf8(bytes).unwrap();
        let encoded = text
            .strip_prefix("\x1b]52;c;")
            .and_then(|t| t.strip_suffix('\x07'))
            .unwrap();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .unwrap();
        assert_eq!(decoded, b"a@b.gov Subject: hi[201~ echo pwned");
        let tmux = String::from_utf8(osc52_bytes("x", true)).unwrap();
        assert!(
            tmux.ends_with("\x1bPtmux;\x1b\x1b]52;c;eA==\x07\x1b\\"),
            "{tmux:?}"
        );
    }

    #[test]
    fn a_line_break_in_a_mailto_subject_cannot_add_a_header() {
        let url =
            vet_url("mailto:a@b.gov?subject=Hi%0D%0ABcc:%20evil@x.gov&body=one%0D%0Atwo").unwrap();
        assert_eq!(
            url,
            "mailto:a@b.gov?subject=Hi%20%20Bcc%3A%20evil%40x.gov&body=one%0D%0Atwo"
        );
    }

    #[test]
    fn an_address_with_invisible_characters_is_refused_and_shown_encoded() {
        let opening = open_link(
            "https://digital.gov/\u{202E}fdp.exe",
            &BrowserConfig::default(),
        );
        let Opening::Done(Action::Notify(message)) = opening else {
            panic!("{opening:?}");
        };
        assert!(
            message.contains("https://digital.gov/%E2%80%AEfdp.exe"),
            "{message}"
        );
        assert!(message.starts_with("Can't open"), "{message}");
    }
}
