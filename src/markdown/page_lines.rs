//! A page's drawn lines in a compact form: all their text in one string, each span an
//! end offset into it and an index into a table of the styles the page uses. A ratatui
//! `Line` (a vector of spans, a string per span) costs 150–300 bytes for a short line;
//! here a line costs its bytes plus 6 bytes a span and 6 a line. `line(i)` makes the
//! `Line` a view draws, borrowing the text, for the lines on screen only.

use std::borrow::Cow;
use std::fmt;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// The lines of a page, with a `Vec`-like API.
#[derive(Clone, Default)]
pub struct PageLines {
    /// The text of every span, one after the other.
    text: String,
    /// Where each span's text ends in `text` (it starts where the one before ends).
    span_ends: Vec<u32>,
    /// Each span's style, as an index into `styles`.
    span_styles: Vec<u16>,
    /// Each line's first span (its spans run to the next line's first).
    line_starts: Vec<u32>,
    /// Each line's own style, as an index into `styles`.
    line_styles: Vec<u16>,
    /// The styles used, each once.
    styles: Vec<Style>,
}

impl PageLines {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.line_starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.line_starts.is_empty()
    }

    /// Adds a line; its alignment is not kept (page lines are never aligned).
    pub fn push(&mut self, line: Line<'_>) {
        debug_assert!(line.alignment.is_none(), "page lines are never aligned");
        self.push_spans(
            line.style,
            line.spans.iter().map(|s| (s.content.as_ref(), s.style)),
        );
    }

    /// Adds a line of these spans, in the line style `style`. A line that would take the
    /// text past 4 GiB is dropped (no page comes near it: pages are read up to a few MiB).
    pub fn push_spans<'a>(
        &mut self,
        style: Style,
        spans: impl IntoIterator<Item = (&'a str, Style)>,
    ) {
        let (text_len, spans_len) = (self.text.len(), self.span_ends.len());
        let Ok(first) = u32::try_from(spans_len) else {
            return;
        };
        for (content, span_style) in spans {
            self.text.push_str(content);
            let Ok(end) = u32::try_from(self.text.len()) else {
                // Too much text: undo this line.
                self.text.truncate(text_len);
                self.span_ends.truncate(spans_len);
                self.span_styles.truncate(spans_len);
                return;
            };
            let index = self.style_index(span_style);
            self.span_ends.push(end);
            self.span_styles.push(index);
        }
        let index = self.style_index(style);
        self.line_starts.push(first);
        self.line_styles.push(index);
    }

    /// The index of `style` in the table, added when it is new. Pages use a few dozen
    /// styles at most; past 65,535 (never reached) a style is drawn as the plain one.
    fn style_index(&mut self, style: Style) -> u16 {
        if let Some(at) = self.styles.iter().rposition(|s| *s == style) {
            return at as u16;
        }
        match u16::try_from(self.styles.len()) {
            Ok(at) => {
                self.styles.push(style);
                at
            }
            Err(_) => self.style_index(Style::new()),
        }
    }

    /// The spans of line `i`, as a range of span indices.
    fn span_range(&self, i: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[i] as usize;
        let end = self
            .line_starts
            .get(i + 1)
            .map_or(self.span_ends.len(), |s| *s as usize);
        start..end
    }

    /// Where span `s` starts in the text.
    fn span_start(&self, s: usize) -> usize {
        match s {
            0 => 0,
            _ => self.span_ends[s - 1] as usize,
        }
    }

    fn span_text(&self, s: usize) -> &str {
        &self.text[self.span_start(s)..self.span_ends[s] as usize]
    }

    /// Line `i` as ratatui draws it, borrowing this page's text.
    ///
    /// # Panics
    /// When there is no line `i`.
    pub fn line(&self, i: usize) -> Line<'_> {
        let spans: Vec<Span<'_>> = self
            .span_range(i)
            .map(|s| {
                Span::styled(
                    Cow::Borrowed(self.span_text(s)),
                    self.styles[usize::from(self.span_styles[s])],
                )
            })
            .collect();
        Line::from(spans).style(self.styles[usize::from(self.line_styles[i])])
    }

    /// The text of line `i`: its spans' text joined, as it is stored.
    pub fn text_of(&self, i: usize) -> &str {
        let range = self.span_range(i);
        if range.is_empty() {
            return "";
        }
        &self.text[self.span_start(range.start)..self.span_ends[range.end - 1] as usize]
    }

    /// The columns line `i` takes, as `Line::width` counts them.
    pub fn width_of(&self, i: usize) -> usize {
        self.span_range(i)
            .map(|s| UnicodeWidthStr::width(self.span_text(s)))
            .sum()
    }

    /// The columns the last line takes.
    pub fn last_width(&self) -> Option<usize> {
        self.len().checked_sub(1).map(|i| self.width_of(i))
    }

    /// The last line.
    pub fn last(&self) -> Option<Line<'_>> {
        self.len().checked_sub(1).map(|i| self.line(i))
    }

    /// Keeps the first `len` lines.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len() {
            return;
        }
        let spans = self.line_starts[len] as usize;
        let text = self.span_start(spans);
        self.line_starts.truncate(len);
        self.line_styles.truncate(len);
        self.span_ends.truncate(spans);
        self.span_styles.truncate(spans);
        self.text.truncate(text);
    }

    /// Removes the last line (its style stays in the table).
    pub fn pop(&mut self) {
        self.truncate(self.len().saturating_sub(1));
    }

    /// Adds line `i` of `other`, copied without making a `Line`.
    pub fn push_from(&mut self, other: &Self, i: usize) {
        let style = other.styles[usize::from(other.line_styles[i])];
        self.push_spans(
            style,
            other.span_range(i).map(|s| {
                (
                    other.span_text(s),
                    other.styles[usize::from(other.span_styles[s])],
                )
            }),
        );
    }

    /// Adds every line of `other` after these.
    pub fn append(&mut self, other: &Self) {
        if self.is_empty() {
            *self = other.clone();
            return;
        }
        self.text.reserve(other.text.len());
        self.span_ends.reserve(other.span_ends.len());
        self.span_styles.reserve(other.span_styles.len());
        self.line_starts.reserve(other.len());
        self.line_styles.reserve(other.len());
        for i in 0..other.len() {
            self.push_from(other, i);
        }
    }

    /// Every line, each made as `line(i)` makes it (skipped lines are not made).
    pub fn iter(&self) -> Lines<'_> {
        Lines {
            page: self,
            next: 0..self.len(),
        }
    }

    /// Frees what the vectors hold beyond their lines.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.span_ends.shrink_to_fit();
        self.span_styles.shrink_to_fit();
        self.line_starts.shrink_to_fit();
        self.line_styles.shrink_to_fit();
    }
}

/// The lines of a page, made one by one as `PageLines::line` makes them.
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    page: &'a PageLines,
    next: std::ops::Range<usize>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        self.next.next().map(|i| self.page.line(i))
    }

    fn nth(&mut self, n: usize) -> Option<Line<'a>> {
        self.next.nth(n).map(|i| self.page.line(i))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.next.size_hint()
    }
}

impl DoubleEndedIterator for Lines<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.next.next_back().map(|i| self.page.line(i))
    }
}

impl ExactSizeIterator for Lines<'_> {}

impl<'a> IntoIterator for &'a PageLines {
    type Item = Line<'a>;
    type IntoIter = Lines<'a>;

    fn into_iter(self) -> Lines<'a> {
        self.iter()
    }
}

impl<'a> Extend<Line<'a>> for PageLines {
    fn extend<I: IntoIterator<Item = Line<'a>>>(&mut self, lines: I) {
        for line in lines {
            self.push(line);
        }
    }
}

impl<'a> FromIterator<Line<'a>> for PageLines {
    fn from_iter<I: IntoIterator<Item = Line<'a>>>(lines: I) -> Self {
        let mut page = Self::new();
        page.extend(lines);
        page
    }
}

impl From<Vec<Line<'_>>> for PageLines {
    fn from(lines: Vec<Line<'_>>) -> Self {
        lines.into_iter().collect()
    }
}

/// Two pages are equal when their lines are, however their style tables are ordered.
impl PartialEq for PageLines {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for PageLines {}

impl fmt::Debug for PageLines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    fn sample() -> Vec<Line<'static>> {
        vec![
            Line::default(),
            Line::from(vec![
                Span::styled("│ ", Style::new().fg(Color::Blue)),
                Span::raw("plain "),
                Span::styled("bold", Style::new().add_modifier(Modifier::BOLD)),
            ]),
            Line::styled("a rule ───", Style::new().dim()),
            Line::from(vec![Span::raw(""), Span::raw("日本語"), Span::raw("")]),
            Line::from("last"),
        ]
    }

    #[test]
    fn lines_come_back_exactly_as_pushed() {
        let lines = sample();
        let page: PageLines = lines.iter().cloned().collect();
        assert_eq!(page.len(), lines.len());
        let back: Vec<Line<'_>> = page.iter().collect();
        assert_eq!(back, lines);
        for (i, line) in lines.iter().enumerate() {
            assert_eq!(page.text_of(i), line.to_string());
            assert_eq!(page.width_of(i), line.width());
        }
    }

    #[test]
    fn truncating_and_appending_keep_lines_whole() {
        let lines = sample();
        let mut page: PageLines = lines.iter().cloned().collect();
        page.pop();
        page.truncate(3);
        assert_eq!(page.iter().collect::<Vec<_>>(), lines[..3]);
        let rest: PageLines = lines[3..].iter().cloned().collect();
        page.append(&rest);
        assert_eq!(page.iter().collect::<Vec<_>>(), lines);
        assert_eq!(page, lines.iter().cloned().collect::<PageLines>());
        assert_eq!(page.last(), lines.last().cloned());
    }

    #[test]
    fn pages_of_the_same_lines_are_equal_whatever_their_style_order() {
        let lines = sample();
        let forward: PageLines = lines.iter().cloned().collect();
        let mut backward = PageLines::new();
        for line in lines.iter().rev() {
            backward.push(line.clone());
        }
        let mut reordered = PageLines::new();
        for i in (0..backward.len()).rev() {
            reordered.push_from(&backward, i);
        }
        assert_eq!(forward, reordered);
        assert_ne!(forward, backward);
    }
}
