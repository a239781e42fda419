//! Communities and the rest of the site read in one pass: the site built with the
//! communities already read equals the site read on its own, and each page knows its
//! community by id.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use crate::support::reload;
use chrono::NaiveDate;
use copdeck::app::{Action, App, LoadedSite};
use copdeck::content::{
    DataCheck, Index, SiteCache, SiteIndex, Source, load, load_site, load_site_cached,
    load_site_cached_for, load_site_for,
};
use copdeck::document::{View, community_of_page};
use copdeck::theme::Theme;
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A loose folder of pages (no `communities/` above them), copied from the fixtures.
fn loose_folder() -> TempDir {
    let dir = TempDir::new().unwrap();
    for entry in fs::read_dir(fixture("site/content/communities")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// The community of each page as it was found before pages carried it: by comparing
/// the page's address with each community's.
fn communities_by_address(site: &SiteIndex, index: &Index) -> Vec<Option<usize>> {
    site.site
        .pages
        .iter()
        .map(|page| {
            if page.section() != "communities" || page.is_section {
                return None;
            }
            index.communities.iter().position(|c| c.url() == page.url())
        })
        .collect()
}

fn assert_same_site(source: &Source) {
    let index = load(source, today()).unwrap();
    let alone = load_site(source, today(), &AtomicUsize::new(0)).unwrap();
    let together = load_site_for(source, &index, today(), &AtomicUsize::new(0)).unwrap();
    assert!(!index.files.is_empty(), "{source:?}: no file was shared");
    // Every field but the community is the same; the community is what the address
    // comparison finds.
    let expected = communities_by_address(&alone, &index);
    let found: Vec<Option<usize>> = (0..together.site.pages.len())
        .map(|id| community_of_page(&together.site, id))
        .collect();
    assert_eq!(found, expected, "{source:?}");
    let mut unlinked = together.clone();
    for page in &mut unlinked.site.pages {
        page.community = None;
    }
    assert_eq!(unlinked.site.pages, alone.site.pages, "{source:?}");
    assert_eq!(together.diagnostics, alone.diagnostics, "{source:?}");
    // Linking the site read alone gives the same site.
    let mut linked = alone;
    linked.site.link_communities(&index.communities);
    assert_eq!(linked.site.pages, together.site.pages, "{source:?}");
    assert!(together.site.linked_to(&index.communities));
}

#[test]
fn the_site_read_with_its_communities_equals_the_site_read_alone() {
    assert_same_site(&Source::Embedded);
    for name in [
        "site",
        "hugo",
        "broken",
        "site/content",
        "hugo/content/communities",
    ] {
        assert_same_site(&Source::Dir(fixture(name)));
    }
    let loose = loose_folder();
    assert_same_site(&Source::Dir(loose.path().to_path_buf()));
}

#[test]
fn the_built_in_and_fixture_communities_have_their_pages() {
    for source in [Source::Embedded, Source::Dir(fixture("hugo"))] {
        let index = load(&source, today()).unwrap();
        let site = load_site_for(&source, &index, today(), &AtomicUsize::new(0)).unwrap();
        let linked = site.site.pages.iter().filter(|p| p.community.is_some());
        assert_eq!(linked.count(), index.communities.len(), "{source:?}");
        for page in site.site.pages.iter().filter(|p| p.community.is_some()) {
            let community = &index.communities[page.community.unwrap() as usize];
            assert_eq!(community.url(), page.url());
        }
    }
}

/// Writes a page dated `minutes` ago, as a file nobody is editing (the cache keeps
/// only such files).
fn write_page(path: &Path, text: &str, minutes: u64) {
    crate::support::write_dated(path, text, Duration::from_secs(minutes * 60));
}

/// A tree of our own with one community and one other page.
fn small_tree() -> TempDir {
    let dir = TempDir::new().unwrap();
    write_page(
        &dir.path().join("content/communities/knitters.md"),
        "---\ntitle: The Knitters\n---\nWe knit.\n",
        60,
    );
    write_page(
        &dir.path().join("content/resources/yarn.md"),
        "---\ntitle: Yarn\n---\nAbout yarn.\n",
        60,
    );
    dir
}

fn title_of(site: &SiteIndex, address: &str) -> String {
    let id = site.site.page_at(address).unwrap();
    site.site.pages[id].title().to_string()
}

#[test]
fn a_community_file_is_not_read_again_for_the_site() {
    let tree = small_tree();
    let cache = TempDir::new().unwrap();
    let source = Source::Dir(tree.path().to_path_buf());
    let index = load(&source, today()).unwrap();
    // Changed after the communities were read: the site still shows them as read, the
    // file was not read a second time; the other pages are read as they are now.
    write_page(
        &tree.path().join("content/communities/knitters.md"),
        "---\ntitle: The Crocheters\n---\nWe crochet.\n",
        30,
    );
    write_page(
        &tree.path().join("content/resources/yarn.md"),
        "---\ntitle: Wool\n---\nAbout wool.\n",
        30,
    );
    let progress = AtomicUsize::new(0);
    let together = load_site_for(&source, &index, today(), &progress).unwrap();
    assert_eq!(
        title_of(&together, "/communities/knitters/"),
        "The Knitters"
    );
    assert_eq!(title_of(&together, "/resources/yarn/"), "Wool");
    let cache = SiteCache::in_folder(cache.path());
    let check = DataCheck::Now;
    let (cached, _) =
        load_site_cached_for(&source, &index, today(), &progress, &cache, check).unwrap();
    assert_eq!(title_of(&cached, "/communities/knitters/"), "The Knitters");
    assert_eq!(title_of(&cached, "/resources/yarn/"), "Wool");
    // Read alone, the site shows the file as it is now; the cache kept no record of the
    // older text under the file's new stamp.
    let alone = load_site(&source, today(), &progress).unwrap();
    assert_eq!(title_of(&alone, "/communities/knitters/"), "The Crocheters");
    let (from_cache, _) = load_site_cached(&source, today(), &progress, &cache).unwrap();
    assert_eq!(
        title_of(&from_cache, "/communities/knitters/"),
        "The Crocheters"
    );
}

#[test]
fn the_cached_site_read_with_its_communities_equals_the_uncached_one() {
    let cache = TempDir::new().unwrap();
    let cache = SiteCache::in_folder(cache.path());
    let source = Source::Dir(fixture("hugo"));
    let index = load(&source, today()).unwrap();
    let progress = AtomicUsize::new(0);
    let uncached = load_site_for(&source, &index, today(), &progress).unwrap();
    for _ in 0..2 {
        let check = DataCheck::Now;
        let (cached, _) =
            load_site_cached_for(&source, &index, today(), &progress, &cache, check).unwrap();
        assert_eq!(cached.site.pages, uncached.site.pages);
        assert_eq!(cached.diagnostics, uncached.diagnostics);
        // A command's load has the same pages and, once asked for, the same data.
        let check = DataCheck::WhenRead;
        let (cached, _) =
            load_site_cached_for(&source, &index, today(), &progress, &cache, check).unwrap();
        assert_eq!(cached.site.pages, uncached.site.pages);
        assert_eq!(cached.site.data.get(), uncached.site.data.get());
    }
}

#[test]
fn ids_follow_the_communities_when_they_move() {
    let source = Source::Dir(fixture("hugo"));
    let index = load(&source, today()).unwrap();
    let mut site = load_site_for(&source, &index, today(), &AtomicUsize::new(0)).unwrap();
    let mut reversed = index.communities.clone();
    reversed.reverse();
    assert!(!site.site.linked_to(&reversed));
    site.site.link_communities(&reversed);
    for page in site
        .site
        .pages
        .iter()
        .filter(|p| p.section() == "communities")
    {
        let expected = reversed.iter().position(|c| c.url() == page.url());
        assert_eq!(
            page.community.map(|c| c as usize),
            expected,
            "{}",
            page.address()
        );
    }
    // A community gone: its page is no longer a community's.
    let fewer = &reversed[1..];
    site.site.link_communities(fewer);
    let gone = reversed[0].url();
    let page = site.site.pages.iter().find(|p| p.url() == gone).unwrap();
    assert_eq!(page.community, None);
}

/// Every community page of the app's site shows the community at its address.
fn assert_paired(app: &App) {
    let site = &app.site.as_ref().expect("the site is indexed").site;
    let mut shown = 0;
    for (id, page) in site.pages.iter().enumerate() {
        if page.section() != "communities" || page.is_section {
            continue;
        }
        match View::of_page(site, id) {
            View::Community(k) => assert_eq!(app.communities[k].url(), page.url()),
            other => panic!("{}: {other:?}", page.address()),
        }
        shown += 1;
    }
    assert_eq!(shown, app.communities.len());
}

#[test]
fn the_browser_pairs_pages_with_communities_across_reloads() {
    let tree = TempDir::new().unwrap();
    let pages = tree.path().join("content/communities");
    write_page(&pages.join("bees.md"), "---\ntitle: Bees\n---\nBuzz.\n", 60);
    write_page(&pages.join("cats.md"), "---\ntitle: Cats\n---\nPurr.\n", 60);
    let source = Source::Dir(tree.path().to_path_buf());
    let mut app = App::new(load(&source, today()).unwrap(), Theme::mono(), 120, 40);
    // A site read on its own, as the tests' and the demo's sites are: the app pairs it.
    let alone = load_site(&source, today(), &AtomicUsize::new(0)).unwrap();
    app.update(Action::SiteLoaded(LoadedSite::new(Arc::new(alone))));
    assert_paired(&app);
    // A community that sorts first moves every id by one.
    write_page(
        &pages.join("ants.md"),
        "---\ntitle: Ants\n---\nMarch.\n",
        30,
    );
    app.update(Action::Reloaded(reload(&source, today()).unwrap()));
    assert_eq!(app.communities[2].slug, "cats");
    assert_paired(&app);
}
