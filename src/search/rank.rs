//! Fuzzy search: ranked ids over communities or site pages. Matched positions are
//! computed separately, only for the rows a screen shows.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use crate::content::{Community, SitePage};

mod text_match;

pub use text_match::contains_words;
use text_match::{
    LoweredQuery, contains_ignore_case, find_ignore_case, has_in_order, single_ascii_score,
    single_char_score,
};

/// One entry that matched a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Position of the entry in the slice searched.
    pub id: usize,
    pub score: i64,
}

/// Bonus that keeps a name or acronym match above one found only in a summary.
const NAME_BONUS: i64 = 40;

/// From this many hits on, they are sorted on every core.
const PARALLEL_SORT_FROM: usize = 16_384;

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
    fn quick_score(&self, _id: usize, _query: &QuickQuery<'_>) -> Option<Option<i64>> {
        None
    }
}

/// A query as the quick score reads it, made ready once for every entry of a list: as
/// typed, and lowercased for text kept lowercased (`PageTexts`).
pub struct QuickQuery<'q> {
    text: &'q str,
    lowered: LoweredQuery,
}

impl<'q> QuickQuery<'q> {
    fn new(text: &'q str) -> Self {
        Self {
            text,
            lowered: LoweredQuery::new(text),
        }
    }
}

impl<T: Searchable> Corpus for [T] {
    fn score(&self, id: usize, matcher: &SkimMatcherV2, query: &str) -> Option<i64> {
        self[id].score(matcher, query)
    }
}

/// From this many entries on, only the best by `quick_score` get the fuzzy scorer: a
/// list narrowed by the previous key is often a few thousand pages, and scoring each
/// of them fuzzily was most of a keystroke at 5,000 pages.
const REFINE_FROM: usize = 1024;
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
        // `a11y` is also searched as "accessibility".
        let long_form = super::aliases::expand(query).and_then(|long| self.score(matcher, long));
        [name, acronym, topics, summary, long_form]
            .into_iter()
            .flatten()
            .max()
    }
}

/// The titles and summaries of a site's pages, their ASCII letters lowercased, laid
/// end to end in one buffer: a search reads every one of them on each keystroke, and
/// memory read in order is many times faster than 100,000 separate strings; lowercased,
/// the quick score looks for the query as it is, a whole run at a time, where it looked
/// for each letter in either case. The texts as written are the pages' own, read only
/// for the few pages the fuzzy scorer gets (`PageTexts::with`).
#[derive(Debug, Default)]
pub struct PageTexts {
    /// Each page's title and summary with their ASCII letters lowercased, byte for byte.
    lower: Vec<u8>,
    /// Per page: whether its title is ASCII (its letters in order can then be looked
    /// for in the lowercased copy).
    ascii_titles: Vec<bool>,
    /// Per page: where its title starts, where its summary starts, where that ends.
    spans: Vec<(u32, u32, u32)>,
    /// The pages the whole-site list shows unless asked for all (`SitePage::listed`),
    /// worked out once: reading each page's fields on every keystroke is a cache miss a
    /// page.
    listed: Vec<usize>,
}

impl PageTexts {
    /// The ids of the pages listed without being asked for all, in site order.
    pub fn listed(&self) -> &[usize] {
        &self.listed
    }

    pub fn new(pages: &[SitePage]) -> Self {
        let size = pages
            .iter()
            .map(|p| p.title().len() + p.summary().len())
            .sum();
        let mut lower = Vec::with_capacity(size);
        let mut push_lowered = |text: &str| {
            let start = lower.len();
            lower.extend_from_slice(text.as_bytes());
            lower[start..].make_ascii_lowercase();
            lower.len() as u32
        };
        // Whether each title is ASCII is read while the title is at hand: reading the
        // 100,000 titles again took 8-12 ms.
        let mut ascii_titles = Vec::with_capacity(pages.len());
        let mut start = 0;
        let spans = pages
            .iter()
            .map(|page| {
                ascii_titles.push(page.title().is_ascii());
                let middle = push_lowered(page.title());
                let end = push_lowered(page.summary());
                let span = (start, middle, end);
                start = end;
                span
            })
            .collect();
        let listed = (0..pages.len()).filter(|&id| pages[id].listed()).collect();
        Self {
            lower,
            ascii_titles,
            spans,
            listed,
        }
    }

    /// Page `id`'s title and summary, lowercased.
    fn lowered(&self, id: usize) -> (&[u8], &[u8]) {
        let (start, middle, end) = self.spans[id];
        (
            &self.lower[start as usize..middle as usize],
            &self.lower[middle as usize..end as usize],
        )
    }

    /// The texts with the pages they were laid out from, to rank them.
    pub fn with<'a>(&'a self, pages: &'a [SitePage]) -> SiteTexts<'a> {
        debug_assert_eq!(pages.len(), self.len(), "texts laid out from other pages");
        SiteTexts { texts: self, pages }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// A site's pages with their texts laid out for the matcher: what a search ranks.
pub struct SiteTexts<'a> {
    texts: &'a PageTexts,
    pages: &'a [SitePage],
}

impl Corpus for SiteTexts<'_> {
    fn score(&self, id: usize, matcher: &SkimMatcherV2, query: &str) -> Option<i64> {
        // A one-letter query is scored for every page of the list, with no quick score
        // first: it reads the lowercased texts, in order, not each page's own.
        if let [letter] = query.as_bytes() {
            let (title, summary) = self.texts.lowered(id);
            return ascii_letter_score(title, summary, *letter);
        }
        let page = &self.pages[id];
        score_page(page.title(), page.summary(), matcher, query)
    }

    fn quick_score(&self, id: usize, query: &QuickQuery<'_>) -> Option<Option<i64>> {
        let (title, summary) = self.texts.lowered(id);
        let lowered = &query.lowered;
        Some(quick_score_of(
            title,
            lowered.find_in(title),
            || {
                lowered
                    .in_order_in(title, self.texts.ascii_titles[id])
                    .unwrap_or_else(|| has_in_order(self.pages[id].title(), query.text))
            },
            || lowered.words_in(summary),
            query.text,
        ))
    }
}

/// The site's pages ranked where they are, for one search that ends the process (a
/// command's): copying every title and summary into `PageTexts` first would cost more
/// than the copy saves on a single query.
pub struct SitePages<'a>(pub &'a [SitePage]);

impl Corpus for SitePages<'_> {
    fn score(&self, id: usize, matcher: &SkimMatcherV2, query: &str) -> Option<i64> {
        let page = &self.0[id];
        score_page(page.title(), page.summary(), matcher, query)
    }

    fn quick_score(&self, id: usize, query: &QuickQuery<'_>) -> Option<Option<i64>> {
        let page = &self.0[id];
        Some(quick_score_page(page.title(), page.summary(), query.text))
    }
}

/// A page's score: its title fuzzily, else its summary when it holds every word of the
/// query. This runs over every page of a large site on each keystroke, so it skips the
/// fuzzy scorer where a cheaper answer is the same: a title without the query's letters
/// in order cannot match, and a summary match only needs a rank below any title match.
fn score_page(title: &str, summary: &str, matcher: &SkimMatcherV2, query: &str) -> Option<i64> {
    if let [letter] = query.as_bytes() {
        return ascii_letter_score(title.as_bytes(), summary.as_bytes(), *letter);
    }
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
        None if contains_words(summary, query) => Some(SUMMARY_SCORE_PER_CHAR * query.len() as i64),
        None => None,
    }
}

/// `score_page` for a query of one ASCII character, on the title's and summary's bytes
/// as written or with their ASCII letters lowercased (the same score either way).
fn ascii_letter_score(title: &[u8], summary: &[u8], letter: u8) -> Option<i64> {
    single_ascii_score(title, letter)
        .map(|s| s + NAME_BONUS)
        .or_else(|| contains_ignore_case(summary, &[letter]).then_some(SUMMARY_SCORE_PER_CHAR))
}

/// A page's quick score: where the query's letters are in the title, in order: as one
/// run at the start of a word is best, as one run anywhere next, scattered last; then
/// the summary.
fn quick_score_page(title: &str, summary: &str, query: &str) -> Option<i64> {
    quick_score_of(
        title.as_bytes(),
        find_ignore_case(title, query),
        || has_in_order(title, query),
        || contains_words(summary, query),
        query,
    )
}

/// The quick score from its answers, asked in turn: where the query runs in the title
/// (`run`, given), else whether its letters are there in order, else whether the summary
/// holds its words. `title` is the title's bytes, either case.
fn quick_score_of(
    title: &[u8],
    run: Option<usize>,
    in_order: impl FnOnce() -> bool,
    in_summary: impl FnOnce() -> bool,
    query: &str,
) -> Option<i64> {
    // A run of the query in the title implies its letters are there in order.
    if let Some(pos) = run {
        let at_word = pos == 0 || !title[pos - 1].is_ascii_alphanumeric();
        let run = 1000 + if at_word { 500 } else { 0 } - pos.min(100) as i64;
        return Some(run + NAME_BONUS);
    }
    if in_order() {
        return Some(100 + NAME_BONUS);
    }
    in_summary().then(|| SUMMARY_SCORE_PER_CHAR * query.len() as i64)
}

/// What a summary match scores per character of the query (titles score more).
const SUMMARY_SCORE_PER_CHAR: i64 = 4;

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
    // A large list is sorted on every core (a keystroke's first letter matches most
    // of a big site).
    if keys.len() >= PARALLEL_SORT_FROM {
        keys.par_sort_unstable();
    } else {
        keys.sort_unstable();
    }
    keys.into_iter()
        .map(|key| Hit {
            id: ids[(key & ((1 << ORDER_BITS) - 1)) as usize],
            score: TOP - (key >> ORDER_BITS) as i64,
        })
        .collect()
}

/// Asked between blocks of entries: whether the ranking is to give up.
pub type Stop<'a> = dyn Fn() -> bool + Sync + 'a;

/// How many entries are scored between two looks at `Stop`.
const STOP_CHECK_EVERY: usize = 256;

/// How a long ranking ended.
enum Ranking<T = Vec<Hit>> {
    Done(T),
    Stopped,
    /// The corpus has no quick score: rank it the ordinary way.
    NoQuickScore,
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
        self.rank_unless(items, ids, query, &|| false)
            .unwrap_or_default()
    }

    /// `rank`, giving up (None) soon after `stop` says so: a ranking a newer keystroke
    /// has overtaken stops within a few hundred entries instead of running to its end.
    pub fn rank_unless<C: Corpus + ?Sized>(
        &self,
        items: &C,
        ids: &[usize],
        query: &str,
        stop: &Stop<'_>,
    ) -> Option<Vec<Hit>> {
        let query = query.trim();
        if query.is_empty() {
            return Some(ids.iter().map(|&id| Hit { id, score: 0 }).collect());
        }
        if ids.len() >= REFINE_FROM && query.chars().count() > 1 {
            match self.rank_long(items, ids, query, stop) {
                Ranking::Done(hits) => return Some(hits),
                Ranking::Stopped => return None,
                Ranking::NoQuickScore => {}
            }
        }
        let hit = |matcher: &SkimMatcherV2, id: usize| {
            items
                .score(id, matcher, query)
                .map(|score| Hit { id, score })
        };
        // Scores a slice of ids (numbered from `first`), or None once told to stop.
        let score_slice = |matcher: &SkimMatcherV2, first: usize, slice: &[usize]| {
            let mut found = Vec::new();
            for (block, ids) in slice.chunks(STOP_CHECK_EVERY).enumerate() {
                if stop() {
                    return None;
                }
                let base = first + block * STOP_CHECK_EVERY;
                found.extend(
                    ids.iter()
                        .enumerate()
                        .filter_map(|(i, &id)| hit(matcher, id).map(|h| (base + i, h.score))),
                );
            }
            Some(found)
        };
        let hits: Vec<(usize, i64)> = if ids.len() >= PARALLEL_FROM {
            // One matcher per chunk (the matcher's caches are per thread), and chunks
            // large enough that splitting the work costs less than doing it.
            let chunk = chunk_size(ids.len());
            let parts: Option<Vec<Vec<(usize, i64)>>> = ids
                .par_chunks(chunk)
                .enumerate()
                .map(|(part, slice)| score_slice(&new_matcher(), part * chunk, slice))
                .collect();
            parts?.concat()
        } else {
            score_slice(&self.matcher, 0, ids)?
        };
        Some(sort_hits(ids, hits))
    }

    /// A long list: every entry is matched by the quick score (in parallel), then only
    /// the best `REFINED` are ranked by the fuzzy scorer and put first — the rows a
    /// person looks at get fuzzy-matcher's ranking, and a keystroke stays cheap.
    fn rank_long<C: Corpus + ?Sized>(
        &self,
        items: &C,
        ids: &[usize],
        query: &str,
        stop: &Stop<'_>,
    ) -> Ranking {
        let chunk = chunk_size(ids.len());
        let query_ready = QuickQuery::new(query);
        let parts: Vec<Ranking<Vec<(usize, Hit)>>> = ids
            .par_chunks(chunk)
            .enumerate()
            .map(|(part, slice)| {
                let mut found = Vec::new();
                for (i, &id) in slice.iter().enumerate() {
                    if i % STOP_CHECK_EVERY == 0 && stop() {
                        return Ranking::Stopped;
                    }
                    match items.quick_score(id, &query_ready) {
                        None => return Ranking::NoQuickScore,
                        Some(Some(score)) => found.push((part * chunk + i, Hit { id, score })),
                        Some(None) => {}
                    }
                }
                Ranking::Done(found)
            })
            .collect();
        let mut hits = Vec::new();
        for part in parts {
            match part {
                Ranking::Done(found) => hits.extend(found),
                Ranking::Stopped => return Ranking::Stopped,
                Ranking::NoQuickScore => return Ranking::NoQuickScore,
            }
        }
        let key = |(order, hit): &(usize, Hit)| (std::cmp::Reverse(hit.score), *order);
        let head = hits.len().min(REFINED);
        if hits.len() > REFINED {
            hits.select_nth_unstable_by_key(REFINED, key);
        }
        if stop() {
            return Ranking::Stopped;
        }
        hits[..head]
            .par_iter_mut()
            .for_each_init(new_matcher, |matcher, (_, hit)| {
                if let Some(score) = items.score(hit.id, matcher, query) {
                    hit.score = REFINED_ABOVE + score;
                }
            });
        Ranking::Done(sort_hits(
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
    pub fn search_pages<C: Corpus + ?Sized>(
        &self,
        pages: &C,
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

#[cfg(test)]
mod tests;
