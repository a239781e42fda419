//! Starts the browser or mail program for a vetted link: the config's browser, else
//! `$BROWSER` (a colon-separated list, the first that can start wins), else the system's
//! opener. Commands are split into words as a shell would, but never run through one.
//! A text-mode browser (lynx, w3m, …) needs the terminal; any other is detached.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Text-mode browsers, known by their program's name: they get the terminal.
const TERMINAL_BROWSERS: [&str; 6] = ["lynx", "w3m", "links", "links2", "elinks", "browsh"];

/// The browser the config file names, and whether it (or `$BROWSER`'s) runs in the
/// terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowserConfig {
    pub command: Option<String>,
    pub terminal: bool,
}

/// How a link is to be opened.
#[derive(Debug)]
pub enum Launch {
    /// A graphical program, started and left to run on its own.
    Detached(Command),
    /// A text-mode browser: it gets the terminal until it quits.
    InTerminal(Command),
    /// The system's opener (`xdg-open`, `open`, …), tried in turn.
    System(Vec<Command>),
}

/// The browser commands to try, in order: the config's, else each entry of `$BROWSER`.
pub fn browser_candidates(configured: Option<&str>, env: Option<&str>) -> Vec<String> {
    match configured.filter(|c| !c.trim().is_empty()) {
        Some(command) => vec![command.to_string()],
        None => env
            .unwrap_or_default()
            .split(':')
            .filter(|entry| !entry.trim().is_empty())
            .map(str::to_string)
            .collect(),
    }
}

/// Splits a browser command into a program and its arguments with shell-word rules,
/// putting the URL where `%s` stands or last.
pub fn browser_command(browser: &str, url: &str) -> Result<Command, String> {
    let words = shell_words::split(browser)
        .map_err(|err| format!("cannot read the command `{browser}`: {err}"))?;
    let (program, args) = words
        .split_first()
        .ok_or_else(|| "the browser command is empty".to_string())?;
    let mut command = Command::new(program);
    let mut placed = false;
    for word in args {
        if word.contains("%s") {
            command.arg(word.replace("%s", url));
            placed = true;
        } else {
            command.arg(word);
        }
    }
    if !placed {
        command.arg(url);
    }
    Ok(command)
}

/// Whether a program is a text-mode browser, by its file name.
pub fn is_terminal_browser(program: &str) -> bool {
    let name = Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    TERMINAL_BROWSERS.contains(&name)
}

/// Where a program is: a path as given, or the first match on `$PATH`; otherwise why not.
pub fn find_program(program: &str, path_var: Option<&std::ffi::OsStr>) -> Result<PathBuf, String> {
    if program.contains('/') {
        let path = PathBuf::from(program);
        return if is_executable(&path) {
            Ok(path)
        } else if path.exists() {
            Err(format!("`{program}` is not an executable program"))
        } else {
            Err(format!("no program at `{program}`"))
        };
    }
    path_var
        .into_iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
        .ok_or_else(|| format!("no program `{program}` on PATH"))
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// Why a program could not start, in words that name it.
pub fn start_error(program: &str, err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound if program.contains('/') => {
            format!("no program at `{program}`")
        }
        std::io::ErrorKind::NotFound => format!("no program `{program}` on PATH"),
        std::io::ErrorKind::PermissionDenied => {
            format!("`{program}` is not an executable program")
        }
        _ => format!("`{program}` could not start: {err}"),
    }
}

/// Chooses how to open `url` (already vetted): the first browser candidate whose
/// program is there, or the system's opener when there is no candidate.
pub fn plan_launch(url: &str, config: &BrowserConfig, env: Option<&str>) -> Result<Launch, String> {
    let candidates = browser_candidates(config.command.as_deref(), env);
    if candidates.is_empty() {
        return Ok(Launch::System(open::commands(url)));
    }
    let path_var = std::env::var_os("PATH");
    let mut reasons = Vec::new();
    for candidate in &candidates {
        let command = match browser_command(candidate, url) {
            Ok(command) => command,
            Err(reason) => {
                reasons.push(reason);
                continue;
            }
        };
        let program = command.get_program().to_string_lossy().into_owned();
        if let Err(reason) = find_program(&program, path_var.as_deref()) {
            reasons.push(reason);
            continue;
        }
        let in_terminal = config.terminal || is_terminal_browser(&program);
        return Ok(if in_terminal {
            Launch::InTerminal(command)
        } else {
            Launch::Detached(command)
        });
    }
    Err(reasons.join("; "))
}

/// Starts a detached launch (or the system's openers in turn) without waiting for it.
pub fn start_detached(launch: Launch) -> Result<(), String> {
    let commands = match launch {
        Launch::Detached(command) | Launch::InTerminal(command) => vec![command],
        Launch::System(commands) => commands,
    };
    let mut last_error = String::from("no program to open links with");
    for command in commands {
        match spawn_detached(command) {
            Ok(()) => return Ok(()),
            Err(err) => last_error = err,
        }
    }
    Err(last_error)
}

/// Runs a text-mode browser in the terminal (already handed over) and waits for it.
pub fn run_in_terminal(mut command: Command) -> Result<(), String> {
    let program = command.get_program().to_string_lossy().into_owned();
    match command.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("`{program}` ended with {status}")),
        Err(err) => Err(start_error(&program, &err)),
    }
}

fn spawn_detached(mut command: Command) -> Result<(), String> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Its own process group: Ctrl-C in copdeck's terminal does not reach it.
        command.process_group(0);
    }
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = command.spawn().map_err(|err| start_error(&program, &err))?;
    // Reap it whenever it ends, so no zombie is left behind; the UI never waits.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

#[cfg(test)]
mod tests;
