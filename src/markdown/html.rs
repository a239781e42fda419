//! Raw HTML in a page body read with html5ever's tokenizer: tags, attributes and text
//! with entities decoded. Comments, doctypes and the contents of `<script>`, `<style>`,
//! `<svg>` and the like never come out; the renderer turns the rest into blocks.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// One piece of HTML, as the renderer needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HtmlToken {
    /// An opening tag (lower-case name) with its attributes; `<br/>` comes as one too.
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    /// A closing tag.
    End { name: String },
    /// Text between tags, entities decoded.
    Text(String),
}

impl HtmlToken {
    /// The value of an attribute of a start tag.
    pub fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Self::Start { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
}

/// Elements whose contents are never shown: code, styling and drawings.
fn is_hidden(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "svg" | "math" | "template" | "noscript" | "object" | "head"
    )
}

/// Elements whose contents the tokenizer must read as plain text, not as tags.
fn raw_kind(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "iframe" | "noscript" | "xmp" | "noembed" | "noframes" => Some(RawKind::Rawtext),
        "textarea" | "title" => Some(RawKind::Rcdata),
        _ => None,
    }
}

#[derive(Default)]
struct Collector {
    tokens: RefCell<Vec<HtmlToken>>,
    /// The hidden element being skipped, and how deep inside it the reader is.
    hidden: RefCell<Option<(String, usize)>>,
}

impl Collector {
    fn tag(&self, kind: TagKind, name: &str, attrs: Vec<(String, String)>) {
        let mut hidden = self.hidden.borrow_mut();
        if let Some((skipped, depth)) = hidden.as_mut() {
            if name == skipped.as_str() {
                match kind {
                    TagKind::StartTag => *depth += 1,
                    TagKind::EndTag if *depth > 1 => *depth -= 1,
                    TagKind::EndTag => *hidden = None,
                }
            }
            return;
        }
        if kind == TagKind::StartTag && is_hidden(name) {
            *hidden = Some((name.to_string(), 1));
            return;
        }
        if kind == TagKind::StartTag && name == "iframe" {
            // The frame's own tag says what it shows; what is inside is a fallback.
            *hidden = Some((name.to_string(), 1));
        }
        let name = name.to_string();
        self.tokens.borrow_mut().push(match kind {
            TagKind::StartTag => HtmlToken::Start { name, attrs },
            TagKind::EndTag => HtmlToken::End { name },
        });
    }

    fn text(&self, text: &StrTendril) {
        if self.hidden.borrow().is_some() {
            return;
        }
        let mut tokens = self.tokens.borrow_mut();
        match tokens.last_mut() {
            Some(HtmlToken::Text(last)) => last.push_str(text),
            _ => tokens.push(HtmlToken::Text(text.to_string())),
        }
    }
}

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                let name = (*tag.name).to_ascii_lowercase();
                let attrs = tag
                    .attrs
                    .iter()
                    .map(|a| ((*a.name.local).to_ascii_lowercase(), a.value.to_string()))
                    .collect();
                let self_closing = tag.self_closing;
                self.tag(tag.kind, &name, attrs);
                if tag.kind == TagKind::StartTag
                    && !self_closing
                    && let Some(kind) = raw_kind(&name)
                {
                    return TokenSinkResult::RawData(kind);
                }
            }
            Token::CharacterTokens(text) => self.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The most HTML `HtmlReader::feed_in_pieces` reads before handing its tokens on.
const PIECE: usize = 64 * 1024;

/// A reader for one stretch of HTML fed in pieces (the lines of an HTML block).
pub struct HtmlReader {
    tokenizer: Tokenizer<Collector>,
}

impl Default for HtmlReader {
    fn default() -> Self {
        Self {
            tokenizer: Tokenizer::new(Collector::default(), TokenizerOpts::default()),
        }
    }
}

impl HtmlReader {
    /// Reads the next piece and returns the tokens it completes.
    pub fn feed(&mut self, html: &str) -> Vec<HtmlToken> {
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice(html));
        let _ = self.tokenizer.feed(&input);
        self.tokenizer.sink.tokens.take()
    }

    /// Reads `html` as `feed` does, a piece of at most `PIECE` bytes at a time, handing
    /// the tokens of each piece to `take`: a long line of HTML is never held as tokens
    /// all at once. Text running on into the next piece is handed on whole with it.
    pub fn feed_in_pieces(&mut self, html: &str, mut take: impl FnMut(Vec<HtmlToken>)) {
        let mut rest = html;
        while rest.len() > PIECE {
            let mut end = PIECE;
            while !rest.is_char_boundary(end) {
                end += 1;
            }
            let (piece, after) = rest.split_at(end);
            let mut tokens = self.feed(piece);
            if let Some(HtmlToken::Text(_)) = tokens.last() {
                let text = tokens.pop();
                self.tokenizer.sink.tokens.borrow_mut().extend(text);
            }
            take(tokens);
            rest = after;
        }
        take(self.feed(rest));
    }

    /// Ends the stretch, returning what the last piece left pending.
    pub fn finish(self) -> Vec<HtmlToken> {
        self.tokenizer.end();
        self.tokenizer.sink.tokens.take()
    }
}

/// All tokens of a complete piece of HTML (for a short piece: a long one is better
/// read with `HtmlReader::feed_in_pieces`).
pub fn read_html(html: &str) -> Vec<HtmlToken> {
    let mut reader = HtmlReader::default();
    let mut tokens = reader.feed(html);
    tokens.extend(reader.finish());
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(name: &str, attrs: &[(&str, &str)]) -> HtmlToken {
        HtmlToken::Start {
            name: name.into(),
            attrs: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn reads_tags_attributes_and_decoded_text() {
        let tokens = read_html("<P Class=x>Fish &amp; chips&#8211;<A HREF='/a/'>go</a></p>");
        assert_eq!(
            tokens,
            vec![
                start("p", &[("class", "x")]),
                HtmlToken::Text("Fish & chips–".into()),
                start("a", &[("href", "/a/")]),
                HtmlToken::Text("go".into()),
                HtmlToken::End { name: "a".into() },
                HtmlToken::End { name: "p".into() },
            ]
        );
    }

    #[test]
    fn drops_comments_scripts_styles_and_drawings() {
        let tokens = read_html(
            "a<!-- hidden --><script>if (a < b) { x(\"</p>\") }</script>\
             <style>p { color: red }</style><svg><title>icon</title><svg></svg></svg>b",
        );
        assert_eq!(tokens, vec![HtmlToken::Text("ab".into())]);
    }

    #[test]
    fn a_tag_split_over_pieces_is_read_whole() {
        let mut reader = HtmlReader::default();
        let mut tokens = reader.feed("<a\n");
        tokens.extend(reader.feed("href=\"/x/\">y</a>\n"));
        tokens.extend(reader.finish());
        assert_eq!(tokens[0], start("a", &[("href", "/x/")]));
        assert_eq!(tokens[1], HtmlToken::Text("y".into()));
    }

    #[test]
    fn html_read_in_pieces_gives_the_tokens_it_gives_whole() {
        let html = format!(
            "<p title=\"{}\">{}&amp;é<b>x</b>{}</p>",
            "t".repeat(PIECE),
            "word ".repeat(PIECE / 2),
            "<i>é</i>".repeat(PIECE / 4)
        );
        let mut pieces = Vec::new();
        let mut reader = HtmlReader::default();
        reader.feed_in_pieces(&html, |tokens| pieces.push(tokens));
        pieces.push(reader.finish());
        assert!(pieces.len() > 3);
        assert_eq!(pieces.concat(), read_html(&html));
    }

    #[test]
    fn an_iframe_comes_as_its_tag_alone() {
        let tokens = read_html("<iframe title=\"T\" src=\"s\"><p>no</p></iframe>after");
        assert_eq!(tokens[0], start("iframe", &[("title", "T"), ("src", "s")]));
        assert_eq!(tokens[1], HtmlToken::Text("after".into()));
    }
}
