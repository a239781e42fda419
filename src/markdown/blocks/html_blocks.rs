//! HTML tags turned into the renderer's blocks, the same ones Markdown makes: `<p>` is a
//! paragraph, `<ul>` a list, `<table>` a table, `<a href>` a numbered link, `<img>` its
//! alt text, `<iframe>` its title and a link. Unknown tags keep their text.

use super::Renderer;
use crate::markdown::closing::closed_by;
use crate::markdown::html::HtmlToken;

/// What an open HTML element did, so its end tag can undo it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::markdown) enum Effect {
    Block,
    Paragraph,
    Heading,
    Quote,
    List,
    Item,
    Link,
    Style,
    Code,
    Table,
    Cell,
    Caption,
    Nothing,
}

/// An HTML element whose end tag has not come yet.
pub(in crate::markdown) struct OpenElement {
    name: String,
    effect: Effect,
    containers: usize,
    styles: usize,
}

/// Elements that have no end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "hr" | "img" | "input" | "wbr" | "meta" | "link" | "source" | "col" | "area"
    )
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "main"
            | "nav"
            | "figure"
            | "figcaption"
            | "center"
            | "address"
            | "details"
            | "summary"
            | "dl"
            | "dt"
            | "dd"
            | "form"
            | "fieldset"
    )
}

impl Renderer<'_> {
    /// Applies a run of HTML tokens.
    pub fn html(&mut self, tokens: Vec<HtmlToken>) {
        for token in tokens {
            match token {
                HtmlToken::Text(text) => self.html_text(&text),
                HtmlToken::Start { .. } => self.html_start(&token),
                HtmlToken::End { name } => self.html_end(&name),
            }
        }
    }

    fn html_text(&mut self, text: &str) {
        if self.code.is_some() {
            self.text(text);
            return;
        }
        let text = text.replace(['\n', '\r', '\t'], " ");
        if text.trim().is_empty() && self.runs.is_empty() {
            return;
        }
        self.text(&text);
    }

    fn html_start(&mut self, token: &HtmlToken) {
        let HtmlToken::Start { name, .. } = token else {
            return;
        };
        let name = name.as_str();
        if let Some(id) = token.attr("id").or(token.attr("name"))
            && !id.is_empty()
            && (name != "a" || token.attr("href").is_none())
        {
            self.anchor(id);
        }
        self.close_implied(name);
        let containers = self.containers.len();
        let styles = self.styles_len();
        let effect = match name {
            "br" => {
                self.hard_break();
                Effect::Nothing
            }
            "hr" => {
                self.rule();
                Effect::Nothing
            }
            "img" => {
                self.image_with_alt(token.attr("alt").unwrap_or(""));
                Effect::Nothing
            }
            "iframe" | "embed" | "video" | "audio" => {
                let src = token.attr("src").unwrap_or("");
                self.frame(token.attr("title").unwrap_or(""), src);
                Effect::Nothing
            }
            "input" if token.attr("type") == Some("checkbox") => {
                let done = token.attr("checked").is_some();
                self.text(if done { "[x] " } else { "[ ] " });
                Effect::Nothing
            }
            "p" => {
                self.open_paragraph();
                Effect::Paragraph
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.open_heading(matches!(name, "h1" | "h2"), None);
                Effect::Heading
            }
            "blockquote" => {
                self.open_quote();
                Effect::Quote
            }
            "ul" | "ol" | "menu" => {
                let start = (name == "ol").then(|| {
                    token
                        .attr("start")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1)
                });
                self.open_list(start);
                Effect::List
            }
            "li" => {
                self.open_item();
                Effect::Item
            }
            "a" => match token.attr("href") {
                Some(href) if self.open_link(href.trim()) => Effect::Link,
                _ => Effect::Nothing,
            },
            "em" | "i" | "cite" | "var" | "dfn" => {
                self.push_style(self.theme.emphasis);
                Effect::Style
            }
            "strong" | "b" | "mark" => {
                self.push_style(self.theme.strong);
                Effect::Style
            }
            "del" | "s" | "strike" => {
                self.push_style(self.theme.strike);
                Effect::Style
            }
            "code" | "kbd" | "samp" | "tt" => {
                self.push_style(self.theme.code);
                Effect::Style
            }
            "pre" => {
                self.open_code();
                Effect::Code
            }
            "table" => {
                self.open_table(Vec::new());
                Effect::Table
            }
            "tr" | "td" | "th" if self.table.is_none() => {
                // Rows whose table ended (a blank line broke the HTML block) are blocks.
                self.block_break();
                Effect::Block
            }
            "tr" => {
                self.open_row();
                Effect::Nothing
            }
            "td" | "th" => {
                self.open_cell();
                Effect::Cell
            }
            "caption" => {
                self.open_caption();
                Effect::Caption
            }
            name if is_block(name) => {
                self.block_break();
                if name == "dt" {
                    self.push_style(self.theme.strong);
                }
                Effect::Block
            }
            _ => Effect::Nothing,
        };
        if !is_void(name) {
            self.html_open.push(OpenElement {
                name: name.to_string(),
                effect,
                containers,
                styles,
            });
        }
    }

    /// A new item ends the open item, a new cell the open cell, a new paragraph the
    /// open paragraph, as HTML's own rules say.
    fn close_implied(&mut self, name: &str) {
        let closes: &[&str] = match name {
            "li" => &["li"],
            "td" | "th" => &["td", "th"],
            "tr" => &["td", "th", "tr"],
            "p" | "ul" | "ol" | "table" | "h1" | "h2" | "h3" | "h4" | "div" | "blockquote" => {
                &["p"]
            }
            _ => return,
        };
        while let Some(top) = self.html_open.last() {
            if !closes.contains(&top.name.as_str()) {
                break;
            }
            let element = self.html_open.pop().expect("checked above");
            self.undo(element);
        }
    }

    fn html_end(&mut self, name: &str) {
        if name == "br" {
            self.hard_break();
            return;
        }
        let Some(closed) = closed_by(&self.html_open, |e| e.name == name) else {
            return;
        };
        for _ in 0..closed {
            if let Some(element) = self.html_open.pop() {
                self.undo(element);
            }
        }
    }

    fn undo(&mut self, element: OpenElement) {
        match element.effect {
            Effect::Block | Effect::Paragraph => self.block_break(),
            Effect::Heading => self.close_heading(),
            Effect::Quote => {
                self.flush();
                self.truncate_containers(element.containers);
                self.blank_after_block();
            }
            Effect::List => {
                self.truncate_containers(element.containers);
                self.blank_after_block();
            }
            Effect::Item => self.truncate_containers(element.containers),
            Effect::Link => self.close_link(),
            Effect::Code => self.close_code(),
            Effect::Table => self.close_table(),
            Effect::Cell => self.close_cell(),
            Effect::Caption => self.close_caption(),
            Effect::Style | Effect::Nothing => {}
        }
        if matches!(
            element.effect,
            Effect::Style | Effect::Heading | Effect::Quote | Effect::Link | Effect::Block
        ) {
            self.truncate_styles(element.styles);
        }
    }

    /// Closes every HTML element still open at the end of the page.
    pub fn close_all_html(&mut self) {
        while let Some(element) = self.html_open.pop() {
            self.undo(element);
        }
    }
}
