//! A long page parsed a window at a time. pulldown-cmark builds its tree of the whole
//! text before giving the first event: 40–50 bytes a node, 10–20× the page for a page
//! of short blocks. Blocks at the top level are independent once the next one has
//! started (a block ends at the line another begins), so the events of every top-level
//! block of a window but the last are those of the whole text; the last may run on past
//! the window, and the next window starts at its line. A top-level block of many parts
//! is cut between them the same way: the items of a list with no blank line from its
//! start to the end of the text (such a list is tight however it is cut), the next
//! window's own start of a list left out; the rows of a table, the next window read
//! after the table's head, its own start and head left out. Only reference definitions
//! reach across blocks (`[x]: /url` anywhere names `[x]` everywhere): a text that may
//! hold one is parsed whole, as is a window holding only part of one block or part,
//! but for a paragraph whose last line runs past the window: that is cut at spaces where
//! no inline construct can run across (`paragraph_cuts`), each part parsed alone, and
//! the parts joined back into one paragraph (the end of one and the start of the next
//! left out, the space between given back as text).

use std::borrow::Cow;
use std::iter::Peekable;

use pulldown_cmark::{DefaultBrokenLinkCallback, Event, OffsetIter, Options, Parser, Tag, TagEnd};

use super::paragraph_cuts::LongLine;

/// How much of a long page is parsed at once; a shorter page is parsed whole.
pub const WINDOW: usize = 64 * 1024;

/// Where a window was cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seam {
    /// Between top-level blocks.
    Blocks,
    /// Between the items of a top-level list.
    Items,
    /// Between the rows of a top-level table whose head (its first two lines) is this
    /// part of the text.
    Rows(usize, usize),
    /// Inside a paragraph longer than a window (after a space that was left out).
    Paragraph,
}

/// Hands `take` the events pulldown-cmark gives for `text`, parsing windows of about
/// `window` bytes (cut at line ends) where that gives the same events. Where the line
/// that would end a window runs past twice `window`, the blocks before it are handed on
/// and the paragraph it ends is parsed in parts where `paragraph_cuts` allows, which
/// gives the same events but for how the texts are cut into `Text` events (and for
/// emphasis across a cut, see there); anything else the rest is parsed whole.
pub fn parse_in_pieces(text: &str, options: Options, window: usize, take: impl FnMut(Event<'_>)) {
    let mut out = Joined { take, carry: None };
    let mut start = 0;
    let mut seam = Seam::Blocks;
    let mut long: Option<LongLine> = None;
    if !text.contains("]:") {
        let last_blank = last_blank_line(text);
        let tight_from = |at: usize| last_blank.is_none_or(|blank| blank < at);
        while text.len() - start > window {
            let rest = &text[start..];
            // Only the first `window` bytes past the window are looked through: a line
            // ending further on is long, however far it runs.
            let end = rest.as_bytes()[window..rest.len().min(2 * window)]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(rest.len(), |at| window + at + 1);
            if end == rest.len() && end <= 2 * window {
                break;
            }
            let long_line = end > 2 * window;
            // Where a long line ends the window, the blocks before it are handed on,
            // then the paragraph it ends (if it does) is cut at spaces.
            let line = match long_line {
                true => rest.as_bytes()[..window]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |at| at + 1),
                false => end,
            };
            if line > 0 {
                let piece = Piece::new(text, start, start + line, seam);
                if let Some((next, next_seam)) =
                    piece.whole_parts(options, &tight_from, &mut |e| out.event(e))
                {
                    (start, seam) = (next, next_seam);
                    continue;
                }
                if !long_line {
                    break;
                }
            }
            if !long.as_ref().is_some_and(|long| long.holds(start + line)) {
                long = LongLine::new(text, start + line);
            }
            let cut = long
                .as_ref()
                .filter(|_| matches!(seam, Seam::Blocks | Seam::Paragraph))
                .and_then(|long| long.cut(text, start, window));
            let carry = cut.and_then(|cut| {
                Piece::new(text, start, cut, seam).paragraph_part(options, &mut |e| out.event(e))
            });
            match (cut, carry) {
                (Some(cut), Some(carry)) => {
                    // What an earlier part carried is still held when this one was
                    // only the text it ends with.
                    out.carry = Some(out.carry.take().unwrap_or_default() + &carry);
                    (start, seam) = (cut + 1, Seam::Paragraph);
                }
                _ => break,
            }
        }
    }
    let piece = Piece::new(text, start, text.len(), seam);
    let mut events = Parser::new_ext(&piece.text, options)
        .into_offset_iter()
        .peekable();
    if piece.skip_seam(&mut events) == 0 && seam == Seam::Paragraph {
        // Not met with the rule of `paragraph_cuts`: the paragraph is closed here.
        out.event(Event::End(TagEnd::Paragraph));
    }
    events.for_each(|(event, _)| out.event(event));
    out.finish();
}

/// Hands events on, joining the text a paragraph part ends with (and the space left out
/// after it) to the next part's first text.
struct Joined<F> {
    take: F,
    carry: Option<String>,
}

impl<F: FnMut(Event<'_>)> Joined<F> {
    fn event(&mut self, event: Event<'_>) {
        match (self.carry.take(), event) {
            (Some(carry), Event::Text(text)) => (self.take)(Event::Text((carry + &text).into())),
            (Some(carry), event) => {
                (self.take)(Event::Text(carry.into()));
                (self.take)(event);
            }
            (None, event) => (self.take)(event),
        }
    }

    fn finish(&mut self) {
        if let Some(carry) = self.carry.take() {
            (self.take)(Event::Text(carry.into()));
        }
    }
}

/// Where the last line of only spaces and tabs starts.
fn last_blank_line(text: &str) -> Option<usize> {
    let mut last = None;
    let (mut line, mut blank) = (0, true);
    for (at, byte) in text.bytes().enumerate() {
        match byte {
            b'\n' => {
                if blank {
                    last = Some(line);
                }
                (line, blank) = (at + 1, true);
            }
            b' ' | b'\t' | b'\r' => {}
            _ => blank = false,
        }
    }
    if blank && line < text.len() {
        last = Some(line);
    }
    last
}

/// One window of the text.
struct Piece<'a> {
    /// The window, after the head of the table it goes on with (if it does).
    text: Cow<'a, str>,
    /// How many bytes of `text` that head is.
    head: usize,
    /// Where the window starts in the whole text.
    base: usize,
    seam: Seam,
}

impl<'a> Piece<'a> {
    /// The window `start..end` of `whole`, which was cut at `seam` before it.
    fn new(whole: &'a str, start: usize, end: usize, seam: Seam) -> Self {
        let (text, head) = match seam {
            Seam::Rows(from, to) => {
                let mut text = String::with_capacity(to - from + end - start);
                text.push_str(&whole[from..to]);
                text.push_str(&whole[start..end]);
                (Cow::Owned(text), to - from)
            }
            _ => (Cow::Borrowed(&whole[start..end]), 0),
        };
        Self {
            text,
            head,
            base: start,
            seam,
        }
    }

    /// Where offset `at` of the window (past its head) is in the whole text.
    fn whole_offset(&self, at: usize) -> usize {
        self.base + at.saturating_sub(self.head)
    }

    /// Leaves out the events of what the window goes on with (the start of the list, the
    /// start and head of the table); returns the depth they leave open.
    fn skip_seam(&self, events: &mut Peekable<OffsetIter<'_, DefaultBrokenLinkCallback>>) -> usize {
        let start = |tag: &Tag<'_>| match self.seam {
            Seam::Blocks => false,
            Seam::Items => matches!(tag, Tag::List(_)),
            Seam::Rows(..) => matches!(tag, Tag::Table(_)),
            Seam::Paragraph => matches!(tag, Tag::Paragraph),
        };
        if events
            .next_if(|(e, _)| matches!(e, Event::Start(tag) if start(tag)))
            .is_none()
        {
            return 0;
        }
        if let Seam::Rows(..) = self.seam {
            for (event, _) in events.by_ref() {
                if event == Event::End(TagEnd::TableHead) {
                    break;
                }
            }
        }
        1
    }

    /// Hands on the events of the window before the last top-level block (or item of a
    /// tight top-level list, or row of a top-level table) that starts a line, and
    /// returns where that line is in the whole text and how it was cut; `None` (having
    /// handed on nothing) when there is no such place but the window's start.
    fn whole_parts(
        &self,
        options: Options,
        tight_from: &impl Fn(usize) -> bool,
        take: &mut impl FnMut(Event<'_>),
    ) -> Option<(usize, Seam)> {
        // The events since the last place the window could be cut.
        let mut held: Vec<Event<'_>> = Vec::new();
        let (mut since, mut since_seam) = (self.head, Seam::Blocks);
        let mut events = Parser::new_ext(&self.text, options)
            .into_offset_iter()
            .peekable();
        let mut depth = self.skip_seam(&mut events);
        // The top-level block open, when its parts may be cut apart.
        let mut open = if depth == 1 { self.seam } else { Seam::Blocks };
        for (event, range) in events {
            let cut = match event {
                Event::Start(_) | Event::Rule if depth == 0 => Some(Seam::Blocks),
                Event::Start(Tag::Item) if depth == 1 && open == Seam::Items => Some(open),
                Event::Start(Tag::TableRow) if depth == 1 && matches!(open, Seam::Rows(..)) => {
                    Some(open)
                }
                _ => None,
            };
            let line = self.text[..range.start].rfind('\n').map_or(0, |at| at + 1);
            if let Some(seam) = cut
                && line > since
                && self.text[line..range.start]
                    .bytes()
                    .all(|b| b == b' ' || b == b'\t')
            {
                held.drain(..).for_each(&mut *take);
                (since, since_seam) = (line, seam);
            }
            match event {
                Event::Start(Tag::List(_)) if depth == 0 => {
                    open = match tight_from(self.whole_offset(line)) {
                        true => Seam::Items,
                        false => Seam::Blocks,
                    };
                }
                Event::Start(Tag::Table(_)) if depth == 0 => open = self.table_head(line),
                Event::End(TagEnd::List(_) | TagEnd::Table) if depth == 1 => open = Seam::Blocks,
                _ => {}
            }
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            held.push(event);
        }
        (since > self.head).then(|| (self.whole_offset(since), since_seam))
    }

    /// Hands on the events of the window when it is one paragraph (or goes on with
    /// one) but its last text and its end, and returns that text with the space left
    /// out after the window; hands on nothing and returns `None` when it is not.
    fn paragraph_part(&self, options: Options, take: &mut impl FnMut(Event<'_>)) -> Option<String> {
        let mut events = Parser::new_ext(&self.text, options)
            .into_offset_iter()
            .peekable();
        let mut depth = self.skip_seam(&mut events);
        let mut held: Vec<Event<'_>> = events.map(|(event, _)| event).collect();
        let opened = match self.seam {
            Seam::Paragraph => depth == 1,
            _ => held.first() == Some(&Event::Start(Tag::Paragraph)),
        };
        let one_block = held.iter().enumerate().all(|(at, event)| {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            (depth == 0) == (at + 1 == held.len())
        });
        if !opened || !one_block || held.pop() != Some(Event::End(TagEnd::Paragraph)) {
            return None;
        }
        let carry = match held.pop() {
            Some(Event::Text(last)) => format!("{last} "),
            Some(event) => {
                held.push(event);
                " ".to_owned()
            }
            None => " ".to_owned(),
        };
        held.into_iter().for_each(take);
        Some(carry)
    }

    /// The rows of the table starting at `line` may be cut apart, read after its head
    /// (its first two lines), when the window holds that head.
    fn table_head(&self, line: usize) -> Seam {
        let mut ends = self.text[line..]
            .match_indices('\n')
            .map(|(at, _)| line + at + 1);
        match (ends.next(), ends.next()) {
            (Some(_), Some(end)) => Seam::Rows(self.whole_offset(line), self.whole_offset(end)),
            _ => Seam::Blocks,
        }
    }
}

#[cfg(test)]
#[path = "pieces_tests.rs"]
pub(super) mod tests;
