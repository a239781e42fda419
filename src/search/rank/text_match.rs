//! Cheap matching that needs no fuzzy scorer: words anywhere in a text, letters in
//! order, one letter's best place, all ignoring case. These run for every entry on every
//! keystroke, so they read bytes and do not allocate.

/// Whether the query's characters (spaces aside) appear in `text` in order, ignoring
/// case: a fuzzy match is impossible otherwise.
pub(super) fn has_in_order(text: &str, query: &str) -> bool {
    if text.is_ascii() && query.is_ascii() {
        // Each letter's next place, either case, found a word at a time by memchr.
        let mut rest = text.as_bytes();
        return query.bytes().filter(|b| !b.is_ascii_whitespace()).all(|q| {
            let found = memchr::memchr2(q.to_ascii_lowercase(), q.to_ascii_uppercase(), rest);
            found.inspect(|&at| rest = &rest[at + 1..]).is_some()
        });
    }
    let mut rest = text.chars();
    query
        .chars()
        .filter(|c| !c.is_whitespace())
        .all(|q| rest.any(|t| same_letter(t, q)))
}

fn same_letter(a: char, b: char) -> bool {
    a == b || a.eq_ignore_ascii_case(&b) || (!a.is_ascii() && a.to_lowercase().eq(b.to_lowercase()))
}

/// A one-letter query scored without the fuzzy scorer, which would only weigh where the
/// letter falls: best at the start of the title, then at the start of a word.
pub(super) fn single_char_score(text: &str, letter: char) -> Option<i64> {
    if letter.is_ascii() {
        return single_ascii_score(text.as_bytes(), letter as u8);
    }
    let mut previous = ' ';
    let mut best = None;
    for (i, c) in text.chars().enumerate() {
        if same_letter(c, letter) {
            let bonus = match (i, previous.is_alphanumeric()) {
                (0, _) => 24,
                (_, false) => 16,
                _ => 0,
            };
            best = best.max(Some(16 + bonus));
            if bonus > 0 {
                break;
            }
        }
        previous = c;
    }
    best
}

/// `single_char_score` for an ASCII letter, on bytes: no other character's UTF-8 bytes
/// can equal it, and a byte of one reads as "not a letter" before a word. The same on
/// the text with its ASCII letters lowercased.
pub(super) fn single_ascii_score(text: &[u8], letter: u8) -> Option<i64> {
    let (lower, upper) = (letter.to_ascii_lowercase(), letter.to_ascii_uppercase());
    let mut best = None;
    for (i, &byte) in text.iter().enumerate() {
        if byte == lower || byte == upper {
            let bonus = match i {
                0 => 24,
                _ if !text[i - 1].is_ascii_alphanumeric() => 16,
                _ => 0,
            };
            best = best.max(Some(16 + bonus));
            if bonus > 0 {
                break;
            }
        }
    }
    best
}

/// Whether every word of `query` appears in `text`, ignoring ASCII case, without
/// allocating (this runs for every entry on every keystroke).
pub fn contains_words(text: &str, query: &str) -> bool {
    // One word, the usual query: no splitting to do.
    if !query.contains(char::is_whitespace) {
        return contains_ignore_case(text.as_bytes(), query.as_bytes());
    }
    query
        .split_whitespace()
        .all(|word| contains_ignore_case(text.as_bytes(), word.as_bytes()))
}

pub(super) fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    position_ignore_case(haystack, needle).is_some()
}

/// Where `needle` first appears in `text`, ignoring ASCII case, as a byte offset.
pub(super) fn find_ignore_case(text: &str, needle: &str) -> Option<usize> {
    position_ignore_case(text.as_bytes(), needle.as_bytes())
}

fn position_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() > haystack.len() {
        return None;
    }
    // Candidates are where the first byte is, in either case, found by memchr; the
    // rest of the needle is compared there.
    let (first, rest) = (needle[0], &needle[1..]);
    let starts = &haystack[..=haystack.len() - needle.len()];
    memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        starts,
    )
    .find(|&start| haystack[start + 1..start + needle.len()].eq_ignore_ascii_case(rest))
}

/// A query made ready for the quick score of many entries whose text has an ASCII
/// lowercase copy (`PageTexts`): the query lowercased, searched for with a finder built
/// once rather than a byte at a time in each entry. Every answer is the one the
/// functions above give on the original text.
pub(super) struct LoweredQuery {
    /// The whole query, for a run of it in a title (`find_ignore_case`).
    whole: memchr::memmem::Finder<'static>,
    /// Each word, for `contains_words`.
    words: Vec<memchr::memmem::Finder<'static>>,
    /// Its letters, spaces left out, for `has_in_order`; None when the query is not
    /// ASCII (the letters are then compared as characters, on the original text).
    letters: Option<Vec<u8>>,
}

impl LoweredQuery {
    pub(super) fn new(query: &str) -> Self {
        let lower = query.to_ascii_lowercase();
        let words = if lower.contains(char::is_whitespace) {
            lower.split_whitespace().collect()
        } else {
            vec![lower.as_str()]
        };
        Self {
            whole: memchr::memmem::Finder::new(lower.as_bytes()).into_owned(),
            words: words
                .into_iter()
                .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
                .collect(),
            letters: query
                .is_ascii()
                .then(|| lower.bytes().filter(|b| !b.is_ascii_whitespace()).collect()),
        }
    }

    /// `find_ignore_case(text, query)`, given `text` lowercased.
    pub(super) fn find_in(&self, lower: &[u8]) -> Option<usize> {
        self.whole.find(lower)
    }

    /// `contains_words(text, query)`, given `text` lowercased.
    pub(super) fn words_in(&self, lower: &[u8]) -> bool {
        self.words.iter().all(|word| word.find(lower).is_some())
    }

    /// `has_in_order(text, query)`, given `text` lowercased; None when the answer needs
    /// the original text (it or the query is not ASCII).
    pub(super) fn in_order_in(&self, lower: &[u8], text_is_ascii: bool) -> Option<bool> {
        let letters = self.letters.as_ref().filter(|_| text_is_ascii)?;
        let mut rest = lower;
        Some(letters.iter().all(|&letter| {
            let found = memchr::memchr(letter, rest);
            found.inspect(|&at| rest = &rest[at + 1..]).is_some()
        }))
    }
}
