//! Hugo shortcodes (`{{< name args >}}`) rewritten into the Markdown they stand for,
//! so that no raw `{{<` ever reaches the screen. One pass over the body: each tag is
//! found once and its closing braces are searched for once.

use super::closing::closed_by;
use crate::content::LazySiteData;
use crate::content::model::SITE;
use kinds::{Expansion, Wrap, expand_known};

mod kinds;
mod markup;
mod terms_tables;

/// Boxes (notes, alerts) nested deeper than this open no quote of their own: their
/// heading starts their text, in the deepest box (the renderer draws quotes deeper than
/// eight alike, and a page of thousands of nested notes would be a deep tree to parse).
const MAX_QUOTE_DEPTH: usize = 8;

/// One parsed shortcode tag.
#[derive(Debug, PartialEq)]
pub(super) struct Tag<'a> {
    pub name: &'a str,
    pub closing: bool,
    pub args: Vec<(Option<&'a str>, &'a str)>,
}

impl Tag<'_> {
    pub fn arg(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| *k == Some(key))
            .map(|(_, v)| *v)
    }

    pub fn first_positional(&self) -> Option<&str> {
        self.args.iter().find(|(k, _)| k.is_none()).map(|(_, v)| *v)
    }
}

/// A paired shortcode waiting for its closing tag.
struct Open {
    name: String,
    wrap: Wrap,
    /// What the closing tag writes (a card's link, a blank line).
    close: String,
}

/// The body being rewritten, with the paired shortcodes open at this point.
struct Expander<'d> {
    out: String,
    open: Vec<Open>,
    quotes: usize,
    data: &'d LazySiteData,
    /// The body is read: what is still open is closed, and closing text that is only
    /// blank lines is left out (nothing follows it).
    ending: bool,
}

impl Expander<'_> {
    /// Copies text; inside a quoting shortcode every line becomes part of the quote.
    fn copy(&mut self, text: &str) {
        let depth = self.quotes.min(MAX_QUOTE_DEPTH);
        if depth == 0 {
            self.out.push_str(text);
            return;
        }
        let bars = "> ".repeat(depth);
        let mut lines = text.split('\n');
        if let Some(first) = lines.next() {
            self.out.push_str(first);
        }
        for line in lines {
            self.out.push('\n');
            self.out.push_str(&bars);
            self.out.push_str(line);
        }
    }

    fn tag(&mut self, tag: &Tag<'_>) {
        let name = tag.name.to_ascii_lowercase();
        if tag.closing {
            self.close(&name);
            return;
        }
        // The content layer has already written the page a ref names as its address
        // (`content::refs`); what is left is a site path or a full address.
        if matches!(name.as_str(), "ref" | "relref" | "link") {
            let url = site_url(tag.first_positional().unwrap_or(""));
            self.copy(&url);
            return;
        }
        let Expansion {
            text,
            wrap,
            close,
            deep,
        } = expand_known(&name, tag, self.data);
        if wrap == Some(Wrap::Quote) && self.quotes >= MAX_QUOTE_DEPTH {
            self.copy(&deep);
            let close = "\n\n".to_string();
            self.open.push(Open {
                name,
                wrap: Wrap::Plain,
                close,
            });
            return;
        }
        self.copy(&text);
        if let Some(wrap) = wrap {
            if wrap == Wrap::Quote {
                self.quotes += 1;
            }
            self.open.push(Open { name, wrap, close });
        }
    }

    fn close(&mut self, name: &str) {
        let Some(closed) = closed_by(&self.open, |o| o.name == name) else {
            return;
        };
        for _ in 0..closed {
            let Some(open) = self.open.pop() else {
                break;
            };
            if !(self.ending && open.close.trim().is_empty()) {
                self.copy(&open.close);
            }
            if open.wrap == Wrap::Quote {
                self.quotes -= 1;
                self.out.push_str("\n\n");
            }
        }
    }
}

/// Rewrites every shortcode in a page body into plain Markdown.
pub fn expand_shortcodes(body: &str) -> String {
    expand_shortcodes_with(body, &LazySiteData::default())
}

/// As `expand_shortcodes`, reading image text and tables from the site's data files
/// (the data is read only when a shortcode here needs it).
pub fn expand_shortcodes_with(body: &str, data: &LazySiteData) -> String {
    let mut expander = Expander {
        out: String::with_capacity(body.len() + body.len() / 8),
        open: Vec::new(),
        quotes: 0,
        data,
        ending: false,
    };
    // Where no closing `>}}` (index 0) or `%}}` (index 1) exists any more: an unclosed
    // tag is searched past once, never again for each later tag.
    let mut no_close_from = [usize::MAX; 2];
    let mut pos = 0;
    let mut copied = 0;
    while let Some(found) = body[pos..].find("{{") {
        let start = pos + found;
        let kind = match body.as_bytes().get(start + 2) {
            Some(b'<') => 0,
            Some(b'%') => 1,
            _ => {
                pos = start + 2;
                continue;
            }
        };
        expander.copy(&body[copied..start]);
        let inner_start = start + 3;
        let close = if kind == 0 { ">}}" } else { "%}}" };
        let end = if inner_start >= no_close_from[kind] {
            None
        } else {
            body[inner_start..].find(close).map(|e| inner_start + e)
        };
        let Some(end) = end else {
            // An unclosed tag: drop the opening braces, keep the text.
            no_close_from[kind] = no_close_from[kind].min(inner_start);
            pos = inner_start;
            copied = inner_start;
            continue;
        };
        let inner = &body[inner_start..end];
        match inner
            .trim()
            .strip_prefix("/*")
            .and_then(|i| i.strip_suffix("*/"))
        {
            // `{{</* x */>}}` is how a page shows a shortcode as text.
            Some(shown) => {
                let delims = if kind == 0 {
                    ("{{<", ">}}")
                } else {
                    ("{{%", "%}}")
                };
                expander.copy(&format!("`{}{shown}{}`", delims.0, delims.1));
            }
            None => expander.tag(&parse_tag(inner)),
        }
        pos = end + 3;
        copied = pos;
    }
    expander.copy(&body[copied..]);
    expander.ending = true;
    while !expander.open.is_empty() {
        let name = expander.open[expander.open.len() - 1].name.clone();
        expander.close(&name);
    }
    expander.out
}

fn parse_tag(inner: &str) -> Tag<'_> {
    let inner = inner.trim();
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, inner),
    };
    let name_end = inner
        .find(|c: char| c.is_whitespace() || c == '"')
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    let mut args = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let (key, after_key) = match rest.find('=') {
            Some(eq) if !rest[..eq].contains(['"', ' ', '\'']) => {
                (Some(rest[..eq].trim()), rest[eq + 1..].trim_start())
            }
            _ => (None, rest),
        };
        let (value, after_value) = take_value(after_key);
        args.push((key, value));
        rest = after_value.trim_start();
    }
    Tag {
        name,
        closing,
        args,
    }
}

/// Reads one quoted or bare value from the front of `text`.
fn take_value(text: &str) -> (&str, &str) {
    for quote in ['"', '\'', '`'] {
        if let Some(body) = text.strip_prefix(quote) {
            return match body.find(quote) {
                Some(end) => (&body[..end], &body[end + 1..]),
                None => (body, ""),
            };
        }
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    (&text[..end], &text[end..])
}

/// A site path as a full address: `/communities/x.md` → `https://digital.gov/communities/x/`.
pub fn site_url(path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") {
        return path.to_string();
    }
    let path = path.trim().trim_start_matches('/');
    let (path, anchor) = match path.split_once('#') {
        Some((p, a)) => (p, format!("#{a}")),
        None => (path, String::new()),
    };
    let path = path.strip_suffix(".md").unwrap_or(path);
    let path = path.strip_suffix("_index").unwrap_or(path);
    let path = path.strip_suffix("/index").unwrap_or(path);
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        format!("{SITE}/{anchor}")
    } else {
        format!("{SITE}/{path}/{anchor}")
    }
}

#[cfg(test)]
mod tests;
