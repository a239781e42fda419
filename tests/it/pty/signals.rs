// Signals: each of the four a terminal program is expected to survive puts the terminal
// back (main screen, no mouse reporting, cursor shown, cooked mode) and copdeck exits
// with 128 + the signal's number.

use super::session::Session;

#[cfg(unix)]
fn has_mode(modes: &str, name: &str) -> bool {
    modes
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word == name)
}

#[cfg(unix)]
#[test]
fn every_signal_restores_the_terminal_and_exits_with_the_conventional_status() {
    for (name, number) in [("TERM", 15), ("INT", 2), ("HUP", 1), ("QUIT", 3)] {
        let mut session = Session::start(100, 30, &[]);
        session.wait_for("Communities");
        let modes = session.local_modes();
        assert!(
            !has_mode(&modes, "ICANON") && !has_mode(&modes, "ECHO"),
            "not in raw mode while browsing: {modes}"
        );
        {
            let parser = session.parser.lock().unwrap();
            assert!(parser.screen().alternate_screen());
            assert_ne!(
                parser.screen().mouse_protocol_mode(),
                vt100::MouseProtocolMode::None
            );
        }
        let sent = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(session.pid().to_string())
            .status()
            .unwrap();
        assert!(sent.success());
        assert_eq!(session.wait_exit_code(), 128 + number, "SIG{name}");
        let modes = session.local_modes();
        assert!(
            has_mode(&modes, "ICANON") && has_mode(&modes, "ECHO") && has_mode(&modes, "ISIG"),
            "SIG{name} left the terminal in raw mode: {modes}"
        );
        let parser = session.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(
            !screen.alternate_screen(),
            "SIG{name}: still on the alternate screen"
        );
        assert!(!screen.hide_cursor(), "SIG{name}: cursor left hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "SIG{name}: mouse reporting left on"
        );
    }
}
