//! The whole-site index against the fixture site: addresses, aliases, dates, `ref`,
//! anchors, missing pages, topics and authors.

use std::path::Path;
use std::sync::atomic::AtomicUsize;

use chrono::NaiveDate;
use copdeck::content::{Site, SiteIndex, Source, Target, load_site};

fn site() -> SiteIndex {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site");
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    load_site(&Source::Dir(dir), today, &AtomicUsize::new(0)).unwrap()
}

fn title_at(site: &Site, address: &str) -> String {
    match site.resolve(address) {
        Some(Target::Page(id)) => site.pages[id].title().to_string(),
        other => panic!("{address}: {other:?}"),
    }
}

#[test]
fn every_address_rule() {
    let index = site();
    let site = &index.site;
    assert_eq!(title_at(site, "/resources/a-resource/"), "A Resource");
    assert_eq!(title_at(site, "/resources/real-slug/"), "Slug Differs");
    assert_eq!(title_at(site, "/guides/a-guide/"), "A Guide");
    assert_eq!(title_at(site, "/guides/a-guide/step-one/"), "Step One");
    assert_eq!(title_at(site, "/guides/bundle/"), "A Leaf Bundle");
    assert_eq!(title_at(site, "/2024/03/14/a-news-item/"), "A News Item");
    assert_eq!(title_at(site, "/event/2024/06/05/an-event/"), "An Event");
    assert_eq!(
        title_at(site, "/communities/plain-language/"),
        "Join the Plain Language"
    );
    assert_eq!(title_at(site, "/communities/"), "Communities");
}

#[test]
fn aliases_anchors_hosts_and_refs_resolve() {
    let index = site();
    let site = &index.site;
    for url in [
        "/resources/old-resource/",
        "http://digital.gov/resources/old-resource",
        "https://www.digital.gov/resources/a-resource/#part",
        "/resources/a-resource",
        "https://digital.gov/communities/plain-language-community-of-practice/",
    ] {
        assert!(site.resolve(url).is_some(), "{url}");
    }
    // A `ref` names a file: its shortcode becomes the file's path on the site.
    let from_ref = copdeck::markdown::shortcodes::site_url("/guides/a-guide/_index.md");
    assert_eq!(title_at(site, &from_ref), "A Guide");
    let from_ref = copdeck::markdown::shortcodes::site_url(
        "/communities/plain-language-community-of-practice.md",
    );
    assert_eq!(title_at(site, &from_ref), "Join the Plain Language");
}

#[test]
fn missing_pages_and_other_sites_do_not_resolve() {
    let index = site();
    assert_eq!(
        index
            .site
            .resolve("https://digital.gov/resources/does-not-exist/"),
        None
    );
    assert_eq!(index.site.resolve("https://example.gov/"), None);
    assert_eq!(index.site.resolve("mailto:a@digital.gov"), None);
}

#[test]
fn topics_and_authors_list_their_pages_newest_first() {
    let index = site();
    let site = &index.site;
    assert_eq!(
        site.resolve("/topics/topic-one/"),
        Some(Target::Topic("topic-one".into()))
    );
    assert_eq!(
        site.resolve("/authors/first-author/"),
        Some(Target::Author("first-author".into()))
    );
    assert_eq!(
        site.resolve("/topics/no-page-yet/"),
        Some(Target::Topic("no-page-yet".into()))
    );
    let titles: Vec<&str> = site
        .tagged("topic-one")
        .iter()
        .map(|&id| site.pages[id].title())
        .collect();
    assert_eq!(
        titles,
        vec![
            "An Event",
            "A News Item",
            "A Resource",
            "Slug Differs",
            "Shortcodes And Mojibake",
            "Join the Quoted Values"
        ]
    );
    let written: Vec<&str> = site
        .written_by("first-author")
        .iter()
        .map(|&id| site.pages[id].title())
        .collect();
    assert_eq!(
        written,
        vec!["A News Item", "A Resource", "Join the Quoted Values"]
    );
}

#[test]
fn a_broken_page_outside_communities_is_a_diagnostic() {
    let index = site();
    assert_eq!(index.diagnostics.len(), 1, "{:?}", index.diagnostics);
    assert!(index.diagnostics[0].path.ends_with("resources/broken.md"));
    assert!(index.diagnostics[0].message.starts_with("YAML"));
}

#[test]
fn the_shipped_site_resolves_a_link_on_most_community_pages() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let site = load_site(&Source::Embedded, today, &AtomicUsize::new(0)).unwrap();
    assert!(site.diagnostics.is_empty(), "{:?}", site.diagnostics);
    let index = copdeck::content::load(&Source::Embedded, today).unwrap();
    let with_local = index
        .communities
        .iter()
        .filter(|c| {
            // The body's own links, not the topic and author links every page gets.
            let classify = |url: &str| copdeck::document::link_kind(Some(&site.site), url);
            let body = copdeck::markdown::render_markdown(
                &c.body,
                80,
                &copdeck::theme::Theme::mono(),
                &classify,
            );
            body.links
                .iter()
                .any(|l| l.kind == copdeck::markdown::LinkKind::Local)
        })
        .count();
    assert!(
        with_local * 10 >= index.communities.len() * 9,
        "{with_local}"
    );
}
