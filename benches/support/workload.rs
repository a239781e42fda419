//! The work the benchmarks and the comparison report measure, shared so both time the
//! same thing.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use copdeck::app::{Action, App, LoadedSite};
use copdeck::content::{Community, Index, Source, load, load_site};
use copdeck::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Twenty queries of one to six characters, typed one character at a time.
pub const QUERIES: [&str; 20] = [
    "a", "pl", "web", "data", "guide", "search", "ux", "form", "cloud", "open", "team", "policy",
    "s", "acc", "mobile", "survey", "news", "plain", "tool", "launch",
];

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// A browser over a tree with the whole site loaded and the search set to every page.
pub fn site_app(dir: &Path) -> App {
    let source = Source::Dir(dir.to_path_buf());
    let mut app = App::new(load(&source, today()).unwrap(), Theme::color(), 120, 40);
    let site = load_site(&source, today(), &AtomicUsize::new(0)).unwrap();
    app.update(Action::SiteLoaded(LoadedSite::new(Arc::new(site))));
    app.update(Action::ToggleScope);
    app
}

/// The same browser as the terminal runs it: ranking the site and rendering pages are
/// asked of workers (`Effect::Rank`, `Effect::Render`) instead of done in `update`.
pub fn site_app_with_workers(dir: &Path) -> App {
    let source = Source::Dir(dir.to_path_buf());
    let (mut app, _) = App::with_workers(load(&source, today()).unwrap(), Theme::color(), 120, 40);
    let site = load_site(&source, today(), &AtomicUsize::new(0)).unwrap();
    app.update(Action::SiteLoaded(LoadedSite::new(Arc::new(site))));
    app.update(Action::ToggleScope);
    app
}

/// Types every query a character at a time into a browser with workers; `each` gets,
/// per key, how long the matcher worker takes to rank the site for it (the job the key
/// asks for, run here as the worker runs it): the wait for a keystroke's full results.
pub fn rank_each_key(app: &mut App, mut each: impl FnMut(Duration)) {
    use copdeck::app::Effect;
    fn jobs(effect: Option<Effect>) -> Vec<copdeck::app::RankJob> {
        match effect {
            Some(Effect::Many(all)) => all.into_iter().flat_map(|e| jobs(Some(e))).collect(),
            Some(Effect::Rank(job)) => vec![job],
            _ => Vec::new(),
        }
    }
    for query in QUERIES {
        app.update(Action::FocusSearch);
        for c in query.chars() {
            for job in jobs(app.update(Action::Input(c))) {
                let start = Instant::now();
                let ranked = job.run();
                each(start.elapsed());
                app.update(Action::Ranked(ranked));
            }
        }
        for job in jobs(app.update(Action::DeleteWord)) {
            app.update(Action::Ranked(job.run()));
        }
    }
}

/// Types every query, a character at a time, clearing between queries; `each` gets
/// the time each keystroke took (match, sort, and the visible rows' highlights).
pub fn type_all(app: &mut App, mut each: impl FnMut(Duration)) {
    for query in QUERIES {
        app.update(Action::FocusSearch);
        for c in query.chars() {
            let start = Instant::now();
            app.update(Action::Input(c));
            let visible = app
                .list
                .hits
                .iter()
                .take(40)
                .map(|hit| hit.id)
                .collect::<Vec<_>>();
            for id in visible {
                let title = &app.site.as_ref().unwrap().site.pages[id].title();
                std::hint::black_box(app.matched_positions(title));
            }
            each(start.elapsed());
        }
        app.update(Action::DeleteWord);
    }
}

/// Types every query as `type_all` does, but times what a person waits for: from the
/// key to the next frame drawn, with the text search started (as the loop starts it,
/// on its own thread) and the selected page rendered, since the loop renders it before
/// the next frame when no other key waits.
pub fn type_all_to_frames(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    mut each: impl FnMut(Duration),
) {
    use copdeck::app::Effect;
    use std::sync::atomic::{AtomicU64, Ordering};
    let current = Arc::new(AtomicU64::new(0));
    let perform = |app: &mut App, effect: Option<Effect>| {
        if let Some(Effect::SearchBodies {
            words, generation, ..
        }) = effect
        {
            current.store(generation, Ordering::Relaxed);
            if let (Some(site), false) = (app.site.clone(), words.is_empty()) {
                copdeck::search::body::spawn_search(
                    site,
                    words,
                    generation,
                    current.clone(),
                    |_| {},
                );
            }
        }
    };
    for query in QUERIES {
        let effect = app.update(Action::FocusSearch);
        perform(app, effect);
        for c in query.chars() {
            let start = Instant::now();
            let effect = app.update(Action::Input(c));
            perform(app, effect);
            if app.page_stale() {
                app.update(Action::Settle);
            }
            terminal
                .draw(|frame| copdeck::ui::draw(frame, app))
                .expect("draw");
            each(start.elapsed());
        }
        let effect = app.update(Action::DeleteWord);
        perform(app, effect);
    }
    current.store(u64::MAX, Ordering::Relaxed);
}

/// A browser as the terminal runs it (with workers) whose first community's page is
/// `lines` lines long, the job rendering that page it asks for, and a terminal.
pub fn long_page_app(lines: usize) -> (App, copdeck::app::PageJob, Terminal<TestBackend>) {
    let body: String = (0..lines / 2)
        .map(|i| {
            format!("Paragraph {i} with **bold** text and a [link](https://example.gov/{i}).\n\n")
        })
        .collect();
    let community = Community {
        slug: "long".into(),
        title: "A long page".into(),
        weight: Some(1),
        source: "long.md".into(),
        body,
        ..Default::default()
    };
    let index = Index {
        communities: vec![community],
        diagnostics: vec![],
        origin: "bench".into(),
        editable: false,
        ..Index::default()
    };
    let (app, first) = App::with_workers(index, Theme::color(), 120, 40);
    let Some(copdeck::app::Effect::Render(job)) = first else {
        panic!("the browser asked for no page: {first:?}")
    };
    let terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    (app, *job, terminal)
}

/// The page's first frame as the browser draws it: what the renderer sends first
/// (the head of a long page, else the whole page) handed to the app, and the frame.
pub fn first_frame(
    app: &mut App,
    job: &copdeck::app::PageJob,
    terminal: &mut Terminal<TestBackend>,
) {
    let mut first = None;
    job.run_in_parts(|page| {
        first = Some(page);
        false
    });
    app.update(Action::Rendered(first.expect("the renderer sends a page")));
    terminal
        .draw(|frame| copdeck::ui::draw(frame, app))
        .expect("draw");
}
