//! Markdown → styled, wrapped lines plus the numbered list of the page's links.

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::shortcodes::expand_shortcodes;
use super::wrap::{Prefix, Run, wrap_runs};
use crate::sanitize::clean_line;
use crate::text::width_of;
use crate::theme::{LinkNotes, Theme};

/// Deepest nesting drawn with its own indent; deeper blocks share the last one.
const MAX_VISIBLE_DEPTH: usize = 8;

/// Where a link leads, as the page marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// A page of this copy of the site: opens inside copdeck.
    Local,
    /// Anywhere else: opens in the browser.
    External,
    /// A `mailto:` link: opens the mail program.
    Mail,
}

impl LinkKind {
    /// The mark shown after a link's number.
    pub fn mark(self) -> &'static str {
        match self {
            Self::Local => "⌂",
            Self::External => "↗",
            Self::Mail => "✉",
        }
    }

    /// How links are marked when no site is known: only mail and the rest.
    pub fn without_site(url: &str) -> Self {
        if url.trim_start().to_ascii_lowercase().starts_with("mailto:") {
            Self::Mail
        } else {
            Self::External
        }
    }
}

/// A link found on a page, numbered by its position in `Rendered::links` (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub url: String,
    pub kind: LinkKind,
}

/// A rendered page body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    pub links: Vec<Link>,
    /// The page's headings: the line each starts on, and its text.
    pub headings: Vec<(usize, String)>,
}

#[derive(Debug, Clone)]
enum Container {
    Quote,
    List { next: Option<u64> },
    Item { marker: Option<String> },
}

/// Renders a page body to `width` columns; `classify` says where each link leads.
pub fn render_markdown(
    body: &str,
    width: usize,
    theme: &Theme,
    classify: &dyn Fn(&str) -> LinkKind,
) -> Rendered {
    let expanded = expand_shortcodes(body);
    let mut renderer = Renderer {
        theme,
        width,
        classify,
        out: Rendered::default(),
        runs: Vec::new(),
        styles: Vec::new(),
        containers: Vec::new(),
        link: None,
        code: None,
        table: None,
        heading_start: None,
    };
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(&expanded, options) {
        renderer.event(event);
    }
    renderer.flush();
    while renderer.out.lines.last().is_some_and(|l| l.width() == 0) {
        renderer.out.lines.pop();
    }
    renderer.out
}

struct Table {
    alignments: Vec<Alignment>,
    rows: Vec<Vec<String>>,
    cell: String,
    in_head: bool,
}

struct Renderer<'t> {
    theme: &'t Theme,
    width: usize,
    classify: &'t dyn Fn(&str) -> LinkKind,
    out: Rendered,
    runs: Vec<Run>,
    styles: Vec<Style>,
    containers: Vec<Container>,
    link: Option<(String, String)>,
    code: Option<String>,
    table: Option<Table>,
    /// The line where the heading being read starts.
    heading_start: Option<usize>,
}

impl Renderer<'_> {
    fn style(&self) -> Style {
        self.styles
            .iter()
            .fold(Style::new(), |acc, style| acc.patch(*style))
    }

    fn text(&mut self, text: &str) {
        if let Some(code) = &mut self.code {
            code.push_str(&crate::sanitize::clean_block(text));
            return;
        }
        let text = clean_line(text);
        if let Some(table) = &mut self.table {
            table.cell.push_str(&text);
            return;
        }
        if let Some((_, link_text)) = &mut self.link {
            link_text.push_str(&text);
        }
        let style = self.style();
        self.runs.push((text.into_owned(), style));
    }

    fn blank(&mut self) {
        if self.out.lines.last().is_some_and(|l| l.width() > 0) {
            self.out.lines.push(Line::default());
        }
    }

    /// The prefix of the current container stack: quote bars and list indents.
    fn prefix(&mut self) -> Prefix {
        let mut prefix = Prefix::default();
        let depth = self.containers.len();
        let skip = depth.saturating_sub(MAX_VISIBLE_DEPTH);
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

    fn in_quote(&self) -> bool {
        self.containers
            .iter()
            .any(|c| matches!(c, Container::Quote))
    }

    /// Wraps the pending inline text into lines.
    fn flush(&mut self) {
        if self.runs.is_empty() {
            return;
        }
        let runs = std::mem::take(&mut self.runs);
        let prefix = self.prefix();
        let lines = wrap_runs(&runs, prefix, self.width);
        self.out.lines.extend(lines);
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                self.styles.push(self.theme.code);
                self.text(&code);
                self.styles.pop();
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.runs.push(("\n".into(), Style::new())),
            Event::Rule => {
                self.flush();
                self.blank();
                let width = self.width.min(60);
                self.out
                    .lines
                    .push(Line::styled("─".repeat(width), self.theme.muted));
                self.blank();
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let tag = html.trim().to_ascii_lowercase();
                if tag.starts_with("<br") {
                    self.runs.push(("\n".into(), Style::new()));
                }
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(name) => self.text(&format!("[^{name}]")),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph if !self.in_item_text() => self.blank_before_block(),
            Tag::Heading { level, .. } => {
                self.flush();
                self.blank();
                let style = match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => self.theme.heading,
                    _ => self.theme.subheading,
                };
                self.styles.push(style);
                self.heading_start = Some(self.out.lines.len());
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.blank_before_block();
                self.containers.push(Container::Quote);
                self.styles.push(self.theme.quote);
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.blank_before_block();
                self.code = Some(String::new());
            }
            Tag::List(start) => {
                self.flush();
                if !self
                    .containers
                    .iter()
                    .any(|c| matches!(c, Container::Item { .. }))
                {
                    self.blank_before_block();
                }
                self.containers.push(Container::List { next: start });
            }
            Tag::Item => {
                self.flush();
                let depth = self
                    .containers
                    .iter()
                    .filter(|c| matches!(c, Container::List { .. }))
                    .count();
                let marker = match self.containers.last_mut() {
                    Some(Container::List { next: Some(n) }) => {
                        let marker = format!("{n}. ");
                        *n += 1;
                        marker
                    }
                    _ => ["• ", "◦ ", "▪ "][(depth.max(1) - 1) % 3].to_string(),
                };
                self.containers.push(Container::Item {
                    marker: Some(marker),
                });
            }
            Tag::Emphasis => self.styles.push(self.theme.emphasis),
            Tag::Strong => self.styles.push(self.theme.strong),
            Tag::Strikethrough => self.styles.push(self.theme.strike),
            Tag::Link { dest_url, .. } => {
                self.link = Some((dest_url.to_string(), String::new()));
                self.styles.push(self.theme.link);
            }
            Tag::Image { dest_url, .. } => {
                self.styles.push(self.theme.muted);
                self.text("[image: ");
                if dest_url.is_empty() {
                    self.text("?");
                }
                self.link = None;
            }
            Tag::Table(alignments) => {
                self.flush();
                self.blank_before_block();
                self.table = Some(Table {
                    alignments,
                    rows: Vec::new(),
                    cell: String::new(),
                    in_head: false,
                });
            }
            Tag::TableHead => {
                if let Some(table) = &mut self.table {
                    table.in_head = true;
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                if let Some(table) = &mut self.table {
                    table.cell.clear();
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.flush(),
            TagEnd::Heading(_) => {
                let text: String = self.runs.iter().map(|(t, _)| t.as_str()).collect();
                if let Some(line) = self.heading_start.take() {
                    self.out.headings.push((line, text.trim().to_string()));
                }
                self.flush();
                self.styles.pop();
                self.blank();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.containers.pop();
                self.styles.pop();
                self.blank_after_block();
            }
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                self.code_block(&code);
                self.blank_after_block();
            }
            TagEnd::List(_) => {
                self.flush();
                self.containers.pop();
                self.blank_after_block();
            }
            TagEnd::Item => {
                self.flush();
                self.containers.pop();
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                self.styles.pop();
            }
            TagEnd::Link => {
                self.styles.pop();
                if let Some((url, text)) = self.link.take() {
                    let kind = (self.classify)(&url);
                    self.out.links.push(Link {
                        text: text.trim().to_string(),
                        url,
                        kind,
                    });
                    let number = self.out.links.len();
                    let mark = match self.theme.link_notes {
                        LinkNotes::Marked => kind.mark(),
                        LinkNotes::References => "",
                    };
                    self.runs
                        .push((format!("[{number}{mark}]"), self.theme.link_number));
                }
            }
            TagEnd::Image => {
                self.text("]");
                self.styles.pop();
            }
            TagEnd::TableCell => {
                if let Some(table) = &mut self.table {
                    let cell = std::mem::take(&mut table.cell);
                    if let Some(row) = table.rows.last_mut() {
                        row.push(cell.trim().to_string());
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(table) = &mut self.table {
                    table.in_head = false;
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.table_lines(&table);
                }
                self.blank_after_block();
            }
            _ => {}
        }
    }

    /// Inside a list item, the item's first paragraph follows its marker directly.
    fn in_item_text(&self) -> bool {
        matches!(self.containers.last(), Some(Container::Item { .. }))
    }

    fn blank_before_block(&mut self) {
        self.flush();
        if !self.in_item_text() && !self.in_quote() {
            self.blank();
        }
    }

    fn blank_after_block(&mut self) {
        if self.containers.is_empty() {
            self.blank();
        }
    }

    fn code_block(&mut self, code: &str) {
        let mut prefix = self.prefix();
        prefix.first.push(("  ".into(), Style::new()));
        prefix.rest.push(("  ".into(), Style::new()));
        for line in code.trim_end_matches('\n').split('\n') {
            let mut wrapped = wrap_code_line(line, &prefix, self.width, self.theme.code);
            self.out.lines.append(&mut wrapped);
        }
    }

    fn table_lines(&mut self, table: &Table) {
        let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let mut widths = vec![0; columns];
        for row in &table.rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(width_of(cell));
            }
        }
        let total: usize = widths.iter().sum::<usize>() + 3 * (columns - 1);
        if total > self.width {
            self.table_as_records(table);
            return;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let style = if r == 0 {
                self.theme.strong
            } else {
                Style::new()
            };
            let mut spans = Vec::new();
            for (i, width) in widths.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::styled(" │ ", self.theme.muted));
                }
                let cell = row.get(i).map_or("", String::as_str);
                let pad = width - width_of(cell);
                let right = matches!(table.alignments.get(i), Some(Alignment::Right));
                let padded = if right {
                    format!("{}{cell}", " ".repeat(pad))
                } else {
                    format!("{cell}{}", " ".repeat(pad))
                };
                spans.push(Span::styled(padded, style));
            }
            self.out.lines.push(Line::from(spans));
            if r == 0 {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                self.out
                    .lines
                    .push(Line::styled(rule.join("─┼─"), self.theme.muted));
            }
        }
    }

    /// A table too wide for the pane: each row as "header: value" lines.
    fn table_as_records(&mut self, table: &Table) {
        let Some((head, rows)) = table.rows.split_first() else {
            return;
        };
        for row in rows {
            for (i, cell) in row.iter().enumerate() {
                let label = head.get(i).map_or("", String::as_str);
                let runs = vec![
                    (format!("{label}: "), self.theme.strong),
                    (cell.clone(), Style::new()),
                ];
                let lines = wrap_runs(&runs, Prefix::default(), self.width);
                self.out.lines.extend(lines);
            }
            self.out.lines.push(Line::default());
        }
    }
}

/// A code line keeps its spaces; it is cut into pieces when wider than the pane.
fn wrap_code_line(line: &str, prefix: &Prefix, width: usize, style: Style) -> Vec<Line<'static>> {
    let prefix_width: usize = prefix.first.iter().map(|(t, _)| width_of(t)).sum();
    let room = width.saturating_sub(prefix_width).max(1);
    let mut lines = Vec::new();
    let mut piece = String::new();
    let mut used = 0;
    let make = |piece: String| {
        let mut spans: Vec<Span<'static>> = prefix
            .rest
            .iter()
            .map(|(t, s)| Span::styled(t.clone(), *s))
            .collect();
        spans.push(Span::styled(piece, style));
        Line::from(spans)
    };
    for c in line.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room && used > 0 {
            lines.push(make(std::mem::take(&mut piece)));
            used = 0;
        }
        piece.push(c);
        used += w;
    }
    lines.push(make(piece));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(body: &str, width: usize) -> (Vec<String>, Vec<Link>) {
        let rendered = render_markdown(body, width, &Theme::mono(), &LinkKind::without_site);
        let lines = rendered.lines.iter().map(|l| l.to_string()).collect();
        (lines, rendered.links)
    }

    #[test]
    fn renders_blocks_and_numbers_links() {
        let body = "## What we do\n\nWe [meet](https://a.gov/) and [talk](/b/).\n\n\
                    - one\n  - nested\n- two\n\n> quoted\n\n1. first\n2. second\n";
        let (lines, links) = render(body, 40);
        assert_eq!(
            lines,
            vec![
                "What we do",
                "",
                "We meet[1↗] and talk[2↗].",
                "",
                "• one",
                "  ◦ nested",
                "• two",
                "",
                "│ quoted",
                "",
                "1. first",
                "2. second",
            ]
        );
        assert_eq!(
            links[1],
            Link {
                text: "talk".into(),
                url: "/b/".into(),
                kind: LinkKind::External,
            }
        );
    }

    #[test]
    fn renders_tables_code_and_rules() {
        let body = "| a | bb |\n|---|---:|\n| x | 1 |\n\n```\nfn x() {}\n  y\n```\n\n---\n";
        let (lines, _) = render(body, 20);
        assert_eq!(lines[0], "a │ bb");
        assert_eq!(lines[1], "──┼───");
        assert_eq!(lines[2], "x │  1");
        assert!(lines.contains(&"  fn x() {}".to_string()), "{lines:?}");
        assert!(lines.contains(&"    y".to_string()), "{lines:?}");
        assert!(lines.iter().any(|l| l.starts_with("────")));
    }

    #[test]
    fn escapes_from_entities_are_made_visible() {
        let (lines, _) = render("bad &#27;[2J and &#x9b; here", 80);
        assert_eq!(lines, vec!["bad ␛[2J and � here"]);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let body = format!("{}deep", "> ".repeat(500));
        let (lines, _) = render(&body, 40);
        assert!(
            lines
                .iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 40)
        );
        assert!(lines.iter().any(|l| l.ends_with("deep")));
    }
}
