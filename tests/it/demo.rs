//! The demo (kiosk) mode through `App::update`, with the clock injected as `Action::Tick`.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use chrono::NaiveDate;
use copdeck::app::demo::{ATTRACT_CODE, ATTRACT_PAGE, LEAVE_WINDOW};
use copdeck::app::{Action, App, DemoOptions, Effect, Focus, LoadedSite, Overlay, View};
use copdeck::content::{Source, load, load_site};
use copdeck::theme::Theme;

const IDLE: Duration = Duration::from_secs(90);

fn demo_with(source: Source, options: DemoOptions) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let mut app = App::new(load(&source, today).unwrap(), Theme::mono(), 120, 40);
    let site = load_site(&source, today, &AtomicUsize::new(0)).unwrap();
    app.update(Action::SiteLoaded(LoadedSite::new(Arc::new(site))));
    app.with_demo(options)
}

fn demo() -> App {
    demo_with(Source::Embedded, DemoOptions::default())
}

fn at(seconds: u64) -> Action {
    Action::Tick(Duration::from_secs(seconds))
}

fn open(app: &mut App, slug: &str) {
    app.update(Action::FocusSearch);
    for c in slug.chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Settle);
    app.update(Action::Confirm);
    app.update(Action::Confirm);
    assert_eq!(app.current().map(|c| c.slug.as_str()), Some(slug));
}

/// The code shown, which must be there.
fn scan_address(app: &App) -> String {
    match &app.screen.overlay {
        Some(Overlay::Scan(card)) => card.address.clone(),
        other => panic!("no code shown: {other:?}"),
    }
}

#[test]
fn q_and_ctrl_c_do_not_quit() {
    let mut app = demo();
    assert_eq!(app.update(Action::Quit), None);
    assert!(
        app.screen
            .message
            .as_deref()
            .unwrap()
            .contains("Ctrl-Q twice")
    );
    // Ctrl-C, in every mode, is bound to the same action.
    app.update(Action::FocusSearch);
    assert_eq!(app.update(Action::Quit), None);
}

#[test]
fn ctrl_q_twice_leaves_but_not_once_or_slowly() {
    let mut app = demo();
    app.update(at(10));
    assert_eq!(app.update(Action::LeaveDemo), None);
    app.update(at(10 + LEAVE_WINDOW.as_secs() + 1));
    assert_eq!(app.update(Action::LeaveDemo), None, "too late: armed again");
    // Another key between the two presses starts over.
    app.update(Action::Down);
    assert_eq!(app.update(Action::LeaveDemo), None);
    assert_eq!(app.update(Action::LeaveDemo), Some(Effect::Quit));
}

#[test]
fn the_chord_is_bound_in_every_mode() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let app = demo();
    let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
    for mode in [
        copdeck::app::Mode::Browse,
        copdeck::app::Mode::Search,
        copdeck::app::Mode::Help,
        copdeck::app::Mode::Popup,
        copdeck::app::Mode::Find,
    ] {
        assert_eq!(
            app.keymap.action_for(mode, ctrl_q),
            Some(Action::LeaveDemo),
            "{mode:?}"
        );
    }
}

#[test]
fn editing_is_refused_even_with_editable_pages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site");
    let mut app = demo_with(Source::Dir(dir), DemoOptions::default());
    assert!(app.editable);
    app.update(Action::FocusNext);
    assert_eq!(app.update(Action::Edit), None);
    assert!(
        app.screen
            .message
            .as_deref()
            .unwrap()
            .contains("can't be edited")
    );
}

#[test]
fn copying_is_refused() {
    let mut app = demo();
    open(&mut app, "plain-language");
    assert_eq!(app.update(Action::CopyJoin), None);
    assert!(
        app.screen
            .message
            .as_deref()
            .unwrap()
            .contains("Nothing is copied")
    );
    assert_eq!(app.update(Action::CopyPage), None);
    assert!(app.screen.overlay.is_none());
}

#[test]
fn joining_shows_a_code_of_the_mailto_with_its_subject() {
    let mut app = demo();
    open(&mut app, "plain-language");
    let channel = app.current().unwrap().channels[0].clone();
    assert_eq!(app.update(Action::Join), None);
    let address = scan_address(&app);
    let email = channel.email.unwrap();
    assert!(
        address.starts_with(&format!("mailto:{email}?subject=")),
        "{address}"
    );
    assert!(!address.contains("body="), "the body stays out: {address}");
}

#[test]
fn choosing_one_of_several_lists_shows_that_lists_code() {
    let mut app = demo();
    let id = app
        .communities
        .iter()
        .position(|c| c.listed() && c.channels.iter().filter(|ch| ch.email.is_some()).count() >= 2)
        .expect("a built-in community with two lists");
    let slug = app.communities[id].slug.clone();
    open(&mut app, &slug);
    assert_eq!(app.update(Action::Join), None);
    assert_eq!(app.screen.overlay, Some(Overlay::ChooseChannel));
    assert_eq!(app.update(Action::JoinChannel(2)), None);
    let second = app.communities[id].channels[1].email.clone().unwrap();
    assert!(scan_address(&app).starts_with(&format!("mailto:{second}")));
}

#[test]
fn opening_the_page_shows_its_address_as_a_code() {
    let mut app = demo();
    open(&mut app, "plain-language");
    assert_eq!(app.update(Action::OpenPage), None);
    assert_eq!(
        scan_address(&app),
        "https://digital.gov/communities/plain-language/"
    );
    // Esc closes it, as any popup.
    app.update(Action::Back);
    assert!(app.screen.overlay.is_none());
}

#[test]
fn an_outside_link_shows_a_code_and_a_site_link_still_opens_here() {
    let mut app = demo();
    open(&mut app, "plain-language");
    let links = app.page.rendered.links.clone();
    let outside = links
        .iter()
        .position(|l| l.url.starts_with("https://") && !l.url.contains("digital.gov"))
        .expect("an outside link");
    assert_eq!(app.update(Action::OpenLink(outside + 1)), None);
    assert_eq!(scan_address(&app), links.get(outside).unwrap().url);
    app.update(Action::Back);
    let local = links
        .iter()
        .position(|l| l.kind == copdeck::markdown::LinkKind::Local)
        .expect("a link to a page of the site");
    assert_eq!(app.update(Action::OpenLink(local + 1)), None);
    assert!(app.screen.overlay.is_none());
    assert_eq!(app.page.history.len(), 2, "followed inside the program");
}

#[test]
fn a_typed_link_number_shows_a_code_too() {
    let mut app = demo();
    open(&mut app, "plain-language");
    let links = app.page.rendered.links.clone();
    let outside = links
        .iter()
        .position(|l| l.kind != copdeck::markdown::LinkKind::Local)
        .expect("a link that leaves the site")
        + 1;
    app.update(Action::PromptLink);
    for c in outside.to_string().chars() {
        app.update(Action::Input(c));
    }
    assert_eq!(app.update(Action::Confirm), None);
    assert!(matches!(app.screen.overlay, Some(Overlay::Scan(_))));
}

#[test]
fn idle_time_brings_back_the_start_screen_with_the_search_cleared() {
    let mut app = demo();
    let start = app.view().cloned();
    app.update(at(5));
    open(&mut app, "social-media");
    app.update(Action::Join);
    assert_ne!(app.view().cloned(), start);
    app.update(at(5 + IDLE.as_secs() - 1));
    assert_eq!(app.list.query, "social-media", "not yet");
    app.update(at(5 + IDLE.as_secs()));
    assert_eq!(app.list.query, "");
    assert!(app.screen.overlay.is_none());
    assert_eq!(app.screen.focus, Focus::List);
    assert_eq!(app.list.selected, 0);
    assert_eq!(app.view().cloned(), start);
}

#[test]
fn the_idle_time_is_an_option_and_counts_from_the_last_key() {
    let options = DemoOptions {
        idle: Duration::from_secs(20),
        ..DemoOptions::default()
    };
    let mut app = demo_with(Source::Embedded, options);
    app.update(at(1));
    app.update(Action::Input('x'));
    app.update(at(15));
    app.update(Action::Input('y'));
    app.update(at(30));
    assert_eq!(app.list.query, "xy", "15 s after the last key");
    app.update(at(35));
    assert_eq!(app.list.query, "");
}

fn attract() -> App {
    let options = DemoOptions {
        attract: true,
        ..DemoOptions::default()
    };
    demo_with(Source::Embedded, options)
}

#[test]
fn the_attract_loop_shows_each_featured_page_then_its_code() {
    let mut app = attract();
    let featured = app.featured();
    assert!(featured.len() > 3);
    assert_eq!(app.view(), Some(&View::Community(featured[0])));
    let mut now = Duration::ZERO;
    for &id in &featured[..3] {
        assert_eq!(app.view(), Some(&View::Community(id)));
        assert!(app.screen.overlay.is_none());
        now += ATTRACT_PAGE;
        app.update(Action::Tick(now));
        let email = app.communities[id].channels[0].email.clone();
        let address = scan_address(&app);
        match email {
            Some(email) => assert!(address.starts_with(&format!("mailto:{email}"))),
            None => assert!(address.starts_with("http")),
        }
        now += ATTRACT_CODE;
        app.update(Action::Tick(now));
    }
}

#[test]
fn the_first_key_stops_the_attract_loop_and_does_nothing_else() {
    let mut app = attract();
    app.update(Action::Tick(ATTRACT_PAGE));
    assert!(matches!(app.screen.overlay, Some(Overlay::Scan(_))));
    let before = app.list.query.clone();
    assert_eq!(app.update(Action::Input('p')), None);
    assert!(app.demo.as_ref().unwrap().attract.is_none());
    assert!(app.screen.overlay.is_none());
    assert_eq!(app.list.query, before, "the key only hands control back");
    let shown = app.view().cloned();
    let typed_at = ATTRACT_PAGE + ATTRACT_CODE + ATTRACT_PAGE;
    app.update(Action::Tick(typed_at));
    assert_eq!(app.view().cloned(), shown, "the loop stays stopped");
    // Typing now searches.
    app.update(Action::Input('p'));
    assert_eq!(app.list.query, "p");
    // And after the idle time the loop starts again from the start screen.
    app.update(Action::Tick(typed_at + IDLE - Duration::from_secs(1)));
    assert_eq!(app.list.query, "p", "not yet");
    app.update(Action::Tick(typed_at + IDLE));
    assert!(app.demo.as_ref().unwrap().attract.is_some());
    assert_eq!(app.list.query, "");
}

#[test]
fn the_large_layout_shows_one_pane_and_opens_pages_at_the_join_card() {
    let options = DemoOptions {
        large: true,
        ..DemoOptions::default()
    };
    let mut app = demo_with(Source::Embedded, options);
    app.update(Action::Resize(80, 24));
    let areas = app.areas_in(app.screen.size).unwrap();
    assert_eq!(areas.list, areas.detail);
    open(&mut app, "plain-language");
    let card = app.page.rendered.headings.get(0).unwrap().0;
    assert!(card > 0);
    assert_eq!(app.page.scroll, card.min(app.max_page_scroll()));
}

#[test]
fn no_action_in_any_state_returns_an_effect_that_leaves_or_writes() {
    let mut actions: Vec<Action> = copdeck::app::keymap::default_bindings()
        .iter()
        .filter_map(|(name, _, _)| Action::named(name))
        .collect();
    actions.extend((1..=9).map(Action::OpenLink));
    actions.extend((1..=3).map(Action::JoinChannel));
    assert!(actions.contains(&Action::Quit) && actions.contains(&Action::Edit));
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let index = load(&Source::Embedded, today).unwrap();
    let site = Arc::new(load_site(&Source::Embedded, today, &AtomicUsize::new(0)).unwrap());
    for slug in ["plain-language", "social-media", "uswds"] {
        for action in &actions {
            let mut app = App::new(index.clone(), Theme::mono(), 120, 40);
            app.update(Action::SiteLoaded(LoadedSite::new(site.clone())));
            let mut app = app.with_demo(DemoOptions::default());
            open(&mut app, slug);
            // Twice: the second press acts on whatever popup the first opened.
            for _ in 0..2 {
                let effect = app.update(action.clone());
                assert!(
                    matches!(effect, None | Some(Effect::SearchBodies { .. })),
                    "{action:?} on {slug}: {effect:?}"
                );
            }
        }
    }
}

#[test]
fn with_workers_the_demo_passes_ranking_and_rendering_on_and_still_refuses_to_quit() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let index = load(&Source::Embedded, today).unwrap();
    let (app, first_page) = App::with_workers(index, Theme::mono(), 120, 40);
    assert!(
        matches!(first_page, Some(Effect::Render(_))),
        "{first_page:?}"
    );
    let mut app = app.with_demo(DemoOptions::default());
    let site = load_site(&Source::Embedded, today, &AtomicUsize::new(0)).unwrap();
    app.update(Action::SiteLoaded(LoadedSite::new(Arc::new(site))));
    app.update(Action::ToggleScope);
    app.update(Action::FocusSearch);
    let effects = app
        .update(Action::Input('w'))
        .map_or_else(Vec::new, Effect::into_list);
    let job = effects
        .iter()
        .find_map(|effect| match effect {
            Effect::Rank(job) => Some(job.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no ranking asked for: {effects:?}"));
    app.update(Action::Ranked(job.run()));
    assert!(!app.list.hits.is_empty());
    let effects = app
        .update(Action::Settle)
        .map_or_else(Vec::new, Effect::into_list);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Render(_))),
        "the selected page is not rendered: {effects:?}"
    );
    assert_eq!(app.update(Action::Quit), None);
    assert!(
        app.screen
            .message
            .as_deref()
            .unwrap()
            .contains("Ctrl-Q twice")
    );
}

#[test]
fn a_page_rendered_on_a_worker_does_not_count_as_a_person_in_the_attract_loop() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let index = load(&Source::Embedded, today).unwrap();
    let (app, first_page) = App::with_workers(index, Theme::mono(), 120, 40);
    let mut app = app.with_demo(DemoOptions {
        attract: true,
        ..DemoOptions::default()
    });
    let Some(Effect::Render(job)) = app.take_render().or(first_page) else {
        panic!("the attract loop's page is not asked for")
    };
    assert!(app.demo.as_ref().unwrap().attract.is_some());
    app.update(Action::Rendered(job.run()));
    assert!(
        app.demo.as_ref().unwrap().attract.is_some(),
        "the worker's page stopped the attract loop"
    );
    assert!(!app.page.rendered.lines.is_empty());
}
