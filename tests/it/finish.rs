//! The finish a new user sees, through `App::update`: hints that follow the context and
//! the user's keys, empty states that say where to look, the search line's editing keys,
//! the whole-site list's order and the find's "no match".

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use chrono::NaiveDate;
use copdeck::app::help::HelpLayout;
use copdeck::app::keymap::Keymap;
use copdeck::app::{Action, App, Elsewhere, LoadedSite, Scope, Sort};
use copdeck::content::{Source, load, load_site};
use copdeck::theme::Theme;

fn app_with(source: Source, keymap: Keymap) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let mut app =
        App::new(load(&source, today).unwrap(), Theme::mono(), 120, 40).with_keymap(keymap);
    let site = load_site(&source, today, &AtomicUsize::new(0)).unwrap();
    app.update(Action::SiteLoaded(LoadedSite::new(Arc::new(site))));
    app
}

fn shipped() -> App {
    app_with(Source::Embedded, Keymap::default())
}

fn fixture_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site")
}

fn type_query(app: &mut App, text: &str) {
    app.update(Action::FocusSearch);
    for c in text.chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Settle);
}

fn hint_words(app: &App) -> Vec<String> {
    app.hints()
        .into_iter()
        .map(|(key, word)| format!("{key} {word}"))
        .collect()
}

#[test]
fn hints_follow_the_context() {
    let mut app = shipped();
    let list = hint_words(&app);
    assert_eq!(list[0], "↑↓ move", "{list:?}");
    assert!(list.contains(&"/ search".to_string()), "{list:?}");
    assert!(!list.iter().any(|h| h.ends_with(" back")), "{list:?}");

    type_query(&mut app, "social");
    app.update(Action::Confirm);
    app.update(Action::FocusNext);
    let page = hint_words(&app);
    assert!(page.contains(&"↑↓ scroll".to_string()), "{page:?}");
    assert!(page.contains(&"t contents".to_string()), "{page:?}");
    assert!(page.contains(&"Tab list".to_string()), "{page:?}");
    assert!(!page.iter().any(|h| h.ends_with(" match")), "{page:?}");

    // A find with matches offers n/N.
    app.update(Action::FocusSearch);
    for c in "media".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Confirm);
    assert!(
        hint_words(&app).contains(&"n/N match".to_string()),
        "{:?}",
        hint_words(&app)
    );

    // Following a link inside the site offers the way back.
    let local = app
        .page
        .rendered
        .links
        .iter()
        .position(|l| l.kind == copdeck::markdown::LinkKind::Local)
        .expect("a page with a link inside the site");
    app.update(Action::OpenLink(local + 1));
    assert!(app.page.history_pos > 0);
    assert!(
        hint_words(&app).contains(&"b back".to_string()),
        "{:?}",
        hint_words(&app)
    );
}

#[test]
fn hints_and_messages_name_the_keys_as_rebound() {
    let keymap = Keymap::with_overrides(&[
        ("join".into(), vec!["J".into()]),
        ("open_page".into(), vec!["O".into()]),
        ("toggle_scope".into(), vec!["ctrl-s".into()]),
    ])
    .unwrap();
    let mut app = app_with(Source::Embedded, keymap);
    type_query(&mut app, "plain");
    app.update(Action::Confirm);
    let hints = hint_words(&app);
    assert!(hints.contains(&"J join".to_string()), "{hints:?}");
    assert!(!hints.contains(&"m join".to_string()), "{hints:?}");

    app.update(Action::ToggleScope);
    let message = app.screen.message.clone().unwrap();
    assert!(message.contains("Ctrl-S"), "{message}");
    assert!(!message.contains("Ctrl-A"), "{message}");

    // A moved community with no list: the message names the rebound open key.
    let mut app = app_with(
        Source::Embedded,
        Keymap::with_overrides(&[("open_page".into(), vec!["O".into()])]).unwrap(),
    );
    let slug = app
        .communities
        .iter()
        .find(|c| c.redirect.is_some() && c.channels.is_empty() && c.listed())
        .map(|c| c.slug.clone())
        .expect("a moved community with no list of its own");
    type_query(&mut app, &slug);
    app.update(Action::Confirm);
    assert_eq!(app.current().unwrap().slug, slug);
    app.update(Action::Join);
    let message = app.screen.message.clone().unwrap();
    assert!(message.contains("press O"), "{message}");
}

#[test]
fn ctrl_u_clears_the_search_line_and_ctrl_w_a_word() {
    let mut app = shipped();
    let all = app.list.hits.len();
    type_query(&mut app, "plain language");
    app.update(Action::DeleteWord);
    assert_eq!(app.list.query, "plain ");
    app.update(Action::ClearLine);
    assert_eq!(app.list.query, "");
    assert_eq!(app.list.hits.len(), all);
    // The keys that do it.
    let keymap = Keymap::default();
    let ctrl = |c| {
        crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::CONTROL,
        )
    };
    use copdeck::app::Mode;
    assert_eq!(
        keymap.action_for(Mode::Search, ctrl('u')),
        Some(Action::ClearLine)
    );
    assert_eq!(
        keymap.action_for(Mode::Search, ctrl('w')),
        Some(Action::DeleteWord)
    );
    assert_eq!(
        keymap.action_for(Mode::Find, ctrl('u')),
        Some(Action::ClearLine)
    );
}

#[test]
fn an_empty_list_says_what_hidden_pages_and_the_site_would_match() {
    let mut app = app_with(Source::Dir(fixture_dir()), Keymap::default());
    type_query(&mut app, "hidden only");
    assert!(app.list.hits.is_empty());
    assert_eq!(app.list.elsewhere.hidden, 1, "{:?}", app.list.elsewhere);
    assert!(app.list.elsewhere.site >= 1, "{:?}", app.list.elsewhere);

    type_query(&mut app, "");
    app.update(Action::ClearLine);
    type_query(&mut app, "a resource");
    assert!(app.list.hits.is_empty());
    assert_eq!(app.list.elsewhere.hidden, 0);
    assert!(app.list.elsewhere.site >= 1);
    // As many as the whole-site scope then finds.
    let site = app.list.elsewhere.site;
    app.update(Action::ToggleScope);
    app.update(Action::Settle);
    assert_eq!(app.list.hits.len(), site);
    assert_eq!(app.list.elsewhere, Elsewhere::default());
}

#[test]
fn n_after_a_find_with_no_match_says_so() {
    let mut app = shipped();
    type_query(&mut app, "plain");
    app.update(Action::Confirm);
    app.update(Action::FocusNext);
    app.update(Action::FocusSearch);
    for c in "zzqx".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Confirm);
    app.update(Action::FindNext);
    let message = app.screen.message.clone().unwrap_or_default();
    assert!(message.contains("no match"), "{message}");
}

#[test]
fn sorting_the_whole_site_skips_members() {
    let mut app = shipped();
    app.update(Action::CycleSort);
    app.update(Action::CycleSort);
    assert_eq!(app.list.sort, Sort::Members);
    app.update(Action::ToggleScope);
    assert_eq!(app.list.scope, Scope::Site);
    assert_eq!(app.list.sort, Sort::Site, "members mean nothing for pages");
    let mut seen = Vec::new();
    for _ in 0..4 {
        app.update(Action::CycleSort);
        seen.push(app.list.sort);
    }
    assert!(!seen.contains(&Sort::Members), "{seen:?}");
    assert!(seen.contains(&Sort::Name));
}

/// The fixture site copied with an error page, an archived page and a named section.
fn site_with_unlisted_pages() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture_dir(), dir.path());
    let content = dir.path().join("content");
    let write = |path: &str, text: &str| {
        let path = content.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "404/_index.md",
        "---\ntitle: \"404 Error, no such page\"\n---\nGone.\n",
    );
    write(
        "_archived/aaa-old.md",
        "---\ntitle: \"AAA an archived page\"\n---\nOld.\n",
    );
    write(
        "301.md",
        "---\ntitle: \"AAA a redirect stub\"\nlayout: redirect\n---\n",
    );
    write(
        "news/_index.md",
        "---\ntitle: \"Blog posts\"\n---\nThe news.\n",
    );
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn the_whole_site_list_leaves_out_error_and_archived_pages_and_names_sections() {
    let dir = site_with_unlisted_pages();
    let mut app = app_with(Source::Dir(dir.path().to_path_buf()), Keymap::default());
    app.update(Action::ToggleScope);
    app.update(Action::Settle);
    let site = app.site.clone().unwrap();
    let titles: Vec<&str> = app
        .list
        .hits
        .iter()
        .map(|h| site.site.pages[h.id].title())
        .collect();
    assert!(!titles.is_empty());
    assert!(!titles.iter().any(|t| t.contains("404")), "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains("archived")), "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains("redirect")), "{titles:?}");
    // `a` shows them.
    app.update(Action::ToggleAll);
    let shown = app.list.hits.len();
    assert!(shown > titles.len(), "{shown} vs {}", titles.len());
    assert_eq!(app.section_name("news"), "Blog posts");
    // The page's own line under its title says so too.
    let news = site
        .site
        .pages
        .iter()
        .position(|p| p.section() == "news" && !p.is_section)
        .expect("a news item");
    app.update(Action::ClearLine);
    type_query(&mut app, site.site.pages[news].title());
    app.update(Action::Confirm);
    let text: Vec<String> = app
        .page
        .rendered
        .lines
        .iter()
        .take(4)
        .map(|l| l.to_string())
        .collect();
    assert!(
        text.iter().any(|l| l.starts_with("Blog posts · ")),
        "{text:?}"
    );
    assert_eq!(app.section_name("resources"), "Resources");
}

#[test]
fn help_scrolls_exactly_to_its_last_line_at_the_smallest_size() {
    let mut app = shipped();
    app.update(Action::Resize(40, 10));
    app.update(Action::ToggleHelp);
    app.update(Action::End);
    let layout = HelpLayout::new(&app.keymap, app.screen.size);
    assert!(layout.max_scroll() > 0);
    assert_eq!(app.screen.help_scroll, layout.max_scroll());
    assert!(layout.area.bottom() < 10, "the status bar shows under help");
}

#[test]
fn abbreviations_and_is_open_find_communities() {
    let mut app = shipped();
    type_query(&mut app, "a11y");
    let first = app.current().map(|c| c.name().to_string());
    assert!(
        first
            .as_deref()
            .is_some_and(|n| n.contains("Accessibility")),
        "{first:?}"
    );
    type_query(&mut app, "");
    app.update(Action::ClearLine);
    type_query(&mut app, "is:open");
    assert!(!app.list.hits.is_empty());
    for hit in &app.list.hits {
        let community = &app.communities[hit.id];
        assert!(!community.moved(), "{}", community.slug);
        assert!(
            community.channels.iter().any(|c| c.email.is_some()),
            "{}",
            community.slug
        );
    }
    assert!(app.list.hits.len() < app.total());
}
