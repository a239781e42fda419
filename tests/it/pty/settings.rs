// The config file, the editor hand-off and opening links without a display, in a
// pseudo-terminal.

use std::time::Duration;

use super::session::Session;

#[test]
fn a_config_rebinding_join_and_picking_light_shows_in_help() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "theme = \"light\"\n[keys]\njoin = \"J\"\n").unwrap();
    let mut session =
        Session::start_with_args(100, 40, &["--config", config.to_str().unwrap()], &[]);
    session.wait_for("Communities");
    session.send("?");
    let screen = session.wait_for("write the email that joins");
    let line = screen
        .lines()
        .find(|l| l.contains("write the email that joins"))
        .unwrap();
    assert!(line.contains(" J "), "{line}");
    session.send("\x1b");
    let screen = session.wait_for("J join");
    assert!(!screen.contains("m join"), "{screen}");
    // The light theme draws titles in blue (palette 4), the dark theme in cyan (6).
    let raw = String::from_utf8_lossy(&session.raw()).into_owned();
    assert!(
        raw.contains("[38;5;4;") || raw.contains("[38;5;4m"),
        "no blue: {:?}",
        &raw[..raw.len().min(600)]
    );
    assert!(
        !raw.contains("[38;5;6;") && !raw.contains("[38;5;6m"),
        "cyan from the dark theme"
    );
    session.send("q");
    assert!(session.wait_exit());
}

#[test]
fn a_bad_config_stops_before_starting() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys]\nquit = \"q\"\njoin = \"q\"\n").unwrap();
    let mut session =
        Session::start_with_args(100, 30, &["--config", config.to_str().unwrap()], &[]);
    session.wait_for("config.toml:3: key q is bound to both quit and join");
    assert!(!session.wait_exit());
}

#[test]
fn without_a_display_a_link_is_shown_with_a_qr_code() {
    let mut session = Session::start(100, 40, &[]);
    session.wait_for("Communities");
    session.send("o");
    let screen = session.wait_for("Open on another device");
    assert!(
        screen.contains("https://digital.gov/communities/"),
        "{screen}"
    );
    assert!(
        screen.contains("▀") || screen.contains("▄"),
        "no QR code:\n{screen}"
    );
    let raw = session.raw();
    assert!(
        raw.windows(5).any(|w| w == b"\x1b]52;"),
        "the link was not copied"
    );
    session.send("\x1b");
    session.send("q");
    assert!(session.wait_exit());
}

#[cfg(unix)]
#[test]
fn the_editor_gets_the_terminal_and_the_page_reloads() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("communities");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(
        pages.join("one.md"),
        "---\ntitle: \"Before Editing\"\nweight: 1\n---\nBody.\n",
    )
    .unwrap();
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/Before Editing/After Editing/' \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut session = Session::start_with_args(
        100,
        30,
        &["--content", dir.path().to_str().unwrap()],
        &[("EDITOR", editor.to_str().unwrap())],
    );
    session.wait_for("Before Editing");
    session.send("e");
    session.wait_for("After Editing");
    std::thread::sleep(Duration::from_millis(100));
    session.send("q");
    assert!(session.wait_exit());
}
