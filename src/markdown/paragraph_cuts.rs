//! Where a paragraph longer than a window may be cut, so that its parts can be parsed
//! one at a time (see `pieces`). Only a paragraph that ends with its line running past
//! the window is cut: that line must be followed by a blank line or the end of the
//! text (so no later line can make the paragraph a heading or a table), hold no
//! carriage return, and start with a character no block starts with.
//!
//! A cut is a single space between two characters that are not spaces, the one after
//! it again one no block starts with, where no inline construct of CommonMark can run
//! across it. The rule is conservative: a code span, raw HTML or an autolink, a link's
//! text, destination or title is never cut (either the text since the last cut has no
//! opener of it, or the rest of the paragraph has no closer, or, for code spans and
//! brackets in text with no `<`, the openers since the last cut are all closed). Each
//! part, parsed alone, is then one paragraph whose events are those of the whole, but
//! for emphasis and strikethrough: a run of `*`, `_` or `~` whose partner is across a
//! cut is shown as it is written, where the whole would emphasise. This only happens
//! in a paragraph longer than a window.

/// The long line a paragraph ends with, and where the closers of inline constructs
/// last are in it (found once for all the parts).
pub struct LongLine {
    start: usize,
    end: usize,
    closers: Closers,
}

impl LongLine {
    /// The line starting at `line`, when a paragraph may end with it as described above.
    pub fn new(text: &str, line: usize) -> Option<Self> {
        let line_end = text[line..].find('\n').map_or(text.len(), |at| line + at);
        let next_line = text
            .get(line_end + 1..)
            .unwrap_or("")
            .split('\n')
            .next()
            .unwrap_or("");
        let after_blank = line_end == text.len() || next_line.trim_matches([' ', '\t']).is_empty();
        let end = text[..line_end].trim_end_matches([' ', '\t', '\r']).len();
        if !after_blank
            || !starts_paragraph(text.as_bytes().get(line).copied())
            || text[line..end].contains('\r')
        {
            return None;
        }
        let rest = &text[line..end];
        let last = |c: char| rest.rfind(c).map(|at| line + at);
        let closers = Closers {
            tick: last('`'),
            bracket: last(']'),
            angle: last('>'),
            paren: last(')'),
        };
        Some(Self {
            start: line,
            end,
            closers,
        })
    }

    /// Whether `at` is in this line.
    pub fn holds(&self, at: usize) -> bool {
        (self.start..self.end).contains(&at)
    }

    /// The first place in the line at or after `from + window` where the paragraph part
    /// starting at `from` may be cut; `None` when there is no such place.
    pub fn cut(&self, text: &str, from: usize, window: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut seen = Seen::default();
        for at in from..self.end {
            if bytes[at] == b' '
                && at >= from + window
                && at > self.start
                && !bytes[at - 1].is_ascii_whitespace()
                && starts_paragraph(bytes.get(at + 1).copied())
                && at + 1 < self.end
                && seen.may_cut(at, &self.closers)
            {
                return Some(at);
            }
            seen.read(bytes, at);
        }
        None
    }
}

/// Whether a line starting with this byte is text of a paragraph (no block starts so).
fn starts_paragraph(byte: Option<u8>) -> bool {
    byte.is_some_and(|b| b.is_ascii_alphabetic() || b >= 0x80 || b"&(\"',.;?/%@".contains(&b))
}

/// Where the last closer of each kind is in the paragraph.
struct Closers {
    tick: Option<usize>,
    bracket: Option<usize>,
    angle: Option<usize>,
    paren: Option<usize>,
}

/// What the text since the last cut holds.
#[derive(Default)]
struct Seen {
    tick: bool,
    angle: bool,
    backslash: bool,
    link_tail: bool,
    /// Brackets opened and not closed (a `]` after a backslash never closes).
    brackets: usize,
    /// The length of the backtick run of the code span open, if one is.
    span: Option<usize>,
    /// The length of the backtick run being read.
    run: usize,
}

impl Seen {
    fn read(&mut self, bytes: &[u8], at: usize) {
        let byte = bytes[at];
        let before = at.checked_sub(1).map(|b| bytes[b]);
        if byte == b'`' {
            self.tick = true;
            self.run += 1;
            if bytes.get(at + 1) != Some(&b'`') {
                self.span = match self.span {
                    None => Some(self.run),
                    Some(open) if open == self.run => None,
                    open => open,
                };
                self.run = 0;
            }
        }
        match byte {
            b'<' => self.angle = true,
            b'\\' => self.backslash = true,
            b'[' => self.brackets += 1,
            b']' if before != Some(b'\\') => self.brackets = self.brackets.saturating_sub(1),
            b'(' if before == Some(b']') => self.link_tail = true,
            _ => {}
        }
    }

    /// Whether no code span, HTML, link text or link tail can run across `at`.
    fn may_cut(&self, at: usize, closers: &Closers) -> bool {
        let none_after = |last: Option<usize>| last.is_none_or(|last| last < at);
        let plain = !self.angle && !self.backslash;
        (!self.tick || none_after(closers.tick) || (plain && self.span.is_none()))
            && (!self.angle || none_after(closers.angle))
            && (none_after(closers.bracket) || (!self.tick && !self.angle && self.brackets == 0))
            && (!self.link_tail || none_after(closers.paren))
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};

    use super::super::pieces::tests::in_pieces;
    use super::super::render::OPTIONS;
    use super::*;

    /// The first cut of the paragraph part starting at `from` that ends with the long
    /// line starting at `line`.
    fn long_paragraph_cut(text: &str, from: usize, line: usize, window: usize) -> Option<usize> {
        LongLine::new(text, line)?.cut(text, from, window)
    }

    fn whole(text: &str) -> Vec<Event<'_>> {
        Parser::new_ext(text, OPTIONS).collect()
    }

    /// The events with each run of texts joined into one: where a part's text is joined
    /// to the next part's, the texts are cut where the whole's are not (the renderer
    /// reads a run of texts as one).
    fn joined(events: &[Event<'_>]) -> Vec<Event<'static>> {
        let mut out: Vec<Event<'static>> = Vec::new();
        for event in events {
            match (out.last_mut(), event) {
                (Some(Event::Text(last)), Event::Text(text)) => {
                    *last = format!("{last}{text}").into();
                }
                _ => out.push(event.clone().into_static()),
            }
        }
        out
    }

    fn paragraphs(events: &[Event<'_>]) -> usize {
        let starts = events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Paragraph)))
            .count();
        let ends = events
            .iter()
            .filter(|e| matches!(e, Event::End(TagEnd::Paragraph)))
            .count();
        assert_eq!(starts, ends);
        starts
    }

    /// Ordinary text: words, entities, inline code and emphasis closed within a few
    /// words.
    const SENTENCE: &str = "Words with &amp; entities &#x41; and `inline code`, `` a ` b ``, \
        *emphasis*, __strong__, ~~gone~~, 3 * 4 and a_b here. ";

    /// Ordinary text with links, images and escapes, which the rule leaves uncut.
    const LINKED: &str = "Words and [a link](/to/here \"its title\") with &amp; entities, \
        `inline code`, *emphasis*, ![an image](/i.png) and \\* here. ";

    #[test]
    fn a_long_paragraph_in_parts_gives_the_events_of_the_whole() {
        for text in [
            format!("# Head\n\n{}\n\nAfter.\n", SENTENCE.repeat(60)),
            format!("{}\n", SENTENCE.repeat(60)),
            format!("- item\n\nFirst line\nsecond {}\n", SENTENCE.repeat(60)),
            SENTENCE.repeat(60).trim_end().to_owned(),
            format!("{}\n", LINKED.repeat(60)),
        ] {
            let whole = whole(&text);
            for window in [1, 7, 40, 100, 333, 1000] {
                let parts = in_pieces(&text, window);
                assert_eq!(joined(&parts), joined(&whole), "window {window}: {text}");
                assert_eq!(paragraphs(&parts), paragraphs(&whole));
            }
            let line = text.rfind("Words").unwrap();
            let line = text[..line].rfind('\n').map_or(0, |at| at + 1);
            match long_paragraph_cut(&text, line, line, 200) {
                Some(cut) => assert_eq!(text.as_bytes()[cut], b' '),
                None => assert!(text.contains(LINKED), "no cut: {text}"),
            }
        }
    }

    #[test]
    fn a_long_line_of_entities_is_cut_and_stays_one_paragraph() {
        let text = "&#27;[2J &#x9b; ".repeat(2000);
        let whole = whole(&text);
        for window in [7, 100, 1000] {
            let parts = in_pieces(&text, window);
            assert_eq!(joined(&parts), joined(&whole), "window {window}");
            assert_eq!(paragraphs(&parts), 1);
        }
        assert!(long_paragraph_cut(&text, 0, 0, 1000).is_some());
    }

    #[test]
    fn code_spans_html_and_links_are_never_cut() {
        let words = "many words here ".repeat(40);
        for text in [
            format!("Code `{words}` ends {words}\n"),
            format!("Code `` a ` {words}`` ends {words}\n"),
            format!("Link [{words}](/u) ends {words}\n"),
            format!("Title [l](/u \"{words}\") ends {words}\n"),
            format!("Html <span title=\"{words}\">x</span> ends {words}\n"),
            format!("Comment <!-- {words} > --> ends {words}\n"),
            format!("Nested [a [b](/c) {words}](/d) ends {words}\n"),
            format!("Escaped \\] [x {words}](/d) and \\` `y {words}` ends\n"),
        ] {
            let whole = whole(&text);
            for window in [1, 7, 40, 100, 333] {
                assert_eq!(in_pieces(&text, window), whole, "window {window}: {text}");
            }
        }
    }

    #[test]
    fn a_paragraph_a_later_line_may_change_is_parsed_whole() {
        let words = "many words here ".repeat(40);
        for text in [
            format!("{words}\n===\n"),
            format!("{words}\nmore\n---\n"),
            format!("a | b {words}\n--|--\n"),
            format!("# {words}\n"),
            format!("> {words}\n"),
            format!("- {words}\n"),
            format!("Carriage\rreturn {words}\n"),
        ] {
            assert_eq!(in_pieces(&text, 40), whole(&text), "{text}");
        }
        assert_eq!(
            long_paragraph_cut(&format!("{words}\nmore\n"), 0, 0, 40),
            None
        );
        assert_eq!(long_paragraph_cut(&format!("# {words}"), 0, 0, 40), None);
        assert!(long_paragraph_cut(&format!("{words}\n \nmore\n"), 0, 0, 40).is_some());
    }

    #[test]
    fn emphasis_across_a_cut_is_shown_as_written() {
        let text = format!("Start *{}end* here\n", "word ".repeat(100));
        let parts = in_pieces(&text, 40);
        assert_eq!(paragraphs(&parts), 1);
        assert!(
            !parts
                .iter()
                .any(|e| matches!(e, Event::Start(Tag::Emphasis)))
        );
        let shown: String = parts
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(shown, text.trim_end());
        assert!(
            whole(&text)
                .iter()
                .any(|e| matches!(e, Event::Start(Tag::Emphasis)))
        );
    }
}
