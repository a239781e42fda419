//! `App::update`, action by action, with no terminal.

use std::path::Path;

use chrono::NaiveDate;
use copdeck::app::{Action, App, Effect, Focus, Mode, Overlay, Sort};
use copdeck::content::{Source, load};
use copdeck::theme::Theme;

fn app_with(source: Source) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    App::new(load(&source, today).unwrap(), Theme::mono(), 120, 40)
}

fn shipped() -> App {
    app_with(Source::Embedded)
}

fn fixture_site() -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site");
    app_with(Source::Dir(dir))
}

fn type_query(app: &mut App, text: &str) {
    app.update(Action::FocusSearch);
    for c in text.chars() {
        app.update(Action::Input(c));
    }
}

fn select(app: &mut App, slug: &str) {
    type_query(app, slug);
    app.update(Action::Confirm);
    assert_eq!(app.current().unwrap().slug, slug);
}

#[test]
fn typing_filters_and_selects_the_best_match() {
    let mut app = shipped();
    let total = app.hits.len();
    type_query(&mut app, "plain");
    assert_eq!(app.mode(), Mode::Search);
    assert!(app.hits.len() < total);
    assert_eq!(app.current().unwrap().slug, "plain-language");
    assert_eq!(app.hits[0].positions, vec![0, 1, 2, 3, 4]);
    app.update(Action::DeleteBack);
    assert_eq!(app.query, "plai");
    app.update(Action::DeleteWord);
    assert_eq!(app.query, "");
    assert_eq!(app.hits.len(), total);
}

#[test]
fn enter_goes_to_the_first_match_and_escape_leaves_then_clears() {
    let mut app = shipped();
    type_query(&mut app, "web");
    app.update(Action::Down);
    assert_eq!(app.selected, 1);
    app.update(Action::Confirm);
    assert_eq!((app.focus, app.selected), (Focus::List, 0));
    app.update(Action::FocusSearch);
    app.update(Action::Back);
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.query, "web");
    app.update(Action::Back);
    assert_eq!(app.query, "");
}

#[test]
fn moving_in_the_list_and_scrolling_the_page() {
    let mut app = shipped();
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.selected, 2);
    app.update(Action::Up);
    assert_eq!(app.selected, 1);
    app.update(Action::End);
    assert_eq!(app.selected, app.hits.len() - 1);
    app.update(Action::Home);
    assert_eq!(app.selected, 0);
    app.update(Action::PageDown);
    assert!(app.selected > 10);
    app.update(Action::PageUp);
    assert_eq!(app.selected, 0);
    app.update(Action::Up);
    assert_eq!(app.selected, 0, "stops at the top");

    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::Detail);
    app.update(Action::Down);
    assert_eq!(app.page_scroll, 1);
    app.update(Action::End);
    assert_eq!(app.page_scroll, app.max_page_scroll());
    app.update(Action::Home);
    assert_eq!(app.page_scroll, 0);
    app.update(Action::PageDown);
    assert!(app.page_scroll > 0 || app.max_page_scroll() == 0);
    app.update(Action::FocusPrev);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn links_open_by_number_and_by_prompt() {
    let mut app = shipped();
    select(&mut app, "plain-language");
    let first = app.page.links[0].url.clone();
    assert_eq!(app.update(Action::OpenLink(1)), Some(Effect::Open(first)));
    assert_eq!(app.update(Action::OpenLink(99)), None);
    assert!(app.message.as_deref().unwrap().starts_with("No link 99"));
    app.update(Action::PromptLink);
    assert_eq!(app.mode(), Mode::LinkPrompt);
    app.update(Action::Input('2'));
    app.update(Action::Input('x'));
    assert_eq!(app.overlay, Some(Overlay::LinkPrompt("2".into())));
    let second = app.page.links[1].url.clone();
    assert_eq!(app.update(Action::Confirm), Some(Effect::Open(second)));
    assert_eq!(app.overlay, None);
}

#[test]
fn open_page_goes_to_the_site_or_where_it_moved() {
    let mut app = shipped();
    select(&mut app, "social-media");
    assert_eq!(
        app.update(Action::OpenPage),
        Some(Effect::Open(
            "https://digital.gov/communities/social-media/".into()
        ))
    );
    let mut app = shipped();
    select(&mut app, "uswds");
    assert_eq!(
        app.update(Action::OpenPage),
        Some(Effect::Open(
            app.current().unwrap().redirect.clone().unwrap()
        ))
    );
}

#[test]
fn join_writes_the_mail_or_asks_which_list() {
    let mut app = shipped();
    select(&mut app, "plain-language");
    assert_eq!(
        app.update(Action::Join),
        Some(Effect::Open(
            "mailto:pl-cop-main-request@listserv.gsa.gov?subject=Join%20the%20Plain%20Language%20Community".into()
        ))
    );
    let mut app = shipped();
    select(&mut app, "artificial-intelligence");
    assert_eq!(app.update(Action::Join), None);
    assert_eq!(app.mode(), Mode::ChooseChannel);
    match app.update(Action::JoinChannel(2)) {
        Some(Effect::Open(url)) => assert!(
            url.starts_with("mailto:AIPUBLIC-subscribe-request@"),
            "{url}"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(app.overlay, None);
    app.update(Action::Join);
    app.update(Action::Back);
    assert_eq!(app.overlay, None);
}

#[test]
fn join_a_moved_community_without_lists_explains() {
    let mut app = shipped();
    select(&mut app, "mindful-fed");
    assert_eq!(app.update(Action::Join), None);
    assert!(app.message.as_deref().unwrap().contains("moved"));
}

#[test]
fn copy_join_address_and_page_address() {
    let mut app = shipped();
    select(&mut app, "social-media");
    match app.update(Action::CopyJoin) {
        Some(Effect::Copy { text, what }) => {
            assert_eq!(
                text,
                "sm-cop-request@listserv.gsa.gov\nSubject: Join the Social Media Community"
            );
            assert!(what.contains("sm-cop-request@listserv.gsa.gov"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.update(Action::CopyPage),
        Some(Effect::Copy {
            text: "https://digital.gov/communities/social-media/".into(),
            what: "https://digital.gov/communities/social-media/".into()
        })
    );
}

#[test]
fn toggle_all_and_sort_keep_the_selection() {
    let mut app = fixture_site();
    let listed = app.hits.len();
    select(&mut app, "two-channels");
    app.update(Action::ToggleAll);
    assert!(app.show_all);
    assert!(app.total() > listed);
    app.update(Action::Back); // clears the query
    assert_eq!(app.current().unwrap().slug, "two-channels");
    app.update(Action::CycleSort);
    assert_eq!(app.sort, Sort::Name);
    assert_eq!(app.current().unwrap().slug, "two-channels");
    let names: Vec<String> = app
        .hits
        .iter()
        .map(|h| app.communities[h.id].name().to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    app.update(Action::CycleSort);
    assert_eq!(app.sort, Sort::Members);
    let members: Vec<_> = app
        .hits
        .iter()
        .map(|h| app.communities[h.id].members())
        .collect();
    assert!(members.windows(2).all(|w| w[0] >= w[1]), "{members:?}");
    app.update(Action::CycleSort);
    assert_eq!(app.sort, Sort::Site);
}

#[test]
fn help_quit_notify_and_resize() {
    let mut app = shipped();
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode(), Mode::Help);
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.update(Action::Quit), Some(Effect::Quit));
    app.update(Action::Notify("Opened x".into()));
    assert_eq!(app.message.as_deref(), Some("Opened x"));
    app.update(Action::Resize(30, 8));
    app.update(Action::Down);
    app.update(Action::Resize(80, 24));
    assert_eq!(app.selected, 1);
}

#[test]
fn mouse_clicks_select_and_wheel_scrolls() {
    let mut app = shipped();
    // 120x40: header row 0, list box from row 1 with its border; entries from row 2.
    app.update(Action::Click(5, 4));
    assert_eq!(app.selected, 2);
    app.update(Action::Click(100, 10));
    assert_eq!(app.focus, Focus::Detail);
    app.update(Action::Scroll(100, 10, 1));
    assert_eq!(app.page_scroll, 3.min(app.max_page_scroll()));
    app.update(Action::Scroll(100, 10, -1));
    assert_eq!(app.page_scroll, 0);
    app.update(Action::Click(5, 0));
    assert_eq!(app.focus, Focus::Search);
}
