//! The help overlay laid out for a screen size: where it sits and its lines. `update`
//! scrolls it as far as the view draws it because both use this.

use ratatui::layout::Rect;

use super::keymap::Keymap;
use super::layout::centered;
use crate::text::width_of;

/// Widest the help overlay grows.
const HELP_WIDTH: u16 = 90;
/// Columns of border and padding around the text.
const CHROME: u16 = 4;
/// Spaces before a key and between the key column and its text.
const INDENT: usize = 2;
const GAP: usize = 1;

/// One line of the help text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Blank,
    Title(&'static str),
    /// A key (blank on the lines its text wraps onto), padded to the one key column
    /// all sections share, and a piece of its text.
    Entry {
        key: String,
        text: String,
    },
}

/// The help overlay for a screen: its rectangle (over everything but the status bar)
/// and every line of its text, wrapped to fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLayout {
    pub area: Rect,
    pub lines: Vec<HelpLine>,
}

impl HelpLayout {
    pub fn new(keymap: &Keymap, screen: Rect) -> Self {
        let above_status = Rect {
            height: screen.height.saturating_sub(1),
            ..screen
        };
        let width = HELP_WIDTH.min(above_status.width);
        let lines = help_lines(keymap, usize::from(width.saturating_sub(CHROME)));
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        Self {
            area: centered(above_status, width, height),
            lines,
        }
    }

    /// Lines of text the overlay shows at once.
    pub fn rows(&self) -> usize {
        usize::from(self.area.height.saturating_sub(2))
    }

    /// Furthest the text scrolls: its last line at the bottom.
    pub fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.rows())
    }
}

/// Every section of the keymap's help, with one key column for all of them (at most a
/// third of the width, or 12 columns: a longer key gets a line of its own) and the text
/// wrapped at words.
pub fn help_lines(keymap: &Keymap, width: usize) -> Vec<HelpLine> {
    let sections = keymap.help_sections();
    let widest = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(key, _)| width_of(key)))
        .max()
        .unwrap_or(0);
    let column = widest.min((width / 3).max(12));
    let text_width = width.saturating_sub(INDENT + column + GAP).max(8);
    let pad = |key: &str| {
        let fill = column.saturating_sub(width_of(key));
        format!("{}{key}{}", " ".repeat(INDENT), " ".repeat(fill + GAP))
    };
    let mut lines = Vec::new();
    for (title, rows) in sections {
        if !lines.is_empty() {
            lines.push(HelpLine::Blank);
        }
        lines.push(HelpLine::Title(title));
        for (key, help) in rows {
            let mut first = if width_of(&key) > column {
                lines.push(HelpLine::Entry {
                    key: format!("{}{key}", " ".repeat(INDENT)),
                    text: String::new(),
                });
                None
            } else {
                Some(key)
            };
            for piece in wrap_words(help, text_width) {
                let key = match first.take() {
                    Some(key) => pad(&key),
                    None => pad(""),
                };
                lines.push(HelpLine::Entry { key, text: piece });
            }
        }
    }
    lines
}

/// Greedy wrapping at spaces; a word longer than the width is cut.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let line = lines.last_mut().expect("one line at least");
        let used = width_of(line);
        if used > 0 && used + 1 + width_of(word) > width {
            lines.push(crate::text::fit(word, width));
        } else {
            if used > 0 {
                line.push(' ');
            }
            line.push_str(&crate::text::fit(word, width));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_column_for_every_section_and_wrapped_text() {
        let keymap = Keymap::default();
        let layout = HelpLayout::new(&keymap, Rect::new(0, 0, 40, 10));
        assert!(layout.area.bottom() <= 9, "the status bar stays visible");
        let inner = usize::from(layout.area.width - CHROME);
        let mut starts = std::collections::BTreeSet::new();
        for line in &layout.lines {
            if let HelpLine::Entry { key, text } = line {
                assert!(width_of(key) + width_of(text) <= inner, "{key}{text}");
                if !text.is_empty() {
                    starts.insert(width_of(key));
                }
            }
        }
        assert_eq!(starts.len(), 1, "texts start in one column: {starts:?}");
        assert!(layout.max_scroll() > 0);
        assert!(wrap_words("search communities or the whole site", 12).len() > 2);
    }
}
