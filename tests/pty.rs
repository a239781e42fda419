//! The real binary in a pseudo-terminal: search, open a link through $BROWSER, quit,
//! and find the terminal as it was.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(cols: u16, rows: u16, envs: &[(&str, &str)]) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_copdeck"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("COPDECK_CONTENT");
        for (key, value) in envs {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Self {
            parser,
            raw,
            writer,
            master: pair.master,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(what) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "never saw {what:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }

    fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader drain the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("copdeck did not exit");
    }
}

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
    let screen = session.wait_for("3,144");
    assert!(screen.contains("Plain Language"), "{screen}");
    assert!(
        screen.contains("pl-cop-main-request@listserv.gsa.gov"),
        "{screen}"
    );
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
