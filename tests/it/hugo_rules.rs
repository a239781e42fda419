//! The site read as Hugo builds it, against the fixture tree `tests/fixtures/hugo`:
//! front-matter variations, addresses (`url:`, slugs from titles, aliases of the
//! "no longer available" page, expired pages), `ref`/`relref`/`link` in every form,
//! author names, decoded titles, the communities' order, join form and events, and
//! what `check` reports.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use assert_cmd::Command;
use chrono::NaiveDate;
use copdeck::content::refs::{RefTarget, resolve_refs};
use copdeck::content::{Group, Index, Site, SiteIndex, Source, Target, load, load_site};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hugo")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn site() -> SiteIndex {
    load_site(&Source::Dir(dir()), today(), &AtomicUsize::new(0)).unwrap()
}

fn communities() -> Index {
    load(&Source::Dir(dir()), today()).unwrap()
}

fn page_id(site: &Site, key: &str) -> usize {
    site.pages
        .iter()
        .position(|p| p.file_key() == key)
        .unwrap_or_else(|| panic!("no page {key}"))
}

fn title_at(site: &Site, address: &str) -> String {
    match site.resolve(address) {
        Some(Target::Page(id)) => site.pages[id].title().to_string(),
        other => panic!("{address}: {other:?}"),
    }
}

fn copdeck() -> Command {
    let mut cmd = crate::support::copdeck();
    cmd.arg("--content").arg(dir());
    cmd
}

#[test]
fn every_page_loads_whatever_its_front_matter_looks_like() {
    let index = site();
    let errors: Vec<_> = index
        .diagnostics
        .iter()
        .filter(|d| d.severity == copdeck::content::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let site = &index.site;
    assert_eq!(
        title_at(site, "/resources/blank-lines-first/"),
        "Blank Lines First"
    );
    // A key given twice: the later value wins (the later expiry is in the future).
    let repeated = &site.pages[page_id(site, "resources/repeated-key")];
    assert!(!repeated.expired);
    assert_eq!(repeated.topics().collect::<Vec<_>>(), ["soil"]);
    let warning = index
        .diagnostics
        .iter()
        .find(|d| d.path.ends_with("repeated-key.md"))
        .expect("a warning for the repeated key");
    assert_eq!(warning.line, 7);
    assert!(
        warning.message.contains("expirydate"),
        "{}",
        warning.message
    );
}

#[test]
fn addresses_come_from_url_slug_or_title() {
    let index = site();
    let site = &index.site;
    assert_eq!(title_at(site, "/tools/finder/"), "Custom Address");
    let page = &site.pages[page_id(site, "resources/custom-address")];
    assert_eq!(page.address(), "/tools/finder/");
    // An event without a slug is addressed by its title, as Hugo's `:slug` does.
    assert_eq!(
        title_at(site, "/event/2099/01/10/pruning-workshop-roses--more/"),
        "Pruning Workshop: Roses & More"
    );
    assert_eq!(title_at(site, "/gone/"), "This page has gone");
}

#[test]
fn retired_addresses_expired_pages_and_aliases_rank_as_the_site_answers() {
    let index = site();
    let site = &index.site;
    // The "no longer available" page answers the retired address it lists, ahead of
    // the expired page that had it.
    assert_eq!(
        title_at(site, "/resources/old-expired-page/"),
        "This page has gone"
    );
    // An expired page is found at its own address, ahead of another page's alias.
    let id = match site.resolve("/communities/retired-group/") {
        Some(Target::Page(id)) => id,
        other => panic!("{other:?}"),
    };
    assert!(site.pages[id].expired);
    assert_eq!(site.pages[id].expiry, NaiveDate::from_ymd_opt(2020, 3, 1));
}

#[test]
fn refs_resolve_by_path_relative_path_and_unique_name() {
    let index = site();
    let site = &index.site;
    let from = Some("guides/soil/testing");
    let page = |target: &str| match site.find_ref(from, target) {
        RefTarget::Page { id, anchor } => (site.pages[id].address().to_string(), anchor),
        other => panic!("{target}: {other:?}"),
    };
    assert_eq!(page("/guides/soil/testing.md").0, "/guides/soil/testing/");
    assert_eq!(page("/guides/soil/_index.md").0, "/guides/soil/");
    assert_eq!(page("/guides/soil").0, "/guides/soil/");
    // Relative to the page's folder first: two files are named notes.md.
    assert_eq!(page("notes.md").0, "/guides/soil/notes/");
    assert_eq!(page("../soil/notes").0, "/guides/soil/notes/");
    // A bare name anywhere in the tree, with or without `.md`; a bundle by its folder.
    assert_eq!(page("drainage").0, "/guides/soil/drainage/");
    assert_eq!(page("compost").0, "/guides/compost/");
    assert_eq!(page("custom-address.md").0, "/tools/finder/");
    assert_eq!(
        page("drainage.md#slope"),
        (
            "/guides/soil/drainage/".to_string(),
            Some("slope".to_string())
        )
    );
    assert_eq!(site.find_ref(from, "#here"), RefTarget::Here("here".into()));
    assert_eq!(site.find_ref(from, "no-such-page.md"), RefTarget::Missing);
    // From elsewhere, the shared name is ambiguous.
    match site.find_ref(Some("guides/compost/index"), "notes.md") {
        RefTarget::Ambiguous(ids) => assert_eq!(ids.len(), 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_body_pass_writes_addresses_and_reports_problems_at_their_line() {
    let index = site();
    let site = &index.site;
    let body = "a {{< ref \"drainage.md\" >}}\n\nb {{<ref 'compost'>}} {{% relref \"x/none.md\" %}}\n\
                {{< link \"drainage.md#slope\" >}} {{< link \"/guides/soil/\" >}} {{< img src=\"a\" >}}\n\
                {{< ref-card \"none.md\" >}}\n";
    let resolved = resolve_refs(body, Some("guides/soil/testing"), site);
    let text = resolved.body.as_ref();
    assert!(
        text.contains("ref \"https://digital.gov/guides/soil/drainage/\""),
        "{text}"
    );
    assert!(
        text.contains("ref 'https://digital.gov/guides/compost/'"),
        "{text}"
    );
    assert!(text.contains("link \"https://digital.gov/guides/soil/drainage/#slope\""));
    // A site address in `link` is the site's address already; other shortcodes stay.
    assert!(text.contains("{{< link \"/guides/soil/\" >}} {{< img src=\"a\" >}}"));
    assert_eq!(resolved.problems.len(), 1);
    assert_eq!(resolved.problems[0].line, 2);
    assert_eq!(resolved.problems[0].target, "x/none.md");
    assert_eq!(text.lines().count(), body.lines().count());
}

#[test]
fn shown_pages_link_where_hugo_would() {
    let out = copdeck()
        .args(["show", "/guides/soil/testing/", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let links = json["links"].as_array().unwrap();
    let resolved: Vec<&str> = links
        .iter()
        .map(|l| l["resolves_to"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        resolved,
        vec![
            "/guides/soil/notes/",
            "/guides/soil/drainage/",
            "/guides/soil/",
            "/guides/compost/",
            "-",
            "/communities/retired-group/",
            "-",
        ]
    );
    assert_eq!(json["title"], "Testing Soil");
    assert_eq!(json["address"], "/guides/soil/testing/");
    assert!(json["source"].as_str().unwrap().ends_with("testing.md"));
    let text = copdeck()
        .args(["show", "/guides/soil/testing/"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("Printed address: https://digital.gov/guides/soil/drainage/ and https://digital.gov/guides/soil/."),
        "{text}"
    );
    assert!(!text.contains("{{"), "{text}");
}

#[test]
fn check_reports_refs_and_links_at_their_lines_and_tells_gone_from_missing() {
    let out = copdeck().arg("check").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let testing: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("testing.md:"))
        .map(|l| l.split("testing.md:").nth(1).unwrap())
        .collect();
    assert_eq!(
        testing,
        vec![
            "12: warning: ref \"no-such-page.md\" names no file of this site",
            "12: warning: link to /communities/retired-group/ leads to a page the site no longer serves (expired 2020-03-01)",
            "13: warning: link to /nowhere/at-all/ leads to no page of this site",
        ],
        "{text}"
    );
    assert!(
        text.contains("compost/index.md:5: warning: ref \"notes.md\" is ambiguous"),
        "{text}"
    );
    // An event that is past is still served: a link to it is fine.
    assert!(!text.contains("spring-planting"), "{text}");
    assert!(text.contains("entities.md:2: warning: title contains invisible characters (U+200E)"));
    assert!(text.contains("book-circle.md:12: warning: members: 18446744073709551615"));
    assert!(!text.contains("error"), "{text}");
}

#[test]
fn titles_and_author_names_read_as_the_site_prints_them() {
    let index = site();
    let site = &index.site;
    let page = &site.pages[page_id(site, "resources/entities")];
    assert_eq!(page.title(), "Tips & tricks – part.2");
    assert_eq!(page.summary(), "“Short” and clear.");
    assert_eq!(
        site.pages[page_id(site, "authors/pat-example/_index")].title(),
        "Pat Example"
    );
    assert_eq!(
        site.pages[page_id(site, "authors/sam-sample/_index")].title(),
        "Sam Sample"
    );
    let shown = copdeck().args(["show", "garden-club"]).output().unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(
        shown.contains("Authors: Pat Example[2⌂] · Sam Sample[3⌂]"),
        "{shown}"
    );
    assert!(shown.contains("Grow food & flowers together – all seasons."));
}

#[test]
fn the_authors_section_keeps_its_own_address() {
    let out = copdeck()
        .args(["show", "/authors/", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["address"], "/authors/");
    assert_eq!(json["title"], "Authors");
    let out = copdeck()
        .args(["show", "/authors/pat-example/", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["kind"], "author");
    assert_eq!(json["title"], "Pat Example");
    assert_eq!(json["address"], "/authors/pat-example/");
    assert!(json["source"].as_str().unwrap().ends_with("_index.md"));
    assert!(json["links"].is_array());
}

#[test]
fn communities_come_in_the_site_order_and_groups() {
    let index = communities();
    let order: Vec<(&str, Group)> = index
        .communities
        .iter()
        .map(|c| (c.slug.as_str(), c.group()))
        .collect();
    assert_eq!(
        order,
        vec![
            ("garden-club", Group::DigitalGov),
            ("zeta-makers", Group::DigitalGov),
            ("book-circle", Group::Other),
            ("seed-swap", Group::Other),
            ("retired-group", Group::Unlisted),
        ]
    );
    // Absurd member counts add up without wrapping.
    let books = &index.communities[2];
    assert_eq!(books.members(), Some(u64::MAX));
}

#[test]
fn an_exact_slug_wins_over_an_alias() {
    let out = copdeck()
        .args(["join", "seed-swap", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["slug"], "seed-swap");
}

#[test]
fn the_join_card_offers_the_site_form_and_upcoming_events() {
    let index = communities();
    let loaded = site();
    let garden = index
        .communities
        .iter()
        .find(|c| c.slug == "garden-club")
        .unwrap();
    let events = copdeck::document::upcoming_events(garden, &loaded.site, today());
    let titles: Vec<&str> = events
        .iter()
        .map(|&id| loaded.site.pages[id].title())
        .collect();
    assert_eq!(titles, vec!["Pruning Workshop: Roses & More"]);
    let shown = copdeck().args(["show", "garden-club"]).output().unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.contains(copdeck::document::JOIN_FORM), "{shown}");
    assert!(
        shown.contains("Choose    “Join the Garden Club”"),
        "{shown}"
    );
    assert!(shown.contains("Upcoming events"), "{shown}");
    assert!(
        shown.contains("2099-01-10  Pruning Workshop: Roses & More"),
        "{shown}"
    );
}

#[test]
fn an_expired_page_says_so_where_it_is_shown() {
    let shown = copdeck()
        .args(["show", "/communities/retired-group/"])
        .output()
        .unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.starts_with("Retired Group\n"), "{shown}");
    assert!(shown.contains("Expired on 2020-03-01: the site no longer serves this page"));
    let json = copdeck()
        .args(["show", "/resources/old-expired-page.md", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["expired"], true);
    assert_eq!(json["expiry"], "2010-01-01");
    // The same file named from the checkout.
    let json = copdeck()
        .args(["show", "content/resources/old-expired-page.md", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["title"], "Old Expired Page");
}

#[test]
fn check_gives_every_link_of_a_long_page_its_own_line() {
    let tree = tempfile::tempdir().unwrap();
    let pages = tree.path().join("content/resources");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::create_dir_all(tree.path().join("content/communities")).unwrap();
    std::fs::write(
        tree.path().join("content/communities/only.md"),
        "---\ntitle: Only\nweight: 1\nredirectto: https://example.gov/\n---\n",
    )
    .unwrap();
    let links: String = (0..4000)
        .map(|i| format!("See [page {i}](/missing/page-{i}/) and [again](/missing/page-{i}/).\n"))
        .collect();
    std::fs::write(
        pages.join("many-links.md"),
        format!("---\ntitle: Many links\n---\n{links}"),
    )
    .unwrap();
    let out = crate::support::copdeck()
        .args(["check", "--json"])
        .arg(tree.path())
        .output()
        .unwrap();
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let lines: Vec<u64> = found
        .iter()
        .filter(|d| d["path"].as_str().unwrap().ends_with("many-links.md"))
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    // One line per link target from line 4 on, each reported at its own line (the
    // second link to the same page on a line says the same thing and is merged).
    let expected: Vec<u64> = (0..4000u64).map(|i| i + 4).collect();
    assert_eq!(lines, expected);
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_reported_and_the_rest_still_loads() {
    use std::os::unix::fs::PermissionsExt;
    let tree = tempfile::tempdir().unwrap();
    let content = tree.path().join("content");
    for folder in ["communities", "resources/locked"] {
        std::fs::create_dir_all(content.join(folder)).unwrap();
    }
    std::fs::write(
        content.join("communities/only.md"),
        "---\ntitle: Only\nweight: 1\nredirectto: https://example.gov/\n---\n",
    )
    .unwrap();
    std::fs::write(
        content.join("resources/locked/hidden.md"),
        "---\ntitle: H\n---\n",
    )
    .unwrap();
    let locked = content.join("resources/locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read_dir(&locked).is_ok();
    let index = load_site(
        &Source::Dir(tree.path().to_path_buf()),
        today(),
        &AtomicUsize::new(0),
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    if readable_anyway {
        return; // running with rights that read any folder: nothing to test
    }
    let index = index.unwrap();
    assert_eq!(index.site.pages.len(), 1);
    let reported = index
        .diagnostics
        .iter()
        .find(|d| d.path.ends_with("locked"))
        .expect("the locked folder is reported");
    assert!(
        reported.message.contains("cannot read this folder"),
        "{}",
        reported.message
    );
}
