//! What a person typing waits for, measured on the real binary in a pseudo-terminal.
//!
//! `frame_latency N [BINARY]` starts the browser on a generated tree of N pages
//! (target/corpus/N, made on first use), switches to the whole site, and types queries a
//! key at a time, a pause after each key so the selected page is rendered in between.
//! It reports, for each key, the time from writing the key to the first frame that shows
//! it (p50, p99, max). Then, in this process, the time the matcher takes to rank the
//! site for each key (what `Effect::Rank` hands the matcher worker). BINARY defaults to
//! target/release/copdeck (build it first: `cargo build --release`).

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use copdeck::app::{Action, App, Effect};
use copdeck::content::{Source, load, load_site};
use copdeck::theme::Theme;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Queries of one to six letters, typed one letter at a time.
const QUERIES: [&str; 12] = [
    "a", "pl", "web", "data", "guide", "search", "form", "cloud", "policy", "acc", "survey",
    "plain",
];
/// The pause after each key: time for the loop to settle and render the page.
const PAUSE: Duration = Duration::from_millis(40);
const COLS: u16 = 120;
const ROWS: u16 = 40;

/// The screen as the terminal shows it, and when a wanted first line was first seen.
struct Screen {
    parser: vt100::Parser,
    wanted: Option<(String, Option<Instant>)>,
}

fn header(parser: &vt100::Parser) -> String {
    parser.screen().rows(0, COLS).next().unwrap_or_default()
}

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    times[((times.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn report(what: &str, times: &mut [Duration]) {
    println!(
        "{what}: p50 {}, p99 {}, max {} ({} keys)",
        ms(percentile(times, 0.5)),
        ms(percentile(times, 0.99)),
        ms(percentile(times, 1.0)),
        times.len()
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(count) = args.next().and_then(|n| n.parse::<usize>().ok()) else {
        eprintln!("usage: frame_latency N [BINARY]");
        std::process::exit(2);
    };
    let binary = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/copdeck"));
    assert!(binary.exists(), "no binary at {}", binary.display());
    let dir = corpus::corpus_dir(count);
    let mut frames = in_terminal(&binary, &dir);
    report(&format!("key → frame, {count} pages"), &mut frames);
    let mut ranks = matcher_times(&dir);
    report(&format!("matcher, {count} pages"), &mut ranks);
}

/// Types the queries into the browser; the time from each key to the frame showing it.
fn in_terminal(binary: &Path, dir: &Path) -> Vec<Duration> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(binary);
    cmd.args(["--content", dir.to_str().unwrap()]);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let shared = Arc::new((
        Mutex::new(Screen {
            parser: vt100::Parser::new(ROWS, COLS, 0),
            wanted: None,
        }),
        Condvar::new(),
    ));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let feed = shared.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let (lock, seen) = &*feed;
            let mut screen = lock.lock().unwrap();
            screen.parser.process(&buf[..n]);
            let line = header(&screen.parser);
            if let Some((wanted, at @ None)) = &mut screen.wanted
                && line.starts_with(wanted.as_str())
            {
                *at = Some(Instant::now());
                seen.notify_all();
            }
        }
    });
    let mut keys = pair.master.take_writer().unwrap();
    let wait_until = |test: &dyn Fn(&str) -> bool, what: &str| {
        let (lock, seen) = &*shared;
        let start = Instant::now();
        let mut screen = lock.lock().unwrap();
        while !test(&header(&screen.parser)) {
            assert!(
                start.elapsed() < Duration::from_secs(600),
                "never saw {what}"
            );
            screen = seen
                .wait_timeout(screen, Duration::from_millis(50))
                .unwrap()
                .0;
        }
    };
    wait_until(&|line| line.contains(" communities"), "the first frame");
    wait_until(&|line| !line.contains("indexing"), "the site indexed");
    keys.write_all(b"\x01").unwrap();
    wait_until(&|line| line.contains(" pages"), "the whole-site scope");

    let mut times = Vec::new();
    for query in QUERIES {
        for end in 1..=query.len() {
            let wanted = format!(" copdeck  / {} ", &query[..end]);
            let (lock, seen) = &*shared;
            lock.lock().unwrap().wanted = Some((wanted, None));
            let sent = Instant::now();
            keys.write_all(&query.as_bytes()[end - 1..end]).unwrap();
            keys.flush().unwrap();
            let mut screen = lock.lock().unwrap();
            let shown = loop {
                if let Some((_, Some(at))) = screen.wanted {
                    break at;
                }
                assert!(
                    sent.elapsed() < Duration::from_secs(30),
                    "the key never showed"
                );
                screen = seen
                    .wait_timeout(screen, Duration::from_millis(50))
                    .unwrap()
                    .0;
            };
            screen.wanted = None;
            drop(screen);
            times.push(shown - sent);
            if shown - sent > Duration::from_millis(16) {
                eprintln!(
                    "slow frame: {:?} after typing {:?}",
                    shown - sent,
                    &query[..end]
                );
            }
            std::thread::sleep(PAUSE);
        }
        // Ctrl-W: the word goes, for the next query.
        keys.write_all(b"\x17").unwrap();
        std::thread::sleep(PAUSE);
    }
    keys.write_all(b"\x1b\x1bq").unwrap();
    keys.flush().unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    times
}

/// The matcher's time for each key of the queries, as the worker runs it.
fn matcher_times(dir: &Path) -> Vec<Duration> {
    let source = Source::Dir(dir.to_path_buf());
    let today = chrono::Local::now().date_naive();
    let (mut app, _) = App::with_workers(load(&source, today).unwrap(), Theme::color(), COLS, ROWS);
    let site = load_site(&source, today, &AtomicUsize::new(0)).unwrap();
    app.update(Action::SiteLoaded(copdeck::app::LoadedSite(Arc::new(site))));
    app.update(Action::ToggleScope);
    let mut times = Vec::new();
    for query in QUERIES {
        app.update(Action::FocusSearch);
        for c in query.chars() {
            for effect in flatten(app.update(Action::Input(c))) {
                if let Effect::Rank(job) = effect {
                    let start = Instant::now();
                    let ranked = job.run();
                    times.push(start.elapsed());
                    app.update(Action::Ranked(ranked));
                }
            }
        }
        for effect in flatten(app.update(Action::DeleteWord)) {
            if let Effect::Rank(job) = effect {
                app.update(Action::Ranked(job.run()));
            }
        }
    }
    times
}

fn flatten(effect: Option<Effect>) -> Vec<Effect> {
    match effect {
        Some(Effect::Many(all)) => all.into_iter().flat_map(|e| flatten(Some(e))).collect(),
        Some(effect) => vec![effect],
        None => Vec::new(),
    }
}
