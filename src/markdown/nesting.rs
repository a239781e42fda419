//! A cap on how many blocks one line of Markdown may open. pulldown-cmark builds a node
//! for every quote, list and item before copdeck sees an event, so a line of `- > `
//! repeated a million times costs hundreds of MiB; the renderer draws blocks deeper
//! than eight levels alike anyway. A line whose container markers go deeper than
//! `MAX_LINE_DEPTH` gets the marker at that depth escaped, so the rest of the line is
//! text. No page written by hand comes near the cap, and those are read unchanged.

use std::borrow::Cow;

/// The most container markers (`>`, `-`, `+`, `*`, `1.`, `1)`) one line may open.
pub const MAX_LINE_DEPTH: usize = 32;

/// `text` with every line's container markers past `MAX_LINE_DEPTH` escaped; borrowed
/// when no line goes that deep.
pub fn cap_nesting(text: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut line_start = 0;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |at| line_start + at + 1);
        if let Some(at) = too_deep_at(&text[line_start..line_end]) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 64));
            out.push_str(&text[copied..line_start + at]);
            out.push('\\');
            copied = line_start + at;
        }
        line_start = line_end;
    }
    match out {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(text),
    }
}

/// Where in `line` the marker one past `MAX_LINE_DEPTH` is (the byte to escape), if it
/// has that many. Spaces and tabs between markers are passed over.
fn too_deep_at(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let is_space = |at: usize| matches!(bytes.get(at), Some(b' ' | b'\t' | b'\n' | b'\r') | None);
    let mut depth = 0;
    let mut at = 0;
    loop {
        while matches!(bytes.get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
        // The byte a backslash would go before, and where the next marker may start.
        let (marker, next) = match bytes.get(at) {
            Some(b'>') => (at, at + 1),
            Some(b'-' | b'+' | b'*') if is_space(at + 1) => (at, at + 1),
            Some(b'0'..=b'9') => {
                let digits = bytes[at..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                let end = at + digits;
                let delimited = digits <= 9 && matches!(bytes.get(end), Some(b'.' | b')'));
                if !delimited || !is_space(end + 1) {
                    return None;
                }
                (end, end + 1)
            }
            _ => return None,
        };
        depth += 1;
        if depth > MAX_LINE_DEPTH {
            // A line of only `-`, `*` or `_` is a rule, not lists: leave it as it is.
            return (!is_rule(line)).then_some(marker);
        }
        at = next;
    }
}

/// Whether `line` is a thematic break: three or more of one of `-`, `*`, `_`, and spaces.
fn is_rule(line: &str) -> bool {
    let mut marks = line.chars().filter(|c| !c.is_whitespace());
    let Some(first) = marks.next() else {
        return false;
    };
    matches!(first, '-' | '*' | '_') && marks.all(|c| c == first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_within_the_cap_are_not_copied() {
        let text = "- > - > x\n> > > quote\n1. 2) - item\n* * *\n";
        assert!(matches!(cap_nesting(text), Cow::Borrowed(_)));
        let at_cap = "> ".repeat(MAX_LINE_DEPTH) + "x\n";
        assert!(matches!(cap_nesting(&at_cap), Cow::Borrowed(_)));
    }

    #[test]
    fn the_marker_past_the_cap_is_escaped() {
        let quotes = ">".repeat(MAX_LINE_DEPTH + 3) + " x";
        let capped = cap_nesting(&quotes);
        assert_eq!(
            capped,
            format!("{}\\>>> x", ">".repeat(MAX_LINE_DEPTH)).as_str()
        );
        let ordered = "1. ".repeat(MAX_LINE_DEPTH + 1) + "x\nnext\n";
        let capped = cap_nesting(&ordered);
        let expected = format!("{}1\\. x\nnext\n", "1. ".repeat(MAX_LINE_DEPTH));
        assert_eq!(capped, expected.as_str());
    }

    #[test]
    fn rules_and_words_are_left_alone() {
        let rule = "- ".repeat(MAX_LINE_DEPTH + 5);
        assert_eq!(cap_nesting(&rule), rule.as_str());
        let words = "-x ".repeat(MAX_LINE_DEPTH + 5);
        assert_eq!(cap_nesting(&words), words.as_str());
    }
}
