//! Broken and hostile files: each gives one diagnostic naming it, every other page loads.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use copdeck::content::{Index, Source, load};
use copdeck::document::render_page;
use copdeck::theme::Theme;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// The static broken fixtures plus the cases git cannot hold, in a temporary folder.
fn hostile_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("communities");
    fs::create_dir(&pages).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/communities");
    for entry in fs::read_dir(fixtures).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, pages.join(path.file_name().unwrap())).unwrap();
    }
    let big = format!("---\ntitle: big\n---\n{}", "x".repeat(5 * 1024 * 1024));
    fs::write(pages.join("oversized.md"), big).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink("loop-b.md", pages.join("loop-a.md")).unwrap();
        symlink("loop-a.md", pages.join("loop-b.md")).unwrap();
        symlink("/dev/zero", pages.join("device.md")).unwrap();
        symlink("nowhere.md", pages.join("dangling.md")).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(pages.join("fifo.md"))
            .status()
            .unwrap();
        assert!(status.success());
    }
    let quotes = format!(
        "---\ntitle: Deep quotes\nweight: 1\n---\n{}deep\n",
        "> ".repeat(20_000)
    );
    fs::write(pages.join("deep-quotes.md"), quotes).unwrap();
    // "- - - x" opens a list inside a list inside a list.
    let lists = format!("{}deep\n", "- ".repeat(3000));
    fs::write(
        pages.join("deep-lists.md"),
        format!("---\ntitle: Deep lists\nweight: 1\n---\n{lists}"),
    )
    .unwrap();
    dir
}

fn diagnostics_for(index: &Index, file: &str) -> Vec<String> {
    index
        .diagnostics
        .iter()
        .filter(|d| Path::new(&d.path).file_name().is_some_and(|n| n == file))
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn every_broken_file_has_one_diagnostic_and_the_rest_load() {
    let dir = hostile_tree();
    let index = load(&Source::Dir(dir.path().to_path_buf()), today()).unwrap();
    let expect = [
        ("empty.md", "empty file"),
        ("no-front-matter.md", "no front matter"),
        ("unclosed.md", "never closed"),
        ("bad-yaml.md", "YAML"),
        ("list-not-map.md", "a list"),
        // Read as Hugo reads it: the later value wins, and the repeat is a warning.
        ("duplicate-keys.md", "`title` is given again"),
        ("tabs.md", "tab"),
        ("members-lots.md", "`members`"),
        ("members-negative.md", "`members`"),
        ("members-list.md", "`members`"),
        ("non-utf8.md", "not valid UTF-8"),
        ("binary.md", "binary"),
        ("billion-laughs.md", "expands"),
        ("quadratic-aliases.md", "expands to more than"),
        ("oversized.md", "over the 4 MiB limit"),
        ("loop-a.md", "cannot read"),
        ("loop-b.md", "cannot read"),
        ("device.md", "not a regular file"),
        ("fifo.md", "not a regular file"),
        ("dangling.md", "cannot read"),
    ];
    for (file, words) in expect {
        let found = diagnostics_for(&index, file);
        assert_eq!(found.len(), 1, "{file}: {found:?}");
        assert!(found[0].contains(words), "{file}: {}", found[0]);
        // path:line: message
        let after_path = found[0].split(".md:").nth(1).unwrap();
        assert!(
            after_path
                .split(':')
                .next()
                .unwrap()
                .parse::<usize>()
                .is_ok(),
            "{}",
            found[0]
        );
    }
    assert_eq!(
        index.diagnostics.len(),
        expect.len(),
        "{:#?}",
        index.diagnostics
    );
    let mut slugs: Vec<_> = index.communities.iter().map(|c| c.slug.as_str()).collect();
    slugs.sort();
    assert!(slugs.contains(&"good") && slugs.contains(&"with-bom") && slugs.contains(&"with-crlf"));
    assert!(slugs.contains(&"deep-quotes") && slugs.contains(&"deep-lists"));
    // Wrong member types still load the page, with the count unknown.
    assert!(slugs.contains(&"members-lots"));
}

#[test]
fn diagnostics_point_at_the_line() {
    let dir = hostile_tree();
    let index = load(&Source::Dir(dir.path().to_path_buf()), today()).unwrap();
    let line = |file: &str| {
        let d = index
            .diagnostics
            .iter()
            .find(|d| d.path.ends_with(file))
            .unwrap();
        d.line
    };
    assert_eq!(line("duplicate-keys.md"), 4);
    assert_eq!(line("tabs.md"), 4);
    assert_eq!(line("members-lots.md"), 7);
    assert_eq!(line("non-utf8.md"), 2);
}

#[test]
fn deep_bodies_render_within_bounds() {
    let dir = hostile_tree();
    let index = load(&Source::Dir(dir.path().to_path_buf()), today()).unwrap();
    for slug in ["deep-quotes", "deep-lists"] {
        let page = index.communities.iter().find(|c| c.slug == slug).unwrap();
        let rendered = render_page(page, 80, &Theme::color(), None);
        assert!(rendered.lines.iter().all(|l| l.width() <= 80), "{slug}");
        assert!(
            rendered.lines.len() < 20_000,
            "{slug}: {}",
            rendered.lines.len()
        );
    }
}

#[test]
fn files_are_never_written() {
    let dir = hostile_tree();
    let snapshot = |root: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = fs::read_dir(root.join("communities"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| fs::symlink_metadata(p).unwrap().is_file())
            .map(|p| (p.clone(), fs::read(&p).unwrap()))
            .collect();
        files.sort();
        files
    };
    let before = snapshot(dir.path());
    load(&Source::Dir(dir.path().to_path_buf()), today()).unwrap();
    assert_eq!(before, snapshot(dir.path()));
}

#[test]
/// Each hostile file loads and renders at several widths. Time and memory bounds are the
/// benchmarks' business: this crate runs many tests in one process at once.
fn each_hostile_file_loads_and_renders() {
    let dir = hostile_tree();
    let pages = dir.path().join("communities");
    let mut entries: Vec<PathBuf> = fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let single = tempfile::tempdir().unwrap();
        let target = single.path().join("communities");
        fs::create_dir(&target).unwrap();
        let name = path.file_name().unwrap();
        // Copy what can be read; links, FIFOs and devices are linked as they are.
        let meta = fs::symlink_metadata(&path).unwrap();
        if meta.file_type().is_file() {
            fs::copy(&path, target.join(name)).unwrap();
        } else {
            #[cfg(unix)]
            std::os::unix::fs::symlink(&path, target.join(name)).unwrap();
        }
        let index = load(&Source::Dir(single.path().to_path_buf()), today()).unwrap();
        for page in &index.communities {
            for width in [20, 80, 200] {
                let rendered = render_page(page, width, &Theme::color(), None);
                assert!(
                    !rendered.lines.is_empty(),
                    "{name:?} rendered nothing at {width}"
                );
            }
        }
    }
}
