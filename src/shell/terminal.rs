//! The interactive shell: terminal setup and restore, the background indexer, and the
//! event loop — receive from the one event channel, update the app, perform its
//! effects, draw.

use std::collections::VecDeque;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::app::keymap::Keymap;
use crate::app::{Action, App, Effect, LoadedSite};
use crate::config::Config;
use crate::content::{Index, Source, load_site, today};
use crate::shell::effects::{Flow, Runner};
use crate::shell::event::{self, Event, InputGate, spawn_terminal_reader};
use crate::shell::reload::Reloader;
use crate::shell::watcher::TreeWatch;
use crate::theme::Theme;

/// What the browser takes from the config file and the command line.
pub struct Settings {
    pub theme: Theme,
    pub keymap: Keymap,
    pub browser: Option<String>,
}

impl Settings {
    pub fn new(config: &Config, theme_flag: Option<&str>) -> Self {
        Self {
            theme: Theme::choose(theme_flag, config.theme.as_deref()),
            keymap: config.keymap(),
            browser: config.browser.clone(),
        }
    }
}

/// Whether the browser can run here: both ends of the program are a terminal.
pub fn has_terminal() -> bool {
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// Runs the browser on `index` (read from `source`) until the user quits; the terminal is
/// restored however it ends (a signal included).
pub fn run(source: &Source, index: Index, settings: Settings) -> ExitCode {
    crate::shell::log::start();
    let mut terminal = match start_terminal() {
        Ok(terminal) => terminal,
        Err(err) => {
            ratatui::restore();
            eprintln!("copdeck: cannot set up the terminal: {err}");
            return ExitCode::from(1);
        }
    };
    install_mouse_release_hook();
    let (sender, events) = event::events();
    let gate = Arc::new(InputGate::default());
    let handed_off = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    if let Err(err) = crate::shell::signals::install(restore_terminal, handed_off.clone()) {
        tracing::warn!("signals will not restore the terminal: {err}");
    }
    spawn_terminal_reader(sender.clone(), gate.clone());
    spawn_indexer(source.clone(), sender.clone());
    let watched = sender.clone();
    let watch = TreeWatch::start(source, move || {
        let _ = watched.send(Event::TreeChanged);
    });
    let size = terminal.size().unwrap_or_default();
    let (app, first_page) = App::with_workers(index, settings.theme, size.width, size.height);
    let mut browser = BrowserLoop {
        runner: Runner::new(settings.browser, sender.clone(), gate, handed_off),
        reloader: Reloader::new(source.clone(), sender),
        events,
        _watch: watch,
    };
    let result = browser.event_loop(&mut terminal, app.with_keymap(settings.keymap), first_page);
    stop_terminal();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("the browser stopped: {err}");
            eprintln!("copdeck: {err}");
            ExitCode::from(1)
        }
    }
}

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
fn restore_terminal() {
    stop_terminal();
    let _ = execute!(std::io::stdout(), crossterm::cursor::Show);
}

/// On panic, stop mouse reporting before ratatui's own hook restores the rest.
fn install_mouse_release_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
}

/// How often the indexer's page count is sent while it reads.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Indexes the whole site on another thread while the communities are already shown;
/// the count so far and the result go into the event channel. A failure is logged and
/// reported, never replaced by an empty site in silence.
fn spawn_indexer(source: Source, events: Sender<Event>) {
    let progress = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let (counter, finished, reporter) = (progress.clone(), done.clone(), events.clone());
    std::thread::spawn(move || {
        let mut last = 0;
        while !finished.load(Ordering::Relaxed) {
            std::thread::sleep(PROGRESS_EVERY);
            let count = counter.load(Ordering::Relaxed);
            if count != last && reporter.send(Event::SiteProgress(count)).is_err() {
                return;
            }
            last = count;
        }
    });
    std::thread::spawn(move || {
        let event = match load_site(&source, today(), &progress) {
            Ok(site) => {
                tracing::info!("indexed {} pages", site.site.pages.len());
                Event::Indexed(LoadedSite(Arc::new(site)))
            }
            Err(err) => {
                tracing::error!("indexing the site failed: {err}");
                Event::IndexFailed(err.to_string())
            }
        };
        done.store(true, Ordering::Relaxed);
        let _ = events.send(event);
    });
}

/// How long the loop takes in events that are already waiting before it draws.
const DRAW_EVERY: Duration = Duration::from_millis(8);

/// Everything the event loop owns besides the app and the terminal.
struct BrowserLoop {
    runner: Runner,
    reloader: Reloader,
    events: Receiver<Event>,
    /// Dropping this ends the watch.
    _watch: Option<TreeWatch>,
}

impl BrowserLoop {
    /// Receive, update, perform, draw — until the user quits.
    fn event_loop(
        &mut self,
        terminal: &mut DefaultTerminal,
        mut app: App,
        first_page: Option<Effect>,
    ) -> std::io::Result<()> {
        if let Some(effect) = first_page {
            self.runner.perform(effect, terminal)?;
        }
        loop {
            terminal.draw(|frame| crate::ui::draw(frame, &app))?;
            let Ok(first) = self.events.recv() else {
                return Ok(());
            };
            let started = Instant::now();
            let mut next = Some(first);
            while let Some(event) = next.take() {
                if self.handle(event, &mut app, terminal)? {
                    return Ok(());
                }
                if started.elapsed() >= DRAW_EVERY {
                    break;
                }
                match self.events.try_recv() {
                    Ok(event) => next = Some(event),
                    // Nothing waits: the page the selection shows can be brought up.
                    Err(_) if app.page_stale() => {
                        if self.dispatch(Action::Settle, &mut app, terminal)? {
                            return Ok(());
                        }
                    }
                    Err(_) => {}
                }
            }
        }
    }

    /// One event: the shell's own (reloads) or an action for the app. True to quit.
    fn handle(
        &mut self,
        event: Event,
        app: &mut App,
        terminal: &mut DefaultTerminal,
    ) -> std::io::Result<bool> {
        let action = match event {
            Event::TreeChanged => {
                self.reloader.changed();
                None
            }
            Event::Reloaded(tree, result) => Some(self.reloader.finished(tree, result)),
            other => other.into_action(app),
        };
        match action {
            Some(action) => self.dispatch(action, app, terminal),
            None => Ok(false),
        }
    }

    /// Updates the app with an action and performs what it asks, and so on with the
    /// actions that report how that went. True to quit.
    fn dispatch(
        &mut self,
        action: Action,
        app: &mut App,
        terminal: &mut DefaultTerminal,
    ) -> std::io::Result<bool> {
        let mut pending = VecDeque::from([action]);
        while let Some(action) = pending.pop_front() {
            let Some(effect) = app.update(action) else {
                continue;
            };
            match self.runner.perform(effect, terminal)? {
                Flow::Quit => return Ok(true),
                Flow::Continue(more) => pending.extend(more),
            }
        }
        Ok(false)
    }
}
