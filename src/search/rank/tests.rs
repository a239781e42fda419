use super::*;
use crate::content::page_words::{PageFields, PageWords};

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
fn parallel_ranking_equals_one_matcher_over_the_same_entries() {
    // From PARALLEL_FROM entries on, a corpus with no quick score (communities) is
    // ranked in parallel chunks; it must give exactly what one matcher gives over the
    // same list, in the same order.
    let list: Vec<Community> = (0..3000)
        .map(|i| community(&format!("Page {i} plain"), "x", &[]))
        .collect();
    let ids: Vec<usize> = (0..list.len()).rev().collect();
    assert!(ids.len() >= PARALLEL_FROM);
    let searcher = Searcher::default();
    let parallel = searcher.rank(list.as_slice(), &ids, "p49");
    let matcher = new_matcher();
    let mut serial: Vec<(usize, Hit)> = ids
        .iter()
        .enumerate()
        .filter_map(|(order, &id)| {
            list.as_slice()
                .score(id, &matcher, "p49")
                .map(|score| (order, Hit { id, score }))
        })
        .collect();
    serial.sort_by_key(|(order, hit)| (std::cmp::Reverse(hit.score), *order));
    let serial: Vec<Hit> = serial.into_iter().map(|(_, hit)| hit).collect();
    assert!(
        serial.len() > 50,
        "the query matches many entries: {}",
        serial.len()
    );
    assert_eq!(parallel, serial);
}

fn page(title: &str, summary: &str) -> SitePage {
    SitePage {
        indexed_as: 0,
        words: PageWords::of(PageFields {
            section: "resources",
            slug: "",
            title,
            summary,
            address: "",
            file_key: "",
            topics: &[] as &[&str],
            authors: &[],
            aliases: &[],
            event_cop: &[],
        }),
        date: None,
        is_section: false,
        expired: false,
        expiry: None,
        gone_notice: false,
        source: String::new(),
        body: crate::content::site::BodySource::Embedded(""),
        community: None,
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
    let laid_out = PageTexts::new(&pages);
    let texts = laid_out.with(&pages);
    let long = searcher.rank(&texts, &ids, "plain");
    let short = searcher.rank(&texts, &ids[..3000], "plain");
    let mut long_ids: Vec<usize> = long.iter().map(|h| h.id).filter(|&id| id < 3000).collect();
    let mut short_ids: Vec<usize> = short.iter().map(|h| h.id).collect();
    long_ids.sort_unstable();
    short_ids.sort_unstable();
    assert_eq!(long_ids, short_ids, "the same pages match");
    assert_eq!(pages[long[0].id].title(), "Plain language guide 0");
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

#[test]
fn a_ranking_told_to_stop_gives_up_and_one_never_told_ends() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let pages: Vec<SitePage> = (0..20_000)
        .map(|i| page(&format!("Guide number {i}"), "plain words"))
        .collect();
    let laid_out = PageTexts::new(&pages);
    let texts = laid_out.with(&pages);
    let ids: Vec<usize> = (0..pages.len()).collect();
    let searcher = Searcher::default();
    for (query, scope) in [("gd", "a long list's quick score"), ("g", "one letter")] {
        let looked = AtomicUsize::new(0);
        // Stop at the third look: the ranking must notice and give up.
        let stop = || looked.fetch_add(1, Ordering::Relaxed) >= 2;
        assert_eq!(
            searcher.rank_unless(&texts, &ids, query, &stop),
            None,
            "{scope}"
        );
        let never = searcher.rank_unless(&texts, &ids, query, &|| false);
        assert_eq!(never, Some(searcher.rank(&texts, &ids, query)), "{scope}");
        assert_eq!(never.map(|hits| hits.len()), Some(pages.len()), "{scope}");
    }
}

#[test]
fn pages_ranked_where_they_are_rank_as_their_copied_texts() {
    // Long enough for the quick score to pick the head, with titles and summaries that
    // match in every way: a run at a word's start, letters in order, the summary only.
    let pages: Vec<SitePage> = (0..3000)
        .map(|i| match i % 4 {
            0 => page(&format!("Plain language guide {i}"), "about writing"),
            1 => page(&format!("Open data {i}"), "plain words here"),
            2 => page(&format!("Pl{i} ain"), "other"),
            _ => page(&format!("Explaining É-{i}"), ""),
        })
        .collect();
    let ids: Vec<usize> = (0..pages.len()).collect();
    let searcher = Searcher::default();
    let laid_out = PageTexts::new(&pages);
    let copied = laid_out.with(&pages);
    let in_place = SitePages(&pages);
    for query in [
        "plain",
        "p",
        "P",
        "-",
        "plain words",
        "ain",
        "nothing like it",
        "",
    ] {
        let expected = searcher.search_pages(&copied, ids.iter().copied(), query);
        let found = searcher.search_pages(&in_place, ids.iter().copied(), query);
        assert_eq!(found, expected, "{query:?}");
    }
    let few = searcher.search_pages(&in_place, [3, 1, 0], "plain");
    assert_eq!(few, searcher.search_pages(&copied, [3, 1, 0], "plain"));
    assert!(!few.is_empty());
}

mod quick_score_of_lowered_text {
    use proptest::prelude::*;

    use super::*;

    /// Letters that try the lowercased copy: both cases, a sign that lowercases to an
    /// ASCII letter (Kelvin), accented letters in both cases, spaces and punctuation.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just('a'),
                Just('A'),
                Just('k'),
                Just('K'),
                Just('\u{212A}'),
                Just('é'),
                Just('É'),
                Just('l'),
                Just('P'),
                Just(' '),
                Just('-'),
            ],
            0..12,
        )
        .prop_map(|letters| letters.into_iter().collect())
    }

    /// The case that shows why an ASCII query's letters are looked for in the copy only
    /// in an ASCII title: the Kelvin sign is not ASCII, and lowercases to `k`.
    #[test]
    fn a_title_that_is_not_ascii_is_read_as_it_is() {
        let pages = [page("\u{212A}", "")];
        let laid_out = PageTexts::new(&pages);
        let texts = laid_out.with(&pages);
        let expected = quick_score_page("\u{212A}", "", "k");
        assert!(expected.is_some(), "the Kelvin sign is a k, ignoring case");
        assert_eq!(texts.quick_score(0, &QuickQuery::new("k")), Some(expected));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// The quick score read from the lowercased copy is the one read from the
        /// original title and summary, for every page and query.
        #[test]
        fn is_the_quick_score_of_the_original(
            titles in proptest::collection::vec((text(), text()), 1..6),
            query in text(),
        ) {
            let query = query.trim();
            prop_assume!(!query.is_empty());
            let pages: Vec<SitePage> = titles.iter().map(|(t, s)| page(t, s)).collect();
            let laid_out = PageTexts::new(&pages);
            let texts = laid_out.with(&pages);
            let ready = QuickQuery::new(query);
            for (id, page) in pages.iter().enumerate() {
                prop_assert_eq!(
                    texts.quick_score(id, &ready),
                    Some(quick_score_page(page.title(), page.summary(), query)),
                    "{:?} / {:?} against {:?}", page.title(), page.summary(), query
                );
            }
        }
    }
}
