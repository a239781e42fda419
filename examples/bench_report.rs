//! Measures copdeck against ripgrep, fzf and nucleo-matcher in one run and prints the
//! tables of BENCHMARKS.md (see scripts/bench-compare). Times are what a person waits
//! for: whole processes, keys to drawn frames, results on screen, the browser's own
//! memory. Anything that cannot be measured stops the report with the reason.
//!
//! `bench_report N [N…] [shaped-N …]` — synthetic trees of N pages from target/corpus/N,
//! trees shaped like the real site from target/corpus/shaped-N (made on first use).

#[path = "../benches/support/corpus.rs"]
mod corpus;
#[path = "../benches/support/measure.rs"]
mod measure;
#[path = "../benches/support/site_shaped.rs"]
mod site_shaped;
#[path = "../benches/support/workload.rs"]
#[allow(dead_code, reason = "the criterion benches use the in-process typing")]
mod workload;

use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize};
use std::time::{Duration, Instant};

use copdeck::content::{
    SiteCache, SiteIndex, Source, load, load_cached, load_site, load_site_cached,
};
use measure::{Screen, binary, ms, percentile, run_quiet, times};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Runs of each load and process; p50 and p90 are read from them.
const RUNS: usize = 5;
/// Hands the memory this process has freed back to the system. A process that holds
/// a large heap, even freed, takes far longer to start another (its memory map is
/// copied for the child: 30–40 ms more at 100,000 pages), which would count against
/// whatever it starts — rg, or the browser's first frame.
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator's to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The words of the text searches: one in most pages, a rare one, and one in none.
const TEXT_WORDS: [(&str, &str); 3] = [
    ("common", "digital"),
    ("rare", "example.gov/777"),
    ("absent", "zyzzyva"),
];

/// Starts of the browser timed to its first frame (each start reads its tree's pages
/// afresh, and one start's time moves with whatever else the machine does).
const FIRST_FRAMES: usize = 5;
/// The pause after each key typed into the browser: a person's pace, which leaves the
/// workers time to rank and render before the next key.
const KEY_PAUSE: Duration = Duration::from_millis(60);

fn ratio(a: Duration, b: Duration) -> String {
    format!("{:.2}×", a.as_secs_f64() / b.as_secs_f64())
}

fn load_cold(source: &Source) {
    std::hint::black_box(load(source, workload::today()).unwrap());
    std::hint::black_box(load_site(source, workload::today(), &AtomicUsize::new(0)).unwrap());
}

fn load_warm(source: &Source, cache: &SiteCache) {
    std::hint::black_box(load_cached(source, workload::today(), cache).unwrap());
    let progress = AtomicUsize::new(0);
    let (site, used) = load_site_cached(source, workload::today(), &progress, cache).unwrap();
    assert_eq!(
        used.read, 0,
        "the warm load read files: the cache did not hold"
    );
    std::hint::black_box(site);
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

/// The text search as the browser runs it: time until the first batch reaches the UI's
/// channel, and until the scan is done.
fn text_search(site: &std::sync::Arc<SiteIndex>, word: &str) -> (Option<Duration>, Duration) {
    let current = std::sync::Arc::new(AtomicU64::new(1));
    let (sender, receiver) = std::sync::mpsc::channel();
    let start = Instant::now();
    copdeck::search::body::spawn_search(
        site.clone(),
        word.into(),
        1,
        current.clone(),
        move |hits| {
            let _ = sender.send(hits);
        },
    );
    let mut first = None;
    loop {
        let hits = receiver
            .recv()
            .expect("the text search ended without a last batch");
        if first.is_none() && !hits.ids.is_empty() {
            first = Some(start.elapsed());
        }
        if hits.done {
            return (first, start.elapsed());
        }
    }
}

/// The slug of the tree's first community.
fn first_community(source: &Source) -> String {
    let index = load(source, workload::today()).expect("the tree's communities");
    index
        .communities
        .first()
        .map(|c| c.slug.clone())
        .expect("a community")
}

/// Every file under `dir` stat'ed through its folder, on every core, and nothing else:
/// the least a warm load does, since it must check each file's size, times and inode.
/// Returns how many were stat'ed.
fn stat_every_file(dir: &Path) -> usize {
    use rayon::prelude::*;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let entries: Vec<_> = entries.flatten().collect();
    entries
        .par_iter()
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => stat_every_file(&entry.path()),
            _ => usize::from(entry.metadata().is_ok()),
        })
        .sum()
}

/// `stat_every_file` over the tree's folders `folders` (what a warm load checks: the
/// browser's `content/` and `data/`, a command's `content/` alone unless a shortcode of
/// the page it shows reads the data), p50 of `runs`.
fn stat_floor(root: &Path, folders: &[&str], runs: usize) -> Duration {
    let stat_all = || {
        let stated: usize = folders
            .iter()
            .map(|folder| stat_every_file(&root.join(folder)))
            .sum();
        assert!(stated > 0, "no file to stat under {}", root.display());
    };
    percentile(times(runs, stat_all), 0.5)
}

/// `copdeck --content DIR ARGS` as a whole process, p50 of `runs`: warm (the cache in
/// `cache_env`), then with `--no-cache`.
fn warm_and_cold(dir: &str, args: &[&str], cache_env: &str, runs: usize) -> (Duration, Duration) {
    let mut full = vec!["--content", dir];
    full.extend(args.iter().copied());
    let envs = [("XDG_CACHE_HOME", cache_env), ("COLUMNS", "100")];
    let warm = percentile(
        times(runs, || run_quiet(&binary(), &full, None, &envs)),
        0.5,
    );
    full.push("--no-cache");
    let cold = percentile(
        times(runs, || run_quiet(&binary(), &full, None, &envs)),
        0.5,
    );
    (warm, cold)
}

fn report(label: &str, dir: &Path) {
    let source = Source::Dir(dir.to_path_buf());
    let dir_str = dir.to_str().unwrap();
    let cache_dir = tempfile::TempDir::new().unwrap();
    let cache = SiteCache::in_folder(cache_dir.path().join("copdeck"));
    let rg_path = Path::new("rg");
    // Of a full load only the size and one page's address are needed here: the pages
    // are let go of at once (see `give_back_memory`).
    let (n, page) = {
        let pages = load_site(&source, workload::today(), &AtomicUsize::new(0))
            .unwrap()
            .site
            .pages;
        (pages.len(), pages[pages.len() / 2].address().to_string())
    };
    give_back_memory();
    println!("\n### {label}: {n} pages\n");
    println!(
        "| what | cold | warm (cache) | reference | cold ratio | warm ratio |\n|---|---|---|---|---|---|"
    );

    let rg = times(RUNS, || run_quiet(rg_path, &["-c", "", dir_str], None, &[]));
    let cold = times(RUNS, || load_cold(&source));
    // The first cached load writes the cache; the timed ones must only read it.
    load_cached(&source, workload::today(), &cache).unwrap();
    load_site_cached(&source, workload::today(), &AtomicUsize::new(0), &cache).unwrap();
    let warm = times(RUNS, || load_warm(&source, &cache));
    for (name, p) in [("p50", 0.5), ("p90", 0.9)] {
        let (r, c, w) = (
            percentile(rg.clone(), p),
            percentile(cold.clone(), p),
            percentile(warm.clone(), p),
        );
        println!(
            "| load the tree, {name} (targets: cold ≤ 2×, warm ≤ 0.5× rg) | {} | {} | rg -c '': {} | {} | {} |",
            ms(c),
            ms(w),
            ms(r),
            ratio(c, r),
            ratio(w, r)
        );
    }
    let rg50 = percentile(rg, 0.5);
    let floor = stat_floor(dir, &["content", "data"], RUNS);
    println!(
        "| every file stat'ed and nothing else, in-process on every core, p50 (the least a warm load does) | | {} | rg -c '': {} | | {} |",
        ms(floor),
        ms(rg50),
        ratio(floor, rg50)
    );

    // Whole processes: each command as a user runs it, cold (--no-cache) and warm.
    give_back_memory();
    let community = first_community(&source);
    let cache_env = cache_dir.path().to_str().unwrap().to_string();
    for args in [
        vec!["show", page.as_str()],
        vec!["links", community.as_str()],
        vec!["search", "--site", "guide"],
    ] {
        let (warm, cold) = warm_and_cold(dir_str, &args, &cache_env, PROCESS_RUNS);
        println!(
            "| `copdeck {}`, whole process, p50 of {PROCESS_RUNS} (target warm ≤ 0.5× rg) | {} | {} | rg -c '': {} | {} | {} |",
            args.join(" "),
            ms(cold),
            ms(warm),
            ms(rg50),
            ratio(cold, rg50),
            ratio(warm, rg50)
        );
    }
    let cache_bytes: u64 = cache.files().iter().map(|(_, size)| size).sum();
    println!("\n| what | copdeck | reference | ratio |\n|---|---|---|---|");
    println!(
        "| cache files: the site index and the community pages (target ≤ 1 KB/page) | {:.1} MiB, {:.2} KB/page | | |",
        cache_bytes as f64 / 1048576.0,
        cache_bytes as f64 / 1000.0 / n as f64
    );

    // `rg -l` for the text searches below is timed now, while this process is small: a
    // process that holds a whole site index takes far longer to start another one (its
    // memory map is copied for the child), which would count against rg there.
    let rg_lists: Vec<Duration> = TEXT_WORDS
        .iter()
        .map(|(_, word)| {
            percentile(
                times(3, || {
                    run_quiet(rg_path, &["-l", "-i", word, dir_str], None, &[])
                }),
                0.5,
            )
        })
        .collect();

    // A keystroke's full results: the ranking the key asks the matcher worker for.
    let mut app = workload::site_app_with_workers(dir);
    let mut ranking = Vec::new();
    workload::rank_each_key(&mut app, |d| ranking.push(d));
    let site = app.site.clone().unwrap();
    let titles: Vec<String> = site
        .site
        .pages
        .iter()
        .map(|p| p.title().to_string())
        .collect();
    let nucleo = nucleo_keystrokes(&titles);
    let (r99, n99) = (percentile(ranking, 0.99), percentile(nucleo, 0.99));
    println!(
        "| a keystroke's full results (the matcher worker's ranking), p99 (target ≤ 2 ms at 5k, ≤ 16 ms at 100k) | {} | nucleo-matcher, same keys: {} | {} |",
        ms(r99),
        ms(n99),
        ratio(r99, n99)
    );

    // One whole query: fzf's start-up is taken off so both sides are the ranking alone.
    let list_file = cache_dir.path().join("titles.txt");
    std::fs::write(&list_file, titles.join("\n")).unwrap();
    let empty_file = cache_dir.path().join("empty.txt");
    std::fs::write(&empty_file, "x\n").unwrap();
    let fzf = Path::new("fzf");
    let startup = percentile(
        times(RUNS, || {
            run_quiet(fzf, &["--filter", "x"], Some(&empty_file), &[])
        }),
        0.5,
    );
    let texts = copdeck::search::rank::PageTexts::new(&site.site.pages);
    let searcher = copdeck::search::rank::Searcher::default();
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for q in workload::QUERIES {
        let t = times(3, || {
            std::hint::black_box(searcher.search_pages(&texts.with(&site.site.pages), 0..n, q));
        });
        ours.push(percentile(t, 0.5));
        let f = percentile(
            times(3, || {
                run_quiet(fzf, &["--filter", q], Some(&list_file), &[])
            }),
            0.5,
        );
        theirs.push(f.saturating_sub(startup));
    }
    let (ours, theirs) = (percentile(ours, 0.5), percentile(theirs, 0.5));
    let compared = if theirs > Duration::from_micros(100) {
        ratio(ours, theirs)
    } else {
        "n/a: fzf's time is all start-up here".to_string()
    };
    println!(
        "| one whole query over every title, median of 20 | {} | fzf --filter, its start-up ({}) taken off: {} | {compared} |",
        ms(ours),
        ms(startup),
        ms(theirs)
    );

    // Text search of page bodies, against `rg -l WORD` over the same tree.
    for ((kind, word), &rg_l) in TEXT_WORDS.iter().zip(&rg_lists) {
        let (first, done) = text_search(&site, word);
        println!(
            "| text search, {kind} word: first result to the UI / complete scan (targets ≤ 100 ms, ≤ 1× rg -l) | {} / {} | rg -l -i {word}: {} | {} |",
            first.map_or("none".to_string(), ms),
            ms(done),
            ms(rg_l),
            ratio(done, rg_l)
        );
    }

    // The browser itself: first frame (five starts, each left once its list shows,
    // the last kept); keys to frames while typing in the whole site; then its memory.
    // This process lets go of its own index first: starting a process from one that
    // holds 100,000 pages took 30–40 ms longer (its memory map is copied for the child),
    // which is not the browser's time.
    drop((app, site, titles, texts));
    give_back_memory();
    let mut firsts = Vec::new();
    let mut screen = loop {
        let start = Instant::now();
        let mut screen = Screen::start(dir, cache_dir.path());
        screen.wait_for("the first frame", |s| s.contains("Communities"));
        firsts.push(start.elapsed());
        if firsts.len() == FIRST_FRAMES {
            break screen;
        }
        screen.quit();
    };
    screen.wait_for("the site index", |s| {
        s.contains("Communities") && !s.contains("indexing site")
    });
    let indexed_kib = screen.peak_kib();
    screen.keys(b"\x01");
    screen.wait_for("the whole site", |s| s.contains(" pages"));
    let keys = screen.type_queries(&workload::QUERIES, KEY_PAUSE);
    let kib = screen.peak_kib();
    screen.quit();
    // What the program takes whatever the tree: the browser on its built-in pages, once
    // they are indexed (its code, libraries, threads and a few dozen pages).
    let mut own = Screen::start_built_in(cache_dir.path());
    own.wait_for("the built-in pages", |s| {
        s.contains("Communities") && !s.contains("indexing site")
    });
    let own_kib = own.peak_kib();
    own.quit();
    println!(
        "| first frame of the real binary, warm cache, p50 of {FIRST_FRAMES} starts (target ≤ 50 ms; the slowest start: {}) | {} | | |",
        ms(percentile(firsts.clone(), 1.0)),
        ms(percentile(firsts, 0.5))
    );
    println!(
        "| key → frame on screen, real binary in a terminal, p50 | {} | | |",
        ms(percentile(keys.clone(), 0.5))
    );
    println!(
        "| key → frame on screen, real binary in a terminal, p99 (target ≤ 16 ms at 100k) | {} | | |",
        ms(percentile(keys, 0.99))
    );
    for (when, kib) in [("once indexed", indexed_kib), ("after the typing", kib)] {
        println!(
            "| browser's peak memory, {when} (target ≤ 3 KB/page) | {} MiB, {:.2} KB/page | | |",
            kib / 1024,
            kib as f64 * 1.024 / n as f64
        );
    }
    for (when, kib) in [("once indexed", indexed_kib), ("after the typing", kib)] {
        println!(
            "| the same, less the program's own (the browser on its built-in pages: {} MiB), {when} | {:.2} KB/page | | |",
            own_kib / 1024,
            kib.saturating_sub(own_kib) as f64 * 1.024 / n as f64
        );
    }
}

/// Runs of each whole-process lookup, and of each line on the real checkout: a lookup
/// takes 15-20 ms on the smaller trees, which this machine moves by a few milliseconds
/// from one run to the next, so the median of seven moved by as much between reports
/// on the real checkout, and the median of five on the site-shaped tree (`show`: 13.97
/// ms in one report, 20.37 ms in the next, its `--no-cache` runs beside it slower by as
/// much).
const PROCESS_RUNS: usize = 21;

/// A real checkout of the site (`COPDECK_REAL_SITE`, a folder holding `content/`): the
/// CLI lookups a person makes, whole processes with a warm cache, against `rg -c ''`
/// over its `content/`.
fn real_site(root: &Path) {
    let cache_dir = tempfile::TempDir::new().unwrap();
    let cache_env = cache_dir.path().to_str().unwrap().to_string();
    let root_str = root.to_str().expect("a path in UTF-8");
    let content = root.join("content");
    let rg = percentile(
        times(PROCESS_RUNS, || {
            run_quiet(
                Path::new("rg"),
                &["-c", "", content.to_str().unwrap()],
                None,
                &[],
            )
        }),
        0.5,
    );
    let source = Source::Dir(root.to_path_buf());
    let community = first_community(&source);
    println!("\n### the real checkout (`COPDECK_REAL_SITE`: a text copy of GSA/digitalgov.gov)\n");
    println!(
        "| what | warm (cache) | `--no-cache` | rg -c '' over content/ | warm ratio |\n|---|---|---|---|---|"
    );
    for args in [
        vec!["links", community.as_str()],
        vec!["show", community.as_str()],
        vec!["search", "--site", "plain"],
    ] {
        let (warm, cold) = warm_and_cold(root_str, &args, &cache_env, PROCESS_RUNS);
        println!(
            "| `copdeck {}`, whole process, p50 of {PROCESS_RUNS} (target warm ≤ 20 ms) | {} | {} | {} | {} |",
            args.join(" "),
            ms(warm),
            ms(cold),
            ms(rg),
            ratio(warm, rg)
        );
    }
    let floor = stat_floor(root, &["content"], PROCESS_RUNS);
    println!(
        "| every file of content/ stat'ed and nothing else, in-process on every core, p50 of {PROCESS_RUNS} (the least a warm lookup does; data/ is checked only when a shortcode of the page shown reads it) | {} | | {} | {} |",
        ms(floor),
        ms(rg),
        ratio(floor, rg)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("## copdeck benchmark report\n");
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "Machine: {} cores, load average at start {}; loads: p50/p90 of {RUNS} runs; whole processes: p50 of {PROCESS_RUNS} runs.",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );

    // A 2,000-line page: from asking for it to its first frame, as the browser does it
    // (the renderer's first result handed back and drawn), and redraws.
    let mut first = Vec::new();
    for _ in 0..20 {
        let (mut app, job, mut terminal) = workload::long_page_app(2_000);
        let start = Instant::now();
        workload::first_frame(&mut app, &job, &mut terminal);
        first.push(start.elapsed());
    }
    let (mut app, job, mut terminal) = workload::long_page_app(2_000);
    app.update(copdeck::app::Action::Rendered(job.run()));
    let redraws = times(200, || {
        terminal
            .draw(|frame| copdeck::ui::draw(frame, &app))
            .unwrap();
    });
    println!("\n| what | time |\n|---|---|");
    println!(
        "| first frame of a 2,000-line page (asked for → drawn), p99 (target ≤ 2 ms) | {} |",
        ms(percentile(first, 0.99))
    );
    println!(
        "| another frame of the same page, p99 | {} |",
        ms(percentile(redraws, 0.99))
    );
    let list = times(7, || run_quiet(&binary(), &["list"], None, &[]));
    println!(
        "| `copdeck list`, whole process, embedded pages (target ≤ 10 ms) | {} |",
        ms(percentile(list, 0.5))
    );
    if let Some(real) = std::env::var_os("COPDECK_REAL_SITE") {
        real_site(Path::new(&real));
    }
    for arg in args {
        match arg.strip_prefix("shaped-").map(str::parse::<usize>) {
            Some(Ok(n)) => report("shaped like the real site", &site_shaped::shaped_dir(n)),
            _ => {
                let n: usize = arg.parse().expect("a number of pages, or shaped-N");
                report("synthetic", &corpus::corpus_dir(n));
            }
        }
    }
}
