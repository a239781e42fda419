//! The interactive shell: terminal setup and restore, the event loop, and the effects
//! (`open`, `copy`) that `App::update` asks for.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use base64::Engine;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::app::keymap::action_for;
use crate::app::{Action, App, Effect, LoadedSite};
use crate::cli::{load_or_exit, today};
use crate::content::{SiteIndex, Source, load_site};
use crate::links::{absolute_url, vet_url};
use crate::sanitize::clean_line;
use crate::theme::Theme;

/// Runs the browser until the user quits; the terminal is restored however it ends.
pub fn run(source: &Source) -> ExitCode {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "copdeck: the browser needs a terminal; for a pipe try `copdeck list` or `copdeck show NAME`"
        );
        return ExitCode::from(2);
    }
    let index = match load_or_exit(source) {
        Ok(index) => index,
        Err(code) => return code,
    };
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(err) => {
            ratatui::restore();
            eprintln!("copdeck: cannot set up the terminal: {err}");
            return ExitCode::from(1);
        }
    };
    install_mouse_release_hook();
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let size = terminal.size().unwrap_or_default();
    let app = App::new(index, Theme::from_env(), size.width, size.height);
    let indexer = SiteIndexer::start(source.clone());
    let result = event_loop(&mut terminal, app, indexer);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("copdeck: {err}");
            ExitCode::from(1)
        }
    }
}

/// On panic, stop mouse reporting before ratatui's own hook restores the rest.
fn install_mouse_release_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
}

/// The whole site, indexed on another thread while the communities are already shown.
struct SiteIndexer {
    progress: Arc<AtomicUsize>,
    done: Option<mpsc::Receiver<SiteIndex>>,
}

impl SiteIndexer {
    fn start(source: Source) -> Self {
        let progress = Arc::new(AtomicUsize::new(0));
        let (sender, receiver) = mpsc::channel();
        let counter = progress.clone();
        std::thread::spawn(move || {
            let site = load_site(&source, today(), &counter).unwrap_or_default();
            let _ = sender.send(site);
        });
        Self {
            progress,
            done: Some(receiver),
        }
    }

    /// What the indexer has to report since last asked, if anything.
    fn report(&mut self, last_progress: usize) -> Option<Action> {
        let receiver = self.done.as_ref()?;
        if let Ok(site) = receiver.try_recv() {
            self.done = None;
            return Some(Action::SiteLoaded(LoadedSite(Arc::new(site))));
        }
        let count = self.progress.load(Ordering::Relaxed);
        (count != last_progress).then_some(Action::SiteProgress(count))
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    mut app: App,
    mut indexer: SiteIndexer,
) -> std::io::Result<()> {
    loop {
        terminal.draw(|frame| crate::ui::draw(frame, &app))?;
        let wait = if indexer.done.is_some() { 50 } else { 1000 };
        let action = if event::poll(Duration::from_millis(wait))? {
            action_of(event::read()?, &app)
        } else {
            indexer.report(app.site_progress)
        };
        let Some(action) = action else {
            continue;
        };
        let mut next = Some(action);
        while let Some(action) = next.take() {
            next = match app.update(action) {
                Some(Effect::Quit) => return Ok(()),
                Some(effect) => Some(Action::Notify(perform(effect))),
                None => None,
            };
        }
        if app.page_stale() && !event::poll(Duration::ZERO)? {
            app.update(Action::Settle);
        }
    }
}

fn action_of(event: Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => action_for(app.mode(), key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(_) => Some(Action::Click(mouse.column, mouse.row)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(mouse.column, mouse.row, -1)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(mouse.column, mouse.row, 1)),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        Event::Paste(text) => text.chars().next().map(Action::Input),
        _ => None,
    }
}

/// Does what an effect asks and says how it went, for the status bar.
fn perform(effect: Effect) -> String {
    match effect {
        Effect::Open(url) => {
            let url = absolute_url(&url);
            match vet_url(&url) {
                Ok(url) => match crate::opener::open_url(&url) {
                    Ok(()) => format!("Opened {}", clean_line(&url)),
                    Err(err) => format!("Couldn't open {}: {}", clean_line(&url), clean_line(&err)),
                },
                Err(refusal) => refusal,
            }
        }
        Effect::Copy { text, what } => match copy_osc52(&text) {
            Ok(()) => format!("Copied {}", clean_line(&what)),
            Err(err) => format!("Couldn't copy: {err}"),
        },
        Effect::Quit => String::new(),
    }
}

/// Puts text on the clipboard with OSC 52, which terminals honour over SSH too; inside
/// tmux the sequence is also sent through to the outer terminal.
fn copy_osc52(text: &str) -> std::io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    if std::env::var_os("TMUX").is_some() {
        write!(out, "\x1bPtmux;\x1b\x1b]52;c;{encoded}\x07\x1b\\")?;
    }
    out.flush()
}
