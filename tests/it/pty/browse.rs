// The real binary in a pseudo-terminal: search, open a link through $BROWSER, quit,
// and find the terminal as it was.

use std::path::Path;
use std::time::{Duration, Instant};

use super::session::Session;

fn wait_for_file(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && text.ends_with('\n')
        {
            return text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "browser never ran"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The number the browser gives a community page's first link to `host`.
fn external_link_number(slug: &str, host: &str) -> usize {
    use std::sync::atomic::AtomicUsize;
    let today = chrono::Local::now().date_naive();
    let source = copdeck::content::Source::Embedded;
    let index = copdeck::content::load(&source, today).unwrap();
    let site = copdeck::content::load_site(&source, today, &AtomicUsize::new(0)).unwrap();
    let community = index.communities.iter().find(|c| c.slug == slug).unwrap();
    let page = copdeck::document::render_page(
        community,
        80,
        &copdeck::theme::Theme::mono(),
        Some(&site.site),
    );
    1 + page
        .links
        .iter()
        .position(|l| l.url.contains(host))
        .unwrap()
}

#[cfg(unix)]
#[test]
fn search_open_a_link_and_quit_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("opened.txt");
    let script = dir.path().join("browser.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();

    let mut session = Session::start(100, 30, &[("BROWSER", script.to_str().unwrap())]);
    session.wait_for("Communities");
    session.send("/plain");
    // The page pane renders once typing pauses: wait for it, not for the list.
    let screen = session.wait_for("pl-cop-main-request@listserv.gsa.gov");
    assert!(screen.contains("Plain Language"), "{screen}");
    assert!(screen.contains("3,144"), "{screen}");
    // Links lead inside copdeck once the site is indexed.
    session.wait_until("the site indexed", |screen| {
        !screen.contains("indexing site")
    });
    session.send("\r");
    // Link 1 is the topic: a page of the site, shown inside copdeck; b comes back.
    session.send("1");
    session.wait_for("Plain Language › Topic: Plain Language");
    session.send("b");
    session.wait_for("pl-cop-main-request@listserv.gsa.gov");
    // An external link goes to $BROWSER.
    let number = external_link_number("plain-language", "plainlanguage.gov");
    session.send(&format!(":{number}\r"));
    let opened = wait_for_file(&record);
    assert_eq!(opened, "https://www.plainlanguage.gov/\n");
    session.wait_for("Opened https://www.plainlanguage.gov/");

    // Help overlay lists every key, then a resize to tiny and back does not crash.
    session.send("?");
    session.wait_for("write the email that joins");
    session.send("\x1b");
    session.resize(30, 8);
    session.wait_for("Terminal too small");
    session.resize(100, 30);
    session.wait_for("Plain Language");
    session.send("q");
    assert!(session.wait_exit());
    let parser = session.parser.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "cursor left hidden");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    let raw = session.raw.lock().unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("\x1b[?1049l"),
        "never left the alternate screen"
    );
}

#[test]
fn two_escs_sent_together_clear_the_search_as_two_presses_do() {
    let mut session = Session::start(100, 30, &[]);
    session.wait_for("Communities");
    session.send("/plain");
    session.wait_for("pl-cop-main-request@listserv.gsa.gov");
    assert!(!session.screen().contains("Social Media"));
    // Both bytes in one write, as a quick double press over a slow link arrives: the
    // first leaves the search line, the second clears the search.
    session.send("\x1b\x1b");
    let screen = session.wait_for("type / to search");
    assert!(screen.contains("Social Media"), "{screen}");
}
