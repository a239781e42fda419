//! Checks on drawn cells that snapshots cannot make, since snapshots carry no styles:
//! the selection, matched letters, the find's underline and counter, the cursor, the
//! light theme's colours, the join card's edges and the `[in text]` rows of a text search.

use std::sync::atomic::AtomicU64;

use copdeck::app::{Action, App, Effect};
use copdeck::theme::Theme;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::support::{app, draw};

fn type_in(app: &mut App, text: &str) {
    app.update(Action::FocusSearch);
    for c in text.chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Settle);
}

fn row_text(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// The row holding `text`, and the cells of its first occurrence.
fn find_cells<'a>(buffer: &'a Buffer, text: &str) -> Option<(u16, Vec<&'a Cell>)> {
    find_cells_in(buffer, buffer.area, text)
}

/// `find_cells` inside one rectangle.
fn find_cells_in<'a>(buffer: &'a Buffer, area: Rect, text: &str) -> Option<(u16, Vec<&'a Cell>)> {
    (area.top()..area.bottom()).find_map(|y| {
        let row: String = (area.left()..area.right())
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        let at = row.find(text)?;
        let x = area.x + row[..at].chars().count() as u16;
        let cells = (x..x + text.chars().count() as u16)
            .map(|x| &buffer[(x, y)])
            .collect();
        Some((y, cells))
    })
}

#[test]
fn the_selected_row_is_reversed_and_holds_the_cursor() {
    let mut app = app(140, 40, Theme::color());
    app.update(Action::Down);
    let mut terminal = draw(&app);
    let buffer = terminal.backend().buffer().clone();
    let name = app.current().unwrap().name().to_string();
    let list = copdeck::app::layout::areas(app.screen.size).unwrap().list;
    let (y, cells) = find_cells_in(&buffer, list, &name).expect("the selected name is drawn");
    assert!(
        cells
            .iter()
            .all(|c| c.modifier.contains(Modifier::REVERSED)),
        "selected row reversed"
    );
    let (other_y, other) =
        find_cells_in(&buffer, list, app.communities[app.list.hits[0].id].name())
            .expect("the first row is drawn");
    assert_ne!(other_y, y);
    assert!(
        !other[0].modifier.contains(Modifier::REVERSED),
        "other rows are not"
    );
    assert_eq!(terminal.get_cursor_position().unwrap().y, y);
    assert_eq!(y, 1 + 1 + 1, "header, border, then the second row");
}

#[test]
fn matched_letters_are_highlighted_in_the_list() {
    let mut app = app(140, 40, Theme::color());
    type_in(&mut app, "plain");
    app.update(Action::Down);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let (_, cells) = find_cells(buffer, "Plain Language").expect("drawn");
    let matched = Theme::color().matched;
    for cell in &cells[..5] {
        assert_eq!(cell.fg, matched.fg.unwrap(), "{:?}", cell.symbol());
        assert!(cell.modifier.contains(Modifier::UNDERLINED));
    }
    assert!(
        !cells[6].modifier.contains(Modifier::UNDERLINED),
        "not the rest"
    );
}

#[test]
fn the_find_underlines_matches_reverses_the_current_one_and_counts_in_the_border() {
    let mut app = app(140, 40, Theme::color());
    type_in(&mut app, "social");
    app.update(Action::Confirm);
    app.update(Action::FocusNext);
    app.update(Action::FocusSearch);
    for c in "media".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Confirm);
    let find = app.page.find.clone().unwrap();
    assert!(find.hits.len() > 1);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let counter = format!("find \"media\": 1/{}", find.hits.len());
    let (counter_y, _) = find_cells(buffer, &counter).expect("the counter in the border");
    assert_eq!(counter_y, 38, "on the page pane's bottom border");
    let areas = copdeck::app::layout::areas(app.screen.size).unwrap();
    let (mut current, mut others) = (0, 0);
    for y in areas.detail.y + 1..areas.detail.bottom() - 1 {
        for x in areas.detail.x + 1..areas.detail.right() - 1 {
            let cell = &buffer[(x, y)];
            let matched = cell.fg == Theme::color().matched.fg.unwrap()
                && cell.modifier.contains(Modifier::UNDERLINED);
            if matched && cell.symbol() != " " {
                if cell.modifier.contains(Modifier::REVERSED) {
                    current += 1;
                } else {
                    others += 1;
                }
            }
        }
    }
    assert_eq!(current, "media".len(), "one current match, reversed");
    assert!(others >= "media".len(), "the other matches underlined");
    app.update(Action::FindNext);
    let terminal = draw(&app);
    let counter = format!("find \"media\": 2/{}", find.hits.len());
    assert!(find_cells(terminal.backend().buffer(), &counter).is_some());
}

#[test]
fn the_light_theme_draws_secondary_text_in_a_dark_grey() {
    let app = app(80, 24, Theme::light());
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let (_, cells) = find_cells(buffer, "to search communities").expect("placeholder");
    assert_eq!(cells[0].fg, Theme::light().muted.fg.unwrap());
    assert_ne!(cells[0].fg, ratatui::style::Color::Gray);
}

#[test]
fn the_join_card_has_both_edges_and_addresses_stay_on_one_line() {
    for width in [40, 80, 160] {
        let mut app = app(width, 80, Theme::color());
        app.update(Action::ToggleAll);
        type_in(&mut app, "blockchain");
        app.update(Action::Confirm);
        let terminal = draw(&app);
        let buffer = terminal.backend().buffer();
        let areas = copdeck::app::layout::areas(app.screen.size).unwrap();
        let (top, _) = find_cells(buffer, "╭─ How to join").expect("card top");
        let (bottom, _) = (top..buffer.area.height)
            .find_map(|y| find_cells_in_row(buffer, y, "╰"))
            .expect("card bottom");
        // The card spans the pane's text: one column of padding inside the border.
        let (left, right) = (areas.detail.x + 2, areas.detail.right() - 3);
        for y in top..=bottom {
            let row = row_text(buffer, y);
            let l = buffer[(left, y)].symbol();
            let r = buffer[(right, y)].symbol();
            assert!(["╭", "│", "╰"].contains(&l), "{width}: {row}");
            assert!(["╮", "│", "╯"].contains(&r), "{width}: {row}");
        }
        for y in top..=bottom {
            let row = row_text(buffer, y);
            if row.contains("@listserv") {
                assert!(row.contains("Address"), "{width}: an address alone: {row}");
            }
        }
        if width == 40 {
            let (_, _) = find_cells(buffer, "…").expect("a cut address at 40 columns");
        }
    }
}

fn find_cells_in_row(buffer: &Buffer, y: u16, text: &str) -> Option<(u16, ())> {
    row_text(buffer, y).contains(text).then_some((y, ()))
}

#[test]
fn the_join_dialog_is_as_wide_as_its_longest_address() {
    let mut app = app(140, 40, Theme::color());
    app.update(Action::ToggleAll);
    type_in(&mut app, "blockchain");
    app.update(Action::Confirm);
    app.update(Action::Join);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let whole = "BLOCKCHAINPUBLIC-subscribe-request@listserv.gsa.gov";
    assert!(
        find_cells(buffer, whole).is_some(),
        "the whole address shows"
    );
}

#[test]
fn a_text_search_shows_pages_found_in_their_text_marked_in_text() {
    let mut app = app(140, 40, Theme::color());
    app.update(Action::ToggleScope);
    app.update(Action::FocusSearch);
    let mut effect = None;
    for c in "rehabilitation".chars() {
        if let Some(e) = app.update(Action::Input(c)) {
            effect = Some(e);
        }
    }
    let Some(Effect::SearchBodies {
        words, generation, ..
    }) = effect
    else {
        panic!("{effect:?}")
    };
    let site = app.site.clone().unwrap();
    let current = AtomicU64::new(generation);
    let mut batches = Vec::new();
    copdeck::search::body::search_bodies(&site, &words, generation, &current, |hits| {
        batches.push(hits)
    });
    for hits in batches {
        app.update(Action::BodyHits(hits));
    }
    app.update(Action::Settle);
    assert!(!app.list.body_search.running);
    let in_text = app
        .list
        .hits
        .iter()
        .filter(|h| h.score == copdeck::app::TEXT_ONLY)
        .count();
    assert!(
        in_text > 0,
        "the word is in some page's text, not its title"
    );
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let (_, cells) = find_cells(buffer, "[in text]").expect("a row marked [in text]");
    assert_eq!(cells[1].fg, Theme::color().warning.fg.unwrap());
}

#[test]
fn the_cursor_follows_a_long_query_in_the_search_line() {
    let mut app = app(40, 10, Theme::color());
    type_in(&mut app, "a query much longer than the line has room for");
    let mut terminal = draw(&app);
    let header = row_text(terminal.backend().buffer(), 0);
    assert!(
        header.contains("room for"),
        "the end stays in view: {header}"
    );
    let cursor = terminal.get_cursor_position().unwrap();
    assert_eq!(cursor.y, 0);
    let before = terminal.backend().buffer()[(cursor.x - 1, 0)]
        .symbol()
        .to_string();
    assert_eq!(
        before, "r",
        "the cursor sits after the last letter: {header}"
    );
}

#[test]
fn with_hyperlinks_on_the_join_addresses_are_osc8_links_and_off_they_are_not() {
    let mut on = app(140, 40, Theme::color()).with_hyperlinks(true);
    on.update(Action::ToggleAll);
    type_in(&mut on, "blockchain");
    on.update(Action::Confirm);
    let terminal = draw(&on);
    let link = "\x1b]8;;mailto:BLOCKCHAINPUBLIC-subscribe-request@listserv.gsa.gov\x1b\\";
    let linked = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .filter(|c| c.symbol().starts_with(link))
        .count();
    let pieces = "BLOCKCHAINPUBLIC-subscribe-request@listserv.gsa.gov"
        .len()
        .div_ceil(2);
    assert!(
        linked >= pieces && linked % pieces == 0,
        "two cells per piece of each address shown: {linked}"
    );
    let mut off = app(140, 40, Theme::color());
    off.update(Action::ToggleAll);
    type_in(&mut off, "blockchain");
    off.update(Action::Confirm);
    let terminal = draw(&off);
    assert!(
        terminal
            .backend()
            .buffer()
            .content
            .iter()
            .all(|c| !c.symbol().contains('\x1b'))
    );
}
