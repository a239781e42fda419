use super::*;

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn addresses_follow_the_site_rules() {
    assert_eq!(
        address_of(&["resources"], "a-b", None, None),
        "/resources/a-b/"
    );
    assert_eq!(
        address_of(&["resources"], "file", Some("real"), None),
        "/resources/real/"
    );
    assert_eq!(
        address_of(&["topics", "plain"], "_index", None, None),
        "/topics/plain/"
    );
    assert_eq!(address_of(&[], "_index", None, None), "/");
    assert_eq!(
        address_of(&["guides", "hcd"], "discovery", None, None),
        "/guides/hcd/discovery/"
    );
    assert_eq!(
        address_of(&["guides", "dap"], "index", None, None),
        "/guides/dap/"
    );
    assert_eq!(
        address_of(
            &["news", "2024", "03"],
            "2024-03-14-x",
            Some("x"),
            day(2024, 3, 14)
        ),
        "/2024/03/14/x/"
    );
    assert_eq!(
        address_of(
            &["events", "2024", "06"],
            "2024-06-05-y",
            Some("y"),
            day(2024, 6, 5)
        ),
        "/event/2024/06/05/y/"
    );
}

#[test]
fn relative_aliases_sit_beside_the_page() {
    assert_eq!(
        alias_path("/authors/new-name/", "old-name"),
        "/authors/old-name"
    );
    assert_eq!(alias_path("/a/b/", "/x/y/"), "/x/y/");
    assert_eq!(alias_path("/top/", "old"), "/old");
}

#[test]
fn site_paths_of_links() {
    for url in [
        "https://digital.gov/resources/x/",
        "http://digital.gov/resources/x",
        "https://www.digital.gov/resources/x/#part",
        "/resources/x",
        "/Resources/X/?q=1",
    ] {
        assert_eq!(site_path(url).as_deref(), Some("/resources/x/"), "{url}");
    }
    assert_eq!(site_path("https://example.gov/resources/x/"), None);
    assert_eq!(site_path("https://digital.gov.evil.com/x"), None);
    assert_eq!(site_path("mailto:a@digital.gov"), None);
    assert_eq!(site_path("resources/x"), None);
    assert_eq!(site_path("https://digital.gov").as_deref(), Some("/"));
}

#[test]
fn addresses_are_spelled_one_way() {
    for (path, spelled) in [
        ("", "/"),
        ("/", "/"),
        ("  /News/Item.md ", "/news/item/"),
        ("guides/_index.md", "/guides/"),
        ("guides/INDEX", "/guides/"),
        ("_index.md", "/"),
        ("index", "/"),
        ("/a/b/", "/a/b/"),
        ("foo/.md", "/foo//"),
        ("x/index/_index.md", "/x/index/"),
        ("Ünïcode/Straße.MD", "/ünïcode/straße/"),
        ("ΟΔΟΣ", "/οδος/"),
        ("md", "/md/"),
        ("/index/", "/"),
    ] {
        assert_eq!(normalize_path(path), spelled, "{path:?}");
    }
}

/// A page's file is kept once, as its name, unless the name cannot spell it; either
/// way the page is read again from its own file, from the tree and from the cache.
#[cfg(unix)]
#[test]
fn a_page_is_read_again_from_the_file_its_name_gives() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("communities")).unwrap();
    std::fs::create_dir_all(content.join("news")).unwrap();
    let plain = content.join("news/plain.md");
    let odd = content
        .join("news")
        .join(std::ffi::OsStr::from_bytes(b"odd\xff.md"));
    std::fs::write(&plain, "---\ntitle: Plain\n---\nThe plain body.\n").unwrap();
    std::fs::write(&odd, "---\ntitle: Odd\n---\nThe odd body.\n").unwrap();
    let source = crate::content::Source::Dir(dir.path().to_path_buf());
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let progress = std::sync::atomic::AtomicUsize::new(0);
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = crate::content::SiteCache::in_folder(cache_dir.path());
    let cold = crate::content::load_site(&source, today, &progress).unwrap();
    let (cached, _) = crate::content::load_site_cached(&source, today, &progress, &cache).unwrap();
    for site in [&cold.site, &cached.site] {
        let page = |title: &str| site.pages.iter().find(|p| p.title() == title).unwrap();
        let (plain_page, odd_page) = (page("Plain"), page("Odd"));
        assert_eq!(
            plain_page.body,
            BodySource::File,
            "no second copy of the path"
        );
        assert_eq!(plain_page.file(), Some(plain.as_path()));
        assert_eq!(
            odd_page.body,
            BodySource::FileNotUnicode(odd.clone().into_boxed_path())
        );
        assert_eq!(odd_page.file(), Some(odd.as_path()));
        assert!(odd_page.source.contains('\u{fffd}'), "{}", odd_page.source);
        let body = |page: &SitePage| crate::content::read_body(page.text_source()).unwrap();
        assert_eq!(body(plain_page).trim(), "The plain body.");
        assert_eq!(body(odd_page).trim(), "The odd body.");
    }
}
