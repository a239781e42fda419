//! `App::update`, action by action, with no terminal.

use std::path::Path;

use chrono::NaiveDate;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use copdeck::app::{Action, App, Effect, Focus, LoadedSite, Mode, Overlay, Scope, Sort, View};
use copdeck::content::{SiteIndex, Source, load, load_site};
use copdeck::theme::Theme;

/// The app on `source`'s communities, and the site read beside them, not yet handed
/// to the app.
fn app_and_site(source: &Source) -> (App, SiteIndex) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let app = App::new(load(source, today).unwrap(), Theme::mono(), 120, 40);
    let site = load_site(source, today, &AtomicUsize::new(0)).unwrap();
    (app, site)
}

fn app_with(source: Source) -> App {
    let (mut app, site) = app_and_site(&source);
    app.update(Action::SiteLoaded(LoadedSite::new(Arc::new(site))));
    app
}

fn link_number(app: &App, url_part: &str) -> usize {
    1 + app
        .page
        .rendered
        .links
        .iter()
        .position(|l| l.url.contains(url_part))
        .unwrap_or_else(|| panic!("no link to {url_part}"))
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
    app.update(Action::Settle);
}

fn select(app: &mut App, slug: &str) {
    type_query(app, slug);
    app.update(Action::Confirm);
    assert_eq!(app.current().unwrap().slug, slug);
}

#[test]
fn typing_filters_and_selects_the_best_match() {
    let mut app = shipped();
    let total = app.list.hits.len();
    type_query(&mut app, "plain");
    assert_eq!(app.mode(), Mode::Search);
    assert!(app.list.hits.len() < total);
    assert_eq!(app.current().unwrap().slug, "plain-language");
    assert_eq!(app.matched_positions("Plain Language"), vec![0, 1, 2, 3, 4]);
    app.update(Action::DeleteBack);
    assert_eq!(app.list.query, "plai");
    app.update(Action::DeleteWord);
    assert_eq!(app.list.query, "");
    assert_eq!(app.list.hits.len(), total);
}

#[test]
fn enter_goes_to_the_first_match_and_escape_leaves_then_clears() {
    let mut app = shipped();
    type_query(&mut app, "web");
    app.update(Action::Down);
    assert_eq!(app.list.selected, 1);
    app.update(Action::Confirm);
    assert_eq!((app.screen.focus, app.list.selected), (Focus::List, 0));
    app.update(Action::FocusSearch);
    app.update(Action::Back);
    assert_eq!(app.screen.focus, Focus::List);
    assert_eq!(app.list.query, "web");
    app.update(Action::Back);
    assert_eq!(app.list.query, "");
}

#[test]
fn moving_in_the_list_and_scrolling_the_page() {
    let mut app = shipped();
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.list.selected, 2);
    app.update(Action::Up);
    assert_eq!(app.list.selected, 1);
    app.update(Action::End);
    assert_eq!(app.list.selected, app.list.hits.len() - 1);
    app.update(Action::Home);
    assert_eq!(app.list.selected, 0);
    app.update(Action::PageDown);
    assert!(app.list.selected > 10);
    app.update(Action::PageUp);
    assert_eq!(app.list.selected, 0);
    app.update(Action::Up);
    assert_eq!(app.list.selected, 0, "stops at the top");

    app.update(Action::FocusNext);
    assert_eq!(app.screen.focus, Focus::Detail);
    app.update(Action::Down);
    assert_eq!(app.page.scroll, 1);
    app.update(Action::End);
    assert_eq!(app.page.scroll, app.max_page_scroll());
    app.update(Action::Home);
    assert_eq!(app.page.scroll, 0);
    // The first page is longer than the pane, so a page down moves a pane's height
    // less the one line kept for context, and stops at the last line.
    let rows = copdeck::app::layout::areas(app.screen.size)
        .unwrap()
        .detail_rows();
    let max = app.max_page_scroll();
    assert!(max > 0, "the first page fits its pane");
    app.update(Action::PageDown);
    assert_eq!(app.page.scroll, (rows - 1).min(max));
    assert!(app.page.scroll > 0);
    app.update(Action::FocusPrev);
    assert_eq!(app.screen.focus, Focus::List);
}

#[test]
fn links_open_by_number_and_by_prompt() {
    let mut app = shipped();
    select(&mut app, "plain-language");
    let external = link_number(&app, "plainlanguage.gov");
    let url = app.page.rendered.links.get(external - 1).unwrap().url;
    assert_eq!(
        app.update(Action::OpenLink(external)),
        Some(Effect::Open(url.clone()))
    );
    assert_eq!(app.update(Action::OpenLink(99)), None);
    assert!(
        app.screen
            .message
            .as_deref()
            .unwrap()
            .starts_with("No link 99")
    );
    app.update(Action::PromptLink);
    assert_eq!(app.mode(), Mode::LinkPrompt);
    for c in external.to_string().chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Input('x'));
    assert_eq!(
        app.screen.overlay,
        Some(Overlay::LinkPrompt(external.to_string()))
    );
    assert_eq!(app.update(Action::Confirm), Some(Effect::Open(url)));
    assert_eq!(app.screen.overlay, None);
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
    assert_eq!(app.screen.overlay, None);
    app.update(Action::Join);
    app.update(Action::Back);
    assert_eq!(app.screen.overlay, None);
}

#[test]
fn join_a_moved_community_without_lists_explains() {
    let mut app = shipped();
    select(&mut app, "mindful-fed");
    assert_eq!(app.update(Action::Join), None);
    assert!(app.screen.message.as_deref().unwrap().contains("moved"));
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
    let listed = app.list.hits.len();
    select(&mut app, "two-channels");
    app.update(Action::ToggleAll);
    assert!(app.list.show_all);
    assert!(app.total() > listed);
    app.update(Action::Back); // clears the query
    assert_eq!(app.current().unwrap().slug, "two-channels");
    app.update(Action::CycleSort);
    assert_eq!(app.list.sort, Sort::Name);
    assert_eq!(app.current().unwrap().slug, "two-channels");
    let names: Vec<String> = app
        .list
        .hits
        .iter()
        .map(|h| app.communities[h.id].name().to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    app.update(Action::CycleSort);
    assert_eq!(app.list.sort, Sort::Members);
    let members: Vec<_> = app
        .list
        .hits
        .iter()
        .map(|h| app.communities[h.id].members())
        .collect();
    assert!(members.windows(2).all(|w| w[0] >= w[1]), "{members:?}");
    app.update(Action::CycleSort);
    assert_eq!(app.list.sort, Sort::Site);
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
    assert_eq!(app.screen.message.as_deref(), Some("Opened x"));
    app.update(Action::Resize(30, 8));
    app.update(Action::Down);
    app.update(Action::Resize(80, 24));
    assert_eq!(app.list.selected, 1);
}

#[test]
fn mouse_clicks_select_and_wheel_scrolls() {
    let mut app = shipped();
    // 120x40: header row 0, list box from row 1 with its border; entries from row 2.
    app.update(Action::Click(5, 4));
    assert_eq!(app.list.selected, 2);
    app.update(Action::Click(100, 10));
    assert_eq!(app.screen.focus, Focus::Detail);
    app.update(Action::Scroll(100, 10, 1));
    assert_eq!(app.page.scroll, 3.min(app.max_page_scroll()));
    app.update(Action::Scroll(100, 10, -1));
    assert_eq!(app.page.scroll, 0);
    app.update(Action::Click(5, 0));
    assert_eq!(app.screen.focus, Focus::Search);
}

#[test]
fn local_links_open_inside_and_history_keeps_scroll() {
    let mut app = shipped();
    select(&mut app, "social-media");
    app.update(Action::FocusNext);
    app.update(Action::Down);
    app.update(Action::Down);
    let toolkit = link_number(&app, "social-media-accessibility-toolkit");
    assert_eq!(
        app.update(Action::OpenLink(toolkit)),
        None,
        "opens inside copdeck"
    );
    let Some(View::Page(id)) = app.view().cloned() else {
        panic!("{:?}", app.view())
    };
    assert_eq!(
        app.site.as_ref().unwrap().site.pages[id].slug(),
        "social-media-accessibility-toolkit"
    );
    assert_eq!(app.page.scroll, 0);
    assert_eq!(
        app.breadcrumb(),
        vec!["Social Media", "Social Media Accessibility Toolkit"]
    );
    app.update(Action::Down);
    app.update(Action::HistoryBack);
    assert!(matches!(app.view(), Some(View::Community(_))));
    assert_eq!(app.current().unwrap().slug, "social-media");
    assert_eq!(app.page.scroll, 2, "back where it was");
    app.update(Action::HistoryForward);
    assert_eq!(app.view(), Some(&View::Page(id)));
    assert_eq!(app.page.scroll, 1);
    app.update(Action::HistoryForward);
    assert_eq!(
        app.screen.message.as_deref(),
        Some("Nothing to go forward to")
    );
}

#[test]
fn topic_links_list_the_topic_and_external_links_go_to_the_browser() {
    let mut app = shipped();
    select(&mut app, "plain-language");
    let topic = link_number(&app, "/topics/plain-language/");
    app.update(Action::OpenLink(topic));
    assert_eq!(app.view(), Some(&View::Topic("plain-language".into())));
    let text: String = app
        .page
        .rendered
        .lines
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(
        text.contains("Plain Language[") && text.contains("Communities"),
        "{text}"
    );
    let community = link_number(&app, "/communities/plain-language/");
    app.update(Action::OpenLink(community));
    assert!(matches!(app.view(), Some(View::Community(_))));
    app.update(Action::HistoryBack);
    app.update(Action::HistoryBack);
    let external = link_number(&app, "plainlanguage.gov");
    assert_eq!(
        app.update(Action::OpenLink(external)),
        Some(Effect::Open("https://www.plainlanguage.gov/".into()))
    );
}

#[test]
fn scope_switches_to_every_page() {
    let mut app = shipped();
    let communities = app.list.hits.len();
    app.update(Action::ToggleScope);
    assert_eq!(app.list.scope, Scope::Site);
    assert!(app.list.hits.len() > communities);
    type_query(&mut app, "toolkit");
    assert!(matches!(app.view(), Some(View::Page(_))));
    app.update(Action::ToggleScope);
    assert_eq!(app.list.scope, Scope::Communities);
}

#[test]
fn narrowing_a_query_finds_what_a_fresh_search_finds() {
    let mut typed = shipped();
    typed.update(Action::ToggleScope);
    type_query(&mut typed, "checkl");
    let mut fresh = shipped();
    fresh.update(Action::ToggleScope);
    fresh.update(Action::FocusSearch);
    fresh.list.query = "checkl".into();
    fresh.update(Action::Input('i'));
    typed.update(Action::Input('i'));
    assert!(!typed.list.hits.is_empty());
    assert_eq!(typed.list.hits, fresh.list.hits);
}

#[test]
fn typing_defers_the_page_until_settled() {
    let mut app = shipped();
    let before = app.page.rendered.lines.clone();
    app.update(Action::FocusSearch);
    app.update(Action::Input('u'));
    app.update(Action::Input('x'));
    assert!(app.page_stale());
    assert_eq!(
        app.page.rendered.lines, before,
        "the page waits while typing"
    );
    app.update(Action::Settle);
    assert!(!app.page_stale());
    assert_eq!(app.current().unwrap().slug, "user-experience");
    assert_ne!(app.page.rendered.lines, before);
}

#[test]
fn find_in_page_counts_jumps_and_clears() {
    let mut app = shipped();
    select(&mut app, "plain-language");
    app.update(Action::FocusNext);
    app.update(Action::FocusSearch);
    assert_eq!(app.mode(), Mode::Find);
    for c in "plain".chars() {
        app.update(Action::Input(c));
    }
    let find = app.page.find.clone().unwrap();
    assert!(find.hits.len() >= 3, "{:?}", find.hits);
    app.update(Action::Confirm);
    assert_eq!(app.mode(), Mode::Browse);
    app.update(Action::FindNext);
    assert_eq!(
        app.page.find.as_ref().unwrap().current,
        (find.current + 1) % find.hits.len()
    );
    app.update(Action::FindPrev);
    app.update(Action::FindPrev);
    let last = app.page.find.as_ref().unwrap();
    let (line, _, _) = last.hits[last.current];
    let rows = 38;
    assert!(
        line >= app.page.scroll && line < app.page.scroll + rows,
        "the match is on screen"
    );
    app.update(Action::Back);
    assert!(app.page.find.is_none());
    app.update(Action::FindNext);
    assert!(app.screen.message.as_deref().unwrap().contains("press /"));
}

#[test]
fn table_of_contents_jumps_to_a_heading() {
    let mut app = shipped();
    select(&mut app, "plain-language");
    app.update(Action::ShowToc);
    assert_eq!(app.mode(), Mode::Toc);
    assert_eq!(app.page.rendered.headings.get(0).unwrap().1, "How to join");
    app.update(Action::End);
    app.update(Action::Down);
    app.update(Action::Confirm);
    let (line, text) = app.page.rendered.headings.last().unwrap();
    assert_eq!(text, "Links");
    assert_eq!(app.page.scroll, line.min(app.max_page_scroll()));
    assert_eq!(app.screen.focus, Focus::Detail);
}

#[test]
fn editing_needs_files_of_the_users() {
    let mut app = shipped();
    select(&mut app, "plain-language");
    assert_eq!(app.update(Action::Edit), None);
    assert!(app.screen.message.as_deref().unwrap().contains("built-in"));
    let mut app = fixture_site();
    select(&mut app, "two-channels");
    match app.update(Action::Edit) {
        Some(Effect::Edit(path)) => assert!(path.ends_with("communities/two-channels.md")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_changed_file_reloads_keeping_selection_and_scroll() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("communities");
    std::fs::create_dir(&pages).unwrap();
    let page = |title: &str| {
        format!(
            "---\ntitle: \"{title}\"\nslug: one\nweight: 1\n---\n{}",
            "A line of text.\n\n".repeat(60)
        )
    };
    std::fs::write(pages.join("one.md"), page("First Title")).unwrap();
    std::fs::write(
        pages.join("two.md"),
        "---\ntitle: Two\nslug: two\nweight: 2\n---\n",
    )
    .unwrap();
    let source = Source::Dir(dir.path().to_path_buf());
    let mut app = app_with(source.clone());
    assert_eq!(app.current().unwrap().slug, "one");
    app.update(Action::FocusNext);
    app.update(Action::PageDown);
    let scroll = app.page.scroll;
    assert!(scroll > 0);

    std::fs::write(pages.join("one.md"), page("Second Title")).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    app.update(Action::Reloaded(
        crate::support::reload(&source, today).unwrap(),
    ));
    assert_eq!(app.current().unwrap().title, "Second Title");
    assert_eq!(app.page.scroll, scroll);
    assert_eq!(app.screen.message.as_deref(), Some("Pages reloaded"));

    std::fs::write(pages.join("two.md"), "---\ntitle: [broken\n---\n").unwrap();
    app.update(Action::Reloaded(
        crate::support::reload(&source, today).unwrap(),
    ));
    assert!(
        app.screen
            .message
            .as_deref()
            .unwrap()
            .contains("two.md:2: error: YAML"),
        "{:?}",
        app.screen.message
    );
    assert_eq!(app.current().unwrap().slug, "one");
}

#[test]
fn a_link_with_nowhere_to_open_is_shown() {
    let mut app = shipped();
    app.update(Action::ShowUrl("https://digital.gov/".into()));
    assert_eq!(app.mode(), Mode::Popup);
    app.update(Action::Back);
    assert_eq!(app.screen.overlay, None);
}

fn names(app: &App) -> Vec<&str> {
    app.list
        .hits
        .iter()
        .map(|h| app.communities[h.id].name())
        .collect()
}

#[test]
fn operators_narrow_the_list() {
    let mut app = shipped();
    type_query(&mut app, "members:>2000");
    assert_eq!(app.list.query_error, None);
    let mut found = names(&app);
    found.sort();
    assert_eq!(
        found,
        [
            "Communicators",
            "Federal Leadership and Professional Development",
            "Plain Language",
            "User Experience",
            "Web Managers",
        ]
    );
    assert_eq!(app.matched_positions("Members"), Vec::<usize>::new());
    app.update(Action::DeleteWord);
    type_query(&mut app, "plain topic:plain-language audience:public");
    assert_eq!(names(&app), ["Plain Language"]);
    assert_eq!(app.matched_positions("Plain Language"), vec![0, 1, 2, 3, 4]);
}

#[test]
fn is_moved_lists_only_moved_pages() {
    let mut app = shipped();
    type_query(&mut app, "is:moved");
    assert!(app.list.hits.len() > 5);
    assert!(app.list.hits.iter().all(|h| {
        let c = &app.communities[h.id];
        c.moved() && c.listed()
    }));
    app.update(Action::Input(' '));
    app.update(Action::Input('-'));
    type_query(&mut app, "is:moved");
    assert!(app.list.hits.is_empty(), "is:moved -is:moved");
}

#[test]
fn asking_for_hidden_pages_shows_them_without_show_all() {
    let mut app = shipped();
    assert!(!app.list.show_all);
    let listed = app.total();
    type_query(&mut app, "is:hidden");
    assert!(!app.list.hits.is_empty());
    assert!(app.list.hits.iter().all(|h| app.communities[h.id].hidden()));
    assert!(app.total() > listed, "the count covers what is searched");
    app.update(Action::Back);
    app.update(Action::Back);
    type_query(&mut app, "is:expired");
    assert!(!app.list.hits.is_empty());
    assert!(app.list.hits.iter().all(|h| app.communities[h.id].expired));
}

#[test]
fn a_bad_query_says_why_and_keeps_the_last_results() {
    let mut app = shipped();
    type_query(&mut app, "is:moved");
    let moved = app.list.hits.clone();
    app.update(Action::Input('x'));
    assert_eq!(
        app.list.query_error.as_deref(),
        Some("is: expects open, moved, expired, hidden or listed, not movedx")
    );
    assert_eq!(app.list.hits, moved, "the last valid results stay");
    app.update(Action::DeleteBack);
    assert_eq!(app.list.query_error, None);
    app.update(Action::DeleteWord);
    type_query(&mut app, "colour:red");
    assert!(
        app.list
            .query_error
            .as_deref()
            .unwrap()
            .starts_with("colour: is not an operator"),
        "{:?}",
        app.list.query_error
    );
    app.update(Action::FocusNext);
    app.update(Action::Back);
    assert_eq!(
        (app.list.query.as_str(), app.list.query_error.as_deref()),
        ("", None)
    );
}

#[test]
fn community_operators_in_the_site_scope_explain_ctrl_a() {
    let mut app = shipped();
    type_query(&mut app, "audience:public");
    let public = app.list.hits.len();
    assert!(public > 0);
    app.update(Action::ToggleScope);
    assert_eq!(
        app.list.query_error.as_deref(),
        Some("audience: works on communities; press Ctrl-A to search them")
    );
    assert!(
        app.list.hits.is_empty(),
        "no pages answer a communities-only query"
    );
    app.update(Action::ToggleScope);
    assert_eq!(app.list.query_error, None);
    assert_eq!(app.list.hits.len(), public);

    app.update(Action::ToggleScope);
    app.update(Action::FocusSearch);
    app.update(Action::DeleteWord);
    type_query(&mut app, "checklist topic:plain-language");
    assert_eq!(app.list.query_error, None);
    let pages = &app.site.as_ref().unwrap().site.pages;
    assert!(!app.list.hits.is_empty());
    assert!(
        app.list
            .hits
            .iter()
            .all(|h| { pages[h.id].topics().any(|t| t == "plain-language") })
    );
}

#[test]
fn narrowing_stays_off_when_operators_change() {
    // Typing on can change what an operator asks for (`members:>2` to `members:>20`
    // widens nothing, but `members:<2` to `members:<20` does), so with operators the
    // list is always searched afresh; a fresh search must agree.
    let mut typed = shipped();
    typed.update(Action::ToggleScope);
    type_query(&mut typed, "plain topic:plain");
    type_query(&mut typed, "-language");
    let mut fresh = shipped();
    fresh.update(Action::ToggleScope);
    fresh.update(Action::FocusSearch);
    fresh.list.query = "plain topic:plain-languag".into();
    fresh.update(Action::Input('e'));
    assert!(!typed.list.hits.is_empty());
    assert_eq!(typed.list.hits, fresh.list.hits);
}

#[test]
fn text_search_results_join_the_list_after_title_matches() {
    let mut app = shipped();
    app.update(Action::ToggleScope);
    app.update(Action::FocusSearch);
    app.update(Action::Input('h'));
    app.update(Action::Input('a'));
    let effect = app.update(Action::Input('s'));
    let Some(Effect::SearchBodies {
        words, generation, ..
    }) = effect
    else {
        panic!("{effect:?}")
    };
    assert_eq!(words, "has");
    assert!(app.list.body_search.running, "searching");
    let titles = app.list.hits.len();
    let site = app.site.clone().unwrap();
    let in_text: Vec<usize> = (0..site.site.pages.len())
        .filter(|id| !app.list.hits.iter().any(|h| h.id == *id))
        .take(2)
        .collect();
    // A late batch of an older search is ignored.
    app.update(Action::BodyHits(copdeck::search::body::BodyHits {
        generation: generation - 1,
        ids: in_text.clone(),
        done: true,
    }));
    assert_eq!(app.list.hits.len(), titles);
    app.update(Action::BodyHits(copdeck::search::body::BodyHits {
        generation,
        ids: in_text.clone(),
        done: true,
    }));
    assert!(!app.list.body_search.running, "done");
    assert_eq!(app.list.hits.len(), titles + in_text.len());
    assert!(
        app.list.hits[titles..]
            .iter()
            .all(|h| h.score == copdeck::app::TEXT_ONLY)
    );
    // Typing on starts a new search and drops the old results.
    let effect = app.update(Action::Input('h'));
    assert!(matches!(effect, Some(Effect::SearchBodies { generation: g, .. }) if g > generation));
}

#[test]
fn r_starts_one_background_sync_and_its_end_is_reported() {
    let mut app = shipped();
    let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('R'));
    assert_eq!(app.keymap.action_for(Mode::Browse, key), Some(Action::Sync));
    assert_eq!(app.update(Action::Sync), Some(Effect::Sync));
    assert!(app.syncing.is_some());
    assert_eq!(app.update(Action::Sync), None, "one sync at a time");
    assert_eq!(
        app.screen.message.as_deref(),
        Some("A sync is already running")
    );
    app.update(Action::Syncing("Sync: downloading 1.0 MB…".into()));
    assert_eq!(app.syncing.as_deref(), Some("Sync: downloading 1.0 MB…"));
    app.update(Action::Synced {
        message: "Synced 3 pages from digital.gov".into(),
        label: Some("digital.gov, synced just now".into()),
    });
    assert_eq!(app.syncing, None);
    assert_eq!(
        app.screen.message.as_deref(),
        Some("Synced 3 pages from digital.gov")
    );
    assert_eq!(
        app.source_label.as_deref(),
        Some("digital.gov, synced just now")
    );
    assert_eq!(app.update(Action::Sync), Some(Effect::Sync));
}

#[test]
fn a_message_outlives_the_site_finishing_its_index() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let index = load(&Source::Embedded, today).unwrap();
    let mut app = App::new(index, Theme::mono(), 120, 40);
    app.update(Action::Notify("Copied the address".into()));
    let site = load_site(&Source::Embedded, today, &AtomicUsize::new(0)).unwrap();
    app.update(Action::SiteLoaded(LoadedSite::new(Arc::new(site))));
    app.update(Action::Settle);
    assert_eq!(app.screen.message.as_deref(), Some("Copied the address"));
    app.update(Action::Down);
    assert_eq!(app.screen.message, None, "a key clears it");
}

/// A small tree: a community whose page links to a section of a long guide, and to a
/// place further down its own page.
fn anchored_site() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("communities")).unwrap();
    std::fs::create_dir_all(content.join("guides")).unwrap();
    std::fs::write(
        content.join("communities/lanterns.md"),
        "---\nslug: lanterns\ntitle: Lantern Keepers\nsummary: People who tend lanterns.\n\
         weight: 1\ncommunity_list:\n  - platform: listserv\n    type: public\n    \
         subscribe_email: lanterns-request@lists.example.gov\n---\n\
         Read [the wick section](/guides/lantern-care/#trimming-wicks) or \
         [our notes](#our-notes).\n\n"
            .to_string()
            + &"Filler line about lamps.\n\n".repeat(60)
            + "## Our notes {#our-notes}\n\nKept here.\n",
    )
    .unwrap();
    std::fs::write(
        content.join("guides/lantern-care.md"),
        "---\ntitle: Lantern care\nsummary: How to keep a lantern.\n---\n".to_string()
            + &"A paragraph about glass.\n\n".repeat(80)
            + "## Trimming the wick {#trimming-wicks}\n\nCut it straight.\n",
    )
    .unwrap();
    let app = app_with(Source::Dir(dir.path().to_path_buf()));
    (dir, app)
}

#[test]
fn a_link_with_an_anchor_scrolls_to_the_heading_it_names() {
    let (_dir, mut app) = anchored_site();
    app.update(Action::Confirm);
    let n = link_number(&app, "#trimming-wicks");
    assert_eq!(
        app.update(Action::OpenLink(n)),
        None,
        "opens inside copdeck"
    );
    // The heading is at the top of the pane, or in view when the page ends too soon for
    // that (the pane of a 120x40 screen shows more than 34 lines).
    let in_view = |app: &App, words: &str| {
        let line = app
            .page
            .rendered
            .lines
            .iter()
            .position(|l| l.to_string().contains(words))
            .unwrap_or_else(|| panic!("no {words:?} on the page"));
        let top = app.page.scroll;
        assert!(top > 0, "{words}: still at the top");
        assert!(
            (top..top + 34).contains(&line),
            "{words} is on line {line}, the pane starts at {top}"
        );
    };
    in_view(&app, "Trimming the wick");

    app.update(Action::HistoryBack);
    assert_eq!(app.page.scroll, 0);
    let n = link_number(&app, "#our-notes");
    assert_eq!(
        app.update(Action::OpenLink(n)),
        None,
        "a place on the same page"
    );
    in_view(&app, "Our notes");
}

/// A site read without the communities is linked to them where it lies when the app
/// holds it alone: its pages are not copied (at 100,000 pages a copy is 200 MiB).
#[test]
fn a_site_handed_over_alone_is_linked_in_place() {
    let (mut app, site) = app_and_site(&Source::Embedded);
    assert!(
        !site.site.linked_to(&app.communities),
        "read without the communities, so linking changes it"
    );
    let pages = site.site.pages.as_ptr();
    app.update(Action::SiteLoaded(LoadedSite::new(Arc::new(site))));
    let held = app.site.as_ref().unwrap();
    assert!(held.site.linked_to(&app.communities));
    assert_eq!(
        held.site.pages.as_ptr(),
        pages,
        "the same pages, not a copy"
    );
}
