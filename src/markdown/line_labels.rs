//! Words tied to lines of a page (its headings, its anchors), kept compactly: all the
//! words in one string, each label its line and where its words end. A page of many
//! short headings holds two of these; as vectors of `(usize, String)` they cost about
//! 56 bytes a label, here 8 and the words.

use std::fmt;

/// Labels, each on a line of the page, in the order they were added.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct LineLabels {
    /// The words of every label, one after the other.
    text: String,
    /// Each label's line, and where its words end in `text`.
    entries: Vec<(u32, u32)>,
}

impl LineLabels {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds `label` on `line`; a label past 4 GiB of words or line 4 billion is dropped
    /// (no page comes near either).
    pub fn push(&mut self, line: usize, label: &str) {
        let Ok(line) = u32::try_from(line) else {
            return;
        };
        let Ok(end) = u32::try_from(self.text.len() + label.len()) else {
            return;
        };
        self.text.push_str(label);
        self.entries.push((line, end));
    }

    /// Label `i`: its line and its words.
    pub fn get(&self, i: usize) -> Option<(usize, &str)> {
        let (line, end) = *self.entries.get(i)?;
        let start = match i {
            0 => 0,
            _ => self.entries[i - 1].1 as usize,
        };
        Some((line as usize, &self.text[start..end as usize]))
    }

    pub fn first(&self) -> Option<(usize, &str)> {
        self.get(0)
    }

    pub fn last(&self) -> Option<(usize, &str)> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// Every label, first to last.
    pub fn iter(&self) -> Labels<'_> {
        Labels {
            labels: self,
            next: 0..self.len(),
        }
    }

    /// Adds `other`'s labels, each `offset` lines further down.
    pub fn append_shifted(&mut self, other: &Self, offset: usize) {
        self.text.reserve(other.text.len());
        self.entries.reserve(other.len());
        for (line, label) in other {
            self.push(line + offset, label);
        }
    }

    /// Frees what the vectors hold beyond the labels.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.entries.shrink_to_fit();
    }
}

/// The labels of a `LineLabels`, as `(line, words)`.
#[derive(Debug, Clone)]
pub struct Labels<'a> {
    labels: &'a LineLabels,
    next: std::ops::Range<usize>,
}

impl<'a> Iterator for Labels<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        self.next.next().and_then(|i| self.labels.get(i))
    }

    fn nth(&mut self, n: usize) -> Option<Self::Item> {
        self.next.nth(n).and_then(|i| self.labels.get(i))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.next.size_hint()
    }
}

impl DoubleEndedIterator for Labels<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.next.next_back().and_then(|i| self.labels.get(i))
    }
}

impl ExactSizeIterator for Labels<'_> {}

impl<'a> IntoIterator for &'a LineLabels {
    type Item = (usize, &'a str);
    type IntoIter = Labels<'a>;

    fn into_iter(self) -> Labels<'a> {
        self.iter()
    }
}

impl<'a> FromIterator<(usize, &'a str)> for LineLabels {
    fn from_iter<I: IntoIterator<Item = (usize, &'a str)>>(labels: I) -> Self {
        let mut out = Self::new();
        for (line, label) in labels {
            out.push(line, label);
        }
        out
    }
}

impl fmt::Debug for LineLabels {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_come_back_as_added_and_shifted() {
        let mut labels: LineLabels = [(0, "Top"), (4, ""), (9, "Café ☕")].into_iter().collect();
        assert_eq!(labels.len(), 3);
        assert_eq!(labels.get(1), Some((4, "")));
        assert_eq!(labels.last(), Some((9, "Café ☕")));
        assert_eq!(labels.get(3), None);
        let more: LineLabels = [(1, "Next")].into_iter().collect();
        labels.append_shifted(&more, 20);
        let all: Vec<(usize, &str)> = labels.iter().collect();
        assert_eq!(all, [(0, "Top"), (4, ""), (9, "Café ☕"), (21, "Next")]);
        assert_eq!(labels.iter().rev().nth(1), Some((9, "Café ☕")));
        assert_eq!(labels.iter().nth(3), Some((21, "Next")));
    }
}
