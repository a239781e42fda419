//! The styled text of the paragraph being read, kept compactly until it is wrapped: all
//! its text in one string, each run an end offset and an index into the styles it uses.
//! A paragraph of many links is three runs a link; as `(String, Style)` pairs a run
//! cost about 70 bytes, here 6 and its text.

use ratatui::style::Style;

use super::wrap::Run;

/// Runs of styled text, in order.
#[derive(Debug, Clone, Default)]
pub struct Runs {
    text: String,
    /// Where each run ends in `text` (it starts where the one before ends).
    ends: Vec<u32>,
    /// Each run's style, as an index into `table`.
    styles: Vec<u16>,
    table: Vec<Style>,
}

impl Runs {
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Adds a run of its own (a marker, a break), even after a run of the same style.
    /// Text that would take the runs past 4 GiB is dropped (no page comes near it).
    pub fn push(&mut self, text: &str, style: Style) {
        let Ok(end) = u32::try_from(self.text.len() + text.len()) else {
            return;
        };
        let index = match self.table.iter().rposition(|s| *s == style) {
            Some(at) => at,
            None => {
                self.table.push(style);
                self.table.len() - 1
            }
        };
        self.text.push_str(text);
        self.ends.push(end);
        self.styles.push(u16::try_from(index).unwrap_or(0));
    }

    /// Adds text, joining the last run when that has the same style.
    pub fn join(&mut self, text: &str, style: Style) {
        match self.last() {
            Some((_, last)) if last == style => {
                if let Ok(end) = u32::try_from(self.text.len() + text.len()) {
                    self.text.push_str(text);
                    if let Some(last_end) = self.ends.last_mut() {
                        *last_end = end;
                    }
                }
            }
            _ => self.push(text, style),
        }
    }

    fn start_of(&self, i: usize) -> usize {
        match i {
            0 => 0,
            _ => self.ends[i - 1] as usize,
        }
    }

    fn get(&self, i: usize) -> (&str, Style) {
        let text = &self.text[self.start_of(i)..self.ends[i] as usize];
        (text, self.table[usize::from(self.styles[i])])
    }

    pub fn last(&self) -> Option<(&str, Style)> {
        self.ends.len().checked_sub(1).map(|i| self.get(i))
    }

    /// Cuts the last run's text to `len` bytes.
    pub fn truncate_last(&mut self, len: usize) {
        let Some(i) = self.ends.len().checked_sub(1) else {
            return;
        };
        let end = (self.start_of(i) + len).min(self.text.len());
        self.text.truncate(end);
        self.ends[i] = end as u32;
    }

    /// Every run, first to last.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Style)> + '_ {
        (0..self.ends.len()).map(|i| self.get(i))
    }

    /// All the runs' text, joined.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Takes `range` (bytes of run `i`'s text, counted from the run's start) out of it.
    pub fn remove_from(&mut self, i: usize, range: std::ops::Range<usize>) {
        let start = self.start_of(i);
        self.text
            .replace_range(start + range.start..start + range.end, "");
        let removed = (range.end - range.start) as u32;
        for end in &mut self.ends[i..] {
            *end -= removed;
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Run `i`: its text and style.
    pub fn run(&self, i: usize) -> (&str, Style) {
        self.get(i)
    }

    /// The runs as owned pairs (for a table cell, which keeps its own few).
    pub fn to_vec(&self) -> Vec<Run> {
        self.iter().map(|(t, s)| (t.to_string(), s)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    #[test]
    fn runs_keep_their_bounds_and_styles() {
        let blue = Style::new().fg(Color::Blue);
        let mut runs = Runs::default();
        runs.join("one ", Style::new());
        runs.join("two", Style::new());
        runs.push("[1]", blue);
        runs.push(" ", Style::new());
        runs.join("{#id} end", Style::new());
        assert_eq!(
            runs.to_vec(),
            vec![
                ("one two".to_string(), Style::new()),
                ("[1]".to_string(), blue),
                (" {#id} end".to_string(), Style::new()),
            ]
        );
        runs.remove_from(2, 1..6);
        assert_eq!(runs.last(), Some(("  end", Style::new())));
        runs.truncate_last(3);
        assert_eq!(runs.text(), "one two[1]  e");
        assert_eq!(runs.run(1), ("[1]", blue));
        assert_eq!(runs.len(), 3);
    }
}
