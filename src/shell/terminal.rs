//! The interactive shell: terminal setup and restore, the event loop, the background
//! indexer and watcher, and the effects (`open`, `copy`, `edit`) that `App::update`
//! asks for.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::app::keymap::Keymap;
use crate::app::{Action, App, Effect, LoadedSite};
use crate::config::Config;
use crate::content::{Index, SiteIndex, Source, load_site_warm, today};
use crate::search::body::{BodyHits, spawn_search};
use crate::shell::demo::{DemoFeed, DemoSetup, TICK};
use crate::shell::effects::{Opening, browse_in_terminal, edit_file, open_link, perform};
use crate::shell::opener::BrowserConfig;
use crate::shell::watcher::{TreeWatch, reload};
use crate::sync::Store;
use crate::sync::browser::BrowserSync;
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
/// restored however it ends.
pub fn run(source: &Source, mut index: Index, settings: Settings) -> ExitCode {
    let mut terminal = match start_terminal() {
        Ok(terminal) => terminal,
        Err(err) => {
            ratatui::restore();
            eprintln!("copdeck: cannot set up the terminal: {err}");
            return ExitCode::from(1);
        }
    };
    install_mouse_release_hook();
    let size = terminal.size().unwrap_or_default();
    let store = Store::default_location();
    let label = source_label(source, &index, store.as_ref());
    let synced = is_synced(source, store.as_ref());
    // The synced copy is copdeck's own; edits there would be lost at the next sync.
    index.editable &= !synced;
    let mut app = App::new(index, settings.theme, size.width, size.height)
        .with_keymap(settings.keymap)
        .with_source_label(label)
        .with_hyperlinks(settings.hyperlinks);
    // After the keymap: the demo adds its leaving chord to it.
    if let Some(setup) = &settings.demo {
        app = app.with_demo(setup.options);
    }
    let shell = BrowserLoop {
        source: source.clone(),
        browser: settings.browser,
        indexer: SiteIndexer::start(source.clone()),
        // The synced copy changes only by a sync, which reloads by itself.
        watch: if synced {
            None
        } else {
            TreeWatch::start(source)
        },
        sync: BrowserSync::new(settings.sync_url, store),
        site: None,
        text_search: Arc::default(),
        text_found: mpsc::channel(),
        demo: settings.demo.as_ref().map(DemoFeed::new),
    };
    let result = shell.event_loop(&mut terminal, app);
    stop_terminal();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("copdeck: {err}");
            ExitCode::from(1)
        }
    }
}

fn start_terminal() -> std::io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    execute!(std::io::stdout(), EnableMouseCapture)?;
    Ok(terminal)
}

fn stop_terminal() {
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
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
            let site = load_site_warm(&source, today(), &counter).unwrap_or_default();
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

/// Everything the event loop owns besides the app and the terminal.
struct BrowserLoop {
    source: Source,
    browser: BrowserConfig,
    indexer: SiteIndexer,
    watch: Option<TreeWatch>,
    /// The site as the app has it, for searching page text.
    site: Option<Arc<SiteIndex>>,
    /// The text search that may run; older ones stop when this moves on.
    text_search: Arc<std::sync::atomic::AtomicU64>,
    text_found: (mpsc::Sender<BodyHits>, mpsc::Receiver<BodyHits>),
    sync: BrowserSync,
    /// The demo's clock and script, when running as a demo.
    demo: Option<DemoFeed>,
}

impl BrowserLoop {
    fn event_loop(mut self, terminal: &mut DefaultTerminal, mut app: App) -> std::io::Result<()> {
        let (reloads, reloaded) = mpsc::channel();
        loop {
            terminal.draw(|frame| crate::ui::draw(frame, &app))?;
            let busy = self.indexer.done.is_some()
                || self.watch.as_ref().is_some_and(TreeWatch::pending)
                || app.list.body_search.running
                || app.syncing.is_some();
            let mut wait = Duration::from_millis(if busy { 50 } else { 500 });
            if self.demo.is_some() {
                wait = wait.min(TICK / 5);
            }
            let mut action = if event::poll(wait)? {
                let event = event::read()?;
                if let (Some(feed), Event::Key(_)) = (&mut self.demo, &event) {
                    feed.interrupt();
                }
                action_of(event, &app)
            } else {
                self.indexer.report(app.site_progress)
            };
            if self.watch.as_mut().is_some_and(TreeWatch::changed) {
                let (source, sender) = (self.source.clone(), reloads.clone());
                std::thread::spawn(move || {
                    if let Some(content) = reload(&source, today()) {
                        let _ = sender.send(content);
                    }
                });
            }
            if let (None, Ok(content)) = (&action, reloaded.try_recv()) {
                action = Some(Action::Reloaded(content));
            }
            if let (None, Ok(found)) = (&action, self.text_found.1.try_recv()) {
                action = Some(Action::BodyHits(found));
            }
            if action.is_none() {
                action = self.sync.report(&mut self.source, &reloads);
            }
            if let (None, Some(feed)) = (&action, &mut self.demo) {
                action = feed.next(&app);
            }
            if self.demo.as_ref().is_some_and(DemoFeed::finished) {
                return Ok(());
            }
            match &action {
                Some(Action::SiteLoaded(LoadedSite(site))) => self.site = Some(site.clone()),
                Some(Action::Reloaded(content)) => self.site = Some(content.site.clone()),
                _ => {}
            }
            let mut next = action;
            while let Some(action) = next.take() {
                next = match app.update(action) {
                    Some(Effect::Quit) => return Ok(()),
                    Some(Effect::Edit(path)) => {
                        let outcome = hand_over(terminal, || edit_file(&path))?;
                        // An editor that never started changed nothing: no reload.
                        if let (Ok(_), Some(watch)) = (&outcome, &mut self.watch) {
                            watch.touch();
                        }
                        Some(Action::Notify(outcome.unwrap_or_else(|failed| failed)))
                    }
                    Some(Effect::Open(url)) => Some(match open_link(&url, &self.browser) {
                        Opening::Done(action) => action,
                        Opening::InTerminal { command, url } => {
                            Action::Notify(hand_over(terminal, || {
                                browse_in_terminal(command, &url)
                            })?)
                        }
                    }),
                    Some(Effect::SearchBodies { words, generation }) => {
                        self.search_text(words, generation);
                        None
                    }
                    Some(Effect::Sync) => {
                        self.sync.start();
                        None
                    }
                    Some(effect) => Some(perform(effect, &self.browser)),
                    None => None,
                };
            }
            if app.page_stale() && !event::poll(Duration::ZERO)? {
                app.update(Action::Settle);
            }
        }
    }

    /// Starts looking for words in every page's text, stopping any earlier search.
    fn search_text(&self, words: String, generation: u64) {
        self.text_search
            .store(generation, std::sync::atomic::Ordering::Relaxed);
        if let (Some(site), false) = (&self.site, words.is_empty()) {
            let sender = self.text_found.0.clone();
            spawn_search(
                site.clone(),
                words,
                generation,
                self.text_search.clone(),
                move |found| {
                    let _ = sender.send(found);
                },
            );
        }
    }
}

/// Gives the terminal to a program (the editor, a text-mode browser) while `run` runs,
/// then takes it back on a fresh alternate screen.
fn hand_over<T>(terminal: &mut DefaultTerminal, run: impl FnOnce() -> T) -> std::io::Result<T> {
    stop_terminal();
    let outcome = run();
    *terminal = start_terminal()?;
    // A fresh alternate screen, cleared without asking the terminal where its
    // cursor is (ratatui's clear does, and not every terminal answers).
    execute!(
        std::io::stdout(),
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    Ok(outcome)
}

fn action_of(event: Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            app.keymap.action_for(app.mode(), key)
        }
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
