//! `copdeck search`: the communities (or, with `--site`, the pages) a query matches.
//! Like grep, finding nothing is exit status 1, with the message on stderr.

use std::io::Write;

use crate::cli::pages::print_search;
use crate::cli::text::{many_json, print_json, print_table, safe, terminal_width};
use crate::cli::{CliError, load_index, load_site_index, report_load_problems};
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
    let found = if site {
        let site = load_site_index(source, &index);
        report_load_problems(source, &index.diagnostics, &site.diagnostics);
        print_search(out, &site.site, &query, all, json)?
    } else {
        report_load_problems(source, &index.diagnostics, &[]);
        search_communities(out, &index, &query, all, json)?
    };
    if found == 0 {
        return Err(CliError::NothingFound(format!(
            "nothing matches {:?}",
            safe(words)
        )));
    }
    Ok(())
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

/// Prints the communities `query` matches, best first; returns how many. Nothing is
/// printed for no match but an empty JSON array.
fn search_communities(
    out: &mut impl Write,
    index: &Index,
    query: &Query,
    all: bool,
    json: bool,
) -> std::io::Result<usize> {
    let communities = &index.communities;
    let hits = Searcher::default().search(
        communities,
        query.communities(communities, all),
        &query.text,
    );
    let ids: Vec<usize> = hits.iter().map(|h| h.id).collect();
    if json {
        let scores: Vec<i64> = hits.iter().map(|h| h.score).collect();
        print_json(out, &many_json(communities, &ids, Some(&scores)))?;
    } else if !ids.is_empty() {
        print_table(out, communities, &ids, terminal_width())?;
    }
    Ok(ids.len())
}
