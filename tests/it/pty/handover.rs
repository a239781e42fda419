// Handing links to browsers and files to editors, copying, and choosing colours, in a
// pseudo-terminal with stand-in programs.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use base64::Engine;

use super::session::Session;

/// A shell script at `dir/name`, executable.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A content folder with one community page whose front matter ends with `extra`.
fn one_page(dir: &Path, title: &str, extra: &str) -> PathBuf {
    let pages = dir.join("site/communities");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(
        pages.join("one.md"),
        format!("---\ntitle: \"{title}\"\nweight: 1\n{extra}---\nBody.\n"),
    )
    .unwrap();
    dir.join("site")
}

/// Waits for the background indexing to finish: any action but a notice clears the
/// status message, so a message checked before then could vanish under the test.
fn wait_until_indexed(session: &Session) {
    let start = Instant::now();
    while session.screen().contains("indexing site") {
        assert!(start.elapsed() < Duration::from_secs(10), "never indexed");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(100));
}

fn wait_for_file(path: &Path) -> String {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return text;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{} was never written", path.display());
}

#[test]
fn a_text_mode_browser_gets_the_terminal_and_copdeck_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let lynx = script(
        dir.path(),
        "lynx",
        "echo \"text browser reading $1\"\nread answer\n",
    );
    let browsers = format!("no-such-browser-xyz:{}", lynx.display());
    let mut session = Session::start(100, 30, &[("BROWSER", &browsers)]);
    session.wait_for("Communities");
    session.send("o");
    let screen = session.wait_for("text browser reading https://digital.gov/communities/");
    assert!(
        !screen.contains("Communities"),
        "still on copdeck's screen:\n{screen}"
    );
    session.send("\r");
    session.wait_for("Communities");
    session.wait_for("Back from https://digital.gov/communities/");
    session.send("q");
    assert!(session.wait_exit());
}

#[test]
fn a_graphical_browser_is_left_running_and_quoted_words_stay_whole() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("My Browsers");
    std::fs::create_dir(&folder).unwrap();
    let out = dir.path().join("opened.txt");
    let firefox = script(
        &folder,
        "firefox",
        &format!("printf '%s|%s' \"$1\" \"$2\" > '{}'", out.display()),
    );
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("browser = \"'{}' --profile 'a b' %s\"\n", firefox.display()),
    )
    .unwrap();
    let mut session =
        Session::start_with_args(100, 30, &["--config", config.to_str().unwrap()], &[]);
    session.wait_for("Communities");
    session.send("o");
    let opened = wait_for_file(&out);
    assert!(opened.starts_with("--profile|a b"), "{opened}");
    session.wait_for("Opened https://digital.gov/communities/");
    session.send("q");
    assert!(session.wait_exit());
}

#[test]
fn a_browser_that_cannot_start_is_named() {
    let mut session = Session::start(120, 30, &[("BROWSER", "no-such-browser-xyz --new")]);
    session.wait_for("Communities");
    wait_until_indexed(&session);
    session.send("o");
    session.wait_for("no program `no-such-browser-xyz` on PATH");
    session.send("q");
    assert!(session.wait_exit());
}

#[test]
fn visual_wins_over_editor_and_a_missing_editor_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let site = one_page(dir.path(), "Before Editing", "");
    let visual = script(
        dir.path(),
        "visual.sh",
        "sed -i 's/Before Editing/By Visual/' \"$1\"",
    );
    let editor = script(
        dir.path(),
        "editor.sh",
        "sed -i 's/Before Editing/By Editor/' \"$1\"",
    );
    let mut session = Session::start_with_args(
        100,
        30,
        &["--content", site.to_str().unwrap()],
        &[
            ("VISUAL", visual.to_str().unwrap()),
            ("EDITOR", editor.to_str().unwrap()),
        ],
    );
    session.wait_for("Before Editing");
    session.send("e");
    session.wait_for("By Visual");
    session.send("q");
    assert!(session.wait_exit());
    let mut session = Session::start_with_args(
        120,
        30,
        &["--content", site.to_str().unwrap()],
        &[("EDITOR", "no-such-editor-xyz -w")],
    );
    session.wait_for("By Visual");
    wait_until_indexed(&session);
    session.send("e");
    session.wait_for("Couldn't start the editor: no program `no-such-editor-xyz` on PATH");
    session.send("q");
    assert!(session.wait_exit());
}

/// The texts copdeck put on the clipboard, in the order it did.
fn copied(raw: &[u8]) -> Vec<String> {
    let raw = String::from_utf8_lossy(raw);
    raw.split("\x1b]52;c;")
        .skip(1)
        .map(|rest| {
            let encoded = &rest[..rest.find('\x07').unwrap()];
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .unwrap();
            String::from_utf8(bytes).unwrap()
        })
        .collect()
}

#[test]
fn y_and_capital_y_copy_one_clean_line() {
    let dir = tempfile::tempdir().unwrap();
    let site = one_page(
        dir.path(),
        "Paste Trap",
        "community_list:\n  - platform: listserv\n    subscribe_email: \"trap@list.gov\"\n    subscribe_email_subject: \"Join\\e[201~\\nrm -rf ~\\u009b\\u202e\\u200bnow\"\n",
    );
    let mut session =
        Session::start_with_args(120, 30, &["--content", site.to_str().unwrap()], &[]);
    session.wait_for("Paste Trap");
    wait_until_indexed(&session);
    session.send("y");
    session.wait_for("Copied trap@list.gov and its subject");
    session.send("Y");
    session.wait_for("Copied https://digital.gov/communities/one/");
    let texts = copied(&session.raw());
    assert_eq!(
        texts,
        vec![
            "trap@list.gov Subject: Join[201~ rm -rf ~now".to_string(),
            "https://digital.gov/communities/one/".to_string(),
        ]
    );
    session.send("q");
    assert!(session.wait_exit());
}

/// Whether the output set any 256-colour foreground.
fn has_colour(raw: &[u8]) -> bool {
    String::from_utf8_lossy(raw).contains("[38;5;")
}

#[test]
fn no_color_means_mono_unless_theme_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "theme = \"light\"\n").unwrap();
    let config = config.to_str().unwrap();
    for (args, no_color, coloured) in [
        (vec![], None, true),
        (vec![], Some("1"), false),
        (vec![], Some(""), true),
        (vec!["--config", config], Some("1"), false),
        (vec!["--theme", "light"], Some("1"), true),
        (vec!["--theme", "mono"], None, false),
    ] {
        let envs: Vec<(&str, &str)> = no_color.map(|v| ("NO_COLOR", v)).into_iter().collect();
        let mut session = Session::start_with_args(100, 30, &args, &envs);
        session.wait_for("Communities");
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(
            has_colour(&session.raw()),
            coloured,
            "{args:?} NO_COLOR={no_color:?}"
        );
        session.send("q");
        assert!(session.wait_exit());
    }
}

#[test]
fn the_config_file_is_found_in_xdg_config_home() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("copdeck")).unwrap();
    std::fs::write(
        dir.path().join("copdeck/config.toml"),
        "[keys]\njoin = \"J\"\n",
    )
    .unwrap();
    let mut session = Session::start(
        100,
        30,
        &[("XDG_CONFIG_HOME", dir.path().to_str().unwrap())],
    );
    session.wait_for("J join");
    session.send("q");
    assert!(session.wait_exit());
}
