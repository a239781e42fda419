//! How the comparison report times things: percentiles, processes that must succeed,
//! and the real binary in a pseudo-terminal. Every measurement that cannot be made
//! stops the report with the reason, instead of printing a number that means nothing.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub fn percentile(mut times: Vec<Duration>, p: f64) -> Duration {
    assert!(!times.is_empty(), "no times to take a percentile of");
    times.sort();
    let index = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[index]
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// `runs` timed runs after one untimed warm-up.
pub fn times(runs: usize, mut run: impl FnMut()) -> Vec<Duration> {
    run();
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect()
}

/// The release binary the report measures.
pub fn binary() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/copdeck")
}

/// Runs a program to the end with its output thrown away; a failure stops the report.
pub fn run_quiet(program: &Path, args: &[&str], stdin: Option<&Path>, envs: &[(&str, &str)]) {
    let input = match stdin {
        Some(file) => Stdio::from(std::fs::File::open(file).expect("input file")),
        None => Stdio::null(),
    };
    let status = Command::new(program)
        .args(args)
        .envs(envs.iter().copied())
        .stdin(input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|err| {
            panic!(
                "{}: {err} (scripts/bench-compare installs it)",
                program.display()
            )
        });
    // rg and fzf exit 1 when nothing matched, which is an answer, not a failure.
    assert!(
        status.code().is_some_and(|c| c <= 1),
        "{} {args:?} failed: {status}",
        program.display()
    );
}

/// The real binary in a 120x40 pseudo-terminal.
pub struct Screen {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// What the browser writes, read on a thread of its own as it arrives.
    output: std::sync::mpsc::Receiver<Vec<u8>>,
    writer: Box<dyn std::io::Write + Send>,
    parser: vt100::Parser,
    _pair: portable_pty::PtyPair,
}

impl Screen {
    pub fn start(dir: &Path, cache: &Path) -> Self {
        Self::start_on(Some(dir), cache)
    }

    /// The browser on its built-in pages (no `--content`): what the program itself
    /// takes, whatever tree it is given.
    pub fn start_built_in(cache: &Path) -> Self {
        Self::start_on(None, cache)
    }

    fn start_on(dir: Option<&Path>, cache: &Path) -> Self {
        use portable_pty::{CommandBuilder, PtySize, native_pty_system};
        let size = PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system()
            .openpty(size)
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(binary());
        if let Some(dir) = dir {
            cmd.arg("--content");
            cmd.arg(dir);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CACHE_HOME", cache);
        cmd.env("XDG_CONFIG_HOME", "/nonexistent/copdeck-bench");
        let child = pair.slave.spawn_command(cmd).expect("start copdeck");
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (sender, output) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                if sender.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            output,
            writer,
            parser: vt100::Parser::new(40, 120, 0),
            _pair: pair,
        }
    }

    /// Reads output until `done` holds for the screen; panics if the program ends first.
    pub fn wait_for(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        while !done(&self.parser.screen().contents()) {
            match self.output.recv() {
                Ok(bytes) => self.parser.process(&bytes),
                Err(_) => panic!(
                    "copdeck ended before {what}: {:?}\n{}",
                    self.child.try_wait(),
                    self.parser.screen().contents()
                ),
            }
        }
    }

    /// The screen's first line, where the search line is.
    fn header(&self) -> String {
        self.parser.screen().rows(0, 120).next().unwrap_or_default()
    }

    /// Types `queries` a key at a time, as a person does: a pause after each key, and
    /// Ctrl-W between queries. For each key, the time from writing it to the first
    /// frame whose search line shows it (what the browser answers first, whatever the
    /// matcher and renderer still do). Panics if a key never shows.
    pub fn type_queries(&mut self, queries: &[&str], pause: Duration) -> Vec<Duration> {
        let mut times = Vec::new();
        for query in queries {
            for end in 1..=query.len() {
                let wanted = format!(" copdeck  / {} ", &query[..end]);
                let sent = Instant::now();
                self.keys(&query.as_bytes()[end - 1..end]);
                while !self.header().starts_with(&wanted) {
                    assert!(
                        sent.elapsed() < Duration::from_secs(30),
                        "the key never showed: {wanted:?}"
                    );
                    let bytes = self
                        .output
                        .recv_timeout(Duration::from_secs(30))
                        .unwrap_or_else(|_| panic!("copdeck ended while typing {wanted:?}"));
                    self.parser.process(&bytes);
                }
                times.push(sent.elapsed());
                self.settle(pause);
            }
            self.keys(b"\x17");
            self.settle(pause);
        }
        times
    }

    /// Reads what the browser draws for `pause`, so the next key meets a settled screen.
    fn settle(&mut self, pause: Duration) {
        let until = Instant::now() + pause;
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            match self.output.recv_timeout(left) {
                Ok(bytes) => self.parser.process(&bytes),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
                Err(_) => panic!("copdeck ended"),
            }
        }
    }

    pub fn keys(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("send keys");
        self.writer.flush().expect("send keys");
    }

    /// The browser's peak resident memory so far, in KiB, from /proc.
    pub fn peak_kib(&self) -> u64 {
        let pid = self.child.process_id().expect("a running browser");
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
            .unwrap_or_else(|err| panic!("cannot read the browser's memory: {err}"));
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kib| kib.parse().ok())
            .unwrap_or_else(|| panic!("no VmHWM in /proc/{pid}/status"))
    }

    /// Leaves the browser as a person does: Esc (closing whatever is open), then `q`,
    /// sent apart so they read as two keys and not as Alt-q. A browser still running
    /// after five seconds is killed and the report stops.
    pub fn quit(mut self) {
        self.keys(b"\x1b");
        std::thread::sleep(Duration::from_millis(100));
        self.keys(b"q");
        let start = Instant::now();
        while self
            .child
            .try_wait()
            .expect("the browser's state")
            .is_none()
        {
            if start.elapsed() > Duration::from_secs(5) {
                let _ = self.child.kill();
                panic!("the browser did not quit on Esc, q");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
