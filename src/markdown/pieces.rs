//! A long page parsed a window at a time. pulldown-cmark builds its tree of the whole
//! text before giving the first event: 40–50 bytes a node, 10–20× the page for a page
//! of short blocks. Blocks at the top level are independent once the next one has
//! started (a block ends at the line another begins), so the events of every top-level
//! block of a window but the last are those of the whole text; the last may run on past
//! the window, and the next window starts at its line. The items of a top-level list
//! with no blank line from its start to the end of the text are cut apart the same way
//! (such a list is tight however it is cut), the next window's own start of a list
//! left out. Only reference definitions reach across blocks (`[x]: /url` anywhere names
//! `[x]` everywhere): a text that may hold one is parsed whole, as is a window holding
//! only part of one block or item.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// How much of a long page is parsed at once; a shorter page is parsed whole.
pub const WINDOW: usize = 64 * 1024;

/// Hands `take` the events pulldown-cmark gives for `text`, parsing windows of about
/// `window` bytes (cut at line ends) where that gives the same events. Where the line
/// that would end a window runs past twice `window`, the rest is parsed whole.
pub fn parse_in_pieces<'a>(
    text: &'a str,
    options: Options,
    window: usize,
    mut take: impl FnMut(Event<'a>),
) {
    let mut start = 0;
    // The rest starts with an item of a list begun before it.
    let mut in_list = false;
    if !text.contains("]:") {
        let last_blank = last_blank_line(text);
        while text.len() - start > window {
            let rest = &text[start..];
            let end = rest.as_bytes()[window..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(rest.len(), |at| window + at + 1);
            if end == rest.len() || end > 2 * window {
                // The rest is one long line: it is one block, parsed as it is.
                break;
            }
            let piece = Piece {
                text: &rest[..end],
                in_list,
                tight_from: |at: usize| last_blank.is_none_or(|blank| blank < start + at),
            };
            match piece.whole_blocks(options, &mut take) {
                Some((next, list)) => {
                    start += next;
                    in_list = list;
                }
                None => break,
            }
        }
    }
    let mut events = Parser::new_ext(&text[start..], options).peekable();
    if in_list {
        events.next_if(|e| matches!(e, Event::Start(Tag::List(_))));
    }
    events.for_each(take);
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
struct Piece<'a, F> {
    text: &'a str,
    /// It starts with an item of a list begun before it.
    in_list: bool,
    /// Whether no blank line follows this offset of the window, to the end of the text.
    tight_from: F,
}

impl<'a, F: Fn(usize) -> bool> Piece<'a, F> {
    /// Hands on the events of the window before the last top-level block (or item of a
    /// tight top-level list) that starts a line, and returns where that line starts and
    /// whether it is an item; `None` (having handed on nothing) when there is no such
    /// block but the first.
    fn whole_blocks(
        &self,
        options: Options,
        take: &mut impl FnMut(Event<'a>),
    ) -> Option<(usize, bool)> {
        // The events since the last place the window could be cut.
        let mut held: Vec<Event<'a>> = Vec::new();
        let (mut since, mut since_item) = (0, false);
        let mut depth = 0usize;
        // A top-level list is open whose items may be cut apart.
        let mut tight_list = false;
        let mut events = Parser::new_ext(self.text, options)
            .into_offset_iter()
            .peekable();
        if self.in_list
            && events
                .next_if(|(e, _)| matches!(e, Event::Start(Tag::List(_))))
                .is_some()
        {
            // The list begun before: its start was handed on with the window before.
            depth = 1;
            tight_list = true;
        }
        for (event, range) in events {
            let block = depth == 0 && matches!(event, Event::Start(_) | Event::Rule);
            let item = depth == 1 && tight_list && matches!(event, Event::Start(Tag::Item));
            let line = self.text[..range.start].rfind('\n').map_or(0, |at| at + 1);
            if (block || item) && line > since && self.starts_line(line, range.start) {
                held.drain(..).for_each(&mut *take);
                (since, since_item) = (line, item);
            }
            match event {
                Event::Start(Tag::List(_)) if depth == 0 => {
                    tight_list = (self.tight_from)(line);
                }
                Event::End(TagEnd::List(_)) if depth == 1 => tight_list = false,
                _ => {}
            }
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            held.push(event);
        }
        (since > 0).then_some((since, since_item))
    }

    /// Whether only spaces and tabs come before `at` on its line, which starts at `line`.
    fn starts_line(&self, line: usize, at: usize) -> bool {
        self.text[line..at].bytes().all(|b| b == b' ' || b == b'\t')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_HEADING_ATTRIBUTES
    }

    fn in_pieces(text: &str, window: usize) -> Vec<Event<'_>> {
        let mut events = Vec::new();
        parse_in_pieces(text, options(), window, |e| events.push(e));
        events
    }

    /// Blocks that run over blank lines, end at the line after them, or are read
    /// differently by what follows them.
    const BLOCKS: &str = "# Head {#id}\n\nPara *one\ntwo* and `code\nspan`.\nSetext\n===\n\n\
        - a\n\n  b\n- c\n  > quoted\n  lazy\n\n1. x\n2) y\n\n```\nfenced\n\n# not a heading\n```\n\n\
        <div>\n\n*html*\n\n</div>\n\n<!-- a\n\ncomment -->\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\
        after\n\n    indented\n\n    code\n***\n> q\n> > qq\ncontinued\n\n- [ ] task\n\
        Under\n---\n  - deep\n     - deeper\n\n<script>\n\nx\n</script>\n~~done~~ [l](/u) <b>i</b>\n";

    #[test]
    fn every_window_gives_the_events_of_the_whole() {
        let text = BLOCKS.repeat(20);
        let whole: Vec<Event<'_>> = Parser::new_ext(&text, options()).collect();
        for window in [1, 7, 40, 100, 333, 1000, 5000] {
            assert_eq!(in_pieces(&text, window), whole, "window {window}");
        }
    }

    /// Lists with no blank line in them, whose items may be cut apart: nested, ordered,
    /// changing their marker (a new list), holding quotes, code and lazy lines.
    const TIGHT_LISTS: &str = "- item\n  - nested\n    1. deeper\n- two\n  > quote\nlazy\n\
        3. three\n4. four\n   ```\n   code\n   ```\n5) five\n* star\n+ plus\n- [x] done\n\
        - # heading item\n  text\n-\n  empty first line\nparagraph\n- after\n---\n";

    #[test]
    fn items_of_a_tight_list_cut_apart_give_the_events_of_the_whole() {
        for text in [
            TIGHT_LISTS.repeat(30),
            format!("{}\n\n{}", TIGHT_LISTS.repeat(10), TIGHT_LISTS.repeat(10)),
            format!("{}\n{}", TIGHT_LISTS.repeat(10), "- x\n\n  y\n".repeat(30)),
        ] {
            let whole: Vec<Event<'_>> = Parser::new_ext(&text, options()).collect();
            for window in [1, 7, 40, 100, 333, 1000] {
                assert_eq!(in_pieces(&text, window), whole, "window {window}");
            }
        }
    }

    #[test]
    fn blank_lines_are_found() {
        assert_eq!(last_blank_line("a\n"), None);
        assert_eq!(last_blank_line("a\n\nb\n \t\nc"), Some(5));
        assert_eq!(last_blank_line("a\n  "), Some(2));
    }

    #[test]
    fn a_page_with_reference_definitions_is_parsed_whole() {
        let text = format!("[x]\n\n{}\n[x]: /far\n", "para\n\n".repeat(100));
        let events = in_pieces(&text, 10);
        assert_eq!(
            events,
            Parser::new_ext(&text, options()).collect::<Vec<_>>()
        );
        assert!(
            events
                .iter()
                .any(|e| matches!(e, Event::Start(pulldown_cmark::Tag::Link { .. })))
        );
    }

    #[test]
    fn the_fixture_pages_read_in_pieces_are_read_as_whole() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files = vec![dir];
        let mut read = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let whole: Vec<Event<'_>> = Parser::new_ext(&text, options()).collect();
            for window in [1, 64, 512] {
                assert_eq!(in_pieces(&text, window), whole, "{}", path.display());
            }
            read += 1;
        }
        assert!(read > 10, "{read} fixture pages");
    }
}
