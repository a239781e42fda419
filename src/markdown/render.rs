//! Markdown → styled, wrapped lines plus the numbered list of the page's links.
//! Raw HTML in the Markdown becomes the same blocks (see `blocks::html_blocks`).

use std::borrow::Cow;

use pulldown_cmark::{Event, HeadingLevel, Options, Tag, TagEnd};

use super::blocks::Renderer;
use super::html::{HtmlReader, read_html};
use super::nesting::cap_nesting;
use super::pieces::{WINDOW, parse_in_pieces};
use super::rendered::{LinkKind, Rendered};
use super::shortcodes::expand_shortcodes_with;
use crate::content::LazySiteData;
use crate::theme::Theme;

/// The Markdown extensions pages are read with (the tests of the parser use them too).
pub(super) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// Renders a page body to `width` columns; `classify` says where each link leads.
pub fn render_markdown(
    body: &str,
    width: usize,
    theme: &Theme,
    classify: &dyn Fn(&str) -> LinkKind,
) -> Rendered {
    render_with_data(body, width, theme, classify, &LazySiteData::default())
}

/// As `render_markdown`, with the site's data files for the shortcodes that read them
/// (image alt text and captions, the terms-of-service tables): read only if one does.
pub fn render_with_data(
    body: &str,
    width: usize,
    theme: &Theme,
    classify: &dyn Fn(&str) -> LinkKind,
    data: &LazySiteData,
) -> Rendered {
    // A body without shortcodes is read as it is, not copied.
    let expanded: Cow<'_, str> = if body.contains("{{<") || body.contains("{{%") {
        let mut expanded = expand_shortcodes_with(body, data);
        expanded.shrink_to_fit();
        Cow::Owned(expanded)
    } else {
        Cow::Borrowed(body)
    };
    let source = capped(expanded);
    let mut renderer = Renderer::new(theme, width, classify);
    let mut reader: Option<HtmlReader> = None;
    parse_in_pieces(&source, OPTIONS, WINDOW, |event| match event {
        Event::Start(Tag::HtmlBlock) => reader = Some(HtmlReader::default()),
        Event::End(TagEnd::HtmlBlock) => {
            if let Some(reader) = reader.take() {
                renderer.html(reader.finish());
            }
        }
        Event::Html(html) => match reader.as_mut() {
            Some(reader) => reader.feed_in_pieces(&html, |tokens| renderer.html(tokens)),
            None => {
                let mut reader = HtmlReader::default();
                reader.feed_in_pieces(&html, |tokens| renderer.html(tokens));
                renderer.html(reader.finish());
            }
        },
        Event::InlineHtml(html) => renderer.html(read_html(&html)),
        event => renderer.event(event),
    });
    renderer.finish()
}

/// `text` with its nesting capped (see `nesting`): the capped copy replaces it.
fn capped(text: Cow<'_, str>) -> Cow<'_, str> {
    let owned = match cap_nesting(&text) {
        Cow::Owned(capped) => Some(capped),
        Cow::Borrowed(_) => None,
    };
    owned.map_or(text, Cow::Owned)
}

impl Renderer<'_> {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                self.push_style(self.theme.code);
                self.text(&code);
                self.pop_style();
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.hard_break(),
            Event::Rule => self.rule(),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(name) => self.text(&format!("[^{name}]")),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::Html(_) | Event::InlineHtml(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let block = matches!(
            tag,
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::List(_)
                | Tag::Table(_)
        );
        if block && self.outside_cells() {
            // An HTML table left open: Markdown blocks after it are not inside it.
            self.close_table();
        }
        match tag {
            Tag::Paragraph => self.open_paragraph(),
            Tag::Heading { level, id, .. } => {
                let major = matches!(level, HeadingLevel::H1 | HeadingLevel::H2);
                self.open_heading(major, id.map(|id| id.to_string()));
            }
            Tag::BlockQuote(_) => self.open_quote(),
            Tag::CodeBlock(_) => self.open_code(),
            Tag::List(start) => self.open_list(start),
            Tag::Item => self.open_item(),
            Tag::Emphasis => self.push_style(self.theme.emphasis),
            Tag::Strong => self.push_style(self.theme.strong),
            Tag::Strikethrough => self.push_style(self.theme.strike),
            Tag::Link { dest_url, .. } => {
                self.open_link(&dest_url);
            }
            Tag::Image { .. } => self.open_image(),
            Tag::Table(alignments) => self.open_table(alignments),
            Tag::TableHead | Tag::TableRow => self.open_row(),
            Tag::TableCell => self.open_cell(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.flush(),
            TagEnd::Heading(_) => self.close_heading(),
            TagEnd::BlockQuote(_) => self.close_quote(),
            TagEnd::CodeBlock => self.close_code(),
            TagEnd::List(_) => self.close_list(),
            TagEnd::Item => self.close_item(),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.pop_style(),
            TagEnd::Link => self.close_link(),
            TagEnd::Image => self.close_image(),
            TagEnd::TableCell => self.close_cell(),
            TagEnd::Table => self.close_table(),
            _ => {}
        }
    }
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
