//! Which pages claim a spelling (an address, a file key, a file name), kept as a sorted
//! list of hashes rather than a map of strings: building it for 100,000 pages is one
//! parallel sort, where a map took 300,000 strings made and hashed one at a time.
//!
//! The table keeps no spelling, so two spellings with one hash share their claims: a
//! lookup hands back every claim made under the hash, and the caller checks each against
//! the page it names (spelling that page's claim again) before taking it.

use std::hash::BuildHasher;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Spellings are hashed alike in every table and every run (no secret is needed: a
/// table has no buckets to flood, only longer runs of claims to check).
const HASHER: foldhash::fast::FixedState = foldhash::fast::FixedState::with_seed(0x5eed_c0de);

/// One page's claim to one spelling. The field order is the sort order: by hash, then
/// the highest priority first, then the first page, then the page's own order of claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Claim {
    hash: u64,
    /// `u8::MAX - priority`, so that a plain sort puts the highest priority first.
    rank: u8,
    page: u32,
    which: u16,
}

/// A claim found by a lookup: which page, which of its claims (the number the caller
/// gave it), and with what priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claimant {
    pub page: usize,
    pub which: u16,
    pub priority: u8,
}

/// The claims of a set of pages, sorted for lookup. The same pages give the same table
/// in every run (the hash has a fixed seed), so a table can be kept with its pages.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimTable {
    claims: Vec<Claim>,
}

impl ClaimTable {
    /// The table of `pages` pages, whose claims `claims_of(page, claim)` makes by calling
    /// `claim(spelling, priority, which)` once for each.
    pub fn build<F>(pages: usize, claims_of: F) -> Self
    where
        F: Fn(usize, &mut dyn FnMut(&str, u8, u16)) + Sync,
    {
        let parts: Vec<Vec<Claim>> = (0..pages)
            .into_par_iter()
            .fold(Vec::new, |mut claims, page| {
                claims_of(page, &mut |spelling, priority, which| {
                    claims.push(Claim {
                        hash: HASHER.hash_one(spelling),
                        rank: u8::MAX - priority,
                        page: page as u32,
                        which,
                    });
                });
                claims
            })
            .collect();
        // Joined once, not pairwise up rayon's tree (which copies every claim at each
        // level).
        let mut claims = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        for part in parts {
            claims.extend(part);
        }
        claims.par_sort_unstable();
        Self { claims }
    }

    /// Whether every claim names one of `pages` pages (a table read back from a file
    /// is checked so before it is used).
    pub fn names_only(&self, pages: usize) -> bool {
        self.claims.iter().all(|c| (c.page as usize) < pages)
    }

    /// Every claim made under the hash of `spelling`, the highest priority first and,
    /// among equals, the first page first. Some may be claims to another spelling with
    /// the same hash: the caller checks each.
    pub fn claimants(&self, spelling: &str) -> impl Iterator<Item = Claimant> + '_ {
        let hash = HASHER.hash_one(spelling);
        let start = self.claims.partition_point(|c| c.hash < hash);
        self.claims[start..]
            .iter()
            .take_while(move |c| c.hash == hash)
            .map(|c| Claimant {
                page: c.page as usize,
                which: c.which,
                priority: u8::MAX - c.rank,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pages: &[&[(&str, u8)]]) -> ClaimTable {
        ClaimTable::build(pages.len(), |page, claim| {
            for (which, (spelling, priority)) in pages[page].iter().enumerate() {
                claim(spelling, *priority, which as u16);
            }
        })
    }

    fn found(table: &ClaimTable, spelling: &str) -> Vec<(usize, u16, u8)> {
        table
            .claimants(spelling)
            .map(|c| (c.page, c.which, c.priority))
            .collect()
    }

    #[test]
    fn claims_come_highest_priority_first_then_first_page_first() {
        let table = table(&[
            &[("/a/", 1), ("/b/", 4)],
            &[("/a/", 4), ("/a/", 0)],
            &[("/a/", 4)],
            &[("/c/", 2)],
        ]);
        assert_eq!(
            found(&table, "/a/"),
            vec![(1, 0, 4), (2, 0, 4), (0, 0, 1), (1, 1, 0)]
        );
        assert_eq!(found(&table, "/b/"), vec![(0, 1, 4)]);
        assert_eq!(found(&table, "/c/"), vec![(3, 0, 2)]);
        assert!(found(&table, "/d/").is_empty());
        assert!(found(&ClaimTable::default(), "/a/").is_empty());
        assert!(table.names_only(4));
        assert!(!table.names_only(3), "a claim of page 3 is one of 4 pages");
    }

    #[test]
    fn a_large_table_finds_every_claim_and_only_claims_under_the_hash() {
        let spellings: Vec<String> = (0..20_000).map(|i| format!("/p/{i}/")).collect();
        let table = ClaimTable::build(spellings.len(), |page, claim| {
            claim(&spellings[page], 4, 0);
            claim(&spellings[(page + 1) % spellings.len()], 1, 1);
        });
        for (page, spelling) in spellings.iter().enumerate() {
            let before = (page + spellings.len() - 1) % spellings.len();
            let claims: Vec<(usize, u16, u8)> = found(&table, spelling)
                .into_iter()
                .filter(|&(p, which, _)| {
                    let claimed = if which == 0 {
                        p
                    } else {
                        (p + 1) % spellings.len()
                    };
                    spellings[claimed] == *spelling
                })
                .collect();
            assert_eq!(claims, vec![(page, 0, 4), (before, 1, 1)]);
        }
    }
}
