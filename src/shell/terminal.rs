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

use ratatui::DefaultTerminal;

use crate::app::keymap::Keymap;
use crate::app::{Action, App, Effect, LoadedSite};
use crate::config::Config;
use crate::content::{
    Community, DataCheck, Index, ReadFiles, SiteCache, Source, load_site_cached_for, today,
};
use crate::shell::demo::{DemoFeed, DemoSetup, TICK};
use crate::shell::effects::{Flow, Runner};
use crate::shell::event::{self, Event};
use crate::shell::input::{InputGate, spawn_terminal_reader};
use crate::shell::opener::BrowserConfig;
use crate::shell::reload::Reloader;
use crate::shell::sync::BrowserSync;
use crate::shell::terminal_mode::{
    install_mouse_release_hook, restore_terminal, start_terminal, stop_terminal,
};
use crate::shell::watcher::TreeWatch;
use crate::sync::Store;
use crate::sync::choice::{is_synced, source_label};
use crate::theme::Theme;

/// What the browser takes from the config file and the command line.
pub struct Settings {
    pub theme: Theme,
    pub keymap: Keymap,
    pub browser: BrowserConfig,
    /// The archive `R` syncs from, when the config names one.
    pub sync_url: Option<String>,
    pub hyperlinks: bool,
    /// Run as a demo (kiosk), maybe playing a script.
    pub demo: Option<DemoSetup>,
}

impl Settings {
    pub fn new(config: &Config, theme_flag: Option<&str>) -> Self {
        if theme_flag.is_some() {
            // crossterm drops every colour when NO_COLOR is set; an explicit --theme wins
            // over NO_COLOR, so tell it to keep them.
            crossterm::style::force_color_output(true);
        }
        Self {
            theme: Theme::choose(theme_flag, config.theme.as_deref()),
            keymap: config.keymap(),
            browser: BrowserConfig {
                command: config.browser.clone(),
                terminal: config.terminal,
            },
            sync_url: config.sync_url.clone(),
            hyperlinks: config.hyperlinks.unwrap_or_else(|| {
                crate::ui::hyperlink::terminal_supports_hyperlinks(|name| std::env::var(name).ok())
            }),
            demo: None,
        }
    }
}

/// Whether the browser can run here: both ends of the program are a terminal.
pub fn has_terminal() -> bool {
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// Runs the browser on `index` (read from `source`) until the user quits; the terminal is
/// restored however it ends (a signal included).
pub fn run(source: &Source, mut index: Index, settings: Settings) -> ExitCode {
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
    let store = Store::default_location();
    let label = source_label(source, &index, store.as_ref());
    let synced = is_synced(source, store.as_ref());
    // The synced copy is copdeck's own; edits there would be lost at the next sync.
    index.editable &= !synced;
    let background = Background {
        source: source.clone(),
        files: std::mem::take(&mut index.files),
        // The synced copy changes only by a sync, which reloads by itself.
        watch: !synced,
        events: sender.clone(),
    };
    let demo = settings.demo.as_ref().map(DemoFeed::new);
    if demo.is_some() {
        spawn_clock(sender.clone());
    }
    let size = terminal.size().unwrap_or_default();
    let (app, first_page) = App::with_workers(index, settings.theme, size.width, size.height);
    let mut app = app
        .with_keymap(settings.keymap)
        .with_source_label(label)
        .with_hyperlinks(settings.hyperlinks);
    // After the keymap: the demo adds its leaving chord to it.
    if let Some(setup) = &settings.demo {
        app = app.with_demo(setup.options);
    }
    let first_page = app.take_render().or(first_page);
    let sync = BrowserSync::new(settings.sync_url, store);
    let mut browser = BrowserLoop {
        runner: Runner::new(settings.browser, sender.clone(), gate, handed_off, sync),
        reloader: Reloader::new(source.clone(), sender),
        source: source.clone(),
        events,
        background: Some(background),
        _watch: None,
        demo,
    };
    let result = browser.event_loop(&mut terminal, app, first_page);
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

/// What starts once the first frame is on screen: the whole site's indexing and the
/// watch on the tree. On a large tree either takes a core, which the first frame must
/// not wait for.
struct Background {
    source: Source,
    /// The site pages of the files the communities were read from.
    files: ReadFiles,
    watch: bool,
    events: Sender<Event>,
}

impl Background {
    /// Starts the indexer (with the communities the app shows, by address: it links
    /// their pages) and, when wanted, the watch, which the caller keeps.
    fn start(self, communities: &[Community]) -> Option<TreeWatch> {
        let index = Index {
            communities: communities.iter().map(Community::address_only).collect(),
            files: self.files,
            ..Index::default()
        };
        spawn_indexer(self.source.clone(), Arc::new(index), self.events.clone());
        self.watch
            .then(|| watch_tree(&self.source, self.events))
            .flatten()
    }
}

/// Watches the source's folder; each settled change goes into the event channel.
fn watch_tree(source: &Source, events: Sender<Event>) -> Option<TreeWatch> {
    TreeWatch::start(source, move || {
        let _ = events.send(Event::TreeChanged);
    })
}

/// How often the demo's clock is sent: often enough for its ticks and script cues.
const CLOCK_EVERY: Duration = Duration::from_millis(TICK.as_millis() as u64 / 5);

/// Sends the demo's clock into the event channel until the loop is gone.
fn spawn_clock(events: Sender<Event>) {
    std::thread::spawn(move || {
        while events.send(Event::Clock).is_ok() {
            std::thread::sleep(CLOCK_EVERY);
        }
    });
}

/// How often the indexer's page count is sent while it reads.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Indexes the whole site on another thread while the communities (`index`) are already
/// shown; their files are not read again. The count so far and the result go into the
/// event channel. A failure is logged and reported, never replaced by an empty site in
/// silence.
fn spawn_indexer(source: Source, index: Arc<Index>, events: Sender<Event>) {
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
        let cache = SiteCache::for_this_process().low_memory();
        let check = DataCheck::Now;
        let event = match load_site_cached_for(&source, &index, today(), &progress, &cache, check) {
            Ok((site, _)) => {
                tracing::info!("indexed {} pages", site.site.pages.len());
                Event::Indexed(LoadedSite::new(Arc::new(site)))
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
    /// Where the pages come from now (a sync may switch it to the synced copy).
    source: Source,
    events: Receiver<Event>,
    /// Started after the first frame.
    background: Option<Background>,
    /// Dropping this ends the watch.
    _watch: Option<TreeWatch>,
    /// The demo's clock and script, when running as a demo.
    demo: Option<DemoFeed>,
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
            if let Some(background) = self.background.take() {
                self._watch = background.start(&app.communities);
            }
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

    /// One event: the shell's own (reloads, the sync's end, the demo's clock) or an
    /// action for the app. True to quit.
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
            Event::Sync(news) => {
                let report = self.runner.sync().report(news, &mut self.source);
                if report.read_again {
                    // The synced copy is not watched: only a sync changes it.
                    self._watch = None;
                    self.reloader.read_from(self.source.clone());
                    self.reloader.changed();
                }
                Some(report.action)
            }
            Event::Clock => match &mut self.demo {
                Some(feed) if feed.finished() => return Ok(true),
                Some(feed) => feed.next(app),
                None => None,
            },
            Event::Terminal(crossterm::event::Event::Key(key)) => {
                // A person took over: the demo's script stops.
                if let Some(feed) = &mut self.demo {
                    feed.interrupt();
                }
                Event::Terminal(crossterm::event::Event::Key(key)).into_action(app)
            }
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
