//! The community pages of a folder kept between runs, beside the site index in the cache
//! folder: each file's community (its body too, since a community's page is shown from
//! memory) and problems, with the stamp the file had when it was read. A start on an
//! unchanged folder then reads one file instead of every community page.
//!
//! The file is framed as `cache_frame` lays out: its first part is the head (whose it
//! is), the others the records in postcard, a few dozen files to a part. Anything
//! else — another program version or schema, another folder, a file cut short or
//! damaged — is ignored, and the pages are read again.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use rayon::prelude::*;

use super::cache_file::{FileBytes, Stamp, date, days, program_version};
use super::cache_frame::{frame, unframe};
use super::diagnostic::Diagnostic;
use super::model::{Audience, Community, JoinChannel, Platform};
use super::page::ParsedPage;

const MAGIC: &[u8; 8] = b"CPDKCOMM";
/// Bump when a record's fields change: older files are then ignored and rebuilt.
const SCHEMA: u32 = 2;

/// The kept pages of one communities folder.
#[derive(Debug, Default)]
pub(super) struct KeptCommunities {
    version: String,
    root: String,
    files: Vec<KeptFile>,
}

/// One community file as it read: its name as shown, its stamp, and what it gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct KeptFile {
    pub source: String,
    pub stamp: Stamp,
    community: Option<CommunityRecord>,
    diagnostics: Vec<Diagnostic>,
}

impl KeptFile {
    /// The record of a file read with `stamp`.
    pub fn of(source: String, stamp: Stamp, parsed: &ParsedPage) -> Self {
        Self {
            source,
            stamp,
            community: parsed.community.as_ref().map(CommunityRecord::of),
            diagnostics: parsed.diagnostics.clone(),
        }
    }

    /// The file's page back as the loader gives it; `today` decides what has expired.
    pub fn parsed(self, today: NaiveDate) -> ParsedPage {
        ParsedPage {
            community: self.community.map(|record| record.community(today)),
            diagnostics: self.diagnostics,
        }
    }
}

/// How many files' records one part of the cache file holds: the parts are checked
/// and decoded on every core.
const FILES_A_PART: usize = 64;

/// What the cache file says of itself before the records: whose it is.
#[derive(Debug, Serialize, Deserialize)]
struct Head {
    version: String,
    root: String,
}

impl KeptCommunities {
    /// The records of `files` for the folder `root`, made by this program.
    pub fn new(root: &str, files: Vec<KeptFile>) -> Self {
        Self {
            version: program_version(),
            root: root.to_string(),
            files,
        }
    }

    /// The records by the name each file is shown by.
    pub fn by_source(self) -> HashMap<String, KeptFile> {
        self.files
            .into_iter()
            .map(|file| (file.source.clone(), file))
            .collect()
    }

    /// The bytes of the cache file: the head, then the records a part at a time.
    pub fn encode(&self) -> Option<Vec<u8>> {
        self.encode_as(SCHEMA)
    }

    /// `encode`, saying it is of `schema`.
    fn encode_as(&self, schema: u32) -> Option<Vec<u8>> {
        let head = postcard::to_stdvec(&Head {
            version: self.version.clone(),
            root: self.root.clone(),
        })
        .ok()?;
        let records: Vec<Vec<u8>> = self
            .files
            .chunks(FILES_A_PART)
            .map(postcard::to_stdvec)
            .collect::<Result<_, _>>()
            .ok()?;
        let parts: Vec<&[u8]> = std::iter::once(&head)
            .chain(&records)
            .map(Vec::as_slice)
            .collect();
        Some(frame(MAGIC, schema, &parts))
    }

    /// The records in `bytes` when they are whole, this program's and of `root`.
    pub fn decode(bytes: &[u8], root: &str) -> Option<Self> {
        let parts = unframe(MAGIC, SCHEMA, bytes)?;
        let (head, records) = parts.split_first()?;
        let head: Head = postcard::from_bytes(head.checked(bytes)?).ok()?;
        if head.version != program_version() || head.root != root {
            return None;
        }
        let decoded: Option<Vec<Vec<KeptFile>>> = records
            .par_iter()
            .map(|part| postcard::from_bytes(part.checked(bytes)?).ok())
            .collect();
        Some(Self {
            version: head.version,
            root: head.root,
            files: decoded?.into_iter().flatten().collect(),
        })
    }

    /// The records in the cache file `file`, or None when it is missing or unusable.
    pub fn read(file: &Path, root: &str) -> Option<Self> {
        Self::decode(&FileBytes::of(file)?, root)
    }
}

/// A community as kept: every field but whether it has expired, which depends on the
/// day it is loaded. New fields of `Community` go here, in `of` and in `community`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct CommunityRecord {
    slug: String,
    title: String,
    summary: String,
    deck: Option<String>,
    date: Option<i32>,
    weight: Option<i64>,
    expiry: Option<i32>,
    redirect: Option<String>,
    aliases: Vec<String>,
    topics: Vec<String>,
    authors: Vec<String>,
    event_cop: Vec<String>,
    short_name: Option<String>,
    acronym: Option<String>,
    highlight: bool,
    channels: Vec<ChannelRecord>,
    source: String,
    body: String,
    body_line: usize,
}

impl CommunityRecord {
    fn of(c: &Community) -> Self {
        Self {
            slug: c.slug.clone(),
            title: c.title.clone(),
            summary: c.summary.clone(),
            deck: c.deck.clone(),
            date: days(c.date),
            weight: c.weight,
            expiry: days(c.expiry),
            redirect: c.redirect.clone(),
            aliases: c.aliases.clone(),
            topics: c.topics.clone(),
            authors: c.authors.clone(),
            event_cop: c.event_cop.clone(),
            short_name: c.short_name.clone(),
            acronym: c.acronym.clone(),
            highlight: c.highlight,
            channels: c.channels.iter().map(ChannelRecord::of).collect(),
            source: c.source.clone(),
            body: c.body.clone(),
            body_line: c.body_line,
        }
    }

    fn community(self, today: NaiveDate) -> Community {
        let expiry = date(self.expiry);
        Community {
            slug: self.slug,
            title: self.title,
            summary: self.summary,
            deck: self.deck,
            date: date(self.date),
            weight: self.weight,
            expiry,
            redirect: self.redirect,
            aliases: self.aliases,
            topics: self.topics,
            authors: self.authors,
            event_cop: self.event_cop,
            short_name: self.short_name,
            acronym: self.acronym,
            highlight: self.highlight,
            channels: self
                .channels
                .into_iter()
                .map(ChannelRecord::channel)
                .collect(),
            source: self.source,
            body: self.body,
            body_line: self.body_line,
            expired: expiry.is_some_and(|day| day < today),
        }
    }
}

/// A way to join, as kept: the platform by the name `Platform::parse` reads back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ChannelRecord {
    platform: String,
    audience: Option<Audience>,
    email: Option<String>,
    subject: Option<String>,
    body: Option<String>,
    form: Option<String>,
    members: Option<u64>,
    emails_per_week: Option<f64>,
    terms: Option<String>,
    button: Option<String>,
}

impl ChannelRecord {
    fn of(c: &JoinChannel) -> Self {
        let platform = match &c.platform {
            Platform::Listserv => "listserv".to_string(),
            Platform::Slack => "slack".to_string(),
            Platform::Other(name) => name.clone(),
        };
        Self {
            platform,
            audience: c.audience,
            email: c.email.clone(),
            subject: c.subject.clone(),
            body: c.body.clone(),
            form: c.form.clone(),
            members: c.members,
            emails_per_week: c.emails_per_week,
            terms: c.terms.clone(),
            button: c.button.clone(),
        }
    }

    fn channel(self) -> JoinChannel {
        JoinChannel {
            platform: Platform::parse(&self.platform),
            audience: self.audience,
            email: self.email,
            subject: self.subject,
            body: self.body,
            form: self.form,
            members: self.members,
            emails_per_week: self.emails_per_week,
            terms: self.terms,
            button: self.button,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::{Path, PathBuf};
    use std::time::{Duration, SystemTime};

    use super::*;
    use crate::content::cache::{CacheUse, SiteCache};
    use crate::content::loader::{Index, Source, load, load_cached};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A communities folder of our own and a cache folder beside it.
    struct Folder {
        dir: tempfile::TempDir,
        cache: tempfile::TempDir,
    }

    impl Folder {
        fn new() -> Self {
            let folder = Self {
                dir: tempfile::TempDir::new().unwrap(),
                cache: tempfile::TempDir::new().unwrap(),
            };
            folder.write(
                "birdwatchers.md",
                "---\ntitle: Join the Bird Watchers\nweight: 1\ncommunity_list:\n  - platform: listserv\n    members: 120\n    email: birds@example.gov\n---\nWe count birds.\n",
                3600,
            );
            folder.write(
                "old-maps.md",
                "---\ntitle: Old Maps\nexpirydate: 2026-03-01\ncommunity_list:\n  - platform: Matrix\n    members: 7\n---\nMaps.\n",
                3000,
            );
            folder.write("broken.md", "---\ntitle: [unclosed\n---\nBody\n", 2400);
            folder
        }

        fn path(&self, name: &str) -> PathBuf {
            self.dir
                .path()
                .join("content")
                .join("communities")
                .join(name)
        }

        /// Writes a page dated `age` seconds ago (0: now, as while someone edits it).
        fn write(&self, name: &str, text: &str, age: u64) {
            let path = self.path(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
            let then = SystemTime::now() - Duration::from_secs(age);
            fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(then)
                .unwrap();
        }

        fn source(&self) -> Source {
            Source::Dir(self.dir.path().to_path_buf())
        }

        fn cache(&self) -> SiteCache {
            SiteCache::in_folder(self.cache.path())
        }

        fn load_on(&self, today: NaiveDate) -> Index {
            self.load_counting(today).0
        }

        fn load_counting(&self, today: NaiveDate) -> (Index, CacheUse) {
            load_cached(&self.source(), today, &self.cache()).unwrap()
        }

        fn cache_file(&self) -> PathBuf {
            let files = self.cache().files();
            assert_eq!(files.len(), 1, "{files:?}");
            files[0].0.clone()
        }

        fn root(&self) -> String {
            let folder = self.dir.path().join("content").join("communities");
            fs::canonicalize(folder).unwrap().display().to_string()
        }

        fn kept(&self) -> KeptCommunities {
            KeptCommunities::read(&self.cache_file(), &self.root()).expect("a usable file")
        }
    }

    /// The same communities and problems as a load that reads every file.
    fn assert_as_read(index: &Index, folder: &Folder, today: NaiveDate) {
        let read = load(&folder.source(), today).unwrap();
        assert_eq!(index.communities, read.communities);
        assert_eq!(index.diagnostics, read.diagnostics);
    }

    #[test]
    fn an_unchanged_folder_comes_from_the_kept_pages() {
        let folder = Folder::new();
        let today = day(2026, 1, 1);
        let first = folder.load_on(today);
        assert_as_read(&first, &folder, today);
        assert_eq!(first.communities.len(), 2);
        assert_eq!(first.diagnostics.len(), 1, "the broken page is reported");
        assert_eq!(
            folder.kept().files.len(),
            3,
            "every file is kept, the broken one too"
        );
        // A file written again is a new file renamed over the old one.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let inode = || fs::metadata(folder.cache_file()).unwrap().ino();
            let written = inode();
            assert_as_read(&folder.load_on(today), &folder, today);
            assert_eq!(inode(), written, "an unchanged folder writes nothing");
        }
        // A record changed by hand, under its file's unchanged stamp: the next load must
        // take it rather than read the file.
        let mut kept = folder.kept();
        let record = kept
            .files
            .iter_mut()
            .find(|f| f.source.ends_with("birdwatchers.md"))
            .unwrap();
        record.community.as_mut().unwrap().summary = "kept, not read".into();
        fs::write(folder.cache_file(), kept.encode().unwrap()).unwrap();
        let (second, used) = folder.load_counting(today);
        assert_eq!((used.reused, used.read), (3, 0));
        assert_eq!(used.write_error, None);
        let birds = second
            .communities
            .iter()
            .find(|c| c.title.contains("Bird"))
            .unwrap();
        assert_eq!(birds.summary, "kept, not read");
        assert!(second.files.is_empty(), "no file was read");
    }

    #[test]
    fn changed_added_and_removed_files_are_noticed() {
        let folder = Folder::new();
        let today = day(2026, 1, 1);
        folder.load_on(today);
        folder.write(
            "birdwatchers.md",
            "---\ntitle: Join the Bird Counters\nweight: 1\n---\nWe count more birds.\n",
            1800,
        );
        folder.write("moths.md", "---\ntitle: Moth Club\n---\nAt night.\n", 1200);
        fs::remove_file(folder.path("old-maps.md")).unwrap();
        let index = folder.load_on(today);
        assert_as_read(&index, &folder, today);
        let titles: Vec<&str> = index.communities.iter().map(|c| c.title.as_str()).collect();
        assert!(titles.contains(&"Join the Bird Counters"), "{titles:?}");
        assert!(titles.contains(&"Moth Club"), "{titles:?}");
        assert!(!titles.contains(&"Old Maps"), "{titles:?}");
        let kept: Vec<String> = folder.kept().files.into_iter().map(|f| f.source).collect();
        assert_eq!(kept.len(), 3, "{kept:?}");
        assert!(kept.iter().all(|source| !source.ends_with("old-maps.md")));
    }

    #[test]
    fn expiry_is_decided_on_the_day_of_the_load() {
        let folder = Folder::new();
        for today in [day(2026, 1, 1), day(2026, 6, 1), day(2025, 12, 1)] {
            let index = folder.load_on(today);
            assert_as_read(&index, &folder, today);
        }
        let maps = |today| {
            let index = folder.load_on(today);
            index
                .communities
                .iter()
                .find(|c| c.title == "Old Maps")
                .unwrap()
                .expired
        };
        assert!(!maps(day(2026, 1, 1)));
        assert!(maps(day(2026, 6, 1)));
    }

    #[test]
    fn a_file_changed_just_now_is_read_but_not_kept() {
        let folder = Folder::new();
        folder.write("fresh.md", "---\ntitle: Fresh Paint\n---\nWet.\n", 0);
        let today = day(2026, 1, 1);
        let index = folder.load_on(today);
        assert!(index.communities.iter().any(|c| c.title == "Fresh Paint"));
        let kept = folder.kept();
        assert!(kept.files.iter().all(|f| !f.source.ends_with("fresh.md")));
        assert_eq!(kept.files.len(), 3);
    }

    /// A load after `damage` to the cache file (given its folder's root) reads every
    /// file and writes the file again, whole.
    fn rebuilt_after(damage: impl FnOnce(&Path, &str)) {
        let folder = Folder::new();
        let today = day(2026, 1, 1);
        folder.load_on(today);
        damage(&folder.cache_file(), &folder.root());
        let index = folder.load_on(today);
        assert_as_read(&index, &folder, today);
        assert_eq!(folder.kept().files.len(), 3, "written again, whole");
    }

    #[test]
    fn a_damaged_truncated_or_foreign_file_is_ignored_and_rebuilt() {
        // A byte changed in the last part, whose checksum then disagrees.
        rebuilt_after(|file, _| {
            let mut bytes = fs::read(file).unwrap();
            let last = bytes.len() - 3;
            bytes[last] ^= 0x5a;
            fs::write(file, bytes).unwrap();
        });
        rebuilt_after(|file, _| {
            let bytes = fs::read(file).unwrap();
            fs::write(file, &bytes[..bytes.len() / 2]).unwrap();
        });
        rebuilt_after(|file, _| fs::write(file, b"not a cache file at all").unwrap());
        // Another folder's records, checksums and all.
        rebuilt_after(|file, _| {
            let bytes = KeptCommunities::new("/elsewhere", Vec::new())
                .encode()
                .unwrap();
            fs::write(file, bytes).unwrap();
        });
        // This folder's records, whole, but of another schema: their fields may differ.
        rebuilt_after(|file, root| {
            let kept = KeptCommunities::decode(&fs::read(file).unwrap(), root).unwrap();
            let bytes = kept.encode_as(SCHEMA + 1).unwrap();
            assert!(KeptCommunities::decode(&bytes, root).is_none());
            fs::write(file, bytes).unwrap();
        });
    }

    #[test]
    fn the_built_in_pages_and_a_cache_turned_off_write_nothing() {
        let folder = Folder::new();
        let today = day(2026, 1, 1);
        let (off, _) = load_cached(&folder.source(), today, &SiteCache::off()).unwrap();
        assert_as_read(&off, &folder, today);
        let (built_in, _) = load_cached(&Source::Embedded, today, &folder.cache()).unwrap();
        assert_eq!(
            built_in.communities,
            load(&Source::Embedded, today).unwrap().communities
        );
        assert!(folder.cache().files().is_empty());
    }

    #[test]
    fn clearing_the_cache_removes_the_kept_communities() {
        let folder = Folder::new();
        folder.load_on(day(2026, 1, 1));
        let file = folder.cache_file();
        assert_eq!(folder.cache().clear().unwrap(), vec![file.clone()]);
        assert!(!file.exists());
    }

    #[test]
    fn every_field_of_the_shipped_communities_comes_back() {
        let today = day(2026, 1, 1);
        let shipped = load(&Source::Embedded, today).unwrap().communities;
        assert!(shipped.len() > 20);
        let files: Vec<KeptFile> = shipped
            .iter()
            .map(|c| {
                let parsed = ParsedPage {
                    community: Some(c.clone()),
                    diagnostics: Vec::new(),
                };
                let stamp = Stamp {
                    size: 1,
                    modified: (2, 3),
                    changed: (4, 5),
                    inode: 6,
                };
                KeptFile::of(c.source.clone(), stamp, &parsed)
            })
            .collect();
        let bytes = KeptCommunities::new("/here", files).encode().unwrap();
        let back = KeptCommunities::decode(&bytes, "/here").unwrap();
        let communities: Vec<Community> = back
            .files
            .into_iter()
            .filter_map(|f| f.parsed(today).community)
            .collect();
        assert_eq!(communities, shipped);
        assert!(KeptCommunities::decode(&bytes, "/there").is_none());
    }

    #[test]
    fn a_cache_folder_that_cannot_be_written_is_named_and_the_pages_still_load() {
        let folder = Folder::new();
        let today = day(2026, 1, 1);
        // A cache "folder" below a plain file cannot be made.
        let blocker = folder.cache.path().join("a-file");
        fs::write(&blocker, "not a folder").unwrap();
        let cache = SiteCache::in_folder(blocker.join("copdeck"));
        let (index, used) = load_cached(&folder.source(), today, &cache).unwrap();
        assert_as_read(&index, &folder, today);
        let reason = used.write_error.expect("the write failed");
        assert!(reason.contains("communities-"), "names the file: {reason}");
        assert!(reason.contains("a-file"), "names the folder: {reason}");
        assert_eq!(used.reused, 0);
    }
}
