//! Which pages of the site are communities' own pages: found once for each pair of a
//! site and the communities read with it, so that a page knows its community by id.

use std::collections::HashMap;

use super::model::Community;
use super::site::{Site, SitePage};

impl Site {
    /// Sets every page's `community` to the community (by its place in `communities`)
    /// whose own page it is, and clears it on every other page. Ids move whenever the
    /// pages are read again, so this runs for every new site and communities pair.
    pub fn link_communities(&mut self, communities: &[Community]) {
        let ids = community_ids(&self.pages, communities);
        for (page, id) in self.pages.iter_mut().zip(ids) {
            page.community = id;
        }
    }

    /// Whether every page already knows its community among `communities`.
    pub fn linked_to(&self, communities: &[Community]) -> bool {
        community_ids(&self.pages, communities)
            .into_iter()
            .zip(&self.pages)
            .all(|(id, page)| page.community == id)
    }
}

/// For each page, the community whose own page it is: a page of `communities/` (not
/// the section's own page) at a community's address; the first community wins a tie.
fn community_ids(pages: &[SitePage], communities: &[Community]) -> Vec<Option<u32>> {
    let mut by_url: HashMap<String, u32> = HashMap::with_capacity(communities.len());
    // Past four billion communities, the rest are no page's.
    for (id, community) in (0..=u32::MAX).zip(communities) {
        by_url.entry(community.url()).or_insert(id);
    }
    pages
        .iter()
        .map(|page| {
            if page.section() != "communities" || page.is_section {
                return None;
            }
            by_url.get(&page.url()).copied()
        })
        .collect()
}
