//! Greedy word wrapping of styled text to a column width, with a prefix on the first
//! line (a list marker, a quote bar) and another on the lines after it.

use std::borrow::Cow;

use ratatui::style::Style;
use unicode_width::UnicodeWidthChar;

use super::page_lines::PageLines;
use crate::text::width_of;

/// A run of text in one style, the unit the renderer builds paragraphs from.
pub type Run = (String, Style);

/// Prefix text and style for the first and the following lines of a block.
#[derive(Debug, Clone, Default)]
pub struct Prefix {
    pub first: Vec<Run>,
    pub rest: Vec<Run>,
}

/// A run of a prefix as lines hold it: repeated on every line, so shared where it can be.
pub(super) type PrefixRun = (Cow<'static, str>, Style);

/// Quote bars and indents as the deepest prefix draws them: a prefix run of bars or of
/// spaces is a slice of these, so every line shares it instead of holding a copy.
const BARS: &str = "│ │ │ │ │ │ │ │ │ │ │ │ │ │ │ │ ";
const SPACES: &str = "                                                                ";

/// `text` as a prefix run: a slice of the shared bars or spaces when it is one.
fn shared(text: String) -> Cow<'static, str> {
    for common in [BARS, SPACES, "• ", "◦ ", "▪ "] {
        if common.starts_with(text.as_str()) {
            return Cow::Borrowed(&common[..text.len()]);
        }
    }
    Cow::Owned(text)
}

/// Prefix runs with runs of one style joined (fewer spans on every line), then shared.
pub(super) fn shared_runs(runs: Vec<Run>) -> Vec<PrefixRun> {
    let mut joined: Vec<Run> = Vec::with_capacity(runs.len());
    for (text, style) in runs {
        match joined.last_mut() {
            Some((last, last_style)) if *last_style == style => last.push_str(&text),
            _ => joined.push((text, style)),
        }
    }
    joined
        .into_iter()
        .filter(|(text, _)| !text.is_empty())
        .map(|(text, style)| (shared(text), style))
        .collect()
}

struct LineBuilder<'o> {
    out: &'o mut PageLines,
    /// How many lines this block has made so far.
    made: usize,
    current: Vec<Run>,
    used: usize,
    width: usize,
    first: Vec<PrefixRun>,
    rest: Vec<PrefixRun>,
}

impl LineBuilder<'_> {
    fn prefix_runs(&self) -> &[PrefixRun] {
        if self.made == 0 {
            &self.first
        } else {
            &self.rest
        }
    }

    fn room(&self) -> usize {
        let prefix: usize = self.prefix_runs().iter().map(|(t, _)| width_of(t)).sum();
        self.width.saturating_sub(prefix).max(1)
    }

    fn push(&mut self, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        self.used += width_of(text);
        match self.current.last_mut() {
            Some((last, last_style)) if *last_style == style => last.push_str(text),
            _ => self.current.push((text.to_string(), style)),
        }
    }

    fn break_line(&mut self) {
        // Trailing spaces serve nothing on screen.
        if let Some((last, _)) = self.current.last_mut() {
            let trimmed = last.trim_end_matches(' ').len();
            last.truncate(trimmed);
        }
        let prefix = if self.made == 0 {
            &self.first
        } else {
            &self.rest
        };
        let spans = prefix.iter().map(|(t, s)| (t.as_ref(), *s)).chain(
            self.current
                .iter()
                .filter(|(t, _)| !t.is_empty())
                .map(|(t, s)| (t.as_str(), *s)),
        );
        self.out.push_spans(Style::new(), spans);
        self.current.clear();
        self.made += 1;
        self.used = 0;
    }

    /// Places one word, breaking before it if it does not fit, and splitting it when it
    /// is wider than a whole line.
    fn word(&mut self, word: &[(&str, Style)], space_before: Option<Style>) {
        let chars = || {
            word.iter()
                .flat_map(|(text, style)| text.chars().map(move |c| (c, *style)))
        };
        let width: usize = chars().map(|(c, _)| c.width().unwrap_or(0)).sum();
        let space = usize::from(space_before.is_some() && self.used > 0);
        if self.used > 0 && self.used + space + width > self.room() {
            self.break_line();
        } else if let (Some(style), 1) = (space_before, space) {
            self.push(" ", style);
        }
        for (c, style) in chars() {
            let w = c.width().unwrap_or(0);
            if self.used > 0 && self.used + w > self.room() {
                self.break_line();
            }
            let mut buf = [0u8; 4];
            self.push(c.encode_utf8(&mut buf), style);
        }
    }
}

/// Wraps runs of styled text to `width` columns into `out`. Spaces separate words; a
/// `\n` in a run forces a line break.
pub fn wrap_runs(runs: &[Run], prefix: Prefix, width: usize, out: &mut PageLines) {
    wrap_styled(
        runs.iter().map(|(t, s)| (t.as_str(), *s)),
        prefix,
        width,
        out,
    );
}

/// As `wrap_runs`, for runs given as slices of text with their styles.
pub fn wrap_styled<'r>(
    runs: impl IntoIterator<Item = (&'r str, Style)>,
    prefix: Prefix,
    width: usize,
    out: &mut PageLines,
) {
    let mut builder = LineBuilder {
        out,
        made: 0,
        current: Vec::new(),
        used: 0,
        width,
        first: shared_runs(prefix.first),
        rest: shared_runs(prefix.rest),
    };
    // The word being read, as slices of the runs (a word may span runs of other styles).
    let mut word: Vec<(&'r str, Style)> = Vec::new();
    let mut space: Option<Style> = None;
    for (text, style) in runs {
        let style = &style;
        let mut start = 0;
        for (at, c) in text.char_indices() {
            if c != ' ' && c != '\n' {
                continue;
            }
            if at > start {
                word.push((&text[start..at], *style));
            }
            start = at + 1;
            if !word.is_empty() {
                builder.word(&word, space.take());
                word.clear();
            }
            if c == ' ' {
                space = Some(*style);
            } else {
                space = None;
                builder.break_line();
            }
        }
        if start < text.len() {
            word.push((&text[start..], *style));
        }
    }
    if !word.is_empty() {
        builder.word(&word, space.take());
    }
    if builder.used > 0 || builder.made == 0 {
        builder.break_line();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &PageLines) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    fn wrap_runs(runs: &[Run], prefix: Prefix, width: usize) -> PageLines {
        let mut out = PageLines::new();
        super::wrap_runs(runs, prefix, width, &mut out);
        out
    }

    fn runs(text: &str) -> Vec<Run> {
        vec![(text.to_string(), Style::new())]
    }

    #[test]
    fn wraps_at_spaces_with_prefixes() {
        let prefix = Prefix {
            first: runs("• "),
            rest: runs("  "),
        };
        let lines = wrap_runs(&runs("one two three four"), prefix, 11);
        assert_eq!(plain(&lines), vec!["• one two", "  three", "  four"]);
    }

    #[test]
    fn splits_words_longer_than_a_line() {
        let lines = wrap_runs(&runs("abcdefghij"), Prefix::default(), 4);
        assert_eq!(plain(&lines), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_characters_count_double() {
        let lines = wrap_runs(&runs("日本語 日本語"), Prefix::default(), 7);
        assert_eq!(plain(&lines), vec!["日本語", "日本語"]);
        for line in lines.iter() {
            assert!(line.width() <= 7);
        }
    }

    #[test]
    fn zero_width_is_safe() {
        let lines = wrap_runs(&runs("abc"), Prefix::default(), 0);
        assert_eq!(plain(&lines), vec!["a", "b", "c"]);
    }
}
