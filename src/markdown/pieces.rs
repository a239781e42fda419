//! A long page parsed a window at a time. pulldown-cmark builds its tree of the whole
//! text before giving the first event: 40–50 bytes a node, 10–20× the page for a page
//! of short blocks. Blocks at the top level are independent once the next one has
//! started (a block ends at the line another begins), so the events of every top-level
//! block of a window but the last are those of the whole text; the last may run on past
//! the window, and the next window starts at its line. Only reference definitions reach
//! across blocks (`[x]: /url` anywhere names `[x]` everywhere): a text that may hold
//! one is parsed whole, as is a window holding only part of one block.

use pulldown_cmark::{Event, Options, Parser};

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
    let mut rest = text;
    if !text.contains("]:") {
        while rest.len() > window {
            let end = rest.as_bytes()[window..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(rest.len(), |at| window + at + 1);
            if end == rest.len() || end > 2 * window {
                // The rest is one long line: it is one block, parsed as it is.
                break;
            }
            match whole_blocks(&rest[..end], options, &mut take) {
                Some(next) => rest = &rest[next..],
                None => break,
            }
        }
    }
    Parser::new_ext(rest, options).for_each(take);
}

/// Hands on the events of the top-level blocks of `window` before the last one that
/// starts a line, and returns where that line starts; `None` (having handed on
/// nothing) when no block but the first starts a line.
fn whole_blocks<'a>(
    window: &'a str,
    options: Options,
    take: &mut impl FnMut(Event<'a>),
) -> Option<usize> {
    // The events since the last top-level block that started a line.
    let mut held: Vec<Event<'a>> = Vec::new();
    let mut since = 0;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(window, options).into_offset_iter() {
        if depth == 0 && matches!(event, Event::Start(_) | Event::Rule) {
            let line = window[..range.start].rfind('\n').map_or(0, |at| at + 1);
            let starts_line = window[line..range.start]
                .bytes()
                .all(|b| b == b' ' || b == b'\t');
            if line > since && starts_line {
                held.drain(..).for_each(&mut *take);
                since = line;
            }
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        held.push(event);
    }
    (since > 0).then_some(since)
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
