//! The loader against fixture trees: every format variation, every folder form.

use chrono::NaiveDate;
use copdeck::content::{Audience, Community, Index, LoadError, Platform, Source, load};

use crate::support::fixture;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn site() -> Index {
    load(&Source::Dir(fixture("site")), today()).unwrap()
}

fn by_slug<'a>(index: &'a Index, slug: &str) -> &'a Community {
    index
        .communities
        .iter()
        .find(|c| c.slug == slug)
        .unwrap_or_else(|| panic!("no {slug}"))
}

#[test]
fn accepts_a_site_checkout_its_content_folder_and_the_communities_folder() {
    for dir in ["site", "site/content", "site/content/communities"] {
        let index = load(&Source::Dir(fixture(dir)), today()).unwrap();
        assert_eq!(index.communities.len(), 9, "{dir}");
        assert!(
            index.diagnostics.is_empty(),
            "{dir}: {:?}",
            index.diagnostics
        );
    }
}

#[test]
fn section_index_is_not_a_community() {
    assert!(site().communities.iter().all(|c| c.title != "Communities"));
}

#[test]
fn quoted_values_normalise() {
    let index = site();
    let c = by_slug(&index, "quoted-values");
    assert_eq!(c.name(), "Quoted Values");
    assert_eq!(c.date, NaiveDate::from_ymd_opt(2018, 3, 29));
    assert_eq!(c.event_cop, vec!["quoted-values"]);
    assert_eq!(c.topics, vec!["topic-one", "topic-two"]);
    assert_eq!(c.acronym.as_deref(), Some("QV"));
    assert!(c.highlight);
    let ch = &c.channels[0];
    assert_eq!(ch.platform, Platform::Listserv);
    assert_eq!(ch.audience, Some(Audience::Government));
    assert_eq!(ch.email.as_deref(), Some("QV-REQUEST@LISTSERV.GSA.GOV"));
    assert_eq!(ch.members, Some(1979));
    assert_eq!(ch.emails_per_week, Some(0.5));
    assert_eq!(ch.button.as_deref(), Some("Quoted Values members"));
}

#[test]
fn slug_differs_from_file_name_and_falls_back_to_it() {
    let index = site();
    let pl = by_slug(&index, "plain-language");
    assert!(
        pl.source
            .ends_with("plain-language-community-of-practice.md")
    );
    assert_eq!(pl.channels[0].members, Some(3144));
    assert_eq!(
        pl.channels[0].subject, None,
        "an empty subject is no subject"
    );
    assert_eq!(pl.event_cop, vec!["plain-language"]);
    assert_eq!(pl.url(), "https://digital.gov/communities/plain-language/");
    let no_slug = by_slug(&index, "no-slug");
    assert_eq!(no_slug.channels[0].members, None);
    assert_eq!(no_slug.members(), None);
}

#[test]
fn two_channels_and_their_members() {
    let index = site();
    let c = by_slug(&index, "two-channels");
    assert_eq!(c.channels.len(), 2);
    assert_eq!(c.channels[0].audience, Some(Audience::Government));
    assert_eq!(c.channels[1].audience, Some(Audience::Public));
    assert_eq!(c.members(), Some(1118 + 357));
    assert_eq!(
        c.channels[0].mailto().unwrap(),
        "mailto:listserv@listserv.gsa.gov?body=subscribe%20tc-cop%20%5BFirst%20Name%5D%20%5BLast%20Name%5D"
    );
}

#[test]
fn status_hidden_expired_moved() {
    let index = site();
    let moved = by_slug(&index, "moved-away");
    assert!(moved.moved() && moved.listed());
    assert_eq!(
        moved.home_url(),
        "https://example.gov/communities/moved-away"
    );
    let old = by_slug(&index, "expired-hidden");
    assert!(old.hidden() && old.expired && !old.listed());
    let hidden = by_slug(&index, "hidden-only");
    assert!(hidden.hidden() && !hidden.expired);
    let slack = by_slug(&index, "slack-form");
    assert_eq!(slack.channels[0].platform, Platform::Slack);
    assert_eq!(
        slack.channels[0].form.as_deref(),
        Some("https://example.gov/join-slack")
    );
}

#[test]
fn site_order_is_the_communities_page_order() {
    // Highlighted communities first, then the other listed ones, each by title; the
    // pages the site does not list (weight 0, expired) last.
    let slugs: Vec<_> = site().communities.iter().map(|c| c.slug.clone()).collect();
    assert_eq!(
        slugs,
        vec![
            "quoted-values",
            "plain-language",
            "moved-away",
            "no-slug",
            "shortcodes-and-mojibake",
            "slack-form",
            "two-channels",
            "expired-hidden",
            "hidden-only",
        ]
    );
}

#[test]
fn mojibake_is_repaired_in_fields_and_body() {
    let index = site();
    let c = by_slug(&index, "shortcodes-and-mojibake");
    assert_eq!(c.summary, "Challenges – and answers.");
    assert!(c.body.contains("challenges – so they talk"));
}

#[test]
fn missing_folder_and_empty_folder_are_errors() {
    let missing = load(&Source::Dir(fixture("no-such-folder")), today()).unwrap_err();
    assert!(matches!(missing, LoadError::Missing(_)));
    assert!(
        missing
            .to_string()
            .ends_with("no-such-folder: no such folder")
    );
    let empty = tempfile::tempdir().unwrap();
    let err = load(&Source::Dir(empty.path().to_path_buf()), today()).unwrap_err();
    assert!(matches!(err, LoadError::NoPages(_)));
    let file = fixture("site/content/communities/no-slug.md");
    assert!(matches!(
        load(&Source::Dir(file), today()),
        Err(LoadError::NotAFolder(_))
    ));
}
