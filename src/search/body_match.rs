//! Whether one page's body holds every word of a text search, decided on the file's raw
//! bytes where that gives the same answer as reading the body (`read_body`) and looking
//! in it (`contains_words`), and by exactly that where it might not.

use memchr::memmem::Finder;

use crate::content::loader::read_page_file_into;
use crate::content::raw_body::{check_page, locate_body};
use crate::content::read_body;
use crate::content::site::TextSource;
use crate::content::site_loader::body_of_bytes;
use crate::search::rank::contains_words;

/// A text search's words, ready to be looked for in many pages.
///
/// The raw body answers as the decoded one does because a word never holds white space:
/// a match never takes in a line break, so changed line endings cannot make or break
/// one. The repair of mojibake only replaces runs of non-ASCII characters with one
/// non-ASCII character, so it cannot either for a word all in ASCII; a word with other
/// characters is looked for in the raw body only when no repair would happen there.
pub struct BodyQuery {
    query: String,
    /// Each word, its ASCII letters in lower case.
    words: Vec<Finder<'static>>,
    /// Whether every word is ASCII.
    ascii: bool,
}

impl BodyQuery {
    /// The words of `query`, split at white space, as `contains_words` splits them.
    pub fn new(query: &str) -> Self {
        let words = query
            .split_whitespace()
            .map(|w| Finder::new(&w.to_ascii_lowercase()).into_owned())
            .collect();
        Self {
            query: query.to_string(),
            words,
            ascii: query.is_ascii(),
        }
    }

    /// Whether the page's body holds every word, ignoring ASCII case; an error where the
    /// page cannot be read as a page and that decides the answer. `buf` is scratch
    /// space kept from page to page.
    ///
    /// `indexed_as` is the stamp the file had when its page was read into the index
    /// (`SitePage::indexed_as`): a file that still has it is known to read as a page.
    pub fn matches(
        &self,
        source: TextSource,
        indexed_as: u64,
        buf: &mut Vec<u8>,
    ) -> Result<bool, String> {
        let TextSource::File(path) = source else {
            return read_body(source).map(|body| contains_words(&body, &self.query));
        };
        let stamp = read_page_file_into(path, buf).map_err(|d| d.message)?;
        let body_start = match locate_body(buf) {
            Some(at) if self.ascii || !may_repair(&buf[at..]) => at,
            _ => {
                return body_of_bytes(buf.clone()).map(|body| contains_words(&body, &self.query));
            }
        };
        // Only the body is lowered: the front matter may yet be parsed, below.
        let body = &mut buf[body_start..];
        body.make_ascii_lowercase();
        if !self.words.iter().all(|word| word.find(body).is_some()) {
            // Not here, whether or not the file is a page.
            return Ok(false);
        }
        if indexed_as != 0 && stamp.fingerprint() == indexed_as {
            // The file is as it was when its front matter was read.
            return Ok(true);
        }
        check_page(buf, body_start).map(|()| true)
    }
}

/// Whether the repair of mojibake could change this body: it holds a character from
/// U+00C2 to U+00F4 (in UTF-8, 0xC3 then 0x82..=0xB4), which is what the repair
/// looks for before it changes anything.
fn may_repair(body: &[u8]) -> bool {
    memchr::memchr_iter(0xC3, body)
        .any(|at| body.get(at + 1).is_some_and(|b| (0x82..=0xB4).contains(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::site::BodySource;

    /// What the search decided before it read raw bytes: the body, then the words in it.
    fn read_then_look(source: TextSource, query: &str) -> bool {
        read_body(source).is_ok_and(|body| contains_words(&body, query))
    }

    /// Page files laid out in every way the loader meets, plain or not.
    const ODD_PAGES: &[&[u8]] = &[
        b"---\r\ntitle: CRLF\r\n---\r\nA Digital page with CRLF line endings.\r\n",
        b"---\ntitle: Mixed\n---\r\nDigital body with CRLF\r\nbut not above.\r\n",
        b"---\rtitle: Old Mac\r---\rDigital body with lone CRs.\r",
        b"\xEF\xBB\xBF---\ntitle: BOM\n---\nA digital page after a byte-order mark.\n",
        b"+++\ntitle = \"TOML\"\n+++\nA digital page with TOML front matter.\n",
        b"A digital page with no front matter at all.\n",
        b"---\ntitle: Never closed\nA digital page.\n",
        b"---\ntitle: [unclosed\n---\nA digital page whose front matter does not parse.\n",
        b"---\n\ttitle: Tab\n---\nA digital page indented with a tab.\n",
        "---\ntitle: Mojibake\n---\nItâ€™s a digital cafÃ© â€“ join us.\n".as_bytes(),
        b"---\ntitle: Not UTF-8\n---\nA digital page with a \xFF byte.\n",
        b"---\ntitle: \xFF\n---\nA digital page with a bad byte above.\n",
        b"---\ntitle: NUL\n---\nA digital page with a \0 byte.\n",
        b"\n \n---\ntitle: Blank lines first\n---   \nDigital after blank lines.\n",
        b"\xC2\xA0\n---\ntitle: No-break space first\n---\nDigital after it.\n",
        b"---\ntitle: Dashes\n---\nDigital body\n---\nwith a later line of dashes.\n",
        b"---\ntitle: Empty body\n---",
        b"---\n---\nDigital body under empty front matter.\n",
        b"",
        b"   \n",
        b"---\ntitle: Accents\n---\nA digital caf\xC3\xA9 in \xC3\x85ngstr\xC3\xB6m.\n",
        "---\ntitle: Quotes\n---\nIt\u{2019}s a digital page \u{2013} no accents.\r\n".as_bytes(),
        "---\ntitle: Both\n---\nIt\u{2019}s a digital page \u{2013} and \u{e2}\u{20ac}\u{201c}.\n"
            .as_bytes(),
        b"---\ntitle: Lone lead byte\n---\nIt\xE2\x80\x99s digital \xC3 broken.\n",
    ];

    const QUERIES: &[&str] = &[
        "digital",
        "DIGITAL page",
        "body",
        "title",
        "caf\u{e9}",
        "\u{2019}s",
        "join us",
        "it\u{2019}s digital",
        "\u{2013}",
        "page \u{2013} NO",
        "dashes",
        "community of practice",
        "zyzzyva",
        "",
        "   ",
        "-",
    ];

    #[test]
    fn decides_as_reading_the_body_does_for_every_page_and_query() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for (i, bytes) in ODD_PAGES.iter().enumerate() {
            files.push((format!("odd page {i}"), bytes.to_vec()));
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let progress = std::sync::atomic::AtomicUsize::new(0);
        let shipped =
            crate::content::load_site(&crate::content::Source::Embedded, today, &progress).unwrap();
        for page in &shipped.site.pages {
            let BodySource::Embedded(text) = page.body else {
                panic!("a shipped page not built in");
            };
            files.push((page.address().to_string(), text.as_bytes().to_vec()));
        }
        let mut buf = Vec::new();
        let mut found = 0;
        for &query in QUERIES
            .iter()
            .chain(["hashtag", "the community", "Join"].iter())
        {
            let words = BodyQuery::new(query);
            for (i, (name, bytes)) in files.iter().enumerate() {
                let path = dir.path().join(format!("{i}.md"));
                std::fs::write(&path, bytes).unwrap();
                let source = TextSource::File(&path);
                let expected = read_then_look(source, query);
                let got = words.matches(source, 0, &mut buf).unwrap_or(false);
                assert_eq!(got, expected, "{query:?} in {name}");
                found += usize::from(got);
            }
        }
        assert!(found > 100, "the queries find pages: {found}");
    }

    #[test]
    fn may_repair_whenever_the_repair_would_change_the_text() {
        for text in [
            "plain",
            "caf\u{e9}",
            "\u{c1}\u{c2}",
            "\u{f4}\u{f5}",
            "It\u{2019}s \u{2013}",
            "It\u{e2}\u{20ac}\u{2122}s",
            "cafÃ©",
        ] {
            let changed = crate::content::mojibake::repair_mojibake(text) != text;
            assert!(!changed || may_repair(text.as_bytes()), "{text:?}");
        }
        assert!(!may_repair("It\u{2019}s \u{2013} plain".as_bytes()));
        assert!(may_repair("caf\u{e9}".as_bytes()));
    }

    #[test]
    fn a_missing_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone.md");
        let source = TextSource::File(&gone);
        let mut buf = Vec::new();
        assert!(
            BodyQuery::new("digital")
                .matches(source, 0, &mut buf)
                .is_err()
        );
    }

    #[test]
    fn a_file_with_the_stamp_it_was_indexed_with_is_not_checked_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.md");
        // Front matter that does not parse: a check would refuse the page.
        std::fs::write(&path, "---\ntitle: [unclosed\n---\nA digital page.\n").unwrap();
        let source = TextSource::File(&path);
        let (query, mut buf) = (BodyQuery::new("digital"), Vec::new());
        assert!(query.matches(source, 0, &mut buf).is_err(), "checked");
        let stamp = read_page_file_into(&path, &mut buf).unwrap().fingerprint();
        assert_eq!(
            query.matches(source, stamp, &mut buf),
            Ok(true),
            "the stamp it was indexed with vouches for it"
        );
        std::fs::write(
            &path,
            "---\ntitle: [unclosed\n---\nA digital page, changed.\n",
        )
        .unwrap();
        assert!(
            query.matches(source, stamp, &mut buf).is_err(),
            "a changed file is checked again"
        );
    }
}
