//! Measures copdeck against ripgrep, fzf and nucleo-matcher in one run and prints a
//! Markdown table of times and ratios (see BENCHMARKS.md and scripts/bench-compare).
//!
//! `bench_report N [N…]` — trees of N pages come from target/corpus/N (made on first use).

#[path = "../benches/support/corpus.rs"]
mod corpus;
#[path = "../benches/support/workload.rs"]
mod workload;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicUsize;
use std::time::{Duration, Instant};

use copdeck::content::{Source, load, load_site};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

const RUNS: usize = 7;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn percentile(mut times: Vec<Duration>, p: f64) -> Duration {
    times.sort();
    let index = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[index]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn time_runs(mut run: impl FnMut()) -> Duration {
    run();
    median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                run();
                start.elapsed()
            })
            .collect(),
    )
}

fn run_quiet(program: &str, args: &[&str], stdin: Option<&[u8]>) {
    let mut child = Command::new(program)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|err| panic!("{program}: {err} (scripts/bench-compare installs it)"));
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        use std::io::Write;
        let _ = pipe.write_all(bytes);
    }
    let _ = child.wait();
}

/// Peak memory of a fresh process that loads the whole tree, in KiB.
fn peak_memory_kib(dir: &Path) -> u64 {
    let out = Command::new(std::env::current_exe().unwrap())
        .arg("--peak-memory")
        .arg(dir)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

fn print_peak_memory(dir: &str) {
    let source = Source::Dir(dir.into());
    let index = load(&source, workload::today()).unwrap();
    let site = load_site(&source, workload::today(), &AtomicUsize::new(0)).unwrap();
    std::hint::black_box((&index, &site));
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("0");
    println!("{kib}");
}

/// Time from starting the real binary in a terminal to its first screen with the list.
fn first_frame(dir: &Path) -> Duration {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/copdeck");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(binary);
    cmd.arg("--content");
    cmd.arg(dir);
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut parser = vt100::Parser::new(40, 120, 0);
    let mut buf = [0u8; 65536];
    let elapsed = loop {
        let n = reader.read(&mut buf).unwrap_or(0);
        parser.process(&buf[..n]);
        if parser.screen().contents().contains("Communities") || n == 0 {
            break start.elapsed();
        }
    };
    let mut writer = pair.master.take_writer().unwrap();
    let _ = std::io::Write::write_all(&mut writer, b"q");
    let _ = child.wait();
    elapsed
}

/// Per-keystroke times of nucleo-matcher over the same titles, typed the same way.
fn nucleo_keystrokes(titles: &[String]) -> Vec<Duration> {
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut times = Vec::new();
    for query in workload::QUERIES {
        for end in 1..=query.len() {
            let start = Instant::now();
            let pattern = Pattern::parse(&query[..end], CaseMatching::Ignore, Normalization::Smart);
            let mut hits: Vec<(u32, usize)> = titles
                .iter()
                .enumerate()
                .filter_map(|(i, t)| {
                    pattern
                        .score(Utf32Str::new(t, &mut buf), &mut matcher)
                        .map(|s| (s, i))
                })
                .collect();
            hits.sort_unstable_by(|a, b| b.cmp(a));
            std::hint::black_box(&hits);
            times.push(start.elapsed());
        }
    }
    times
}

fn report(n: usize) {
    let dir = corpus::corpus_dir(n);
    let dir_str = dir.to_str().unwrap();
    let source = Source::Dir(dir.clone());
    println!("\n### {n} pages\n");
    println!("| what | copdeck | reference | ratio |\n|---|---|---|---|");

    let rg = time_runs(|| run_quiet("rg", &["-c", "", dir_str], None));
    let ours = time_runs(|| {
        std::hint::black_box(load(&source, workload::today()).unwrap());
        std::hint::black_box(load_site(&source, workload::today(), &AtomicUsize::new(0)).unwrap());
    });
    let ratio = ours.as_secs_f64() / rg.as_secs_f64();
    println!(
        "| load the tree (target ≤ 2× rg) | {} | rg -c '': {} | {ratio:.2}× |",
        ms(ours),
        ms(rg)
    );

    let mut app = workload::site_app(&dir);
    let mut keys = Vec::new();
    workload::type_all(&mut app, |d| keys.push(d));
    let titles: Vec<String> = app
        .site
        .as_ref()
        .unwrap()
        .site
        .pages
        .iter()
        .map(|p| p.title.clone())
        .collect();
    let nucleo = nucleo_keystrokes(&titles);
    let (p50, p99) = (percentile(keys.clone(), 0.5), percentile(keys, 0.99));
    let (n50, n99) = (percentile(nucleo.clone(), 0.5), percentile(nucleo, 0.99));
    println!(
        "| keystroke p50 (fuzzy-matcher) | {} | nucleo-matcher: {} | {:.2}× |",
        ms(p50),
        ms(n50),
        p50.as_secs_f64() / n50.as_secs_f64()
    );
    println!(
        "| keystroke p99 (target ≤ 4 ms at 5k, ≤ 16 ms at 100k) | {} | nucleo-matcher: {} | {:.2}× |",
        ms(p99),
        ms(n99),
        p99.as_secs_f64() / n99.as_secs_f64()
    );

    let list: String = titles.join("\n");
    let fzf = median(
        workload::QUERIES
            .iter()
            .map(|q| {
                let start = Instant::now();
                run_quiet("fzf", &["--filter", q], Some(list.as_bytes()));
                start.elapsed()
            })
            .collect(),
    );
    let mut ours_full = Vec::new();
    let texts = copdeck::search::rank::PageTexts::new(&app.site.as_ref().unwrap().site.pages);
    let searcher = copdeck::search::rank::Searcher::default();
    for q in workload::QUERIES {
        let start = Instant::now();
        std::hint::black_box(searcher.search_pages(&texts, 0..titles.len(), q));
        ours_full.push(start.elapsed());
    }
    let whole = median(ours_full);
    println!(
        "| one whole query, all pages | {} | fzf --filter (process): {} | {:.2}× |",
        ms(whole),
        ms(fzf),
        whole.as_secs_f64() / fzf.as_secs_f64()
    );

    let site = app.site.clone().unwrap();
    let first_text = median(
        ["workshop", "survey", "contract", "webinar", "governance"]
            .iter()
            .enumerate()
            .map(|(n, word)| {
                let current = std::sync::atomic::AtomicU64::new(n as u64);
                let start = Instant::now();
                let mut first = None;
                copdeck::search::body::search_bodies(&site, word, n as u64, &current, |found| {
                    if first.is_none() && !found.ids.is_empty() {
                        first = Some(start.elapsed());
                        // The UI has what it needs; stop as the next keystroke would.
                        current.store(u64::MAX, std::sync::atomic::Ordering::Relaxed);
                    }
                });
                first.unwrap_or_else(|| start.elapsed())
            })
            .collect(),
    );
    println!(
        "| first results of the text search (target ≤ 100 ms at 100k) | {} | | |",
        ms(first_text)
    );

    let kib = peak_memory_kib(&dir);
    println!(
        "| peak memory after loading (target ≤ 3 KB/page) | {} MiB, {:.2} KB/page | | |",
        kib / 1024,
        kib as f64 * 1.024 / n as f64
    );

    let frame = first_frame(&dir);
    println!(
        "| first frame of the real binary (target ≤ 50 ms) | {} | | |",
        ms(frame)
    );
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("--peak-memory") {
        args.next();
        print_peak_memory(&args.next().expect("a folder"));
        return;
    }
    let sizes: Vec<usize> = args.filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![5_000] } else { sizes };
    println!("## copdeck benchmark report\n");
    println!(
        "Machine: {} cores; times are medians of {RUNS} warm runs unless a percentile is named.",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    let (app, mut terminal) = workload::long_page_app(2_000);
    let mut frames = Vec::new();
    for _ in 0..200 {
        let start = Instant::now();
        terminal
            .draw(|frame| copdeck::ui::draw(frame, &app))
            .unwrap();
        frames.push(start.elapsed());
    }
    println!("\n| what | time |\n|---|---|");
    println!(
        "| one frame of a 2,000-line page, p99 (target ≤ 2 ms) | {} |",
        ms(percentile(frames, 0.99))
    );
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/copdeck");
    let list = time_runs(|| run_quiet(binary.to_str().unwrap(), &["list"], None));
    println!(
        "| `copdeck list`, whole process, embedded pages (target ≤ 10 ms) | {} |",
        ms(list)
    );
    for n in sizes {
        report(n);
    }
}
