//! How a closing tag finds what it closes, for HTML elements and shortcodes alike: the
//! nearest open one of its name, looked for only near the top of what is open, so that
//! a page of stray closing tags costs time in proportion to its length.

/// How far down the open elements a closing tag looks for its opening one.
const MATCH_DEPTH: usize = 16;

/// How many entries from the top of `open` a closing tag closes: down to and including
/// the nearest one `opens_it` accepts, within `MATCH_DEPTH`; None for a stray tag.
pub(super) fn closed_by<T>(open: &[T], opens_it: impl Fn(&T) -> bool) -> Option<usize> {
    open.iter()
        .rev()
        .take(MATCH_DEPTH)
        .position(opens_it)
        .map(|from_top| from_top + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_opening_within_reach_is_closed_with_what_is_above_it() {
        let open = ["div", "p", "em", "p", "b"];
        assert_eq!(closed_by(&open, |o| *o == "b"), Some(1));
        assert_eq!(closed_by(&open, |o| *o == "p"), Some(2), "the nearest p");
        assert_eq!(closed_by(&open, |o| *o == "div"), Some(5));
        assert_eq!(closed_by(&open, |o| *o == "li"), None, "a stray tag");
        let deep: Vec<&str> = std::iter::once("div")
            .chain(std::iter::repeat_n("p", MATCH_DEPTH))
            .collect();
        assert_eq!(closed_by(&deep, |o| *o == "div"), None, "out of reach");
    }
}
