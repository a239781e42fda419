//! What the app is told by the shell's background work — the indexer, the watcher and
//! reloads, the matcher and the page renderer — driven action by action, with the
//! workers' jobs run inline.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::channel;
use std::time::Duration;

use crate::support::reload;
use chrono::NaiveDate;
use copdeck::app::{Action, App, Effect, LoadedSite, Scope};
use copdeck::content::{Source, load, load_site};
use copdeck::shell::watcher::TreeWatch;
use copdeck::theme::Theme;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn site_of(source: &Source) -> LoadedSite {
    LoadedSite::new(Arc::new(
        load_site(source, today(), &AtomicUsize::new(0)).unwrap(),
    ))
}

/// The effects of one update, with `Many` taken apart.
fn effects(effect: Option<Effect>) -> Vec<Effect> {
    match effect {
        Some(Effect::Many(all)) => all.into_iter().flat_map(|e| effects(Some(e))).collect(),
        Some(effect) => vec![effect],
        None => vec![],
    }
}

/// The parts a render job sends, in order: a long page's head, then the whole page.
fn parts(job: &copdeck::app::PageJob) -> Vec<copdeck::app::RenderedPage> {
    let mut parts = Vec::new();
    job.run_in_parts(|page| {
        parts.push(page);
        true
    });
    parts
}

/// Runs the render and rank jobs among `effects` as the workers would, feeding each
/// result back; returns what else was asked.
fn run_jobs(app: &mut App, effect: Option<Effect>) -> Vec<Effect> {
    let mut rest = Vec::new();
    for effect in effects(effect) {
        let next = match effect {
            Effect::Render(job) => {
                // As the renderer does: a long page's head first, then the whole page.
                let mut parts = parts(&job);
                let whole = parts.pop().expect("the whole page");
                for head in parts {
                    let next = app.update(Action::Rendered(head));
                    rest.extend(run_jobs(app, next));
                }
                app.update(Action::Rendered(whole))
            }
            Effect::Rank(job) => app.update(Action::Ranked(job.run())),
            other => {
                rest.push(other);
                continue;
            }
        };
        rest.extend(run_jobs(app, next));
    }
    rest
}

fn write_page(dir: &Path, name: &str, title: &str) {
    std::fs::write(
        dir.join(name),
        format!(
            "---\ntitle: \"{title}\"\nslug: {}\n---\nSome words.\n",
            &name[..name.len() - 3]
        ),
    )
    .unwrap();
}

fn titles(app: &App) -> Vec<String> {
    let mut titles: Vec<String> = app.communities.iter().map(|c| c.title.clone()).collect();
    titles.sort();
    titles
}

#[test]
fn the_watcher_sees_pages_added_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("communities");
    std::fs::create_dir(&pages).unwrap();
    write_page(&pages, "one.md", "One");
    let source = Source::Dir(dir.path().to_path_buf());
    let mut app = App::new(load(&source, today()).unwrap(), Theme::mono(), 120, 40);
    let (sender, changes) = channel();
    let watch = TreeWatch::start(&source, move || {
        let _ = sender.send(());
    })
    .expect("a folder is watched");
    assert!(watch.wait_ready(Duration::from_secs(5)));
    let settled = |what: &str| {
        changes
            .recv_timeout(Duration::from_secs(5))
            .unwrap_or_else(|_| panic!("the watcher never saw {what}"));
        // Let the rest of the burst settle too.
        while changes.recv_timeout(Duration::from_millis(400)).is_ok() {}
    };

    write_page(&pages, "two.md", "Two");
    settled("a page added");
    app.update(Action::Reloaded(reload(&source, today()).unwrap()));
    assert_eq!(titles(&app), ["One", "Two"]);

    std::fs::remove_file(pages.join("one.md")).unwrap();
    settled("a page removed");
    app.update(Action::Reloaded(reload(&source, today()).unwrap()));
    assert_eq!(titles(&app), ["Two"]);

    // Reading the tree (as a reload does) is not a change.
    let _ = reload(&source, today()).unwrap();
    assert!(
        changes.recv_timeout(Duration::from_millis(800)).is_err(),
        "reading the pages was taken for a change"
    );
}

#[test]
fn ctrl_a_while_indexing_says_so_and_works_once_indexed() {
    let source = Source::Embedded;
    let mut app = App::new(load(&source, today()).unwrap(), Theme::mono(), 120, 40);
    app.update(Action::SiteProgress(42));
    app.update(Action::ToggleScope);
    assert_eq!(app.list.scope, Scope::Communities);
    assert_eq!(
        app.screen.message.as_deref(),
        Some("Still indexing the site (42 pages so far); try again in a moment")
    );
    app.update(Action::SiteLoaded(site_of(&source)));
    app.update(Action::ToggleScope);
    assert_eq!(app.list.scope, Scope::Site);
    assert!(app.list.hits.len() > app.communities.len());
}

#[test]
fn a_tree_older_than_the_one_shown_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("communities");
    std::fs::create_dir(&pages).unwrap();
    write_page(&pages, "one.md", "Old");
    let source = Source::Dir(dir.path().to_path_buf());
    let mut app = App::new(load(&source, today()).unwrap(), Theme::mono(), 120, 40);
    let indexed_first = site_of(&source);
    let mut older = reload(&source, today()).unwrap();
    older.tree = 1;
    write_page(&pages, "one.md", "New");
    let mut newer = reload(&source, today()).unwrap();
    newer.tree = 2;

    // Reload 2 finishes before reload 1 and before the first indexing.
    app.update(Action::Reloaded(newer.clone()));
    assert_eq!(titles(&app), ["New"]);
    app.update(Action::Reloaded(older));
    assert_eq!(
        titles(&app),
        ["New"],
        "an older reload replaced a newer one"
    );
    app.update(Action::SiteLoaded(indexed_first));
    assert!(
        Arc::ptr_eq(app.site.as_ref().unwrap(), newer.site.site()),
        "the first indexing replaced a reload's site"
    );
}

#[test]
fn a_failed_index_is_said_and_ctrl_a_then_finds_nothing_to_wait_for() {
    let source = Source::Embedded;
    let mut app = App::new(load(&source, today()).unwrap(), Theme::mono(), 120, 40);
    app.update(Action::SiteFailed("content/ is not readable".into()));
    assert_eq!(
        app.screen.message.as_deref(),
        Some("Couldn't index the site: content/ is not readable")
    );
    app.update(Action::ToggleScope);
    assert_eq!(app.list.scope, Scope::Site);
    assert!(app.list.hits.is_empty());
}

#[test]
fn with_workers_the_first_page_is_rendered_by_a_worker() {
    let source = Source::Embedded;
    let index = load(&source, today()).unwrap();
    let (mut app, first) = App::with_workers(index.clone(), Theme::mono(), 120, 40);
    assert!(
        app.page.rendered.lines.is_empty(),
        "rendered before the first frame"
    );
    assert!(app.page.rendering);
    let rest = run_jobs(&mut app, first);
    assert!(rest.is_empty(), "{rest:?}");
    let inline = App::new(index, Theme::mono(), 120, 40);
    assert!(!app.page.rendering);
    assert_eq!(app.page.rendered.lines, inline.page.rendered.lines);
}

#[test]
fn a_page_rendered_for_an_older_selection_is_dropped() {
    let source = Source::Embedded;
    let (mut app, first) =
        App::with_workers(load(&source, today()).unwrap(), Theme::mono(), 120, 40);
    let Some(Effect::Render(first_job)) = first else {
        panic!("{first:?}")
    };
    let effect = app.update(Action::Down);
    let Some(Effect::Render(second_job)) = effect else {
        panic!("{effect:?}")
    };
    let second = second_job.run();
    let second_lines = second.page.lines.clone();
    app.update(Action::Rendered(second));
    app.update(Action::Rendered(first_job.run()));
    assert_eq!(app.page.rendered.lines, second_lines);
    assert_eq!(
        app.current().unwrap().slug,
        app.communities[app.list.hits[1].id].slug
    );
}

#[test]
fn with_workers_typing_ranks_on_the_matcher_and_a_newer_query_wins() {
    let source = Source::Embedded;
    let index = load(&source, today()).unwrap();
    let (mut app, first) = App::with_workers(index.clone(), Theme::mono(), 120, 40);
    run_jobs(&mut app, first);
    let site = site_of(&source);
    let effect = app.update(Action::SiteLoaded(site.clone()));
    run_jobs(&mut app, effect);
    let effect = app.update(Action::ToggleScope);
    run_jobs(&mut app, effect);
    let everything = app.list.hits.clone();

    app.update(Action::FocusSearch);
    let older = effects(app.update(Action::Input('c')));
    let newer = effects(app.update(Action::Input('h')));
    assert_eq!(app.list.hits, everything, "the list waits for the matcher");
    assert!(
        !app.page_stale(),
        "no page is brought up before the list has its hits"
    );
    let rank = |effects: Vec<Effect>| {
        effects
            .into_iter()
            .find_map(|e| match e {
                Effect::Rank(job) => Some(job),
                _ => None,
            })
            .expect("a ranking for the matcher")
    };
    let (older, newer) = (rank(older), rank(newer));
    // The newer query's hits come back first; the older's, late, are dropped.
    let effect = app.update(Action::Ranked(newer.run()));
    let asked = effects(effect);
    app.update(Action::Ranked(older.run()));

    let mut inline = App::new(index, Theme::mono(), 120, 40);
    inline.update(Action::SiteLoaded(site));
    inline.update(Action::ToggleScope);
    inline.update(Action::FocusSearch);
    inline.update(Action::Input('c'));
    inline.update(Action::Input('h'));
    assert!(!app.list.hits.is_empty());
    assert_eq!(app.list.hits, inline.list.hits);
    // Hits for a query typed while the page waited: the page still waits for Settle.
    assert!(
        asked.iter().all(|e| !matches!(e, Effect::Render(_))),
        "{asked:?}"
    );
    assert!(app.page_stale());
    let effect = app.update(Action::Settle);
    assert!(
        effects(effect)
            .iter()
            .any(|e| matches!(e, Effect::Render(_)))
    );
}

#[test]
fn a_find_typed_while_the_page_renders_looks_in_the_new_page() {
    let source = Source::Embedded;
    let (mut app, first) =
        App::with_workers(load(&source, today()).unwrap(), Theme::mono(), 120, 40);
    run_jobs(&mut app, first);
    let effect = app.update(Action::Down);
    let Some(Effect::Render(job)) = effect else {
        panic!("{effect:?}")
    };
    app.update(Action::FocusNext);
    app.update(Action::FocusSearch);
    for c in "the".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Rendered(job.run()));
    let find = app.page.find.as_ref().expect("the find is kept");
    assert!(!find.hits.is_empty());
    assert_eq!(
        find.hits,
        copdeck::app::find::find_in_lines(&app.page.rendered.lines, "the")
    );
}

#[test]
fn a_long_page_shows_its_head_at_once_then_the_whole_page() {
    use copdeck::content::{Community, Index};
    let body: String = (0..3_000)
        .map(|i| {
            format!("Paragraph {i} of a long page, with [a link](https://example.gov/{i}).\n\n")
        })
        .collect();
    let index = Index {
        communities: vec![Community {
            slug: "long".into(),
            title: "A long page".into(),
            weight: Some(1),
            source: "long.md".into(),
            body,
            ..Default::default()
        }],
        origin: "test".into(),
        ..Index::default()
    };
    let (mut app, first) = App::with_workers(index.clone(), Theme::mono(), 120, 40);
    let Some(Effect::Render(job)) = first else {
        panic!("{first:?}")
    };
    let [head, whole]: [_; 2] = parts(&job)
        .try_into()
        .expect("a long page's head, then the whole page");
    assert!(head.partial);
    assert!(!whole.partial);
    let (head_lines, whole_lines) = (head.page.lines.len(), whole.page.lines.len());
    assert!(
        head_lines >= 40 && head_lines * 10 < whole_lines,
        "{head_lines} of {whole_lines}"
    );
    // What the pane shows from the head is what the whole page shows there.
    let head_top: Vec<_> = head.page.lines.iter().take(40).collect();
    let whole_top: Vec<_> = whole.page.lines.iter().take(40).collect();
    assert_eq!(head_top, whole_top);

    app.update(Action::Rendered(head));
    assert_eq!(
        app.page.rendered.lines.len(),
        head_lines,
        "the head is shown"
    );
    assert!(app.page.rendering, "the whole page is still coming");
    app.update(Action::Rendered(whole));
    assert!(!app.page.rendering);
    let inline = App::new(index, Theme::mono(), 120, 40);
    assert_eq!(app.page.rendered.lines, inline.page.rendered.lines);

    // A short page renders whole at once.
    let (_, first) = App::with_workers(
        load(&Source::Embedded, today()).unwrap(),
        Theme::mono(),
        120,
        40,
    );
    let Some(Effect::Render(job)) = first else {
        panic!("{first:?}")
    };
    let parts = parts(&job);
    assert_eq!(parts.len(), 1, "only the whole page");
    assert!(!parts[0].partial);
}
