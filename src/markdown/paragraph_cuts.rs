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

/// The first place at or after `from + window` where the paragraph part starting at
/// `from` may be cut, when `from..` is a paragraph part that ends with a long line
/// (starting at `line`) as described above; `None` when there is no such place.
pub fn long_paragraph_cut(text: &str, from: usize, line: usize, window: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let line_end = text[line..].find('\n').map_or(text.len(), |at| line + at);
    let next_line = text[line_end..]
        .trim_start_matches('\n')
        .split('\n')
        .next()
        .unwrap_or("");
    let after_blank = line_end == text.len() || next_line.trim_matches([' ', '\t']).is_empty();
    let end = text[..line_end].trim_end_matches([' ', '\t', '\r']).len();
    if !after_blank || !starts_paragraph(bytes.get(line).copied()) || text[from..end].contains('\r')
    {
        return None;
    }
    let rest = &text[from..end];
    let last = |b: u8| rest.bytes().rposition(|x| x == b).map(|at| from + at);
    let closers = Closers {
        tick: last(b'`'),
        bracket: last(b']'),
        angle: last(b'>'),
        paren: last(b')'),
    };
    let mut seen = Seen::default();
    for at in from..end {
        let byte = bytes[at];
        if byte == b' '
            && at >= from + window
            && at > line
            && !bytes[at - 1].is_ascii_whitespace()
            && starts_paragraph(bytes.get(at + 1).copied())
            && at + 1 < end
            && seen.may_cut(at, &closers)
        {
            return Some(at);
        }
        seen.read(bytes, at);
    }
    None
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
