//! Greedy word wrapping of styled text to a column width, with a prefix on the first
//! line (a list marker, a quote bar) and another on the lines after it.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use crate::text::width_of;

/// A run of text in one style, the unit the renderer builds paragraphs from.
pub type Run = (String, Style);

/// Prefix text and style for the first and the following lines of a block.
#[derive(Debug, Clone, Default)]
pub struct Prefix {
    pub first: Vec<Run>,
    pub rest: Vec<Run>,
}

struct LineBuilder {
    lines: Vec<Line<'static>>,
    current: Vec<Run>,
    used: usize,
    width: usize,
    prefix: Prefix,
}

impl LineBuilder {
    fn prefix_runs(&self) -> &[Run] {
        if self.lines.is_empty() {
            &self.prefix.first
        } else {
            &self.prefix.rest
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
        let mut spans: Vec<Span<'static>> = self
            .prefix_runs()
            .iter()
            .map(|(t, s)| Span::styled(t.clone(), *s))
            .collect();
        // Trailing spaces serve nothing on screen.
        if let Some((last, _)) = self.current.last_mut() {
            let trimmed = last.trim_end_matches(' ').len();
            last.truncate(trimmed);
        }
        spans.extend(
            self.current
                .drain(..)
                .filter(|(t, _)| !t.is_empty())
                .map(|(t, s)| Span::styled(t, s)),
        );
        self.lines.push(Line::from(spans));
        self.used = 0;
    }

    /// Places one word, breaking before it if it does not fit, and splitting it when it
    /// is wider than a whole line.
    fn word(&mut self, word: &[(char, Style)], space_before: Option<Style>) {
        let width: usize = word.iter().map(|(c, _)| c.width().unwrap_or(0)).sum();
        let space = usize::from(space_before.is_some() && self.used > 0);
        if self.used > 0 && self.used + space + width > self.room() {
            self.break_line();
        } else if let (Some(style), 1) = (space_before, space) {
            self.push(" ", style);
        }
        for &(c, style) in word {
            let w = c.width().unwrap_or(0);
            if self.used > 0 && self.used + w > self.room() {
                self.break_line();
            }
            let mut buf = [0u8; 4];
            self.push(c.encode_utf8(&mut buf), style);
        }
    }
}

/// Wraps runs of styled text to `width` columns. Spaces separate words; a `\n` in a
/// run forces a line break.
pub fn wrap_runs(runs: &[Run], prefix: Prefix, width: usize) -> Vec<Line<'static>> {
    let mut builder = LineBuilder {
        lines: Vec::new(),
        current: Vec::new(),
        used: 0,
        width,
        prefix,
    };
    let mut word: Vec<(char, Style)> = Vec::new();
    let mut space: Option<Style> = None;
    for (text, style) in runs {
        for c in text.chars() {
            match c {
                ' ' => {
                    if !word.is_empty() {
                        builder.word(&word, space.take());
                        word.clear();
                    }
                    space = Some(*style);
                }
                '\n' => {
                    if !word.is_empty() {
                        builder.word(&word, space.take());
                        word.clear();
                    }
                    space = None;
                    builder.break_line();
                }
                c => word.push((c, *style)),
            }
        }
    }
    if !word.is_empty() {
        builder.word(&word, space.take());
    }
    if builder.used > 0 || builder.lines.is_empty() {
        builder.break_line();
    }
    builder.lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
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
        for line in &lines {
            assert!(line.width() <= 7);
        }
    }

    #[test]
    fn zero_width_is_safe() {
        let lines = wrap_runs(&runs("abc"), Prefix::default(), 0);
        assert_eq!(plain(&lines), vec!["a", "b", "c"]);
    }
}
