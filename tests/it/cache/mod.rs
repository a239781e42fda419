//! The site index kept between runs: an unchanged tree is not read again, every kind
//! of change is noticed, and a cache file that does not check out is rebuilt.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use chrono::NaiveDate;
use copdeck::content::{
    CacheUse, DataCheck, SiteCache, SiteIndex, Source, load, load_site, load_site_cached,
    load_site_cached_for,
};
use tempfile::TempDir;

use crate::support::write_dated;

mod processes;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A small tree of our own: two communities' folder, resources and a topic.
struct Tree {
    dir: TempDir,
    cache: TempDir,
    /// Each write gets an older time than the last, so a changed file's stamp differs.
    age: AtomicU64,
}

impl Tree {
    fn new() -> Self {
        let tree = Self {
            dir: TempDir::new().unwrap(),
            cache: TempDir::new().unwrap(),
            age: AtomicU64::new(3_600),
        };
        tree.write(
            "communities/birdwatchers.md",
            "---\ntitle: Bird Watchers\nslug: birds\n---\nWe count birds.\n",
        );
        tree.write(
            "resources/field-guide.md",
            "---\ntitle: A Field Guide\nsummary: Know your birds\ntopics: [birds]\n---\nText.\n",
        );
        tree.write(
            "resources/old-notes.md",
            "---\ntitle: Old Notes\nexpirydate: 2025-06-01\naliases: [/notes/]\n---\nOld.\n",
        );
        tree.write(
            "topics/birds/_index.md",
            "---\ntitle: Birds\nslug: birds\n---\n",
        );
        tree.write("resources/broken.md", "---\ntitle: [unclosed\n---\nBody\n");
        tree
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join("content").join(name)
    }

    /// Writes a page and dates it in the past, as files are that nobody is editing.
    fn write(&self, name: &str, text: &str) {
        let age = self.age.fetch_add(60, Ordering::Relaxed) + 60;
        write_dated(&self.path(name), text, Duration::from_secs(age));
    }

    fn cache(&self) -> SiteCache {
        SiteCache::in_folder(self.cache.path())
    }

    fn source(&self) -> Source {
        Source::Dir(self.dir.path().to_path_buf())
    }

    fn load_on(&self, today: NaiveDate) -> (SiteIndex, CacheUse) {
        let progress = AtomicUsize::new(0);
        load_site_cached(&self.source(), today, &progress, &self.cache()).unwrap()
    }

    fn load(&self) -> (SiteIndex, CacheUse) {
        self.load_on(day(2026, 1, 1))
    }

    /// Loads the site as a command does, with its communities, checking the data folder
    /// as `check` says.
    fn load_for_a_command(&self, check: DataCheck) -> (SiteIndex, CacheUse) {
        let today = day(2026, 1, 1);
        let index = load(&self.source(), today).unwrap();
        let progress = AtomicUsize::new(0);
        load_site_cached_for(
            &self.source(),
            &index,
            today,
            &progress,
            &self.cache(),
            check,
        )
        .unwrap()
    }

    fn cache_file(&self) -> PathBuf {
        let files = self.cache().files();
        assert_eq!(files.len(), 1, "{files:?}");
        files[0].0.clone()
    }
}

fn titles(index: &SiteIndex) -> Vec<String> {
    index
        .site
        .pages
        .iter()
        .map(|p| p.title().to_string())
        .collect()
}

/// The same site, whether read from the tree or from the cache.
fn assert_same(a: &SiteIndex, b: &SiteIndex) {
    assert_eq!(a.site.pages, b.site.pages);
    assert_eq!(a.diagnostics, b.diagnostics);
    assert!(a.site.tables() == b.site.tables(), "the same tables");
}

#[test]
fn an_unchanged_tree_comes_from_the_cache_and_equals_a_full_read() {
    let tree = Tree::new();
    let (first, used) = tree.load();
    assert_eq!((used.reused, used.read), (0, 5));
    assert_eq!(used.write_error, None);
    // A file written again is a new file renamed over the old one.
    #[cfg(unix)]
    let inode = || {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(tree.cache_file()).unwrap().ino()
    };
    #[cfg(unix)]
    let written = inode();
    let (second, used) = tree.load();
    assert_eq!((used.reused, used.read), (5, 0));
    assert_same(&first, &second);
    #[cfg(unix)]
    assert_eq!(
        inode(),
        written,
        "nothing written again: the records and the tables were taken as they were"
    );
    let full = load_site(&tree.source(), day(2026, 1, 1), &AtomicUsize::new(0)).unwrap();
    assert_same(&full, &second);
    assert_eq!(
        second.diagnostics.len(),
        1,
        "the broken page is still reported"
    );
    assert!(second.diagnostics[0].path.ends_with("broken.md"));
    assert_eq!(
        second
            .site
            .page_at("/notes/")
            .map(|id| second.site.pages[id].title())
            .unwrap(),
        "Old Notes"
    );
}

#[test]
fn a_low_memory_load_gives_the_same_site_as_a_quick_one() {
    let tree = Tree::new();
    let today = day(2026, 1, 1);
    let index = load(&tree.source(), today).unwrap();
    let load_with = |cache: &SiteCache| {
        let progress = AtomicUsize::new(0);
        load_site_cached_for(
            &tree.source(),
            &index,
            today,
            &progress,
            cache,
            DataCheck::Now,
        )
        .unwrap()
    };
    let (quick, _) = load_with(&tree.cache());
    // Unchanged: every page made from its record, in the records' own list.
    let (low, used) = load_with(&tree.cache().low_memory());
    assert_eq!((used.reused, used.read), (5, 0));
    assert_same(&quick, &low);
    // Changed: files read again beside the records that still hold.
    tree.write("guides/nests.md", "---\ntitle: Nests\n---\nTwigs.\n");
    let (low, used) = load_with(&tree.cache().low_memory());
    assert_eq!((used.reused, used.read), (5, 1));
    let (quick, _) = load_with(&tree.cache());
    assert_same(&quick, &low);
    assert!(titles(&low).contains(&"Nests".to_string()));
}

#[test]
fn changed_files_are_read_again_removed_dropped_added_read() {
    let tree = Tree::new();
    tree.load();
    tree.write(
        "resources/field-guide.md",
        "---\ntitle: A Better Field Guide\n---\nText.\n",
    );
    fs::remove_file(tree.path("resources/old-notes.md")).unwrap();
    tree.write("guides/nests.md", "---\ntitle: Nests\n---\nTwigs.\n");
    let (index, used) = tree.load();
    assert_eq!((used.reused, used.read), (3, 2));
    let titles = titles(&index);
    assert!(
        titles.contains(&"A Better Field Guide".to_string()),
        "{titles:?}"
    );
    assert!(titles.contains(&"Nests".to_string()));
    assert!(!titles.contains(&"Old Notes".to_string()));
    let full = load_site(&tree.source(), day(2026, 1, 1), &AtomicUsize::new(0)).unwrap();
    assert_same(&full, &index);
    let (_, used) = tree.load();
    assert_eq!(
        (used.reused, used.read),
        (5, 0),
        "the cache was brought up to date"
    );
}

#[test]
fn a_file_replaced_with_the_same_size_and_time_is_read_again() {
    let tree = Tree::new();
    tree.load();
    let path = tree.path("resources/field-guide.md");
    let before = fs::metadata(&path).unwrap();
    // Same length and same modification time, new file (a new inode): what `cp -p`
    // or an editor's save-by-rename can do.
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("A Field", "B Field");
    let fresh = path.with_extension("new");
    fs::write(&fresh, &text).unwrap();
    fs::File::options()
        .write(true)
        .open(&fresh)
        .unwrap()
        .set_modified(before.modified().unwrap())
        .unwrap();
    fs::rename(&fresh, &path).unwrap();
    let (index, used) = tree.load();
    assert_eq!(used.read, 1);
    assert!(titles(&index).contains(&"B Field Guide".to_string()));
}

#[test]
fn expiry_is_decided_on_the_day_of_the_load_not_of_the_cache() {
    let tree = Tree::new();
    let (before, _) = tree.load_on(day(2025, 1, 1));
    let (after, used) = tree.load_on(day(2026, 1, 1));
    assert_eq!(used.read, 0);
    let expired = |index: &SiteIndex| {
        let id = index.site.page_at("/resources/old-notes/").unwrap();
        index.site.pages[id].expired
    };
    assert!(!expired(&before));
    assert!(expired(&after));
    // The tables kept from the day before are made again for the day: an expired page
    // claims its own address with less priority.
    let full = |today| load_site(&tree.source(), today, &AtomicUsize::new(0)).unwrap();
    assert_same(&full(day(2025, 1, 1)), &before);
    assert_same(&full(day(2026, 1, 1)), &after);
    assert!(before.site.tables() != after.site.tables());
    let (again, used) = tree.load_on(day(2026, 1, 1));
    assert_eq!(used.read, 0);
    assert_same(&after, &again);
}

/// Damages the cache file with `damage`, then checks the next load ignores it, reads
/// the whole tree, gives the right site and leaves a good file behind.
fn rebuilt_after(damage: impl FnOnce(&Path, &Tree)) {
    let tree = Tree::new();
    let (good, _) = tree.load();
    damage(&tree.cache_file(), &tree);
    let (index, used) = tree.load();
    assert_eq!((used.reused, used.read), (0, 5));
    assert_same(&good, &index);
    let (_, used) = tree.load();
    assert_eq!(used.reused, 5, "rebuilt");
}

#[test]
fn a_corrupt_cache_file_is_ignored_and_rebuilt() {
    rebuilt_after(|file, _| {
        let mut bytes = fs::read(file).unwrap();
        let middle = bytes.len() / 2;
        for byte in &mut bytes[middle..middle + 8] {
            *byte ^= 0x5a;
        }
        fs::write(file, bytes).unwrap();
    });
}

#[test]
fn a_truncated_cache_file_is_ignored_and_rebuilt() {
    rebuilt_after(|file, _| {
        let bytes = fs::read(file).unwrap();
        fs::write(file, &bytes[..bytes.len() * 2 / 3]).unwrap();
    });
    rebuilt_after(|file, _| fs::write(file, b"").unwrap());
}

#[test]
fn a_foreign_cache_file_is_ignored_and_rebuilt() {
    // Something else's file under our name.
    rebuilt_after(|file, _| fs::write(file, "{\"not\": \"ours\"}\n".repeat(50)).unwrap());
    // A good index of another tree, copied over this tree's.
    rebuilt_after(|file, tree| {
        let other = Tree::new();
        other.write("resources/elsewhere.md", "---\ntitle: Elsewhere\n---\n");
        let progress = AtomicUsize::new(0);
        load_site_cached(&other.source(), day(2026, 1, 1), &progress, &tree.cache()).unwrap();
        let theirs = tree
            .cache()
            .files()
            .into_iter()
            .map(|(path, _)| path)
            .find(|path| path != file)
            .unwrap();
        fs::rename(theirs, file).unwrap();
    });
}

#[test]
fn files_changed_in_the_last_moments_are_not_trusted_to_the_cache() {
    let tree = Tree::new();
    tree.load();
    // Written now, with no back-dating: a second edit within the same clock tick of
    // the file system would not change its stamp.
    fs::write(
        tree.path("resources/field-guide.md"),
        "---\ntitle: Just Saved\n---\n",
    )
    .unwrap();
    let (index, used) = tree.load();
    assert_eq!(used.read, 1);
    assert!(titles(&index).contains(&"Just Saved".to_string()));
    let (_, used) = tree.load();
    assert_eq!(used.read, 1, "read again until it has settled");
}

#[test]
fn loads_at_the_same_time_never_leave_a_broken_file() {
    let tree = Tree::new();
    let (good, _) = tree.load();
    fs::remove_file(tree.cache_file()).unwrap();
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for _ in 0..5 {
                    let (index, _) = tree.load();
                    assert_same(&good, &index);
                }
            });
        }
    });
    let (_, used) = tree.load();
    assert_eq!(used.reused, 5, "the last file written is whole");
    assert_eq!(
        tree.cache().files().len(),
        1,
        "no temporary file left behind"
    );
}

#[test]
fn the_built_in_pages_and_a_cache_turned_off_write_nothing() {
    let tree = Tree::new();
    let progress = AtomicUsize::new(0);
    let (_, used) =
        load_site_cached(&Source::Embedded, day(2026, 1, 1), &progress, &tree.cache()).unwrap();
    assert_eq!(used.reused, 0);
    let (index, used) = load_site_cached(
        &tree.source(),
        day(2026, 1, 1),
        &progress,
        &SiteCache::off(),
    )
    .unwrap();
    assert_eq!(used.read, 5);
    assert_eq!(index.site.pages.len(), 4);
    assert!(tree.cache().files().is_empty());
}

#[test]
fn clear_removes_the_cache_files() {
    let tree = Tree::new();
    tree.load();
    fs::write(tree.cache.path().join("notes.txt"), "mine").unwrap();
    let removed = tree.cache().clear().unwrap();
    assert_eq!(removed.len(), 1);
    assert!(tree.cache().files().is_empty());
    assert!(
        tree.cache.path().join("notes.txt").exists(),
        "only our files go"
    );
    let (_, used) = tree.load();
    assert_eq!(used.read, 5);
}

#[test]
fn the_data_folder_is_kept_too_and_read_again_when_a_data_file_changes() {
    let tree = Tree::new();
    let data_file = |name: &str| tree.dir.path().join("data/images").join(name);
    let write_data = |name: &str, text: &str, age: u64| {
        write_dated(&data_file(name), text, Duration::from_secs(age));
    };
    let alt = |index: &SiteIndex| {
        let data = index.site.data.get();
        data.image("heron.png").map(|i| i.alt.clone())
    };
    write_data("heron.yml", "alt: A grey heron\n", 3_600);
    write_data("broken.yml", "alt: [unclosed\n", 3_600);
    let (first, _) = tree.load();
    let (second, used) = tree.load();
    assert_eq!(used.read, 0);
    assert_eq!(alt(&second).as_deref(), Some("A grey heron"));
    assert_eq!(first.site.data.get(), second.site.data.get());
    let full = load_site(&tree.source(), day(2026, 1, 1), &AtomicUsize::new(0)).unwrap();
    assert_eq!(full.site.data.get(), second.site.data.get());
    assert_same(&full, &second);
    assert!(
        second
            .diagnostics
            .iter()
            .any(|d| d.path.ends_with("broken.yml")),
        "a broken data file is still reported from the cache: {:?}",
        second.diagnostics
    );

    write_data("heron.yml", "alt: A heron standing in reeds\n", 3_000);
    let (changed, _) = tree.load();
    assert_eq!(alt(&changed).as_deref(), Some("A heron standing in reeds"));
    fs::remove_file(data_file("heron.yml")).unwrap();
    let (removed, _) = tree.load();
    assert_eq!(alt(&removed), None);
    let full = load_site(&tree.source(), day(2026, 1, 1), &AtomicUsize::new(0)).unwrap();
    assert_same(&full, &removed);
}

#[test]
fn a_commands_load_checks_the_data_folder_when_a_shortcode_first_reads_it() {
    let tree = Tree::new();
    let data_file = tree.dir.path().join("data/images/heron.yml");
    write_dated(
        &data_file,
        "alt: A grey heron\n",
        Duration::from_secs(3_600),
    );
    let alt = |index: &SiteIndex| {
        let data = index.site.data.get();
        data.image("heron.png").map(|i| i.alt.clone())
    };
    tree.load_for_a_command(DataCheck::Now);

    // Read when first asked for, not at the load: a change made in between shows.
    let (now, used) = tree.load_for_a_command(DataCheck::Now);
    let (later, _) = tree.load_for_a_command(DataCheck::WhenRead);
    assert_eq!(used.read, 0, "an unchanged tree");
    write_dated(
        &data_file,
        "alt: A heron in reeds\n",
        Duration::from_secs(3_000),
    );
    assert_eq!(
        alt(&now).as_deref(),
        Some("A grey heron"),
        "checked at its load"
    );
    assert_eq!(alt(&later).as_deref(), Some("A heron in reeds"));
    assert_eq!(
        alt(&later).as_deref(),
        Some("A heron in reeds"),
        "read once, kept"
    );

    // A load that writes the cache file checks the data first, so that the file keeps
    // the data as it is; the next load, checking now, agrees with a full read.
    tree.write("resources/new.md", "---\ntitle: New\n---\nNew.\n");
    fs::remove_file(&data_file).unwrap();
    let (written, _) = tree.load_for_a_command(DataCheck::WhenRead);
    fs::create_dir_all(data_file.parent().unwrap()).unwrap();
    write_dated(&data_file, "alt: Back again\n", Duration::from_secs(2_000));
    assert_eq!(
        alt(&written),
        None,
        "checked at its load, which wrote the file"
    );
    fs::remove_file(&data_file).unwrap();
    let (next, _) = tree.load_for_a_command(DataCheck::Now);
    assert_eq!(alt(&next), None);
    let full = load_site(&tree.source(), day(2026, 1, 1), &AtomicUsize::new(0)).unwrap();
    assert_eq!(full.site.data.get(), next.site.data.get());
}
