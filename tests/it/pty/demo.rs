// The demo in a pseudo-terminal: the shipped tour plays to its end, and a visitor at the
// keyboard cannot leave the program with the keys that quit the browser.

use std::time::{Duration, Instant};

use super::session::Session;

fn tour() -> String {
    format!("{}/assets/tour.demo", env!("CARGO_MANIFEST_DIR"))
}

/// The screen once it has stopped changing for a while.
fn settled(session: &Session) -> String {
    let start = Instant::now();
    let mut last = session.screen();
    let mut since = Instant::now();
    while since.elapsed() < Duration::from_millis(600) {
        std::thread::sleep(Duration::from_millis(50));
        let now = session.screen();
        if now != last {
            last = now;
            since = Instant::now();
        }
        assert!(start.elapsed() < Duration::from_secs(10), "never settled");
    }
    last
}

#[test]
fn the_shipped_tour_plays_to_its_end() {
    let tour = tour();
    let mut session =
        Session::start_with_args(80, 24, &["demo", "--script", &tour, "--speed", "6"], &[]);
    // Its steps show on the way: the join code, then the whole-site search.
    session.wait_for("Esc closes");
    session.wait_for("All pages");
    session.wait_for("Join a community of practice at");
    let screen = settled(&session);
    assert!(!screen.contains("searching text"), "{screen}");
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!("demo_tour_final_screen_80x24", screen);
    });
    // The script is over; the demo stays until Ctrl-Q twice.
    session.send("\x11");
    session.wait_for("Press Ctrl-Q again");
    session.send("\x11");
    assert!(session.wait_exit());
}

/// Presses `keys` until `text` shows: a status message lasts until the next action, and
/// the site indexed in the background is one, so a message can vanish before it is read.
fn press_until(session: &mut Session, keys: &str, text: &str) {
    let seen = (0..20).any(|_| {
        session.send(keys);
        std::thread::sleep(Duration::from_millis(100));
        session.screen().contains(text)
    });
    assert!(seen, "never saw {text:?}:\n{}", session.screen());
}

#[test]
fn q_ctrl_c_and_e_do_not_leave_the_kiosk() {
    let mut session =
        Session::start_with_args(80, 24, &["kiosk", "--large"], &[("EDITOR", "false")]);
    session.wait_for("Communities");
    press_until(&mut session, "q", "This is a demo: it stays open");
    session.send("\x03");
    session.send("\r");
    press_until(&mut session, "e", "can't be edited");
    for keys in ["\x1b", "/", "plain", "\r", "\r", "m"] {
        session.send(keys);
    }
    session.wait_for("Esc closes");
    session.send("q");
    session.send("\x1b");
    session.send("\x11");
    session.send("\x11");
    assert!(session.wait_exit());
}
