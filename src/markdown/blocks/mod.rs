//! The renderer's state and its block operations (paragraphs, headings, quotes, lists,
//! links, images), shared by Markdown events and HTML tags. Every operation costs time
//! independent of how deeply blocks are nested.

use ratatui::style::Style;
use ratatui::text::Line;

use crate::markdown::page_text::{anchor_of, without_invisible};
use crate::markdown::rendered::{LinkKind, Rendered};
use crate::markdown::runs::Runs;
use crate::markdown::wrap::{Prefix, wrap_styled};
use crate::sanitize::clean_line;
use crate::text::width_of;
use crate::theme::Theme;
use html_blocks::OpenElement;
use table::Table;

mod html_blocks;
mod link_image;
mod table;
mod table_cells;

/// Deepest nesting drawn with its own indent; deeper blocks share the last one.
const MAX_VISIBLE_DEPTH: usize = 8;

#[derive(Debug, Clone)]
pub(super) enum Container {
    Quote,
    List { next: Option<u64> },
    Item { marker: Option<String> },
}

/// A link being read: where it leads and its words so far.
pub(super) struct OpenLink {
    pub url: String,
    pub text: String,
}

pub(super) struct Renderer<'t> {
    pub theme: &'t Theme,
    pub width: usize,
    pub classify: &'t dyn Fn(&str) -> LinkKind,
    pub out: Rendered,
    pub runs: Runs,
    /// Each entry is the whole style at that depth, so the current one is the last.
    styles: Vec<Style>,
    pub containers: Vec<Container>,
    quotes: usize,
    lists: usize,
    items: usize,
    pub link: Option<OpenLink>,
    pub code: Option<String>,
    pub table: Option<Table>,
    /// Tables read but not yet drawn, and the line each starts on (see `table_lines`).
    pub waiting_tables: Vec<(usize, Table)>,
    /// How many lines those tables will add.
    pub waiting_lines: usize,
    /// The line where the heading being read starts, and its `{#id}`.
    heading: Option<(usize, Option<String>)>,
    /// HTML elements open at this point of the page.
    pub html_open: Vec<OpenElement>,
}

impl<'t> Renderer<'t> {
    pub fn new(theme: &'t Theme, width: usize, classify: &'t dyn Fn(&str) -> LinkKind) -> Self {
        Self {
            theme,
            width,
            classify,
            out: Rendered::default(),
            runs: Runs::default(),
            styles: Vec::new(),
            containers: Vec::new(),
            quotes: 0,
            lists: 0,
            items: 0,
            link: None,
            code: None,
            table: None,
            waiting_tables: Vec::new(),
            waiting_lines: 0,
            heading: None,
            html_open: Vec::new(),
        }
    }

    /// Ends the page: anything still open is closed, trailing blank lines dropped.
    pub fn finish(mut self) -> Rendered {
        self.close_all_html();
        if self.link.is_some() {
            self.close_link();
        }
        if self.table.is_some() {
            self.close_table();
        }
        if self.code.is_some() {
            self.close_code();
        }
        self.flush();
        self.draw_waiting_tables();
        let lines = &mut self.out.lines;
        while lines.last_width() == Some(0) {
            lines.pop();
        }
        lines.shrink_to_fit();
        self.out.headings.shrink_to_fit();
        self.out.anchors.shrink_to_fit();
        self.out.links.shrink_to_fit();
        self.out
    }

    /// How many lines the page has so far, the tables waiting to be drawn included.
    pub fn line_count(&self) -> usize {
        self.out.lines.len() + self.waiting_lines
    }

    pub fn style(&self) -> Style {
        self.styles.last().copied().unwrap_or_default()
    }

    pub fn push_style(&mut self, style: Style) {
        self.styles.push(self.style().patch(style));
    }

    pub fn pop_style(&mut self) {
        self.styles.pop();
    }

    pub fn styles_len(&self) -> usize {
        self.styles.len()
    }

    pub fn truncate_styles(&mut self, len: usize) {
        self.styles.truncate(len);
    }

    /// Page text: made safe, invisible characters dropped, added to the open link's words.
    pub fn text(&mut self, text: &str) {
        if let Some(code) = &mut self.code {
            code.push_str(&crate::sanitize::clean_block(&without_invisible(text)));
            return;
        }
        let text = without_invisible(text);
        let text = clean_line(&text);
        if let Some(link) = &mut self.link {
            link.text.push_str(&text);
        }
        let style = self.style();
        // Text in the style of the run before it joins that run: a paragraph of many
        // pieces (entities, escapes) is a few runs, not one allocation per piece.
        self.runs.join(&text, style);
    }

    /// Text that marks something (an image, a number) rather than being a word of the page.
    pub fn marker(&mut self, text: &str, style: Style) {
        self.runs.push(text, style);
    }

    pub fn hard_break(&mut self) {
        if self.table.is_some() {
            self.runs.push(" ", Style::new());
        } else {
            self.runs.push("\n", Style::new());
        }
    }

    pub fn blank(&mut self) {
        if self.out.lines.last_width().is_some_and(|w| w > 0) {
            self.out.lines.push(Line::default());
        }
    }

    /// The prefix of the current container stack: quote bars and list indents.
    pub fn prefix(&mut self) -> Prefix {
        let mut prefix = Prefix::default();
        let skip = self.containers.len().saturating_sub(MAX_VISIBLE_DEPTH);
        for container in self.containers.iter_mut().skip(skip) {
            match container {
                Container::Quote => {
                    let bar = ("│ ".to_string(), self.theme.quote);
                    prefix.first.push(bar.clone());
                    prefix.rest.push(bar);
                }
                Container::Item { marker } => {
                    let indent = " ".repeat(marker.as_deref().map_or(2, width_of));
                    match marker.take() {
                        Some(m) => prefix.first.push((m, self.theme.accent)),
                        None => prefix.first.push((indent.clone(), Style::new())),
                    }
                    prefix.rest.push((indent, Style::new()));
                }
                Container::List { .. } => {}
            }
        }
        prefix
    }

    /// Wraps the pending inline text into lines (inside a table, text waits for its cell).
    pub fn flush(&mut self) {
        if self.runs.is_empty() || self.table.is_some() {
            return;
        }
        let runs = std::mem::take(&mut self.runs);
        if runs.text().trim().is_empty() {
            return;
        }
        let prefix = self.prefix();
        wrap_styled(runs.iter(), prefix, self.width, &mut self.out.lines);
    }

    /// Inside a list item, the item's first paragraph follows its marker directly.
    fn in_item_text(&self) -> bool {
        matches!(self.containers.last(), Some(Container::Item { .. }))
    }

    pub fn blank_before_block(&mut self) {
        self.flush();
        if !self.in_item_text() && self.quotes == 0 {
            self.blank();
        }
    }

    pub fn blank_after_block(&mut self) {
        if self.containers.is_empty() {
            self.blank();
        }
    }

    fn push_container(&mut self, container: Container) {
        match container {
            Container::Quote => self.quotes += 1,
            Container::List { .. } => self.lists += 1,
            Container::Item { .. } => self.items += 1,
        }
        self.containers.push(container);
    }

    fn pop_container(&mut self) {
        match self.containers.pop() {
            Some(Container::Quote) => self.quotes -= 1,
            Some(Container::List { .. }) => self.lists -= 1,
            Some(Container::Item { .. }) => self.items -= 1,
            None => {}
        }
    }

    pub fn truncate_containers(&mut self, len: usize) {
        while self.containers.len() > len {
            self.flush();
            self.pop_container();
        }
    }

    /// A separation between blocks; inside a table cell or a heading, a space.
    pub fn block_break(&mut self) {
        if self.table.is_some() || self.heading.is_some() {
            self.runs.push(" ", Style::new());
        } else {
            self.flush();
        }
    }

    pub fn open_paragraph(&mut self) {
        if self.table.is_some() {
            self.block_break();
        } else if !self.in_item_text() {
            self.blank_before_block();
        } else {
            self.flush();
        }
    }

    pub fn open_heading(&mut self, major: bool, id: Option<String>) {
        if self.table.is_some() {
            self.block_break();
            return;
        }
        self.flush();
        self.blank();
        let style = if major {
            self.theme.heading
        } else {
            self.theme.subheading
        };
        self.push_style(style);
        self.heading = Some((self.line_count(), id));
    }

    pub fn close_heading(&mut self) {
        let Some((line, id)) = self.heading.take() else {
            return;
        };
        let written = self.take_heading_id();
        let text = self.runs.text().trim().to_string();
        let anchor = id.or(written).unwrap_or_else(|| anchor_of(&text));
        if !anchor.is_empty() {
            self.out.anchors.push(line, &anchor);
        }
        self.out.headings.push(line, &text);
        self.flush();
        self.pop_style();
        self.blank();
    }

    /// A `{#id}` left in a heading's text (where Markdown did not read it as the
    /// heading's id, such as before inline HTML) is taken out and returned.
    fn take_heading_id(&mut self) -> Option<String> {
        for i in (0..self.runs.len()).rev() {
            let (text, _) = self.runs.run(i);
            let Some(start) = text.rfind("{#") else {
                continue;
            };
            let Some(len) = text[start..].find('}') else {
                continue;
            };
            let id = text[start + 2..start + len].trim().to_string();
            let is_id = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'));
            if is_id {
                self.runs.remove_from(i, start..start + len + 1);
                return Some(id);
            }
        }
        None
    }

    /// An element's `id`, as a target for `#anchor` links.
    pub fn anchor(&mut self, id: &str) {
        let line = self.line_count();
        self.out.anchors.push(line, id);
    }

    pub fn open_quote(&mut self) {
        self.flush();
        self.blank_before_block();
        self.push_container(Container::Quote);
        self.push_style(self.theme.quote);
    }

    pub fn close_quote(&mut self) {
        self.flush();
        self.pop_container();
        self.pop_style();
        self.blank_after_block();
    }

    pub fn open_code(&mut self) {
        self.flush();
        self.blank_before_block();
        self.code = Some(String::new());
    }

    pub fn close_code(&mut self) {
        let code = self.code.take().unwrap_or_default();
        self.code_block(&code);
        self.blank_after_block();
    }

    pub fn open_list(&mut self, start: Option<u64>) {
        self.flush();
        if self.items == 0 {
            self.blank_before_block();
        }
        self.push_container(Container::List { next: start });
    }

    pub fn close_list(&mut self) {
        self.flush();
        self.pop_container();
        self.blank_after_block();
    }

    pub fn open_item(&mut self) {
        self.flush();
        let marker = match self.containers.last_mut() {
            Some(Container::List { next: Some(n) }) => {
                let marker = format!("{n}. ");
                *n += 1;
                marker
            }
            _ => ["• ", "◦ ", "▪ "][(self.lists.max(1) - 1) % 3].to_string(),
        };
        if self.table.is_some() {
            self.marker(&format!(" {marker}"), self.theme.accent);
            return;
        }
        self.push_container(Container::Item {
            marker: Some(marker),
        });
    }

    pub fn close_item(&mut self) {
        self.flush();
        self.pop_container();
    }

    pub fn rule(&mut self) {
        if self.table.is_some() {
            return;
        }
        self.flush();
        self.blank();
        let width = self.width.min(60);
        self.out
            .lines
            .push(Line::styled("─".repeat(width), self.theme.muted));
        self.blank();
    }
}
