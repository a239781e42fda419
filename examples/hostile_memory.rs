//! Checks the targets of the hostile page shapes on the release binary: for every shape
//! at 4 MiB, `copdeck show` takes at most 2 s and at most 20× the page size in memory
//! (its peak resident size, from the kernel's account of the finished process). Prints
//! one Markdown table row per shape and format and exits 1 when a target is missed or a
//! peak cannot be read.
//!
//! `cargo build --release && cargo run --release --example hostile_memory [-- FORMAT…] [--only NAME]`
//! (formats: text, dump, markdown, json; text when none is named; `--binary PATH` measures
//! another build).

#[path = "../benches/support/hostile.rs"]
mod hostile;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Most time `show` may take on a 4 MiB page.
const MAX_TIME: Duration = Duration::from_secs(2);
/// Most memory `show` may use, as a multiple of the page's size.
const MAX_RATIO: f64 = 20.0;

const FRONT_MATTER: &str = "---\ntitle: Hostile\nweight: 1\n---\n";

/// What one run of `show` cost.
struct Cost {
    wall: Duration,
    peak_bytes: u64,
}

/// Runs `command` to its end and reads its peak resident size from `wait4`.
#[cfg(target_os = "linux")]
#[expect(
    clippy::zombie_processes,
    reason = "the child is waited for with wait4, which also gives its resource use"
)]
fn run_measured(command: &mut Command) -> Cost {
    use std::os::unix::process::ExitStatusExt;

    let start = Instant::now();
    let child = command
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {command:?}: {err}"));
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value, which `wait4` overwrites.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; both pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(
        waited,
        pid,
        "cannot wait for {command:?}: {}",
        std::io::Error::last_os_error()
    );
    let status = std::process::ExitStatus::from_raw(status);
    assert!(status.success(), "{command:?} failed: {status}");
    assert!(
        usage.ru_maxrss > 0,
        "the kernel gave no peak memory for {command:?}"
    );
    // Linux counts `ru_maxrss` in KiB.
    Cost {
        wall,
        peak_bytes: usage.ru_maxrss as u64 * 1024,
    }
}

#[cfg(not(target_os = "linux"))]
fn run_measured(_: &mut Command) -> Cost {
    panic!("hostile_memory reads peak memory as Linux reports it; run it on Linux");
}

/// Writes the shape `name` as the one community of a content folder `dir`, the file
/// within the 4 MiB limit for a page. This runs in a process of its own (see `main`).
fn write_page(name: &str, dir: &Path) {
    let body = hostile::shape(name, hostile::SIZE);
    let communities = dir.join("communities");
    fs::create_dir_all(&communities).expect("a folder for the page");
    let room = hostile::SIZE - FRONT_MATTER.len();
    let mut end = body.len().min(room);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let text = format!("{FRONT_MATTER}{}", &body[..end]);
    let file = communities.join("hostile.md");
    fs::write(&file, &text).expect("the page written");
}

/// Writes the page in a child process and returns its size: this process stays small,
/// because a child's peak memory as the kernel reports it can include what its parent
/// held when it started it.
fn write_page_apart(name: &str, dir: &Path) -> u64 {
    let _ = fs::remove_dir_all(dir);
    let me = std::env::current_exe().expect("this program's path");
    let status = Command::new(me)
        .arg("--write")
        .arg(name)
        .arg(dir)
        .status()
        .expect("the page writer started");
    assert!(
        status.success(),
        "writing the page {name:?} failed: {status}"
    );
    fs::metadata(dir.join("communities/hostile.md"))
        .expect("the page written")
        .len()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut formats = Vec::new();
    let mut only = None;
    let mut binary = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/copdeck");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--only" => only = args.next(),
            "--write" => {
                let name = args.next().expect("a shape after --write");
                let dir = args.next().expect("a folder after the shape");
                write_page(&name, Path::new(&dir));
                return;
            }
            "--binary" => binary = args.next().expect("a path after --binary").into(),
            format => formats.push(format.to_string()),
        }
    }
    if formats.is_empty() {
        formats.push("text".into());
    }
    assert!(
        binary.exists(),
        "{} is missing: run `cargo build --release` first",
        binary.display()
    );
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/hostile-pages");
    let mut missed = Vec::new();
    println!("| shape | format | page | time | peak memory | peak / page |");
    println!("|---|---|---|---|---|---|");
    for name in hostile::names() {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let size = write_page_apart(name, &dir);
        for format in &formats {
            let cost = run_measured(
                Command::new(&binary)
                    .args(["--no-cache", "--content"])
                    .arg(&dir)
                    .args(["show", "hostile", "--width", "100", "--format", format])
                    .stdout(Stdio::null()),
            );
            let ratio = cost.peak_bytes as f64 / size as f64;
            println!(
                "| {name} | {format} | {:.2} MiB | {:.2} s | {:.1} MiB | {ratio:.1}× |",
                size as f64 / (1024.0 * 1024.0),
                cost.wall.as_secs_f64(),
                cost.peak_bytes as f64 / (1024.0 * 1024.0),
            );
            if cost.wall > MAX_TIME || ratio > MAX_RATIO {
                missed.push(format!("{name} ({format})"));
            }
        }
    }
    let _ = fs::remove_dir_all(&dir);
    if !missed.is_empty() {
        eprintln!(
            "over the targets (≤ {:.0} s, ≤ {MAX_RATIO}× the page): {}",
            MAX_TIME.as_secs_f64(),
            missed.join(", ")
        );
        std::process::exit(1);
    }
}
