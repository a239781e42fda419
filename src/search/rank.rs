//! Fuzzy search: ranked ids over communities or site pages. Matched positions are
//! computed separately, only for the rows a screen shows.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use crate::content::{Community, SitePage};

/// One entry that matched a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Position of the entry in the slice searched.
    pub id: usize,
    pub score: i64,
}

/// Bonus that keeps a name or acronym match above one found only in a summary.
const NAME_BONUS: i64 = 40;

/// From this many entries on, a search is split across threads.
const PARALLEL_FROM: usize = 2048;

fn new_matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// Something a query can be matched against.
pub trait Searchable: Sync {
    /// The score of the best field that matches, or None.
    fn score(&self, matcher: &SkimMatcherV2, query: &str) -> Option<i64>;
}

/// A collection of entries searched by id.
pub trait Corpus: Sync {
    /// The score of entry `id`, or None when it does not match.
    fn score(&self, id: usize, matcher: &SkimMatcherV2, query: &str) -> Option<i64>;

    /// A cheap score that matches exactly what `score` matches, used to pick which
    /// entries of a long list `score` ranks; None when there is no cheaper way.
    fn quick_score(&self, _id: usize, _query: &str) -> Option<Option<i64>> {
        None
    }
}

impl<T: Searchable> Corpus for [T] {
    fn score(&self, id: usize, matcher: &SkimMatcherV2, query: &str) -> Option<i64> {
        self[id].score(matcher, query)
    }
}

/// From this many entries on, only the best by `quick_score` get the fuzzy scorer.
const REFINE_FROM: usize = 4096;
/// How many entries of a long list the fuzzy scorer ranks: many screens' worth.
const REFINED: usize = 512;
/// Puts the fuzzily ranked head above the quickly ranked rest.
const REFINED_ABOVE: i64 = 1 << 40;

impl Searchable for Community {
    /// Name, short name and slug fuzzily; the acronym exactly; topics and summary only
    /// when they hold every word of the query, so scattered letters there do not flood
    /// the list.
    fn score(&self, matcher: &SkimMatcherV2, query: &str) -> Option<i64> {
        let names = [
            Some(self.name()),
            self.short_name.as_deref(),
            Some(self.slug.as_str()),
        ];
        let name = names
            .into_iter()
            .flatten()
            .filter_map(|field| matcher.fuzzy_match(field, query))
            .max()
            .map(|s| s + NAME_BONUS);
        let acronym = self
            .acronym
            .as_deref()
            .filter(|a| a.eq_ignore_ascii_case(query))
            .map(|_| 1000);
        let topics = self
            .topics
            .iter()
            .filter(|topic| contains_words(topic, query))
            .filter_map(|topic| matcher.fuzzy_match(topic, query))
            .max()
            .map(|s| s + NAME_BONUS / 2);
        let summary = Some(&self.summary)
            .filter(|summary| contains_words(summary, query))
            .and_then(|summary| matcher.fuzzy_match(summary, query));
        [name, acronym, topics, summary].into_iter().flatten().max()
    }
}

/// The titles and summaries of a site's pages, laid end to end in one buffer: a search
/// reads every one of them on each keystroke, and memory read in order is many times
/// faster than 100,000 separate strings.
#[derive(Debug, Default)]
pub struct PageTexts {
    text: String,
    /// Per page: where its title starts, where its summary starts, where that ends.
    spans: Vec<(u32, u32, u32)>,
}

impl PageTexts {
    pub fn new(pages: &[SitePage]) -> Self {
        let size = pages.iter().map(|p| p.title.len() + p.summary.len()).sum();
        let mut text = String::with_capacity(size);
        let spans = pages
            .iter()
            .map(|page| {
                let start = text.len() as u32;
                text.push_str(&page.title);
                let middle = text.len() as u32;
                text.push_str(&page.summary);
                (start, middle, text.len() as u32)
            })
            .collect();
        Self { text, spans }
    }

    fn title(&self, id: usize) -> &str {
        let (start, middle, _) = self.spans[id];
        &self.text[start as usize..middle as usize]
    }

    fn summary(&self, id: usize) -> &str {
        let (_, middle, end) = self.spans[id];
        &self.text[middle as usize..end as usize]
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

impl Corpus for PageTexts {
    /// Title fuzzily, else the summary when it holds every word of the query. This runs
    /// over every page of a large site on each keystroke, so it skips the fuzzy scorer
    /// where a cheaper answer is the same: a title without the query's letters in order
    /// cannot match, and a summary match only needs a rank below any title match.
    fn score(&self, id: usize, matcher: &SkimMatcherV2, query: &str) -> Option<i64> {
        let (title, summary) = (self.title(id), self.summary(id));
        let mut letters = query.chars();
        if let (Some(one), None) = (letters.next(), letters.next()) {
            return single_char_score(title, one)
                .map(|s| s + NAME_BONUS)
                .or_else(|| contains_words(summary, query).then_some(SUMMARY_SCORE_PER_CHAR));
        }
        let fuzzy = if has_in_order(title, query) {
            matcher.fuzzy_match(title, query)
        } else {
            None
        };
        match fuzzy {
            Some(score) => Some(score + NAME_BONUS),
            None if contains_words(summary, query) => {
                Some(SUMMARY_SCORE_PER_CHAR * query.len() as i64)
            }
            None => None,
        }
    }

    /// Where the query's letters are in the title, in order: as one run at the start of a
    /// word is best, as one run anywhere next, scattered last; then the summary.
    fn quick_score(&self, id: usize, query: &str) -> Option<Option<i64>> {
        let (title, summary) = (self.title(id), self.summary(id));
        // A run of the query in the title implies its letters are there in order.
        if let Some(pos) = find_ignore_case(title, query) {
            let at_word = pos == 0 || !title.as_bytes()[pos - 1].is_ascii_alphanumeric();
            let run = 1000 + if at_word { 500 } else { 0 } - pos.min(100) as i64;
            return Some(Some(run + NAME_BONUS));
        }
        if has_in_order(title, query) {
            return Some(Some(100 + NAME_BONUS));
        }
        Some(contains_words(summary, query).then(|| SUMMARY_SCORE_PER_CHAR * query.len() as i64))
    }
}

/// What a summary match scores per character of the query (titles score more).
const SUMMARY_SCORE_PER_CHAR: i64 = 4;

/// Whether the query's characters (spaces aside) appear in `text` in order, ignoring
/// case: a fuzzy match is impossible otherwise.
fn has_in_order(text: &str, query: &str) -> bool {
    if text.is_ascii() && query.is_ascii() {
        let mut rest = text.bytes();
        return query
            .bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .all(|q| rest.any(|t| t.eq_ignore_ascii_case(&q)));
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
fn single_char_score(text: &str, letter: char) -> Option<i64> {
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
/// can equal it, and a byte of one reads as "not a letter" before a word.
fn single_ascii_score(text: &[u8], letter: u8) -> Option<i64> {
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

/// A share of `len` entries for one parallel task: a few per thread, so that splitting
/// the work costs far less than the work.
fn chunk_size(len: usize) -> usize {
    len.div_ceil(rayon::current_num_threads().max(1) * 4).max(1)
}

/// Sorts hits best first, ties in the order of `ids`, as plain numbers: the score
/// (reversed) in the high bits and the position in `ids` in the low ones — far faster
/// on 100,000 hits than sorting pairs. `hits` holds (position in `ids`, score).
fn sort_hits(ids: &[usize], hits: impl IntoIterator<Item = (usize, i64)>) -> Vec<Hit> {
    const ORDER_BITS: u32 = 22;
    const TOP: i64 = 1 << 41;
    debug_assert!(ids.len() < 1 << ORDER_BITS);
    let mut keys: Vec<u64> = hits
        .into_iter()
        .map(|(order, score)| (((TOP - score.clamp(0, TOP)) as u64) << ORDER_BITS) | order as u64)
        .collect();
    keys.sort_unstable();
    keys.into_iter()
        .map(|key| Hit {
            id: ids[(key & ((1 << ORDER_BITS) - 1)) as usize],
            score: TOP - (key >> ORDER_BITS) as i64,
        })
        .collect()
}

/// The matcher every search uses, so the list and `copdeck search` rank alike.
pub struct Searcher {
    matcher: SkimMatcherV2,
}

impl Default for Searcher {
    fn default() -> Self {
        Self {
            matcher: new_matcher(),
        }
    }
}

impl Searcher {
    /// Ranks `ids` of `items` against `query`, best first; equal scores keep the order of
    /// the ids (site order). An empty query keeps every id in the given order.
    pub fn rank<C: Corpus + ?Sized>(&self, items: &C, ids: &[usize], query: &str) -> Vec<Hit> {
        let query = query.trim();
        if query.is_empty() {
            return ids.iter().map(|&id| Hit { id, score: 0 }).collect();
        }
        if ids.len() >= REFINE_FROM
            && query.chars().count() > 1
            && let Some(hits) = self.rank_long(items, ids, query)
        {
            return hits;
        }
        let hit = |matcher: &SkimMatcherV2, id: usize| {
            items
                .score(id, matcher, query)
                .map(|score| Hit { id, score })
        };
        let hits: Vec<(usize, Hit)> = if ids.len() >= PARALLEL_FROM {
            // One matcher per chunk (the matcher's caches are per thread), and chunks
            // large enough that splitting the work costs less than doing it.
            let chunk = chunk_size(ids.len());
            let parts: Vec<Vec<(usize, Hit)>> = ids
                .par_chunks(chunk)
                .enumerate()
                .map(|(part, slice)| {
                    let matcher = new_matcher();
                    slice
                        .iter()
                        .enumerate()
                        .filter_map(|(i, &id)| hit(&matcher, id).map(|h| (part * chunk + i, h)))
                        .collect()
                })
                .collect();
            parts.into_iter().flatten().collect()
        } else {
            ids.iter()
                .enumerate()
                .filter_map(|(order, &id)| hit(&self.matcher, id).map(|h| (order, h)))
                .collect()
        };
        sort_hits(ids, hits.into_iter().map(|(order, hit)| (order, hit.score)))
    }

    /// A long list: every entry is matched by the quick score (in parallel), then only
    /// the best `REFINED` are ranked by the fuzzy scorer and put first — the rows a
    /// person looks at get fuzzy-matcher's ranking, and a keystroke stays cheap.
    fn rank_long<C: Corpus + ?Sized>(
        &self,
        items: &C,
        ids: &[usize],
        query: &str,
    ) -> Option<Vec<Hit>> {
        let chunk = chunk_size(ids.len());
        let parts: Vec<Option<Vec<(usize, Hit)>>> = ids
            .par_chunks(chunk)
            .enumerate()
            .map(|(part, slice)| {
                let mut found = Vec::new();
                for (i, &id) in slice.iter().enumerate() {
                    if let Some(score) = items.quick_score(id, query)? {
                        found.push((part * chunk + i, Hit { id, score }));
                    }
                }
                Some(found)
            })
            .collect();
        let mut hits: Vec<(usize, Hit)> = parts.into_iter().collect::<Option<Vec<_>>>()?.concat();
        let key = |(order, hit): &(usize, Hit)| (std::cmp::Reverse(hit.score), *order);
        let head = hits.len().min(REFINED);
        if hits.len() > REFINED {
            hits.select_nth_unstable_by_key(REFINED, key);
        }
        hits[..head]
            .par_iter_mut()
            .for_each_init(new_matcher, |matcher, (_, hit)| {
                if let Some(score) = items.score(hit.id, matcher, query) {
                    hit.score = REFINED_ABOVE + score;
                }
            });
        Some(sort_hits(
            ids,
            hits.into_iter().map(|(order, hit)| (order, hit.score)),
        ))
    }

    /// Ranks communities (see `Searchable for Community`).
    pub fn search(
        &self,
        communities: &[Community],
        ids: impl IntoIterator<Item = usize>,
        query: &str,
    ) -> Vec<Hit> {
        let ids: Vec<usize> = ids.into_iter().collect();
        self.rank(communities, &ids, query)
    }

    /// Ranks site pages by their titles and summaries (see `Corpus for PageTexts`).
    pub fn search_pages(
        &self,
        pages: &PageTexts,
        ids: impl IntoIterator<Item = usize>,
        query: &str,
    ) -> Vec<Hit> {
        let ids: Vec<usize> = ids.into_iter().collect();
        self.rank(pages, &ids, query)
    }

    /// Character positions of `query` in `text` to highlight, when it matches there.
    pub fn positions(&self, text: &str, query: &str) -> Vec<usize> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        self.matcher
            .fuzzy_indices(text, query)
            .map(|(_, positions)| positions)
            .unwrap_or_default()
    }
}

/// Whether every word of `query` appears in `text`, ignoring ASCII case, without
/// allocating (this runs for every entry on every keystroke).
pub fn contains_words(text: &str, query: &str) -> bool {
    query
        .split_whitespace()
        .all(|word| contains_ignore_case(text.as_bytes(), word.as_bytes()))
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    position_ignore_case(haystack, needle).is_some()
}

/// Where `needle` first appears in `text`, ignoring ASCII case, as a byte offset.
fn find_ignore_case(text: &str, needle: &str) -> Option<usize> {
    position_ignore_case(text.as_bytes(), needle.as_bytes())
}

fn position_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() > haystack.len() {
        return None;
    }
    let first = needle[0].to_ascii_lowercase();
    (0..=haystack.len() - needle.len()).find(|&start| {
        haystack[start].to_ascii_lowercase() == first
            && haystack[start..start + needle.len()].eq_ignore_ascii_case(needle)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn community(title: &str, summary: &str, topics: &[&str]) -> Community {
        Community {
            slug: title.to_lowercase().replace(' ', "-"),
            title: title.into(),
            summary: summary.into(),
            weight: Some(1),
            topics: topics.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn ranks_name_matches_first_and_highlights_them() {
        let list = vec![
            community(
                "Social Media",
                "Write plainly for people",
                &["social-media"],
            ),
            community(
                "Join the Plain Language",
                "Clear writing",
                &["plain-language"],
            ),
            community("Open Data", "Share data", &["open-data"]),
        ];
        let searcher = Searcher::default();
        let hits = searcher.search(&list, 0..3, "plain");
        assert_eq!(hits[0].id, 1);
        assert_eq!(
            searcher.positions(list[1].name(), "plain"),
            vec![0, 1, 2, 3, 4]
        );
        assert!(hits.iter().all(|h| h.id != 2));
    }

    #[test]
    fn parallel_and_serial_rank_alike() {
        let list: Vec<Community> = (0..5000)
            .map(|i| community(&format!("Page {i} plain"), "x", &[]))
            .collect();
        let ids: Vec<usize> = (0..5000).collect();
        let searcher = Searcher::default();
        let parallel = searcher.rank(list.as_slice(), &ids, "p49");
        let serial = searcher.rank(list.as_slice(), &ids[..1000], "p49");
        assert!(parallel.len() > serial.len());
        assert_eq!(&parallel[..3], &serial[..3]);
    }

    fn page(title: &str, summary: &str) -> SitePage {
        SitePage {
            section: "resources".into(),
            slug: String::new(),
            title: title.into(),
            summary: summary.into(),
            date: None,
            topics: vec![],
            authors: vec![],
            aliases: vec![],
            address: String::new(),
            file_key: String::new(),
            is_section: false,
            expired: false,
            expiry: None,
            source: String::new(),
            body: crate::content::site::BodySource::Embedded(""),
        }
    }

    #[test]
    fn long_lists_match_the_same_pages_and_rank_the_head_fuzzily() {
        let pages: Vec<SitePage> = (0..6000)
            .map(|i| match i % 3 {
                0 => page(&format!("Plain language guide {i}"), "about writing"),
                1 => page(&format!("Open data {i}"), "plain words here"),
                _ => page(&format!("Pl{i} ain"), "other"),
            })
            .collect();
        let ids: Vec<usize> = (0..pages.len()).collect();
        let searcher = Searcher::default();
        let texts = PageTexts::new(&pages);
        let long = searcher.rank(&texts, &ids, "plain");
        let short = searcher.rank(&texts, &ids[..3000], "plain");
        let mut long_ids: Vec<usize> = long.iter().map(|h| h.id).filter(|&id| id < 3000).collect();
        let mut short_ids: Vec<usize> = short.iter().map(|h| h.id).collect();
        long_ids.sort_unstable();
        short_ids.sort_unstable();
        assert_eq!(long_ids, short_ids, "the same pages match");
        assert_eq!(pages[long[0].id].title, "Plain language guide 0");
    }

    #[test]
    fn words_match_without_case() {
        assert!(contains_words("Plain Language Guide", "plain GUIDE"));
        assert!(!contains_words("Plain", "plains"));
        assert!(contains_words("anything", ""));
    }

    #[test]
    fn empty_query_keeps_order_and_acronyms_win() {
        let mut list = vec![
            community("Social Media", "", &[]),
            community("Open Data", "", &[]),
        ];
        list[0].acronym = Some("SM".into());
        let searcher = Searcher::default();
        let ids: Vec<_> = searcher
            .search(&list, [1, 0], "")
            .iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(ids, vec![1, 0]);
        assert_eq!(searcher.search(&list, 0..2, "sm")[0].id, 0);
    }
}
