//! Whole screens drawn into ratatui's TestBackend and compared with saved snapshots.

use chrono::NaiveDate;
use copdeck::app::{Action, App};
use copdeck::content::{Source, load};
use copdeck::theme::Theme;
use ratatui::style::Color;

use crate::support::{app, draw};

/// Applies actions, then settles as the terminal loop does when typing pauses.
fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        app.update(action);
    }
    app.update(Action::Settle);
}

fn typed(text: &str) -> Vec<Action> {
    let mut actions = vec![Action::FocusSearch];
    actions.extend(text.chars().map(Action::Input));
    actions
}

fn screen(width: u16, height: u16, actions: Vec<Action>) -> String {
    let mut app = app(width, height, Theme::color());
    run(&mut app, actions);
    draw(&app).backend().to_string()
}

#[test]
fn start_80x24() {
    insta::assert_snapshot!(screen(80, 24, vec![]));
}

#[test]
fn start_140x40() {
    insta::assert_snapshot!(screen(140, 40, vec![]));
}

#[test]
fn query_plain_80x24() {
    insta::assert_snapshot!(screen(80, 24, typed("plain")));
}

#[test]
fn query_plain_140x40() {
    insta::assert_snapshot!(screen(140, 40, typed("plain")));
}

#[test]
fn help_overlay_140x40() {
    insta::assert_snapshot!(screen(140, 40, vec![Action::ToggleHelp]));
}

#[test]
fn help_overlay_80x24() {
    insta::assert_snapshot!(screen(80, 24, vec![Action::ToggleHelp]));
}

#[test]
fn help_overlay_scrolled_80x24() {
    insta::assert_snapshot!(screen(80, 24, vec![Action::ToggleHelp, Action::End]));
}

#[test]
fn two_channels_asks_which_list_140x40() {
    let mut actions = typed("artificial");
    actions.extend([Action::Confirm, Action::Join]);
    insta::assert_snapshot!(screen(140, 40, actions));
}

#[test]
fn moved_community_140x40() {
    let mut actions = typed("uswds");
    actions.push(Action::Confirm);
    insta::assert_snapshot!(screen(140, 40, actions));
}

#[test]
fn link_prompt_and_page_scrolled_80x24() {
    let mut actions = typed("social");
    actions.extend([
        Action::Confirm,
        Action::FocusNext,
        Action::PageDown,
        Action::PromptLink,
        Action::Input('3'),
    ]);
    insta::assert_snapshot!(screen(80, 24, actions));
}

#[test]
fn followed_link_with_breadcrumb_140x40() {
    let mut actions = typed("social");
    actions.extend([Action::Confirm, Action::OpenLink(1)]);
    insta::assert_snapshot!(screen(140, 40, actions));
}

#[test]
fn whole_site_scope_80x24() {
    let mut actions = vec![Action::ToggleScope];
    actions.extend(typed("check"));
    insta::assert_snapshot!(screen(80, 24, actions));
}

#[test]
fn still_indexing_80x24() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let mut app = App::new(
        load(&Source::Embedded, today).unwrap(),
        Theme::color(),
        80,
        24,
    );
    app.update(Action::SiteProgress(1234));
    insta::assert_snapshot!(draw(&app).backend().to_string());
}

#[test]
fn help_overlay_40x10() {
    insta::assert_snapshot!(screen(40, 10, vec![Action::ToggleHelp]));
}

#[test]
fn nothing_matches_says_where_to_look_80x24() {
    insta::assert_snapshot!(screen(80, 24, typed("accessibility toolkit")));
}

#[test]
fn join_card_with_edges_80x24() {
    let mut actions = vec![Action::ToggleAll];
    actions.extend(typed("blockchain"));
    actions.extend([Action::Confirm, Action::FocusNext]);
    insta::assert_snapshot!(screen(80, 24, actions));
}

#[test]
fn too_small_30x8() {
    insta::assert_snapshot!(screen(30, 8, vec![]));
}

#[test]
fn no_color_theme_draws_without_any_color() {
    let mut mono = app(140, 40, Theme::mono());
    run(&mut mono, typed("plain"));
    let terminal = draw(&mono);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    // Selection and matches still show, by reverse video and underline.
    assert!(
        buffer
            .content
            .iter()
            .any(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED))
    );
    let mut color = app(140, 40, Theme::color());
    run(&mut color, typed("plain"));
    let colored = draw(&color);
    assert!(
        colored
            .backend()
            .buffer()
            .content
            .iter()
            .any(|c| c.fg != Color::Reset)
    );
}

#[test]
fn every_size_from_tiny_to_huge_draws_the_browser_or_says_it_is_too_small() {
    let mut app = app(10, 10, Theme::color());
    for (w, h) in [
        (1, 1),
        (12, 3),
        (39, 9),
        (40, 10),
        (99, 30),
        (100, 30),
        (500, 200),
    ] {
        app.update(Action::Resize(w, h));
        app.update(Action::End);
        let terminal = draw(&app);
        let text: String = terminal
            .backend()
            .buffer()
            .content
            .iter()
            .map(|c| c.symbol())
            .collect();
        if w >= 40 && h >= 10 {
            assert!(text.starts_with(" copdeck "), "{w}x{h}");
            let last = app.list.hits.len();
            let rows = copdeck::app::layout::areas(app.screen.size)
                .unwrap()
                .list_rows();
            if last > rows {
                assert!(
                    text.contains(&format!("{last}/{last}")),
                    "{w}x{h}: position"
                );
            }
        } else if w >= 12 {
            // The whole message, wrapped, not cut.
            let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                words.contains("need 40x10") || w * h < 40,
                "{w}x{h}: {words}"
            );
        }
    }
    // Nothing to draw in: no panic.
    app.update(Action::Resize(0, 0));
    let _ = draw(&app);
}

#[test]
fn query_error_keeps_the_last_results_140x40() {
    insta::assert_snapshot!(screen(140, 40, typed("members:>2000 -is:movedx")));
}

#[test]
fn query_error_replaces_the_count_in_the_warning_style() {
    for (query, message) in [
        ("colour:red", "colour: is not an operator"),
        ("members:>lots", "members: expects a number like >1000"),
    ] {
        let mut app = app(80, 24, Theme::color());
        run(&mut app, typed(query));
        let terminal = draw(&app);
        let buffer = terminal.backend().buffer();
        let cells: Vec<_> = (0..80).map(|x| &buffer[(x, 0)]).collect();
        let row: String = cells.iter().map(|c| c.symbol()).collect();
        assert!(row.contains(message), "{row}");
        assert!(!row.contains("communities"), "{row}");
        let at = row[..row.find(message).unwrap()].chars().count();
        assert_eq!(cells[at].style().fg, Theme::color().warning.fg, "{row}");
        assert_ne!(cells[at - 2].style().fg, Theme::color().warning.fg, "{row}");
    }
}
