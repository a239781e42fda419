//! Tables, from Markdown or HTML: cells keep their styled words and the numbers of their
//! links; a table too wide for the pane is drawn as one "header: value" record per row.

use pulldown_cmark::Alignment;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::Renderer;
use super::table_cells::{CellRef, TableCells};
use crate::markdown::page_lines::PageLines;
use crate::markdown::wrap::{Prefix, Run, shared_runs, wrap_runs};
use crate::text::width_of;

/// A cell: runs of styled text on one line.
type Cell = Vec<Run>;

#[derive(Default)]
pub(in crate::markdown) struct Table {
    alignments: Vec<Alignment>,
    cells: TableCells,
    caption: Option<Cell>,
    /// Text found in the table outside any cell: drawn before it, as browsers do.
    stray: Vec<Run>,
    pub in_cell: bool,
}

/// Joins runs of one style and trims the cell's ends, so a cell costs little memory.
fn compact(runs: Vec<Run>) -> Cell {
    let mut cell: Cell = Vec::with_capacity(1);
    for (text, style) in runs {
        let text = text.replace('\n', " ");
        match cell.last_mut() {
            Some((last, last_style)) if *last_style == style => last.push_str(&text),
            _ => cell.push((text, style)),
        }
    }
    if let Some((first, _)) = cell.first_mut() {
        let trimmed = first.trim_start().len();
        first.replace_range(..first.len() - trimmed, "");
    }
    if let Some((last, _)) = cell.last_mut() {
        last.truncate(last.trim_end().len());
    }
    cell.retain(|(t, _)| !t.is_empty());
    cell.shrink_to_fit();
    cell
}

/// Adds text to a row, joining it to the last span when the style is the same: a row
/// of plain cells is one string, which keeps big tables small in memory.
fn push_merged(spans: &mut Vec<Span<'static>>, text: &str, style: Style) {
    match spans.last_mut() {
        Some(last) if last.style == style => last.content.to_mut().push_str(text),
        _ => spans.push(Span::styled(text.to_string(), style)),
    }
}

/// Padding: spaces in whatever style the row ends with (spaces show no colour but
/// a background, and table cells set none).
fn push_spaces(spans: &mut Vec<Span<'static>>, count: usize) {
    if count == 0 {
        return;
    }
    let lines_through = Modifier::UNDERLINED | Modifier::CROSSED_OUT;
    match spans.last_mut() {
        Some(last) if !last.style.add_modifier.intersects(lines_through) => {
            last.content
                .to_mut()
                .extend(std::iter::repeat_n(' ', count));
        }
        _ => spans.push(Span::raw(" ".repeat(count))),
    }
}

impl Renderer<'_> {
    pub fn open_table(&mut self, alignments: Vec<Alignment>) {
        if self.table.is_some() {
            return;
        }
        self.flush();
        self.blank_before_block();
        self.table = Some(Table {
            alignments,
            ..Table::default()
        });
    }

    pub fn open_row(&mut self) {
        if let Some(table) = &mut self.table {
            table.cells.open_row();
        }
    }

    /// Text read in the table but outside a cell is kept aside.
    fn keep_stray(&mut self) {
        let runs = std::mem::take(&mut self.runs);
        if let Some(table) = &mut self.table
            && !runs.text().trim().is_empty()
        {
            table.stray.push((" ".into(), Style::new()));
            table.stray.extend(runs.to_vec());
        }
    }

    /// Starts a cell.
    pub fn open_cell(&mut self) {
        self.keep_stray();
        if let Some(table) = &mut self.table {
            table.in_cell = true;
        }
    }

    pub fn close_cell(&mut self) {
        if self.table.is_none() {
            return;
        }
        let runs = std::mem::take(&mut self.runs);
        if let Some(table) = self.table.as_mut() {
            table.in_cell = false;
            table.cells.push_cell(&compact(runs.to_vec()));
        }
    }

    /// Whether a table is open and its text is outside any cell.
    pub fn outside_cells(&self) -> bool {
        self.table.as_ref().is_some_and(|t| !t.in_cell)
    }

    pub fn open_caption(&mut self) {
        self.keep_stray();
    }

    pub fn close_caption(&mut self) {
        let runs = std::mem::take(&mut self.runs);
        if let Some(table) = &mut self.table {
            table.caption = Some(compact(runs.to_vec()));
        }
    }

    pub fn close_table(&mut self) {
        if self.outside_cells() {
            self.keep_stray();
        }
        let Some(mut table) = self.table.take() else {
            return;
        };
        if table.in_cell {
            self.runs.clear();
        }
        let stray = compact(std::mem::take(&mut table.stray));
        if !stray.is_empty() {
            let prefix = self.prefix();
            wrap_runs(&stray, prefix, self.width, &mut self.out.lines);
            self.blank();
        }
        if let Some(caption) = table.caption.take().filter(|c| !c.is_empty()) {
            wrap_runs(&caption, Prefix::default(), self.width, &mut self.out.lines);
        }
        self.table_lines(table);
        self.blank_after_block();
    }

    /// A table that fits is drawn once the whole page is read (`draw_waiting_tables`),
    /// when the Markdown parser's tree is gone: until then only its last line, which the
    /// blocks after it look at, is in the page; the others are counted in
    /// `waiting_lines`. A table too wide for the pane is drawn as records at once.
    fn table_lines(&mut self, table: Table) {
        let widths = table.cells.widths();
        let columns = widths.len();
        if columns == 0 {
            return;
        }
        let total: usize = widths.iter().sum::<usize>() + 3 * (columns - 1);
        if total > self.width {
            self.table_as_records(&table.cells);
            return;
        }
        // Each row is a line, and a rule follows the first.
        let rows = table.cells.row_count();
        let last = match table.cells.rows().last() {
            Some(row) if rows > 1 => self.table_row(&table, rows - 1, &row),
            _ => self.table_rule(widths),
        };
        self.waiting_tables.push((self.out.lines.len(), table));
        self.waiting_lines += rows;
        self.out.lines.push(last);
    }

    /// Draws the tables that waited for the page's end (see `table_lines`), each before
    /// its last line.
    pub fn draw_waiting_tables(&mut self) {
        if self.waiting_tables.is_empty() {
            return;
        }
        let page = std::mem::take(&mut self.out.lines);
        let mut lines = PageLines::new();
        let mut waiting = std::mem::take(&mut self.waiting_tables)
            .into_iter()
            .peekable();
        for i in 0..page.len() {
            if let Some((_, table)) = waiting.next_if(|(at, _)| *at == i) {
                // Every line but the last, the last row's or the rule's, drawn already.
                let rows = table.cells.row_count();
                for (r, row) in table.cells.rows().enumerate().take(rows.max(2) - 1) {
                    lines.push(self.table_row(&table, r, &row));
                    if r == 0 && rows > 1 {
                        lines.push(self.table_rule(table.cells.widths()));
                    }
                }
            }
            lines.push_from(&page, i);
        }
        self.waiting_lines = 0;
        self.out.lines = lines;
    }

    /// The rule under a table's first row.
    fn table_rule(&self, widths: &[usize]) -> Line<'static> {
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        Line::styled(rule.join("─┼─"), self.theme.muted)
    }

    /// Row `r` of a table that fits: its cells padded to their columns' widths.
    fn table_row(&self, table: &Table, r: usize, row: &[CellRef<'_>]) -> Line<'static> {
        let widths = table.cells.widths();
        let columns = widths.len();
        let mut spans: Vec<Span<'static>> = Vec::with_capacity(2);
        for (i, width) in widths.iter().enumerate() {
            if i > 0 {
                push_merged(&mut spans, " │ ", self.theme.muted);
            }
            let cell = row.get(i).copied();
            let pad = width - cell.map_or(0, CellRef::width);
            let right = matches!(table.alignments.get(i), Some(Alignment::Right));
            if right {
                push_spaces(&mut spans, pad);
            }
            for (text, style) in cell.into_iter().flat_map(CellRef::runs) {
                let style = if r == 0 {
                    style.patch(self.theme.strong)
                } else {
                    style
                };
                push_merged(&mut spans, text, style);
            }
            if !right && i + 1 < columns {
                push_spaces(&mut spans, pad);
            }
        }
        Line::from(spans)
    }

    /// A table too wide for the pane: each row as "header: value" lines.
    fn table_as_records(&mut self, cells: &TableCells) {
        if cells.row_count() == 1 {
            // A table of one row lays out blocks side by side: each cell is a paragraph.
            for cell in cells.rows().flatten() {
                if !cell.is_empty() {
                    wrap_runs(
                        &cell.to_runs(),
                        Prefix::default(),
                        self.width,
                        &mut self.out.lines,
                    );
                    self.out.lines.push(Line::default());
                }
            }
            return;
        }
        let mut rows = cells.rows();
        let Some(head) = rows.next() else {
            return;
        };
        let labels: Vec<String> = head
            .iter()
            .map(|cell| cell.runs().map(|(t, _)| t).collect())
            .collect();
        for row in rows {
            for (i, cell) in row.into_iter().enumerate() {
                let label = labels.get(i).map_or("", String::as_str);
                let mut runs = Vec::new();
                if !label.is_empty() {
                    runs.push((format!("{label}: "), self.theme.strong));
                }
                runs.extend(cell.to_runs());
                wrap_runs(&runs, Prefix::default(), self.width, &mut self.out.lines);
            }
            self.out.lines.push(Line::default());
        }
    }
}

/// A code line keeps its spaces; it is cut into pieces when wider than the pane.
pub(in crate::markdown) fn wrap_code_line(
    line: &str,
    prefix: &Prefix,
    width: usize,
    style: Style,
    out: &mut PageLines,
) {
    let prefix_width: usize = prefix.first.iter().map(|(t, _)| width_of(t)).sum();
    let room = width.saturating_sub(prefix_width).max(1);
    let rest = shared_runs(prefix.rest.clone());
    let mut push = |piece: &str| {
        let spans = rest.iter().map(|(t, s)| (t.as_ref(), *s));
        out.push_spans(Style::new(), spans.chain([(piece, style)]));
    };
    let mut start = 0;
    let mut used = 0;
    for (at, c) in line.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room && used > 0 {
            push(&line[start..at]);
            start = at;
            used = 0;
        }
        used += w;
    }
    push(&line[start..]);
}

impl Renderer<'_> {
    pub fn code_block(&mut self, code: &str) {
        let mut prefix = self.prefix();
        prefix.first.push(("  ".into(), Style::new()));
        prefix.rest.push(("  ".into(), Style::new()));
        for line in code.trim_end_matches('\n').split('\n') {
            wrap_code_line(
                line,
                &prefix,
                self.width,
                self.theme.code,
                &mut self.out.lines,
            );
        }
    }
}
