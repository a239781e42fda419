//! A site page's words (its title, address, topics and the rest) kept in one buffer:
//! a page's strings cost one allocation and one small table, not one allocation each
//! and a 24-byte header each (and, for a list, one more for the list).

use std::fmt;

/// A page's words as they are given: borrowed, in any string type for the lists.
#[derive(Debug, Clone, Copy)]
pub struct PageFields<'a, S> {
    pub section: &'a str,
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub address: &'a str,
    pub file_key: &'a str,
    pub topics: &'a [S],
    pub authors: &'a [S],
    pub aliases: &'a [S],
    pub event_cop: &'a [S],
}

/// The single words, in their order in the buffer.
const SECTION: usize = 0;
const SLUG: usize = 1;
const TITLE: usize = 2;
const SUMMARY: usize = 3;
const ADDRESS: usize = 4;
const FILE_KEY: usize = 5;
const SINGLE: usize = 6;

/// The lists, in their order in the buffer (after the single words).
const TOPICS: usize = 0;
const AUTHORS: usize = 1;
const ALIASES: usize = 2;
const EVENT_COP: usize = 3;

/// A page's words, one after another in one buffer behind a table of where each ends.
#[derive(Clone, PartialEq, Eq)]
pub struct PageWords {
    /// Where each word ends in the text (a little-endian `u32` each: the six single
    /// words, then the items of each list in turn), then the text: one allocation a
    /// page, where the table and the text each were one (a tenth of what a page's words
    /// cost in the browser). A page's words are read from a file of at most a few MiB,
    /// far below what a `u32` counts; see `PageWords::of` for what is past it.
    bytes: Box<[u8]>,
    /// How many items each list has.
    counts: [u32; 4],
}

/// The bytes of one entry of the table.
const END: usize = std::mem::size_of::<u32>();

impl PageWords {
    /// The words of `fields`. Should a page's words ever pass 4 GiB together, the list
    /// items past that are left out (no page of a file the loader reads comes near).
    pub fn of<S: AsRef<str>>(fields: PageFields<'_, S>) -> Self {
        let singles = [
            fields.section,
            fields.slug,
            fields.title,
            fields.summary,
            fields.address,
            fields.file_key,
        ];
        let lists = [
            fields.topics,
            fields.authors,
            fields.aliases,
            fields.event_cop,
        ];
        // Where a word ends if it fits: the text stays within what a `u32` counts.
        let fit = |size: &mut usize, word: &str| -> Option<u32> {
            let end = u32::try_from(*size + word.len()).ok()?;
            *size += word.len();
            Some(end)
        };
        // Which words fit and how long they are, without copying any: the buffer is
        // then made once, at its size (this runs for every page of every load).
        let mut size = 0;
        for word in singles {
            // The single words alone come from a bounded file: they always fit (one
            // that did not would be kept as "", which does).
            fit(&mut size, word);
        }
        let mut counts = [0u32; 4];
        for (count, list) in counts.iter_mut().zip(lists) {
            for word in list {
                if fit(&mut size, word.as_ref()).is_some() {
                    *count += 1;
                }
            }
        }
        let table = (SINGLE + counts.iter().map(|&c| c as usize).sum::<usize>()) * END;
        let mut bytes = Vec::with_capacity(table + size);
        bytes.resize(table, 0);
        // The same words again, the same ones fitting: each end into its place in the
        // table, each word after the text so far.
        let (mut size, mut place) = (0, 0);
        let mut put = |bytes: &mut Vec<u8>, word: &str| -> bool {
            let Some(end) = fit(&mut size, word) else {
                return false;
            };
            bytes[place..place + END].copy_from_slice(&end.to_le_bytes());
            bytes.extend_from_slice(word.as_bytes());
            place += END;
            true
        };
        for word in singles {
            if !put(&mut bytes, word) {
                put(&mut bytes, "");
            }
        }
        for list in lists {
            for word in list {
                put(&mut bytes, word.as_ref());
            }
        }
        Self {
            bytes: bytes.into_boxed_slice(),
            counts,
        }
    }

    /// How many words the table holds.
    fn words(&self) -> usize {
        SINGLE + self.counts.iter().map(|&c| c as usize).sum::<usize>()
    }

    /// Where word `index` ends in the text.
    fn end(&self, index: usize) -> usize {
        let at = index * END;
        let mut end = [0; END];
        end.copy_from_slice(&self.bytes[at..at + END]);
        u32::from_le_bytes(end) as usize
    }

    /// The word at `index` in the table.
    fn word(&self, index: usize) -> &str {
        let start = match index {
            0 => 0,
            _ => self.end(index - 1),
        };
        let word = &self.bytes[self.words() * END..][start..self.end(index)];
        debug_assert!(std::str::from_utf8(word).is_ok());
        // SAFETY: the buffer is only ever written by `of`, which puts each word in whole
        // from a `str` and records where it ends: the bytes between two ends are one
        // whole word, UTF-8. Not checked again at each reading: every page's title and
        // address are read for each search and lookup (about a tenth of a whole-site
        // `search --site` at 100,000 pages was that check, by `perf`).
        unsafe { std::str::from_utf8_unchecked(word) }
    }

    /// The items of list `which`.
    fn list(&self, which: usize) -> Items<'_> {
        let before: usize = self.counts[..which].iter().map(|&c| c as usize).sum();
        let first = SINGLE + before;
        Items {
            words: self,
            next: first,
            end: first + self.counts[which] as usize,
        }
    }

    pub fn section(&self) -> &str {
        self.word(SECTION)
    }

    pub fn slug(&self) -> &str {
        self.word(SLUG)
    }

    pub fn title(&self) -> &str {
        self.word(TITLE)
    }

    pub fn summary(&self) -> &str {
        self.word(SUMMARY)
    }

    pub fn address(&self) -> &str {
        self.word(ADDRESS)
    }

    pub fn file_key(&self) -> &str {
        self.word(FILE_KEY)
    }

    pub fn topics(&self) -> Items<'_> {
        self.list(TOPICS)
    }

    pub fn authors(&self) -> Items<'_> {
        self.list(AUTHORS)
    }

    pub fn aliases(&self) -> Items<'_> {
        self.list(ALIASES)
    }

    pub fn event_cop(&self) -> Items<'_> {
        self.list(EVENT_COP)
    }
}

impl fmt::Debug for PageWords {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PageWords")
            .field("section", &self.section())
            .field("slug", &self.slug())
            .field("title", &self.title())
            .field("summary", &self.summary())
            .field("address", &self.address())
            .field("file_key", &self.file_key())
            .field("topics", &self.topics().collect::<Vec<_>>())
            .field("authors", &self.authors().collect::<Vec<_>>())
            .field("aliases", &self.aliases().collect::<Vec<_>>())
            .field("event_cop", &self.event_cop().collect::<Vec<_>>())
            .finish()
    }
}

/// The items of one of a page's lists, in order.
#[derive(Clone)]
pub struct Items<'a> {
    words: &'a PageWords,
    next: usize,
    end: usize,
}

impl<'a> Iterator for Items<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        (self.next < self.end).then(|| {
            self.next += 1;
            self.words.word(self.next - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.end - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Items<'_> {}

impl fmt::Debug for Items<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

impl Items<'_> {
    /// Whether no item is left.
    pub fn is_empty(&self) -> bool {
        self.next == self.end
    }
}

impl<'a> DoubleEndedIterator for Items<'a> {
    fn next_back(&mut self) -> Option<&'a str> {
        (self.next < self.end).then(|| {
            self.end -= 1;
            self.words.word(self.end)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> PageWords {
        words_with(&["plain-language", "", "content"], &[])
    }

    /// The words of `words()` with other topics and authors.
    fn words_with(topics: &[&str], authors: &[&str]) -> PageWords {
        PageWords::of(PageFields {
            section: "news",
            slug: "",
            title: "Plain é language",
            summary: "A summary",
            address: "/news/plain/",
            file_key: "news/plain",
            topics,
            authors,
            aliases: &["/old/"],
            event_cop: &["web-content"],
        })
    }

    #[test]
    fn each_word_reads_back_as_given_empty_ones_included() {
        let words = words();
        assert_eq!(words.section(), "news");
        assert_eq!(words.slug(), "");
        assert_eq!(words.title(), "Plain é language");
        assert_eq!(words.summary(), "A summary");
        assert_eq!(words.address(), "/news/plain/");
        assert_eq!(words.file_key(), "news/plain");
        assert_eq!(
            words.topics().collect::<Vec<_>>(),
            ["plain-language", "", "content"]
        );
        assert_eq!(words.authors().count(), 0);
        assert_eq!(words.aliases().collect::<Vec<_>>(), ["/old/"]);
        assert_eq!(words.event_cop().rev().collect::<Vec<_>>(), ["web-content"]);
        assert_eq!(words.topics().len(), 3);
    }

    #[test]
    fn pages_with_the_same_words_are_equal_and_one_item_moved_is_not() {
        assert_eq!(words(), words());
        let moved = words_with(&["plain-language", ""], &["content"]);
        assert_ne!(moved, words(), "the same text, one item in another list");
    }

    proptest::proptest! {
        #[test]
        fn any_words_read_back_as_they_were_given(
            singles in proptest::array::uniform6(".{0,12}"),
            lists in proptest::array::uniform4(proptest::collection::vec(".{0,6}", 0..4)),
        ) {
            let [section, slug, title, summary, address, file_key] = &singles;
            let [topics, authors, aliases, event_cop] = &lists;
            let words = PageWords::of(PageFields {
                section, slug, title, summary, address, file_key,
                topics, authors, aliases, event_cop,
            });
            let read = [
                words.section(), words.slug(), words.title(),
                words.summary(), words.address(), words.file_key(),
            ];
            proptest::prop_assert_eq!(read, singles.each_ref().map(String::as_str));
            let items = [words.topics(), words.authors(), words.aliases(), words.event_cop()];
            for (items, list) in items.into_iter().zip(&lists) {
                proptest::prop_assert_eq!(items.len(), list.len());
                proptest::prop_assert!(items.eq(list.iter().map(String::as_str)));
            }
        }
    }

    #[test]
    fn a_page_without_words_reads_as_empty() {
        let words = PageWords::of(PageFields {
            section: "",
            slug: "",
            title: "",
            summary: "",
            address: "",
            file_key: "",
            topics: &[] as &[String],
            authors: &[],
            aliases: &[],
            event_cop: &[],
        });
        assert_eq!(words.title(), "");
        assert_eq!(words.topics().next(), None);
    }
}
