//! Demo scripts: a tour written as one step a line, played the same way every time.
//!
//! ```text
//! # comments and blank lines are skipped
//! say "Find a community by name"   # a caption under the panes ("say" alone clears it)
//! search plain                     # clear the search line, then type the words
//! wait 2s                          # also 500ms or 1.5s
//! open                             # read the selected page
//! join                             # the join code (or the choice of lists)
//! key t                            # any key, named as in the config file
//! ```
//!
//! Parsing is pure; `timeline` turns the steps into what to do when, for the terminal's
//! player and for the recorder alike.

use std::fmt;
use std::time::Duration;

use super::Action;
use super::keys::Key;

/// One step of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Clear the search line and type these words.
    Search(String),
    /// Let the screen be seen for this long.
    Wait(Duration),
    /// Read the selected page.
    Open,
    /// Join the shown community.
    Join,
    /// Press a key.
    Key(Key),
    /// Show a caption (empty: take it away).
    Say(String),
}

/// A step that cannot be read, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ScriptError {}

/// Longest wait one step may ask for.
const LONGEST_WAIT: Duration = Duration::from_secs(600);

/// Reads a script; `file` names it in errors. The first bad step stops the reading.
pub fn parse_script(file: &str, text: &str) -> Result<Vec<Step>, ScriptError> {
    let mut steps = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let error = |message: String| ScriptError {
            file: file.to_string(),
            line: i + 1,
            message,
        };
        let line = strip_comment(line).trim();
        if line.is_empty() {
            continue;
        }
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        let rest = rest.trim();
        let no_argument = |step: Step| match rest.is_empty() {
            true => Ok(step),
            false => Err(error(format!("`{word}` takes nothing after it"))),
        };
        steps.push(match word {
            "search" if rest.is_empty() => {
                return Err(error("`search` needs the words to type".into()));
            }
            "search" => Step::Search(rest.to_string()),
            "wait" => Step::Wait(parse_duration(rest).map_err(error)?),
            "open" => no_argument(Step::Open)?,
            "join" => no_argument(Step::Join)?,
            "key" if rest.is_empty() => return Err(error("`key` needs a key name".into())),
            "key" => Step::Key(Key::parse(rest).map_err(error)?),
            "say" => Step::Say(parse_quoted(rest).map_err(error)?),
            other => {
                return Err(error(format!(
                    "unknown step `{}` (steps: search, wait, open, join, key, say)",
                    crate::sanitize::clean_line(other)
                )));
            }
        });
    }
    Ok(steps)
}

/// The line without a `#` comment; a `#` inside a quoted caption stays.
fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    for (at, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => return &line[..at],
            _ => {}
        }
    }
    line
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    let (number, unit) = if let Some(n) = text.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1.0)
    } else {
        return Err(format!(
            "`wait` needs a time such as 2s or 500ms, not {text:?}"
        ));
    };
    let seconds = number
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)
        .map(|n| n * unit)
        .ok_or_else(|| format!("`wait`: {text:?} is not a time"))?;
    let wait = Duration::from_secs_f64(seconds);
    match wait <= LONGEST_WAIT {
        true => Ok(wait),
        false => Err(format!("`wait`: {text} is longer than ten minutes")),
    }
}

fn parse_quoted(text: &str) -> Result<String, String> {
    if text.is_empty() {
        return Ok(String::new());
    }
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .filter(|inner| !inner.contains('"'))
        .map(str::to_string)
        .ok_or_else(|| "`say` needs its caption in double quotes".to_string())
}

/// What the player does at a moment of the script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cue {
    /// Give the app this action.
    Act(Action),
    /// Press this key: the keymap of the moment says what it does.
    Press(Key),
}

/// The pause between typed letters, so a search reads as typing.
pub const TYPING: Duration = Duration::from_millis(90);
/// The pause after every other step, so each change is seen.
pub const BEAT: Duration = Duration::from_millis(400);

/// A script laid out in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// Each cue with its time from the start.
    pub cues: Vec<(Duration, Cue)>,
    /// When the script is over: its last cue and the waits after it.
    pub end: Duration,
}

/// Each cue with its time from the start of the script.
pub fn timeline(steps: &[Step]) -> Timeline {
    let mut at = Duration::ZERO;
    let mut cues = Vec::new();
    let mut push = |at: &mut Duration, cue: Cue, pause: Duration| {
        cues.push((*at, cue));
        *at += pause;
    };
    for step in steps {
        match step {
            Step::Search(words) => {
                // Enough Esc to close a popup, leave the page and clear the query.
                for _ in 0..4 {
                    push(&mut at, Cue::Act(Action::Back), Duration::ZERO);
                }
                for c in words.chars() {
                    push(&mut at, Cue::Act(Action::Input(c)), TYPING);
                }
                at += BEAT;
            }
            Step::Wait(wait) => at += *wait,
            // From the search line the first Enter selects the first match, the next
            // reads it; from the list the second does nothing.
            Step::Open => {
                push(&mut at, Cue::Act(Action::Confirm), Duration::ZERO);
                push(&mut at, Cue::Act(Action::Confirm), BEAT);
            }
            Step::Join => push(&mut at, Cue::Act(Action::Join), BEAT),
            Step::Key(key) => push(&mut at, Cue::Press(*key), BEAT),
            Step::Say(text) => push(&mut at, Cue::Act(Action::Caption(text.clone())), BEAT),
        }
    }
    Timeline { cues, end: at }
}

#[cfg(test)]
mod tests;
