//! Where a page's body starts in the raw bytes of its file, found without decoding the
//! whole file, for the text search. Every answer is the one `read_body` would give; a
//! file laid out in any other way than the plain one gets no answer here, and is left to
//! the full decode.

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Mutex, OnceLock};

use memchr::{memchr, memmem};

use super::front_matter::{checked_text, split_page};

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// The offset in `bytes` where the body begins, when the file is laid out plainly: YAML
/// front matter between two `---` lines, only blank lines before it, and no carriage
/// return before the body (after it, line endings change nothing a search for words
/// finds). `None` for anything else: TOML or no front matter, one never closed, CR line
/// endings in it, bytes that are not UTF-8 in the lines looked at.
///
/// The lines are the ones `split_page` sees, so the body is the same; whether the file
/// is a page at all (its front matter parses, it is UTF-8 throughout) is
/// `check_page`'s question.
pub fn locate_body(bytes: &[u8]) -> Option<usize> {
    let mut open = if bytes.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len()
    } else {
        0
    };
    // Blank lines before the opening `---` are skipped, all but the file's last line.
    let yaml_start = loop {
        let end = line_end(bytes, open);
        let line = std::str::from_utf8(&bytes[open..end]).ok()?;
        if line.trim().is_empty() && end < bytes.len() {
            open = end;
            continue;
        }
        if line.trim_end() != "---" {
            return None;
        }
        break end;
    };
    // The first later line that is `---` followed by nothing but white space.
    let mut from = yaml_start;
    let body_start = loop {
        let start = if bytes[from..].starts_with(b"---") {
            from
        } else {
            from + memmem::find(&bytes[from..], b"\n---")? + 1
        };
        let end = line_end(bytes, start);
        if std::str::from_utf8(&bytes[start..end]).ok()?.trim_end() == "---" {
            break end;
        }
        from = end;
    };
    if memchr(b'\r', &bytes[..body_start]).is_some() {
        return None;
    }
    Some(body_start)
}

/// Whether `bytes`, whose body `locate_body` placed at `body_start`, are a page that
/// `read_body` reads: UTF-8 text throughout, and front matter that parses. The error is
/// `read_body`'s.
pub fn check_page(bytes: &[u8], body_start: usize) -> Result<(), String> {
    let text = checked_text(bytes).map_err(|e| e.message)?;
    // The body changes neither where the front matter ends nor what it says.
    let head = &text[..body_start - (bytes.len() - text.len())];
    let parsed = ParsedHeads::shared();
    let key = parsed.key(head);
    if parsed.holds(key) {
        return Ok(());
    }
    split_page(head).map_err(|e| e.message)?;
    parsed.add(key);
    Ok(())
}

/// Front matter already seen to parse, by a hash of its text, so that a page a search
/// finds again is not parsed again: parsing is most of the cost of a match. Only
/// success is kept; the hash's keys are random to the process, so no file can be made
/// to pass for another.
struct ParsedHeads {
    keys: RandomState,
    seen: Mutex<HashSet<u64>>,
}

/// Heads remembered at most; past it they are forgotten and learnt again.
const MAX_PARSED_HEADS: usize = 1 << 20;

impl ParsedHeads {
    fn shared() -> &'static Self {
        static SHARED: OnceLock<ParsedHeads> = OnceLock::new();
        SHARED.get_or_init(|| Self {
            keys: RandomState::new(),
            seen: Mutex::default(),
        })
    }

    fn key(&self, head: &str) -> u64 {
        self.keys.hash_one(head)
    }

    fn holds(&self, key: u64) -> bool {
        self.seen.lock().is_ok_and(|seen| seen.contains(&key))
    }

    fn add(&self, key: u64) {
        if let Ok(mut seen) = self.seen.lock() {
            if seen.len() >= MAX_PARSED_HEADS {
                seen.clear();
            }
            seen.insert(key);
        }
    }
}

/// Where the line starting at `start` ends: after its `\n`, or at the end of the file.
fn line_end(bytes: &[u8], start: usize) -> usize {
    memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |at| start + at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::site_loader::body_of_bytes;

    /// The body `read_body` gives, and the one found here, for the same bytes.
    fn both(bytes: &[u8]) -> (Result<String, String>, Option<Result<String, String>>) {
        let fast = locate_body(bytes).map(|at| {
            check_page(bytes, at).map(|()| String::from_utf8_lossy(&bytes[at..]).into_owned())
        });
        (body_of_bytes(bytes.to_vec()), fast)
    }

    #[test]
    fn finds_the_body_of_plain_pages_as_read_body_does() {
        for page in [
            "---\ntitle: A\n---\nBody text.\n",
            "---\ntitle: A\n---",
            "\n  \n---\ntitle: A\n---  \nBody\n",
            "\u{feff}---\ntitle: A\n---\nBody\n",
            "---   \ntitle: A\nnote: |\n  ---\n---x\n---\nNot a page: the YAML ends badly\n",
            "---\n---\nBody right after empty front matter\n",
            "---\ntitle: A\n---\nBody with a later\n---\nline of dashes\n",
            "---\ntitle: A\n---\nBody with CRLF\r\nlines\r\n",
            "\u{a0}\n---\ntitle: A\n---\nafter a line of a no-break space\n",
        ] {
            let (slow, fast) = both(page.as_bytes());
            let fast = fast.unwrap_or_else(|| panic!("no body found in {page:?}"));
            let fast = fast.map(|body| body.replace("\r\n", "\n"));
            assert_eq!(fast, slow, "{page:?}");
        }
    }

    #[test]
    fn leaves_every_other_layout_to_the_full_decode() {
        for page in [
            "+++\ntitle = \"A\"\n+++\nBody\n",
            "No front matter at all\n",
            "---\ntitle: A\nnever closed\n",
            "---\r\ntitle: A\r\n---\r\nBody\r\n",
            "---\rtitle: A\r---\rBody\r",
            "",
            "\n\n",
        ] {
            assert_eq!(locate_body(page.as_bytes()), None, "{page:?}");
        }
        assert_eq!(locate_body(b"--- \xFF\ntitle: A\n---\n"), None);
    }

    #[test]
    fn front_matter_that_parsed_once_still_fails_when_it_changes() {
        let good = b"---\ntitle: Remembered\n---\nBody\n";
        let bad = b"---\ntitle: [Remembered\n---\nBody\n";
        for _ in 0..2 {
            assert_eq!(check_page(good, locate_body(good).unwrap()), Ok(()));
            assert!(check_page(bad, locate_body(bad).unwrap()).is_err());
        }
        let not_utf8 = b"---\ntitle: Remembered\n---\nBody \xFF\n";
        assert!(check_page(not_utf8, locate_body(not_utf8).unwrap()).is_err());
    }

    #[test]
    fn says_no_where_read_body_fails() {
        for bytes in [
            &b"---\ntitle: [unclosed\n---\nBody\n"[..],
            b"---\n\ttitle: tab\n---\nBody\n",
            b"---\ntitle: A\n---\nBody \xFF not UTF-8\n",
            b"---\ntitle: A\n---\nBody with a NUL \0 byte\n",
            b"---\ntitle: \xFF\n---\nBody\n",
        ] {
            let (slow, fast) = both(bytes);
            assert!(slow.is_err(), "{bytes:?}");
            assert!(fast.unwrap().is_err(), "{bytes:?}");
        }
    }
}
