//! The pages shipped in content/ load cleanly and carry the facts of the real pages.

use chrono::NaiveDate;
use copdeck::content::{Audience, Source, load};
use serde_json::Value;

fn facts() -> Vec<Value> {
    let text = include_str!("../fixtures/communities-facts.json");
    serde_json::from_str(text).unwrap()
}

fn members_of(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.replace(',', "").parse().ok(),
        _ => None,
    }
}

#[test]
fn every_shipped_page_loads_without_diagnostics_and_matches_its_facts() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let index = load(&Source::Embedded, today).unwrap();
    assert!(index.diagnostics.is_empty(), "{:#?}", index.diagnostics);
    let facts = facts();
    assert_eq!(index.communities.len(), facts.len());
    for fact in &facts {
        let file = fact["file"].as_str().unwrap();
        let page = index
            .communities
            .iter()
            .find(|c| c.source.ends_with(&format!("/{file}")))
            .unwrap_or_else(|| panic!("no page for {file}"));
        let slug = fact["slug"]
            .as_str()
            .unwrap_or(file.trim_end_matches(".md"));
        assert_eq!(page.slug, slug, "{file}");
        assert_eq!(page.title, fact["title"].as_str().unwrap(), "{file}");
        assert_eq!(page.weight, fact["weight"].as_i64(), "{file}");
        assert_eq!(
            page.redirect.as_deref(),
            fact["redirectto"].as_str(),
            "{file}"
        );
        assert_eq!(
            page.expiry.map(|d| d.to_string()).as_deref(),
            fact["expirydate"].as_str(),
            "{file}"
        );
        let list = |key: &str| -> Vec<String> {
            fact[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(page.topics, list("topics"), "{file}");
        assert_eq!(page.authors, list("authors"), "{file}");
        assert_eq!(page.aliases, list("aliases"), "{file}");
        assert_eq!(
            page.short_name.as_deref(),
            fact["dg_shortname"].as_str(),
            "{file}"
        );
        let channels = fact["community_list"].as_array().unwrap();
        assert_eq!(page.channels.len(), channels.len(), "{file}");
        for (channel, fact) in page.channels.iter().zip(channels) {
            assert_eq!(
                channel.email.as_deref(),
                fact["subscribe_email"].as_str().map(str::trim),
                "{file}"
            );
            assert_eq!(channel.members, members_of(&fact["members"]), "{file}");
            let audience = match fact["type"].as_str().unwrap() {
                "public" => Audience::Public,
                _ => Audience::Government,
            };
            assert_eq!(channel.audience, Some(audience), "{file}");
            assert_eq!(
                channel.emails_per_week,
                fact["emails_per_week"].as_f64(),
                "{file}"
            );
        }
    }
}

#[test]
fn every_shipped_body_renders_without_raw_shortcodes() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let index = load(&Source::Embedded, today).unwrap();
    for page in &index.communities {
        let rendered =
            copdeck::document::render_page(page, 80, &copdeck::theme::Theme::mono(), None);
        let text = copdeck::document::plain_text(&rendered.lines);
        assert!(!text.contains("{{"), "{}: {text}", page.slug);
        assert!(!text.contains("â€"), "{}", page.slug);
    }
}

/// Every front matter in content/ and in the fixtures: the fast reader, when it answers,
/// gives exactly what serde_yaml gives.
#[test]
fn the_fast_front_matter_reader_agrees_with_serde_yaml() {
    use copdeck::content::front_matter::{decode_text, split_page};
    use copdeck::content::simple_yaml::parse_simple;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stack = vec![root.join("content"), root.join("tests/fixtures")];
    let (mut fast, mut total) = (0, 0);
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = decode_text(&std::fs::read(&path).unwrap()) else {
                continue;
            };
            let Ok(page) = split_page(&text) else {
                continue;
            };
            total += 1;
            if let Some(map) = parse_simple(page.yaml) {
                fast += 1;
                let full: serde_yaml::Mapping = serde_yaml::from_str(page.yaml).unwrap();
                assert_eq!(map, full, "{}", path.display());
            }
        }
    }
    assert!(
        fast * 2 > total,
        "the fast path read only {fast} of {total}"
    );
}
