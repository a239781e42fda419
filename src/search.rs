//! Fuzzy search over communities: ranked ids plus the matched positions in each name.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::content::Community;

/// One community that matched a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Position of the community in the slice searched.
    pub id: usize,
    pub score: i64,
    /// Character positions in `Community::name()` to highlight.
    pub positions: Vec<usize>,
}

/// Bonus that keeps a name or acronym match above one found only in a summary.
const NAME_BONUS: i64 = 40;

/// The matcher every search uses, so the list and `copdeck search` rank alike.
pub struct Searcher {
    matcher: SkimMatcherV2,
}

impl Default for Searcher {
    fn default() -> Self {
        Self {
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }
}

impl Searcher {
    /// Ranks `ids` of `communities` against `query` over name, short name, acronym,
    /// topics and summary. An empty query keeps every id in the given order.
    pub fn search(
        &self,
        communities: &[Community],
        ids: impl IntoIterator<Item = usize>,
        query: &str,
    ) -> Vec<Hit> {
        let query = query.trim();
        let mut hits: Vec<Hit> = ids
            .into_iter()
            .filter_map(|id| {
                if query.is_empty() {
                    return Some(Hit {
                        id,
                        score: 0,
                        positions: Vec::new(),
                    });
                }
                let community = &communities[id];
                self.score(community, query).map(|score| Hit {
                    id,
                    score,
                    positions: self.positions(community, query),
                })
            })
            .collect();
        // A stable sort keeps the given order among equal scores.
        hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        hits
    }

    /// Ranks site pages by title (fuzzy) and summary (whole words).
    pub fn search_pages(
        &self,
        pages: &[crate::content::SitePage],
        ids: impl IntoIterator<Item = usize>,
        query: &str,
    ) -> Vec<Hit> {
        let query = query.trim();
        let mut hits: Vec<Hit> = ids
            .into_iter()
            .filter_map(|id| {
                let page = &pages[id];
                if query.is_empty() {
                    return Some(Hit {
                        id,
                        score: 0,
                        positions: Vec::new(),
                    });
                }
                let title = self.matcher.fuzzy_indices(&page.title, query);
                let summary = Some(&page.summary)
                    .filter(|s| contains_words(s, query))
                    .and_then(|s| self.matcher.fuzzy_match(s, query));
                let score = [title.as_ref().map(|(s, _)| s + NAME_BONUS), summary]
                    .into_iter()
                    .flatten()
                    .max()?;
                Some(Hit {
                    id,
                    score,
                    positions: title.map(|(_, p)| p).unwrap_or_default(),
                })
            })
            .collect();
        hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        hits
    }

    fn score(&self, community: &Community, query: &str) -> Option<i64> {
        let name_fields = [
            Some(community.name()),
            community.short_name.as_deref(),
            Some(community.slug.as_str()),
        ];
        let name = name_fields
            .into_iter()
            .flatten()
            .filter_map(|field| self.matcher.fuzzy_match(field, query))
            .max()
            .map(|s| s + NAME_BONUS);
        let acronym = community
            .acronym
            .as_deref()
            .filter(|a| a.eq_ignore_ascii_case(query))
            .map(|_| 1000);
        // Topics and summaries are long: they count only when they hold every word
        // of the query, so scattered letters there do not flood the list.
        let topics = community
            .topics
            .iter()
            .filter(|topic| contains_words(topic, query))
            .filter_map(|topic| self.matcher.fuzzy_match(topic, query))
            .max()
            .map(|s| s + NAME_BONUS / 2);
        let summary = Some(&community.summary)
            .filter(|summary| contains_words(summary, query))
            .and_then(|summary| self.matcher.fuzzy_match(summary, query));
        [name, acronym, topics, summary].into_iter().flatten().max()
    }

    /// Matched positions in the displayed name, when the name itself matches.
    pub fn positions(&self, community: &Community, query: &str) -> Vec<usize> {
        self.matcher
            .fuzzy_indices(community.name(), query.trim())
            .map(|(_, positions)| positions)
            .unwrap_or_default()
    }
}

/// Whether every word of `query` appears in `text`, ignoring case.
fn contains_words(text: &str, query: &str) -> bool {
    let text = text.to_lowercase();
    query
        .to_lowercase()
        .split_whitespace()
        .all(|word| text.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn community(title: &str, summary: &str, topics: &[&str]) -> Community {
        Community {
            slug: title.to_lowercase().replace(' ', "-"),
            title: title.into(),
            summary: summary.into(),
            deck: None,
            date: None,
            weight: Some(1),
            expiry: None,
            redirect: None,
            aliases: vec![],
            topics: topics.iter().map(|t| t.to_string()).collect(),
            authors: vec![],
            event_cop: vec![],
            short_name: None,
            acronym: None,
            highlight: false,
            channels: vec![],
            source: String::new(),
            body: String::new(),
            body_line: 1,
            expired: false,
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
        let hits = Searcher::default().search(&list, 0..3, "plain");
        assert_eq!(hits[0].id, 1);
        assert_eq!(hits[0].positions, vec![0, 1, 2, 3, 4]);
        assert!(hits.iter().all(|h| h.id != 2));
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
