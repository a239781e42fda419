//! The demo's screens drawn into a TestBackend: the join code decodes back to the address
//! it was made from, read from the drawn cells, at the sizes a booth and a projector have.

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use chrono::NaiveDate;
use copdeck::app::{Action, App, DemoOptions, LoadedSite, Overlay};
use copdeck::content::{Source, load, load_site};
use copdeck::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn demo(width: u16, height: u16, large: bool) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let mut app = App::new(
        load(&Source::Embedded, today).unwrap(),
        Theme::mono(),
        width,
        height,
    );
    let site = load_site(&Source::Embedded, today, &AtomicUsize::new(0)).unwrap();
    app.update(Action::SiteLoaded(LoadedSite::new(Arc::new(site))));
    app.with_demo(DemoOptions {
        large,
        ..DemoOptions::default()
    })
}

fn open(app: &mut App, query: &str) {
    app.update(Action::FocusSearch);
    for c in query.chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Settle);
    app.update(Action::Confirm);
    app.update(Action::Confirm);
}

fn draw(app: &App) -> Buffer {
    let area = app.screen.size;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal
        .draw(|frame| copdeck::ui::draw(frame, app))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Reads the QR code drawn in half blocks (light modules drawn) back into text.
fn decode(buffer: &Buffer) -> String {
    let area = buffer.area;
    let symbol = |x: u16, y: u16| buffer[(x, y)].symbol().to_string();
    let is_block = |s: &str| matches!(s, "█" | "▀" | "▄");
    // The code's rows: those with a long run of blocks; its columns: where blocks are.
    let rows: Vec<u16> = (0..area.height)
        .filter(|&y| (0..area.width).filter(|&x| is_block(&symbol(x, y))).count() >= 20)
        .collect();
    assert!(!rows.is_empty(), "no code on screen:\n{}", text_of(buffer));
    let columns: Vec<u16> = (0..area.width)
        .filter(|&x| rows.iter().any(|&y| is_block(&symbol(x, y))))
        .collect();
    let (left, right) = (columns[0], *columns.last().unwrap());
    let (top, bottom) = (rows[0], *rows.last().unwrap());
    const PIXELS: usize = 4;
    let width = usize::from(right - left + 1) * PIXELS;
    let height = usize::from(bottom - top + 1) * 2 * PIXELS;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        let cell_x = left + (x / PIXELS) as u16;
        let half = y / PIXELS;
        let cell_y = top + (half / 2) as u16;
        let light = matches!(
            (symbol(cell_x, cell_y).as_str(), half % 2),
            ("█", _) | ("▀", 0) | ("▄", 1)
        );
        if light { 255 } else { 0 }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one code on screen:\n{}", text_of(buffer));
    grids[0].decode().expect("the code decodes").1
}

fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn scan_address(app: &App) -> String {
    match &app.screen.overlay {
        Some(Overlay::Scan(card)) => card.address.clone(),
        other => panic!("no code: {other:?}"),
    }
}

#[test]
fn the_join_code_decodes_to_the_mailto_at_80x24_and_160x45() {
    for (width, height) in [(80, 24), (160, 45)] {
        let mut app = demo(width, height, false);
        open(&mut app, "plain");
        app.update(Action::Join);
        let address = scan_address(&app);
        assert!(address.starts_with("mailto:"), "{address}");
        let screen = draw(&app);
        assert_eq!(decode(&screen), address, "{width}x{height}");
    }
}

#[test]
fn the_code_grows_with_the_screen_and_the_address_stays_readable_under_it() {
    let size_of_code = |width, height| {
        let mut app = demo(width, height, true);
        open(&mut app, "plain");
        app.update(Action::Join);
        let screen = draw(&app);
        let text = text_of(&screen);
        let email = app.current().unwrap().channels[0].email.clone().unwrap();
        assert!(text.contains(&format!("Email {email}")), "{text}");
        text.lines()
            .filter(|l| l.chars().filter(|c| "█▀▄".contains(*c)).count() >= 20)
            .count()
    };
    let small = size_of_code(80, 24);
    let large = size_of_code(160, 45);
    assert!((10..=22).contains(&small), "{small}");
    assert!(large > small, "{large} rows at 160x45, {small} at 80x24");
}

#[test]
fn the_shipped_tour_records_an_asciicast_under_a_minute_and_a_picture() {
    let dir = tempfile::tempdir().unwrap();
    let (cast, picture) = (dir.path().join("tour.cast"), dir.path().join("tour.svg"));
    let tour = format!("{}/assets/tour.demo", env!("CARGO_MANIFEST_DIR"));
    crate::support::copdeck()
        .args(["demo", "--script", &tour, "--size", "80x24", "--record"])
        .arg(&cast)
        .arg("--screenshot")
        .arg(&picture)
        .assert()
        .success();
    let text = std::fs::read_to_string(&cast).unwrap();
    let mut lines = text.lines();
    let header: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(header["version"], 2);
    assert_eq!(
        (header["width"].as_u64(), header["height"].as_u64()),
        (Some(80), Some(24))
    );
    let events: Vec<serde_json::Value> = lines.map(|l| serde_json::from_str(l).unwrap()).collect();
    let times: Vec<f64> = events.iter().map(|e| e[0].as_f64().unwrap()).collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "times only go forward"
    );
    assert!(events.iter().all(|e| e[1] == "o" && e[2].is_string()));
    let end = *times.last().unwrap();
    assert!(end > 20.0 && end < 60.0, "the tour takes {end} s");
    let output: String = events.iter().filter_map(|e| e[2].as_str()).collect();
    assert!(output.contains("Plain Language") && output.contains("Esc closes"));
    let svg = std::fs::read_to_string(&picture).unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains("digital.gov/communities"),
        "{svg}"
    );
}

#[test]
fn a_bad_script_step_is_an_error_at_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("tour.demo");
    std::fs::write(&script, "say \"hello\"\n\nsearch plain\nwiat 2s\n").unwrap();
    let out = crate::support::copdeck()
        .args(["demo", "--script"])
        .arg(&script)
        .args(["--record", "/dev/null"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}:4: unknown step `wiat`", script.display())),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn the_large_layout_at_80x24_shows_the_list_then_the_page_at_its_join_card() {
    let mut app = demo(80, 24, true);
    app.update(Action::FocusSearch);
    for c in "plain".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Settle);
    let list = text_of(&draw(&app));
    assert!(
        list.contains("Plain Language") && !list.contains("How to join"),
        "{list}"
    );
    app.update(Action::Confirm);
    app.update(Action::Confirm);
    insta::assert_snapshot!("large_layout_page_80x24", text_of(&draw(&app)));
}

#[test]
fn the_attract_loop_invites_a_key_and_the_invitation_goes_with_the_first_one() {
    let mut app = demo(80, 24, false).with_demo(DemoOptions {
        attract: true,
        ..DemoOptions::default()
    });
    let invitation = "Press any key to find a community of practice";
    assert!(text_of(&draw(&app)).contains(invitation));
    app.update(Action::Down);
    assert!(!text_of(&draw(&app)).contains(invitation));
}
