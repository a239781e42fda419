// Hostile pages in a pseudo-terminal: scrolling through every page writes no title,
// clipboard, bell or screen clear from page text; a slow browser never freezes the UI;
// opened programs leave no zombies.

use std::path::Path;
use std::time::Duration;

use super::session::Session;

/// A page whose every field tries to drive the terminal.
const HOSTILE: &str = "---\n\
title: \"Pwn \\e]0;TITLE-FROM-PAGE\\a \\e]52;c;UFdORUQ=\\a \\e[2J\\e[H end\"\n\
summary: \"\\x07\\x07 bell \\u009b31m c1 \\u202e bidi\"\n\
weight: 1\n\
community_list:\n\
  - platform: listserv\n\
    type: public\n\
    subscribe_email: \"x@y.gov\\e]0;T\\a\"\n\
    terms: \"\\e[2J\"\n\
---\n\
Body \u{1b}]0;TITLE-FROM-BODY\u{7} and &#27;]52;c;UFdORUQ=&#7; and &#x1b;[2J and \u{9b}2J.\n\n\
| a\u{1b}[2J | b |\n|---|---|\n| \u{7} | &#27;]0;T&#7; |\n\n\
[link \u{1b}]0;x\u{7}](https://example.gov/\u{1b}]0;x\u{7})\n";

fn hostile_tree(with_hostile: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("communities");
    std::fs::create_dir(&pages).unwrap();
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/communities");
    for entry in std::fs::read_dir(broken).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, pages.join(path.file_name().unwrap())).unwrap();
    }
    if with_hostile {
        std::fs::write(pages.join("hostile.md"), HOSTILE).unwrap();
    }
    dir
}

/// Walks through every page with the page pane scrolled, then quits; returns the bytes.
fn walk_all_pages(dir: &Path) -> Vec<u8> {
    let mut session = Session::start(100, 30, &[("COPDECK_CONTENT", dir.to_str().unwrap())]);
    session.wait_for("Communities");
    session.send("a");
    for _ in 0..12 {
        session.send("\t");
        session.send(" ");
        session.send("G");
        session.send("\t");
        session.send("j");
    }
    session.send("q");
    assert!(session.wait_exit());
    session.raw()
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

#[test]
fn page_text_never_drives_the_terminal() {
    let hostile = walk_all_pages(hostile_tree(true).path());
    let benign = walk_all_pages(hostile_tree(false).path());
    assert_eq!(count(&hostile, b"\x1b]0;"), 0, "title set");
    assert_eq!(count(&hostile, b"\x1b]2;"), 0, "title set");
    assert_eq!(count(&hostile, b"\x1b]52;"), 0, "clipboard written");
    assert_eq!(count(&hostile, b"\x07"), 0, "bell rung");
    assert_eq!(count(&hostile, b"\xc2\x9b"), 0, "C1 CSI written");
    assert_eq!(
        count(&hostile, "\u{202e}".as_bytes()),
        0,
        "bidi override written"
    );
    assert_eq!(
        count(&hostile, b"\x1b[2J"),
        count(&benign, b"\x1b[2J"),
        "a screen clear came from page text"
    );
    // The hostile page was shown, its escapes made visible.
    assert!(count(&hostile, "␛]0;TITLE-FROM-PAGE".as_bytes()) > 0);
}

#[cfg(unix)]
#[test]
fn a_slow_browser_never_freezes_the_ui_and_opens_leave_no_zombies() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let slow = dir.path().join("slow.sh");
    std::fs::write(&slow, "#!/bin/sh\nsleep 60\n").unwrap();
    std::fs::set_permissions(&slow, std::fs::Permissions::from_mode(0o755)).unwrap();

    let mut session = Session::start(100, 30, &[("BROWSER", slow.to_str().unwrap())]);
    // The start screen shows another community's page, so the page below can only
    // appear once the keys after the slow opens were answered.
    let start = session.wait_for("Communities");
    assert!(!start.contains("pl-cop-main-request"), "{start}");
    for _ in 0..5 {
        session.send("o");
    }
    session.send("/plain");
    session.wait_for("pl-cop-main-request@listserv.gsa.gov");
    session.send("\x1b");
    session.send("q");
    assert!(session.wait_exit());

    let mut session = Session::start(100, 30, &[("BROWSER", "true")]);
    session.wait_for("Communities");
    for _ in 0..20 {
        session.send("o");
    }
    session.wait_for("Opened https://digital.gov/communities/");
    std::thread::sleep(Duration::from_millis(500));
    let pid = session.pid();
    assert_eq!(zombie_children(pid), 0, "zombies left behind");
    session.send("q");
    assert!(session.wait_exit());
}

/// Children of `pid` that have exited but were never reaped.
fn zombie_children(pid: u32) -> usize {
    let mut zombies = 0;
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid …: comm may hold spaces, so read after the last ')'.
        let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
            continue;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if fields.len() > 1 && fields[1] == pid.to_string() && fields[0] == "Z" {
            zombies += 1;
        }
    }
    zombies
}
