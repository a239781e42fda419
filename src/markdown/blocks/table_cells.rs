//! A table's cells as the renderer reads them, kept compact: all their text in one
//! string and each style change as an offset, so a table of 100,000 rows costs a few
//! bytes a row beyond its text rather than several allocations a cell. Column widths
//! are counted as cells arrive.

use ratatui::style::Style;

use crate::markdown::wrap::Run;
use crate::text::width_of;

/// Every cell of a table, row by row.
#[derive(Default)]
pub(in crate::markdown) struct TableCells {
    /// The text of every cell, one after another.
    text: String,
    /// Each run of one style: where it starts in `text`, and its style in `styles`.
    runs: Vec<(u32, u32)>,
    /// The styles the runs use, each once.
    styles: Vec<Style>,
    /// Each cell: where its runs end in `runs`.
    cells: Vec<u32>,
    /// Each row: where its cells end in `cells`. A row never has zero cells once a later
    /// row starts: an empty row is reused.
    rows: Vec<u32>,
    /// The widest cell of each column.
    widths: Vec<usize>,
}

/// One cell: its runs of styled text.
#[derive(Clone, Copy)]
pub(in crate::markdown) struct CellRef<'a> {
    table: &'a TableCells,
    runs: (usize, usize),
}

impl<'a> CellRef<'a> {
    /// The cell's runs: text and style.
    pub fn runs(self) -> impl Iterator<Item = (&'a str, Style)> + 'a {
        let table = self.table;
        (self.runs.0..self.runs.1).map(move |i| {
            let (start, style) = table.runs[i];
            let end = table
                .runs
                .get(i + 1)
                .map_or(table.text.len(), |r| r.0 as usize);
            (
                &table.text[start as usize..end],
                table.styles[style as usize],
            )
        })
    }

    /// The cell's width in columns (the sum of its runs' widths).
    pub fn width(self) -> usize {
        self.runs().map(|(t, _)| width_of(t)).sum()
    }

    pub fn is_empty(self) -> bool {
        self.runs.0 == self.runs.1
    }

    /// The cell's runs as owned runs, for wrapping.
    pub fn to_runs(self) -> Vec<Run> {
        self.runs().map(|(t, s)| (t.to_string(), s)).collect()
    }
}

/// An offset or a count as the table keeps it. A table's text comes from one page of at
/// most 4 MiB (its shortcodes expanded), far from `u32::MAX`.
fn small(n: usize) -> u32 {
    u32::try_from(n).expect("a table within one page")
}

impl TableCells {
    /// Starts a row (an empty row before it is reused).
    pub fn open_row(&mut self) {
        if self.last_row_len() != Some(0) {
            self.rows.push(small(self.cells.len()));
        }
    }

    fn last_row_len(&self) -> Option<usize> {
        let end = *self.rows.last()? as usize;
        let start = self
            .rows
            .len()
            .checked_sub(2)
            .map_or(0, |i| self.rows[i] as usize);
        Some(end - start)
    }

    /// Adds a cell to the last row (starting one when there is none).
    pub fn push_cell(&mut self, runs: &[Run]) {
        if self.rows.is_empty() {
            self.open_row();
        }
        let column = self.last_row_len().unwrap_or(0);
        let mut width = 0;
        for (text, style) in runs {
            let style = match self.styles.iter().position(|s| s == style) {
                Some(known) => known,
                None => {
                    self.styles.push(*style);
                    self.styles.len() - 1
                }
            };
            self.runs.push((small(self.text.len()), small(style)));
            self.text.push_str(text);
            width += width_of(text);
        }
        self.cells.push(small(self.runs.len()));
        if let Some(end) = self.rows.last_mut() {
            *end = small(self.cells.len());
        }
        if self.widths.len() <= column {
            self.widths.resize(column + 1, 0);
        }
        self.widths[column] = self.widths[column].max(width);
    }

    /// The widest cell of each column; as many as the longest row has cells.
    pub fn widths(&self) -> &[usize] {
        &self.widths
    }

    fn cell(&self, index: usize) -> CellRef<'_> {
        let start = index.checked_sub(1).map_or(0, |i| self.cells[i] as usize);
        CellRef {
            table: self,
            runs: (start, self.cells[index] as usize),
        }
    }

    /// The rows with at least one cell, each as its cells.
    pub fn rows(&self) -> impl Iterator<Item = Vec<CellRef<'_>>> + '_ {
        let mut start = 0;
        self.rows.iter().filter_map(move |&end| {
            let end = end as usize;
            let row = (start..end).map(|i| self.cell(i)).collect::<Vec<_>>();
            start = end;
            (!row.is_empty()).then_some(row)
        })
    }

    /// How many rows have at least one cell.
    pub fn row_count(&self) -> usize {
        let mut start = 0;
        self.rows
            .iter()
            .filter(|&&end| {
                let end = end as usize;
                let filled = end > start;
                start = end;
                filled
            })
            .count()
    }
}
