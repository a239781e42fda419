use std::process::ExitCode;

use copdeck::cli::{Command, load_index, parse_args, run_command, run_plain};
use copdeck::config::Config;
use copdeck::shell::terminal::{self, Settings};
use copdeck::sync::Store;
use copdeck::sync::choice::choose_source;

fn main() -> ExitCode {
    tune_the_allocator();
    let cli = parse_args();
    if matches!(cli.command, None | Some(Command::Demo(_))) {
        tune_the_allocator_for_the_browser();
    }
    if cli.no_cache {
        copdeck::content::cache::turn_off();
    }
    // A bad config file stops everything: copdeck never runs half-configured.
    let config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("copdeck: {err}");
            return ExitCode::from(2);
        }
    };
    let store = Store::default_location();
    let content = cli.content.or_else(|| config.content.clone());
    let source = choose_source(content, store.as_ref());
    match cli.command {
        Some(Command::Demo(args)) => {
            copdeck::cli::run_demo(&source, Settings::new(&config, cli.theme.as_deref()), &args)
        }
        Some(command) => run_command(&source, command, cli.plain, &config, cli.config.as_deref()),
        None if cli.plain => run_plain(&source),
        None => browse(&source, Settings::new(&config, cli.theme.as_deref())),
    }
}

/// Two settings of glibc's allocator. It gives a buffer of 128 KiB or more its own
/// mapping, returned to the system when it is freed, but raises that threshold whenever
/// such a buffer is freed; after that, the big buffers of a long page (the Markdown
/// parser's tree, the drawn lines) are taken from the heap and stay resident once
/// freed. Fixing the threshold keeps a long page's peak 10-20 MiB lower (BENCHMARKS.md,
/// "Hostile pages at 4 MiB").
///
/// The heap also grows 4 MiB past each need and keeps that much when it shrinks: a
/// warm lookup allocates, frees and allocates again tens of thousands of small records,
/// and every page the heap gives back and takes again is a fresh page fault (a quarter
/// fewer faults, and about a sixth less time, on the real site's `links`). Set after
/// the arguments are read it made no difference, so it is set first and taken back
/// for the browser (`tune_the_allocator_for_the_browser`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_the_allocator() {
    // SAFETY: mallopt only sets a parameter of the allocator, and no other thread has
    // started yet.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_TOP_PAD, 4 * 1024 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_the_allocator() {}

/// The browser (and `--plain`) go back to glibc's own pad of 128 KiB: the larger one
/// cost the browser about 2.5 MiB of peak memory at 5,000 pages (measured by hand),
/// where memory is a target and one load at start matters less than for a command.
///
/// The browser also keeps one allocator arena, where glibc's default is eight a core:
/// its threads (the loaders, the matcher, the text search's readers, the renderer)
/// each took an arena of their own, and memory freed in one arena is not reused by a
/// thread that allocates in another. Typing twenty queries in the whole site raised
/// the browser's peak from 19-20 to 27-29 MiB at 5,000 pages that way; with an arena
/// a core, to 24-25 MiB (measured by hand). With one, what the typing allocates goes
/// into the holes the load left in the same arena, not into a second one that grows:
/// the site-shaped tree's peak after the typing 11.8-12.1 MiB with two arenas (a core
/// each on the build machine), 11.3-11.7 with one (four starts each, interleaved). Its
/// threads share the one arena's lock (small blocks come from caches of their own,
/// glibc's tcache): at 100,000 pages a key's frame came about a millisecond later at
/// the median, p99 the same (BENCHMARKS.md).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_the_allocator_for_the_browser() {
    // SAFETY: as above; reading the arguments started no thread.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 128 * 1024);
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_the_allocator_for_the_browser() {}

/// Opens the browser, after checking there is a terminal to open it in.
fn browse(source: &copdeck::content::Source, settings: Settings) -> ExitCode {
    if !terminal::has_terminal() {
        eprintln!(
            "copdeck: the browser needs a terminal; for a pipe try `copdeck list` or `copdeck show NAME`"
        );
        return ExitCode::from(2);
    }
    match load_index(source) {
        Ok(index) => terminal::run(source, index, settings),
        Err(err) => err.report(),
    }
}
