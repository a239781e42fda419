use super::*;
use crate::markdown::render::OPTIONS;

/// The events of `text` parsed a window of `window` bytes at a time.
pub(in crate::markdown) fn in_pieces(text: &str, window: usize) -> Vec<Event<'static>> {
    let mut events = Vec::new();
    parse_in_pieces(text, OPTIONS, window, |e| events.push(e.into_static()));
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
    let whole: Vec<Event<'_>> = Parser::new_ext(&text, OPTIONS).collect();
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
        let whole: Vec<Event<'_>> = Parser::new_ext(&text, OPTIONS).collect();
        for window in [1, 7, 40, 100, 333, 1000] {
            assert_eq!(in_pieces(&text, window), whole, "window {window}");
        }
    }
}

/// Tables of many rows: aligned, ragged, with code, escapes, links and emphasis in
/// cells, ended by a paragraph, a blank line or another block, or in a list.
const TABLES: &str = "| a\t| b | c |\n|:--|:-:|--:|\n| 1 | `x|y` | \\| |\n| *em\nno | [l](/u) |\n\
    | 2 | 3 | 4 | 5 |\nno pipes here\n|---|---|\n| 日本語\t| x |\n> after\n\
    h | i\n--|--\nj | k\n\n- | in | list |\n  |---|---|\n  | r | s |\n# end\n";

#[test]
fn rows_of_a_table_cut_apart_give_the_events_of_the_whole() {
    let rows = "| cell | more *words* |\n".repeat(200);
    for text in [
        TABLES.repeat(30),
        format!("| h | i |\n|---|--:|\n{rows}after\n\n{}", TABLES.repeat(5)),
        "| a\t| b |\n|---|---|\n| 日本語\t| x |\n".repeat(100),
    ] {
        let whole: Vec<Event<'_>> = Parser::new_ext(&text, OPTIONS).collect();
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
    assert_eq!(events, Parser::new_ext(&text, OPTIONS).collect::<Vec<_>>());
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
        let whole: Vec<Event<'_>> = Parser::new_ext(&text, OPTIONS).collect();
        for window in [1, 64, 512] {
            assert_eq!(in_pieces(&text, window), whole, "{}", path.display());
        }
        read += 1;
    }
    assert!(read > 10, "{read} fixture pages");
}
