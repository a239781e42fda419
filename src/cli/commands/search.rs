//! `copdeck search`: the communities (or, with `--site`, the pages) a query matches.

use std::io::Write;

use crate::cli::pages::print_search;
use crate::cli::text::{many_json, output_width, print_json, print_table, safe};
use crate::cli::{CliError, load_index, load_site_index};
use crate::content::{Index, Source};
use crate::search::query::{Query, QueryError, parse_query};
use crate::search::rank::Searcher;

/// Runs `search` for `words`, the query as typed.
pub fn run(
    out: &mut impl Write,
    source: &Source,
    words: &str,
    all: bool,
    site: bool,
    json: bool,
) -> Result<(), CliError> {
    let index = load_index(source)?;
    let query = parse_for_search(words, site)?;
    if site {
        let site = load_site_index(source);
        Ok(print_search(out, &site.site, words, &query, all, json)?)
    } else {
        Ok(search_communities(out, &index, words, &query, all, json)?)
    }
}

/// Reads `search`'s words as the browser's search line does; a query with an error
/// is a usage error.
fn parse_for_search(words: &str, site: bool) -> Result<Query, CliError> {
    let checked = parse_query(words).and_then(|query| {
        if site {
            query.check_pages()?;
        }
        Ok(query)
    });
    checked.map_err(|err| {
        let hint = match err {
            QueryError::CommunitiesOnly { .. } => "; leave out --site to search them",
            _ => "",
        };
        CliError::Usage(format!("{err}{hint}"))
    })
}

/// The communities `query` matches, best first.
fn search_communities(
    out: &mut impl Write,
    index: &Index,
    words: &str,
    query: &Query,
    all: bool,
    json: bool,
) -> std::io::Result<()> {
    let communities = &index.communities;
    let all = all || query.reveals_unlisted();
    let ids = (0..communities.len())
        .filter(|&i| (all || communities[i].listed()) && query.accepts(&communities[i]));
    let hits = Searcher::default().search(communities, ids, &query.text);
    let ids: Vec<usize> = hits.iter().map(|h| h.id).collect();
    if hits.is_empty() {
        eprintln!("copdeck: nothing matches {:?}", safe(words));
    }
    if json {
        let scores: Vec<i64> = hits.iter().map(|h| h.score).collect();
        print_json(out, &many_json(communities, &ids, Some(&scores)))
    } else {
        print_table(out, communities, &ids, output_width())
    }
}
