use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::*;
use crate::content::site_data::SiteData;

#[test]
fn images_take_their_words_from_the_data_files() {
    let mut data = SiteData::default();
    data.images.insert(
        "harbor".into(),
        crate::content::site_data::ImageInfo {
            alt: "Boats at rest".into(),
            caption: "Evening".into(),
            credit: String::new(),
        },
    );
    let out = expand_shortcodes_with("{{< img src=\"Harbor.png\" >}}", &data.into());
    assert!(out.contains("![Boats at rest]()"), "{out}");
    assert!(out.contains("Evening"), "{out}");
}

/// Empty site data that records whether it was read.
fn watched_data() -> (LazySiteData, Arc<AtomicBool>) {
    let read = Arc::new(AtomicBool::new(false));
    let data = LazySiteData::when_read({
        let read = Arc::clone(&read);
        move || {
            read.store(true, Ordering::SeqCst);
            SiteData::default()
        }
    });
    (data, read)
}

#[test]
fn the_data_files_are_read_only_for_a_shortcode_that_needs_them() {
    let (data, read) = watched_data();
    let without = "{{< note >}}Mind the step{{< /note >}}\n\n{{< legacy-img src=\"a.png\" >}}\n\n\
                   {{< youtube id=\"abc\" >}} and a [ref]({{< ref \"/about\" >}})";
    expand_shortcodes_with(without, &data);
    assert!(
        !read.load(Ordering::SeqCst),
        "no shortcode there reads the data"
    );
    for needs in [
        "{{< img src=\"a.png\" >}}",
        "{{< termsofservice-compatible >}}",
        "{{< termsofservice-poc-cabinet >}}",
    ] {
        let (data, read) = watched_data();
        expand_shortcodes_with(needs, &data);
        assert!(read.load(Ordering::SeqCst), "{needs} reads the data");
    }
}

#[test]
fn rewrites_each_kind() {
    let body = "See [this]({{< ref \"/communities/social-media.md\" >}}).\n\
        {{< featured-resource link=\"topics/social-media\" kicker=\"Featured topic\" >}}\n\
        {{< img src=\"logo\" >}}\n\
        {{< note >}}\nBe kind.\nReally.\n{{< /note >}}\nAfter.\n\
        {{< asset-static file=\"guide.pdf\" label=\"Guide\" >}} {{< unknown x=1 >}}";
    let out = expand_shortcodes(body);
    assert!(!out.contains("{{"), "{out}");
    assert!(out.contains("[this](https://digital.gov/communities/social-media/)"));
    assert!(
        out.contains(
            "**Featured topic:** [Social media](<https://digital.gov/topics/social-media/>)"
        ),
        "{out}"
    );
    assert!(out.contains("![Logo]()"), "{out}");
    assert!(
        out.contains("> **Note**\n> \n> \n> Be kind.\n> Really.\n"),
        "{out}"
    );
    assert!(out.contains("\nAfter."));
    assert!(out.contains("[Guide](<https://s3.amazonaws.com/digitalgov/static/guide.pdf>)"));
}

#[test]
fn survives_broken_tags() {
    assert_eq!(expand_shortcodes("a {{< b"), "a  b");
    assert_eq!(
        expand_shortcodes("{{% note %}}x{{% /note %}}"),
        "\n\n> **Note**\n> \n> x\n\n"
    );
    assert_eq!(expand_shortcodes("{{ .Title }} {{<"), "{{ .Title }} ");
}

#[test]
fn builds_site_urls() {
    assert_eq!(site_url("topics/x"), "https://digital.gov/topics/x/");
    assert_eq!(
        site_url("/resources/_index.md"),
        "https://digital.gov/resources/"
    );
    assert_eq!(site_url("/a/b#c"), "https://digital.gov/a/b/#c");
}

#[test]
fn boxes_nested_past_the_deepest_quote_open_no_more() {
    let body = "{{< note >}}x\n".repeat(MAX_QUOTE_DEPTH + 3);
    let out = expand_shortcodes(&body);
    let deepest = out.lines().map(|l| l.matches('>').count()).max();
    assert_eq!(deepest, Some(MAX_QUOTE_DEPTH), "{out}");
    assert_eq!(out.matches("**Note**").count(), MAX_QUOTE_DEPTH, "{out}");
    assert_eq!(out.matches("Note: x").count(), 3, "{out}");
    // The boxes left open at the end add no blank lines for each of them.
    assert!(out.len() < body.len() * 4, "{}", out.len());
}
