//! Starts the browser or mail program for a vetted link: `$BROWSER` when set, else the
//! system's opener. Never through a shell; the child is detached and reaped.

use std::process::{Command, Stdio};

/// Splits a `$BROWSER` value into a program and its arguments, putting the URL where
/// `%s` stands or last. Words split on spaces; no shell is involved.
pub fn browser_command(browser: &str, url: &str) -> Option<Command> {
    let mut words = browser.split_whitespace();
    let program = words.next()?;
    let mut command = Command::new(program);
    let mut placed = false;
    for word in words {
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
    Some(command)
}

/// Opens `url` (already vetted) with `browser` (a command) or the system's opener,
/// without waiting for the program to finish.
pub fn open_url(url: &str, browser: Option<&str>) -> Result<(), String> {
    let commands: Vec<Command> = match browser {
        Some(browser) => browser_command(browser, url).into_iter().collect(),
        None => open::commands(url),
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
    let mut child = command
        .spawn()
        .map_err(|err| format!("{program}: {}", err.kind()))?;
    // Reap it whenever it ends, so no zombie is left behind; the UI never waits.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(command: &Command) -> Vec<String> {
        command
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn browser_gets_the_url_as_one_argument() {
        let command = browser_command("firefox --new-tab", "https://a.gov/?q=1 2").unwrap();
        assert_eq!(command.get_program(), "firefox");
        assert_eq!(args(&command), vec!["--new-tab", "https://a.gov/?q=1 2"]);
        let command = browser_command("w3m -o x=%s -y", "https://a.gov").unwrap();
        assert_eq!(args(&command), vec!["-o", "x=https://a.gov", "-y"]);
        assert!(browser_command("  ", "x").is_none());
    }
}
