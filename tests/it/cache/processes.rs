//! The site index with real processes: `--no-cache`, `copdeck cache --clear`, two
//! copdecks at once, and a real checkout when one is named.

use std::path::PathBuf;
use std::sync::atomic::AtomicUsize;

use copdeck::content::{SiteCache, Source, load, load_cached, load_site, load_site_cached};
use tempfile::TempDir;

use super::{Tree, assert_same, day};

fn copdeck(tree: &Tree) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_copdeck"));
    cmd.env_remove("COPDECK_CONTENT")
        .env_remove("COPDECK_NO_CACHE")
        .env("XDG_CONFIG_HOME", "/nonexistent/copdeck-test-config")
        .env("XDG_CACHE_HOME", tree.cache.path())
        .arg("--content")
        .arg(tree.dir.path());
    cmd
}

/// What a successful run of copdeck on `tree` with `args` prints on stdout.
fn stdout_on(tree: &Tree, args: &[&str]) -> String {
    let out = copdeck(tree).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn no_cache_writes_nothing_and_cache_clear_deletes_the_index() {
    let tree = Tree::new();
    let kept = SiteCache::in_folder(tree.cache.path().join("copdeck"));
    let run = |args: &[&str]| stdout_on(&tree, args);
    let uncached = run(&["--no-cache", "search", "--site", "guide"]);
    assert!(uncached.contains("/resources/field-guide/"), "{uncached}");
    assert!(kept.files().is_empty());
    assert_eq!(run(&["search", "--site", "guide"]), uncached);
    assert_eq!(kept_kinds(&kept), ["communities", "site"]);
    assert_eq!(run(&["search", "--site", "guide"]), uncached, "warm");
    let listed = run(&["cache"]);
    assert!(listed.contains(".idx"), "{listed}");
    run(&["cache", "--clear"]);
    assert!(kept.files().is_empty());
}

#[test]
fn a_warm_show_reads_the_data_folder_as_it_is_when_its_page_has_an_image() {
    let tree = Tree::new();
    tree.write(
        "resources/herons.md",
        "---\ntitle: Herons\n---\n{{< img src=\"heron.png\" >}}\n\nTall birds.\n",
    );
    let data_file = tree.dir.path().join("data/images/heron.yml");
    let write_data = |text: &str, age: u64| {
        crate::support::write_dated(&data_file, text, std::time::Duration::from_secs(age));
    };
    write_data("alt: A grey heron\ncaption: At the pond\n", 3_600);
    let show = || stdout_on(&tree, &["show", "/resources/herons/"]);
    assert!(show().contains("At the pond"), "cold");
    assert!(show().contains("At the pond"), "warm");
    let kept = SiteCache::in_folder(tree.cache.path().join("copdeck"));
    let site_file = || {
        let (file, _) = kept
            .files()
            .into_iter()
            .find(|(file, _)| {
                file.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("site-")
            })
            .expect("the site index is kept");
        std::fs::read(file).unwrap()
    };
    let before = site_file();
    // The tree's pages are unchanged, so the site index is not written again; the data
    // file is read as it is now all the same.
    write_data("alt: A grey heron\ncaption: In the reeds\n", 3_000);
    let warm = show();
    assert!(
        warm.contains("In the reeds") && !warm.contains("At the pond"),
        "{warm}"
    );
    assert!(site_file() == before, "the site index was written again");
}

#[test]
fn a_cache_folder_that_cannot_be_written_is_named_once_for_each_file_and_nothing_else_changes() {
    let tree = Tree::new();
    let expected = copdeck(&tree)
        .args(["--no-cache", "search", "--site", "guide"])
        .output()
        .unwrap();
    // The cache folder would be below a plain file, so it cannot be made.
    let blocker = tree.cache.path().join("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let run = |args: &[&str]| {
        let out = copdeck(&tree)
            .env("XDG_CACHE_HOME", &blocker)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        (out.stdout, String::from_utf8(out.stderr).unwrap())
    };
    let (listed, said) = run(&["list"]);
    assert!(!listed.is_empty());
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 1, "{said}");
    assert!(
        lines[0].starts_with("copdeck: cannot keep the community pages: ")
            && lines[0].contains("a-file"),
        "{said}"
    );
    let (found, said) = run(&["search", "--site", "guide"]);
    assert_eq!(found, expected.stdout, "the same answer as without a cache");
    assert!(said.contains("cannot keep the community pages: "), "{said}");
    assert!(said.contains("cannot keep the site index: "), "{said}");
}

#[test]
fn two_processes_at_once_never_corrupt_the_index() {
    let tree = Tree::new();
    for round in 0..3 {
        tree.write(
            "resources/field-guide.md",
            &format!("---\ntitle: Field Guide {round}\n---\n"),
        );
        let children: Vec<_> = (0..2)
            .map(|_| {
                copdeck(&tree)
                    .args(["show", "/resources/field-guide/", "--json"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains(&format!("Field Guide {round}")), "{text}");
        }
    }
    let kept = SiteCache::in_folder(tree.cache.path().join("copdeck"));
    assert_eq!(kept_kinds(&kept), ["communities", "site"]);
    let progress = AtomicUsize::new(0);
    let (_, used) = load_site_cached(&tree.source(), day(2026, 1, 1), &progress, &kept).unwrap();
    assert_eq!((used.reused, used.read), (5, 0));
    let (communities, used) = load_cached(&tree.source(), day(2026, 1, 1), &kept).unwrap();
    assert_eq!(used.read, 0, "every community page was kept");
    let read = load(&tree.source(), day(2026, 1, 1)).unwrap();
    assert_eq!(communities.communities, read.communities);
    assert!(
        communities.files.is_empty(),
        "the community pages came whole from the cache"
    );
}

/// The kinds of the cache files in `cache`: one file per kind, named `KIND-….idx`.
fn kept_kinds(cache: &SiteCache) -> Vec<String> {
    cache
        .files()
        .iter()
        .map(|(path, _)| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.split('-').next().unwrap().to_string()
        })
        .collect()
}

/// On a real checkout (COPDECK_REAL_SITE names one; skipped without it), a warm load
/// gives exactly what reading the whole tree gives.
#[test]
fn a_real_checkout_warm_equals_cold() {
    let Some(dir) = std::env::var_os("COPDECK_REAL_SITE") else {
        return;
    };
    let source = Source::Dir(PathBuf::from(dir));
    let cache_dir = TempDir::new().unwrap();
    let cache = SiteCache::in_folder(cache_dir.path());
    let today = day(2026, 11, 26);
    let cold = load_site(&source, today, &AtomicUsize::new(0)).unwrap();
    load_site_cached(&source, today, &AtomicUsize::new(0), &cache).unwrap();
    let (warm, used) = load_site_cached(&source, today, &AtomicUsize::new(0), &cache).unwrap();
    assert_eq!(used.read, 0);
    assert_same(&cold, &warm);
    for address in ["/communities/", "/resources/", "/topics/"] {
        assert_eq!(
            cold.site.page_at(address),
            warm.site.page_at(address),
            "{address}"
        );
    }
}
