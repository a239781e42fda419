//! Whether one page's body holds every word of a text search, decided on the file's raw
//! bytes where that gives the same answer as reading the body (`read_body`) and looking
//! in it (`contains_words`), and by exactly that where it might not.

use memchr::memmem::Finder;

use crate::content::loader::read_page_file_into;
use crate::content::raw_body::{check_page, locate_body};
use crate::content::read_body;
use crate::content::site::BodySource;
use crate::content::site_loader::body_of_bytes;
use crate::search::rank::contains_words;

/// A text search's words, ready to be looked for in many pages.
pub struct BodyQuery {
    query: String,
    /// Each word in lower case, when every word is ASCII. Then a match never reaches
    /// past an ASCII byte, so neither line endings nor the repair of mojibake (both
    /// only replace bytes outside such runs) can make or break one, and the raw body
    /// answers as the decoded one does.
    lowered: Option<Vec<Finder<'static>>>,
}

impl BodyQuery {
    /// The words of `query`, split at white space, as `contains_words` splits them.
    pub fn new(query: &str) -> Self {
        let words: Vec<&str> = query.split_whitespace().collect();
        let lowered = words.iter().all(|w| w.is_ascii()).then(|| {
            words
                .iter()
                .map(|w| Finder::new(&w.to_ascii_lowercase()).into_owned())
                .collect()
        });
        Self {
            query: query.to_string(),
            lowered,
        }
    }

    /// Whether the page's body holds every word, ignoring ASCII case; an error where the
    /// page cannot be read as a page and that decides the answer. `buf` is scratch
    /// space kept from page to page.
    pub fn matches(&self, source: &BodySource, buf: &mut Vec<u8>) -> Result<bool, String> {
        let (BodySource::File(path), Some(words)) = (source, &self.lowered) else {
            return read_body(source).map(|body| contains_words(&body, &self.query));
        };
        read_page_file_into(path, buf).map_err(|d| d.message)?;
        let Some(body_start) = locate_body(buf) else {
            return body_of_bytes(buf.clone()).map(|body| contains_words(&body, &self.query));
        };
        // Only the body is lowered: the front matter may yet be parsed, below.
        let body = &mut buf[body_start..];
        body.make_ascii_lowercase();
        if !words.iter().all(|word| word.find(body).is_some()) {
            // Not here, whether or not the file is a page.
            return Ok(false);
        }
        check_page(buf, body_start).map(|()| true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the search decided before it read raw bytes: the body, then the words in it.
    fn read_then_look(source: &BodySource, query: &str) -> bool {
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
            files.push((page.address.clone(), text.as_bytes().to_vec()));
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
                let source = BodySource::File(path);
                let expected = read_then_look(&source, query);
                let got = words.matches(&source, &mut buf).unwrap_or(false);
                assert_eq!(got, expected, "{query:?} in {name}");
                found += usize::from(got);
            }
        }
        assert!(found > 100, "the queries find pages: {found}");
    }

    #[test]
    fn a_missing_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let source = BodySource::File(dir.path().join("gone.md"));
        let mut buf = Vec::new();
        assert!(
            BodyQuery::new("digital")
                .matches(&source, &mut buf)
                .is_err()
        );
    }
}
