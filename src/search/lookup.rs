//! Finds the community a person means by a name typed on the command line.

use crate::content::Community;
use crate::search::rank::Searcher;

/// Why a name does not pick exactly one community.
#[derive(Debug, PartialEq, Eq)]
pub enum LookupError {
    /// Nothing matches; the closest names, best first.
    Unknown { suggestions: Vec<String> },
    /// Several pages share the prefix; their slugs.
    Ambiguous { candidates: Vec<String> },
}

fn normalise(text: &str) -> String {
    text.trim()
        .trim_matches('/')
        .to_lowercase()
        .replace([' ', '_'], "-")
}

/// Every name a community answers to, normalised.
fn names(community: &Community) -> Vec<String> {
    let stem = community
        .source
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".md");
    let mut names = vec![
        community.slug.clone(),
        stem.to_string(),
        community.name().to_string(),
        community.title.clone(),
        format!("communities/{}", community.slug),
    ];
    names.extend(community.short_name.clone());
    names.extend(community.acronym.clone());
    for alias in &community.aliases {
        names.push(alias.clone());
        names.extend(
            alias
                .trim_matches('/')
                .rsplit('/')
                .next()
                .map(str::to_string),
        );
    }
    names
        .iter()
        .map(|n| normalise(n))
        .filter(|n| !n.is_empty())
        .collect()
}

/// Picks the one community `query` names: an exact name first, then a unique prefix.
pub fn find_community(communities: &[Community], query: &str) -> Result<usize, LookupError> {
    let wanted = normalise(query);
    let wanted = wanted
        .strip_prefix("https:--digital.gov-")
        .map(str::to_string)
        .unwrap_or(wanted);
    // A page's own slug beats every other name, so that an alias one page keeps for
    // another's old address never hides the page that has that slug now.
    let by_slug: Vec<usize> = (0..communities.len())
        .filter(|&i| normalise(&communities[i].slug) == wanted)
        .collect();
    if let [one] = by_slug[..] {
        return Ok(one);
    }
    let exact: Vec<usize> = (0..communities.len())
        .filter(|&i| names(&communities[i]).contains(&wanted))
        .collect();
    if let [one] = exact[..] {
        return Ok(one);
    }
    let pool: Vec<usize> = if exact.is_empty() {
        (0..communities.len())
            .filter(|&i| {
                !wanted.is_empty()
                    && names(&communities[i])
                        .iter()
                        .any(|n| n.starts_with(&wanted))
            })
            .collect()
    } else {
        exact
    };
    match pool[..] {
        [one] => Ok(one),
        [] => {
            let hits = Searcher::default().search(communities, 0..communities.len(), query);
            Err(LookupError::Unknown {
                suggestions: hits
                    .iter()
                    .take(3)
                    .map(|h| communities[h.id].slug.clone())
                    .collect(),
            })
        }
        _ => Err(LookupError::Ambiguous {
            candidates: pool.iter().map(|&i| communities[i].slug.clone()).collect(),
        }),
    }
}
