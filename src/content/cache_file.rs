//! The site index's file on disk: what one page's record holds, how a loaded page
//! becomes a record and back, and how the file is checked, read and written.
//!
//! Layout: the framing of `cache_frame` around two parts in postcard: the head
//! (program version, content root and the folders as listed), then the files' records
//! with the site's tables and the `data/` folder's record. The head is read first, so
//! that the tree can be walked while the rest is decoded. Anything in the head that
//! does not check out — another magic or schema, a short file, a wrong checksum,
//! another program version or content root — reads as "no cache"; records that do not
//! check out read as no records.

use std::borrow::Cow;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::cache_frame::{Part, frame, unframe};
use super::diagnostic::{Diagnostic, Severity};
use super::page_words::{PageFields, PageWords};
use super::site::{BodySource, SitePage, SiteTables};
use super::site_data::DataRecord;
use super::walk::FolderRecord;

const MAGIC: &[u8; 8] = b"CPDKSITE";
/// Bump when a record's fields change: older files are then ignored and rebuilt.
pub const SCHEMA: u32 = 7;

/// What a file's metadata said when it was read; any difference means "read it again".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub modified: (i64, i64),
    pub changed: (i64, i64),
    pub inode: u64,
}

impl Stamp {
    /// The stamp in eight bytes, never 0 (which `SitePage::indexed_as` keeps for
    /// "not known"): a page remembers the stamp its file had when it was indexed.
    pub fn fingerprint(&self) -> u64 {
        let fields = [
            self.size,
            self.modified.0 as u64,
            self.modified.1 as u64,
            self.changed.0 as u64,
            self.changed.1 as u64,
            self.inode,
        ];
        let hash = fields
            .iter()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, &field| {
                (hash ^ field)
                    .wrapping_mul(0x0100_0000_01b3)
                    .rotate_left(29)
            });
        hash.max(1)
    }

    /// The stamp of the file at `path` (a link's is its target's, as reading the file
    /// follows it), or None when it cannot be read.
    pub fn of_path(path: &Path) -> Option<Self> {
        fs::metadata(path).ok().map(|m| Self::of(&m))
    }

    /// The stamp of a file found in a folder, read through the folder (one `statx` by
    /// name, no path lookup); a link's is its target's, as reading the file follows it.
    pub fn of_entry(entry: &fs::DirEntry) -> Option<Self> {
        match entry.file_type() {
            Ok(kind) if !kind.is_symlink() => entry.metadata().ok().map(|m| Self::of(&m)),
            _ => Self::of_path(&entry.path()),
        }
    }

    /// The stamp of a file's status as `stat` gives it (its fields' types differ from
    /// one platform to the next, hence the casts).
    #[cfg(unix)]
    #[allow(clippy::unnecessary_cast)]
    pub fn of_stat(stat: &rustix::fs::Stat) -> Self {
        Self {
            size: stat.st_size as u64,
            modified: (stat.st_mtime as i64, stat.st_mtime_nsec as i64),
            changed: (stat.st_ctime as i64, stat.st_ctime_nsec as i64),
            inode: stat.st_ino as u64,
        }
    }

    /// The stamp of a file's metadata.
    pub fn of(meta: &fs::Metadata) -> Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Self {
                size: meta.len(),
                modified: (meta.mtime(), meta.mtime_nsec()),
                changed: (meta.ctime(), meta.ctime_nsec()),
                inode: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let since = |t: std::io::Result<std::time::SystemTime>| {
                t.ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos() as i64))
            };
            Self {
                size: meta.len(),
                modified: since(meta.modified()),
                changed: (0, 0),
                inode: 0,
            }
        }
    }
}

/// One page as the cache keeps it: the loader's fields without the body. Its words are
/// the page's own buffer, which the page takes as it is (`loaded_of`).
#[derive(Debug, Clone)]
pub struct PageRecord {
    words: PageWords,
    date: Option<i32>,
    expiry: Option<i32>,
    is_section: bool,
    gone_notice: bool,
    /// What the loader warned about the page (a key given twice, say).
    warnings: Vec<ProblemRecord>,
}

/// A record's fields in the order the file keeps them, its words borrowed: from the
/// record as it is written, and from the file's bytes as it is read (each word is then
/// copied once, into the page's buffer, not into a string of its own first).
#[derive(Serialize, Deserialize)]
struct RecordFields<'a> {
    #[serde(borrow)]
    section: Cow<'a, str>,
    #[serde(borrow)]
    slug: Cow<'a, str>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(borrow)]
    summary: Cow<'a, str>,
    date: Option<i32>,
    expiry: Option<i32>,
    #[serde(borrow)]
    topics: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    authors: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    aliases: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    address: Cow<'a, str>,
    #[serde(borrow)]
    file_key: Cow<'a, str>,
    is_section: bool,
    gone_notice: bool,
    #[serde(borrow)]
    event_cop: Vec<Cow<'a, str>>,
    warnings: Cow<'a, [ProblemRecord]>,
}

impl Serialize for PageRecord {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let words = &self.words;
        RecordFields {
            section: words.section().into(),
            slug: words.slug().into(),
            title: words.title().into(),
            summary: words.summary().into(),
            date: self.date,
            expiry: self.expiry,
            topics: words.topics().map(Cow::Borrowed).collect(),
            authors: words.authors().map(Cow::Borrowed).collect(),
            aliases: words.aliases().map(Cow::Borrowed).collect(),
            address: words.address().into(),
            file_key: words.file_key().into(),
            is_section: self.is_section,
            gone_notice: self.gone_notice,
            event_cop: words.event_cop().map(Cow::Borrowed).collect(),
            warnings: Cow::Borrowed(&self.warnings),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for PageRecord {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = RecordFields::deserialize(deserializer)?;
        Ok(Self {
            words: PageWords::of(PageFields {
                section: &fields.section,
                slug: &fields.slug,
                title: &fields.title,
                summary: &fields.summary,
                address: &fields.address,
                file_key: &fields.file_key,
                topics: &fields.topics,
                authors: &fields.authors,
                aliases: &fields.aliases,
                event_cop: &fields.event_cop,
            }),
            date: fields.date,
            expiry: fields.expiry,
            is_section: fields.is_section,
            gone_notice: fields.gone_notice,
            warnings: fields.warnings.into_owned(),
        })
    }
}

/// A problem the loader reported for a file, without the file's name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProblemRecord {
    line: u64,
    warning: bool,
    message: String,
}

/// What reading one file gave: a page, or a problem (None when the community loader
/// reports it instead).
///
/// The page's record is held in place, not boxed: the records are decoded into one
/// vector, which is handed back whole once the pages are made, where a box a record,
/// freed once its page is made, left a hole beside that page's strings in the heap
/// (about 1.4 MB of the browser's memory once indexed at 5,000 pages, BENCHMARKS.md).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(clippy::large_enum_variant, reason = "in place on purpose: see above")]
pub enum Outcome {
    Page(PageRecord),
    Broken(Option<ProblemRecord>),
}

/// One file of the tree: its path under the content root, its stamp, what it gave.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub stamp: Stamp,
    pub outcome: Outcome,
}

/// What the file holds, whole.
#[derive(Debug, Default)]
pub struct CacheContents {
    /// The program version that wrote it.
    pub version: String,
    /// The content root it describes.
    pub root: String,
    pub entries: Vec<Entry>,
    /// The site's `data/` folder as it was read.
    pub data: DataRecord,
    /// The tree's folders as they were listed.
    pub folders: Vec<FolderRecord>,
    /// The site's tables as they were made from the records' pages.
    pub tables: Option<KeptTables>,
}

/// A site's tables, and the day they were made for: which pages had expired decides
/// some claims' priority, so they hold for that day only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptTables {
    /// The day, as `day_number` gives it.
    pub day: i32,
    pub tables: SiteTables,
}

/// The records' part of the file as it is read: every file's record, the tables, and
/// the `data/` folder's record. The data is here, not in the head, because the head is
/// decoded before the walk starts and the records beside it: on the real site the
/// data took half the head's decoding. It is decoded a record at a time
/// (`decode_records`), in the order `RecordsOf` writes it.
#[derive(Debug, Default)]
pub struct RecordsPart {
    pub entries: Vec<Entry>,
    pub tables: Option<KeptTables>,
    pub data: DataRecord,
}

/// The records' part as it is written, borrowed from the contents.
#[derive(Serialize)]
struct RecordsOf<'a> {
    entries: &'a [Entry],
    tables: Option<&'a KeptTables>,
    data: &'a DataRecord,
}

/// The file's head: what the walk needs, and what says whose file it is.
#[derive(Debug, Default, Deserialize)]
pub struct CacheHead {
    pub version: String,
    pub root: String,
    pub folders: Vec<FolderRecord>,
}

/// The head as it is written, borrowed from the contents (the same bytes as
/// `CacheHead`'s).
#[derive(Serialize)]
struct HeadOf<'a> {
    version: &'a str,
    root: &'a str,
    folders: &'a [FolderRecord],
}

/// A cache file read: its head decoded and checked, its records still as bytes.
pub struct CacheRead {
    pub head: CacheHead,
    pub records: Records,
}

/// The files' records of a cache file, not yet decoded.
pub struct Records {
    bytes: FileBytes,
    part: Part,
}

/// How far the records are read between two lettings go of what was read: the
/// file's pages held while its records are decoded stay under about this much.
const READ_STEP: usize = 256 * 1024;

impl Records {
    /// The records, or none when their bytes do not check out (every file is then read).
    /// The file's pages are let go of as they are read, by the check and then by the
    /// decoding: each word of a record is copied into its page, so the bytes are not
    /// needed again, and the whole file held at once was the browser's peak.
    pub fn decode(&self) -> RecordsPart {
        let start = self.part.range.start;
        let let_go = |from: &mut usize, to: usize| {
            self.bytes.let_go(*from..start + to);
            *from = start + to;
        };
        let mut checked_to = start;
        let mut decoded_to = start;
        self.part
            .checked_in_steps(&self.bytes, READ_STEP, |to| let_go(&mut checked_to, to))
            .and_then(|part| decode_records(part, |to| let_go(&mut decoded_to, to)))
            .unwrap_or_default()
    }
}

/// The records' part from its bytes, a file's record at a time, telling `read_up_to`
/// how far it has read about every `READ_STEP` bytes: the fields `RecordsOf` writes, in
/// its order.
fn decode_records(part: &[u8], mut read_up_to: impl FnMut(usize)) -> Option<RecordsPart> {
    let (count, mut rest) = postcard::take_from_bytes::<usize>(part).ok()?;
    // The count is not trusted for more than a mebibyte of records at once, as serde
    // does for a sequence it decodes whole: the vector grows past that as they come.
    let cautious = (1 << 20) / std::mem::size_of::<Entry>();
    let mut entries = Vec::with_capacity(count.min(cautious));
    let mut told = 0;
    for _ in 0..count {
        let (entry, after) = postcard::take_from_bytes::<Entry>(rest).ok()?;
        entries.push(entry);
        rest = after;
        let read = part.len() - rest.len();
        if read - told >= READ_STEP {
            read_up_to(read);
            told = read;
        }
    }
    let (tables, rest) = postcard::take_from_bytes(rest).ok()?;
    let data = postcard::from_bytes(rest).ok()?;
    read_up_to(part.len());
    Some(RecordsPart {
        entries,
        tables,
        data,
    })
}

/// This program's version, as written into and checked against the file.
pub fn program_version() -> String {
    format!("{} schema {SCHEMA}", env!("CARGO_PKG_VERSION"))
}

/// A day as the file keeps it: days since the Common Era's first day.
pub fn day_number(date: NaiveDate) -> i32 {
    use chrono::Datelike;
    date.num_days_from_ce()
}

pub(super) fn days(date: Option<NaiveDate>) -> Option<i32> {
    date.map(day_number)
}

pub(super) fn date(days: Option<i32>) -> Option<NaiveDate> {
    days.and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// The loader's result for one file, as a record. New page fields go here and in
/// `loaded_of`, nowhere else.
pub fn outcome_of(loaded: &Result<(SitePage, Vec<Diagnostic>), Option<Diagnostic>>) -> Outcome {
    match loaded {
        Ok((page, warnings)) => Outcome::Page(PageRecord {
            words: page.words.clone(),
            date: days(page.date),
            expiry: days(page.expiry),
            is_section: page.is_section,
            gone_notice: page.gone_notice,
            warnings: warnings.iter().map(problem_record).collect(),
        }),
        Err(problem) => Outcome::Broken(problem.as_ref().map(problem_record)),
    }
}

fn problem_record(d: &Diagnostic) -> ProblemRecord {
    ProblemRecord {
        line: d.line as u64,
        warning: d.severity == Severity::Warning,
        message: d.message.clone(),
    }
}

fn diagnostic_of(p: ProblemRecord, source: &str) -> Diagnostic {
    let line = p.line as usize;
    if p.warning {
        Diagnostic::warning(source, line, p.message)
    } else {
        Diagnostic::error(source, line, p.message)
    }
}

/// A file's record back as the loader's result for the file at `path`; `today` decides
/// whether the page has expired. The page remembers the stamp of the record.
pub fn loaded_of(
    entry: Entry,
    path: PathBuf,
    today: NaiveDate,
) -> Result<(SitePage, Vec<Diagnostic>), Option<Diagnostic>> {
    let (source, body) = BodySource::of_file(path);
    match entry.outcome {
        Outcome::Page(r) => {
            let expiry = date(r.expiry);
            let warnings = r
                .warnings
                .into_iter()
                .map(|p| diagnostic_of(p, &source))
                .collect();
            let page = SitePage {
                words: r.words,
                date: date(r.date),
                is_section: r.is_section,
                expired: expiry.is_some_and(|d| d < today),
                expiry,
                gone_notice: r.gone_notice,
                source,
                body,
                // Which community a page is depends on the communities it is read with.
                community: None,
                indexed_as: entry.stamp.fingerprint(),
            };
            Ok((page, warnings))
        }
        Outcome::Broken(problem) => Err(problem.map(|p| diagnostic_of(p, &source))),
    }
}

/// Reads the cache file for `root`, or None when it is missing or its head does not
/// check out; `in_steps` lets go of its pages as they are read, whatever its size.
pub fn read_cache(file: &Path, root: &str, in_steps: bool) -> Option<CacheRead> {
    let bytes = if in_steps {
        FileBytes::in_steps(file)
    } else {
        FileBytes::of(file)
    };
    let read = decode(bytes?)?;
    (read.head.version == program_version() && read.head.root == root).then_some(read)
}

/// A cache file's bytes. On Unix the file is mapped, not copied: its pages are already
/// in the system's file cache, so mapping them costs no new memory (at 100,000 pages the
/// file is 45 MB, which a copy would have the kernel zero and fill page by page).
pub enum FileBytes {
    #[cfg(unix)]
    Mapped {
        map: memmap2::Mmap,
        /// Whether its pages are let go of as they are read (`FileBytes::let_go`).
        let_go: bool,
    },
    Read(Vec<u8>),
}

/// From this size on, a mapped cache file's pages are let go of as its records are read
/// (at 100,000 pages the site index is 50 MB, which counted whole in the browser's peak);
/// a smaller file is mapped whole at once, which costs fewer page faults than reading
/// it in steps and letting go of them (a `show` on the real site's 3 MB file was about
/// half a millisecond slower letting go, interleaved by hand).
#[cfg(unix)]
const LET_GO_FROM: u64 = 16 * 1024 * 1024;

impl FileBytes {
    #[cfg(unix)]
    pub(super) fn of(file: &Path) -> Option<Self> {
        Self::mapped(file, LET_GO_FROM)
    }

    /// The file mapped, its pages let go of as they are read whatever its size.
    #[cfg(unix)]
    pub(super) fn in_steps(file: &Path) -> Option<Self> {
        Self::mapped(file, 0)
    }

    /// The file mapped, its pages let go of as they are read if it is `let_go_from`
    /// bytes or more.
    #[cfg(unix)]
    fn mapped(file: &Path, let_go_from: u64) -> Option<Self> {
        let file = fs::File::open(file).ok()?;
        let let_go = file.metadata().ok()?.len() >= let_go_from;
        let mut options = memmap2::MmapOptions::new();
        if !let_go {
            options.populate();
        }
        // SAFETY: a mapping's bytes change if the file is written in place while mapped.
        // copdeck never does that to a cache file: `write_atomically` writes a new file
        // and renames it over the old one, whose bytes (and inode) stay as they were
        // for as long as they are mapped. Only another program writing into the cache
        // folder by hand could break that. Checksums are read from the mapping, so
        // bytes that change before they are checked read as "no cache".
        let map = unsafe { options.map(&file) }.ok()?;
        Some(Self::Mapped { map, let_go })
    }

    /// Lets go of the process's hold on the file's pages in `range`, read already and
    /// not to be read again soon, if the file is large enough to be read that way: a
    /// mapped file's pages count in the process's memory while it holds them. Only
    /// whole 64 KiB blocks inside the range are let go of (a multiple of any page size).
    pub(super) fn let_go(&self, range: std::ops::Range<usize>) {
        const BLOCK: usize = 64 * 1024;
        #[cfg(unix)]
        if let Self::Mapped { map, let_go: true } = self {
            let from = range.start.div_ceil(BLOCK) * BLOCK;
            let to = range.end.min(map.len()) / BLOCK * BLOCK;
            if to > from {
                // SAFETY: letting go of a shared, read-only file mapping's pages only
                // has them read again from the file if they are touched again, the
                // same bytes as long as the file is not written in place (see `of`).
                let _ = unsafe {
                    map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, from, to - from)
                };
            }
        }
        #[cfg(not(unix))]
        let _ = range;
    }

    #[cfg(not(unix))]
    pub(super) fn of(file: &Path) -> Option<Self> {
        fs::read(file).ok().map(Self::Read)
    }

    #[cfg(not(unix))]
    pub(super) fn in_steps(file: &Path) -> Option<Self> {
        Self::of(file)
    }
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            #[cfg(unix)]
            Self::Mapped { map, .. } => map,
            Self::Read(bytes) => bytes,
        }
    }
}

/// A cache file's head and records, if the header and the head check out: the
/// records' checksum is checked when they are decoded.
pub fn decode(bytes: FileBytes) -> Option<CacheRead> {
    let [head, records]: [Part; 2] = unframe(MAGIC, SCHEMA, &bytes)?.try_into().ok()?;
    let head = postcard::from_bytes(head.checked(&bytes)?).ok()?;
    Some(CacheRead {
        head,
        records: Records {
            bytes,
            part: records,
        },
    })
}

/// The bytes of a cache file.
pub fn encode(contents: &CacheContents) -> Option<Vec<u8>> {
    let head = postcard::to_stdvec(&HeadOf {
        version: &contents.version,
        root: &contents.root,
        folders: &contents.folders,
    })
    .ok()?;
    let records = postcard::to_stdvec(&RecordsOf {
        entries: &contents.entries,
        tables: contents.tables.as_ref(),
        data: &contents.data,
    })
    .ok()?;
    Some(frame(MAGIC, SCHEMA, &[&head, &records]))
}

/// Keeps a cache file: its `encoded` bytes (None when they could not be encoded;
/// `what` says what they were) written atomically. Why it could not, naming the file,
/// when it could not: a cache only saves time, so its caller goes on and says so.
pub fn keep_cache_file(file: &Path, encoded: Option<Vec<u8>>, what: &str) -> Option<String> {
    encoded
        .ok_or_else(|| format!("could not encode {what}"))
        .and_then(|bytes| write_atomically(file, &bytes).map_err(|e| e.to_string()))
        .err()
        .map(|reason| format!("{}: {reason}", file.display()))
}

/// Writes the file whole or not at all: into a temporary file of its own name beside
/// it, then renamed over it, so a reader (or a second copdeck) sees the old file or
/// the new one, never half of one.
pub fn write_atomically(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let folder = file.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("cache");
    let temp = folder.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        WRITES.fetch_add(1, Ordering::Relaxed)
    ));
    let written = fs::File::create(&temp).and_then(|mut f| f.write_all(bytes));
    match written.and_then(|()| fs::rename(&temp, file)) {
        Ok(()) => Ok(()),
        Err(err) => {
            let _ = fs::remove_file(&temp);
            Err(err)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Option<CacheRead> {
        decode(FileBytes::Read(bytes.to_vec()))
    }

    fn contents() -> CacheContents {
        let page = SitePage {
            indexed_as: 0,
            words: PageWords::of(PageFields {
                section: "resources",
                slug: "a",
                title: "A page",
                summary: "About a",
                address: "/resources/a/",
                file_key: "resources/a",
                topics: &["t"],
                authors: &[],
                aliases: &["/old/"],
                event_cop: &["book-circle"],
            }),
            date: NaiveDate::from_ymd_opt(2024, 3, 1),
            is_section: false,
            expired: false,
            expiry: NaiveDate::from_ymd_opt(2025, 1, 1),
            gone_notice: false,
            source: "x/resources/a.md".into(),
            body: BodySource::File,
            community: None,
        };
        let warning = Diagnostic::warning("x/resources/a.md", 3, "`title` is given again");
        let stamp = Stamp {
            size: 10,
            modified: (1, 2),
            changed: (3, 4),
            inode: 5,
        };
        let tables = KeptTables {
            day: 7,
            tables: SiteTables::of(std::slice::from_ref(&page)),
        };
        CacheContents {
            version: program_version(),
            root: "x".into(),
            entries: vec![Entry {
                path: "resources/a.md".into(),
                stamp,
                outcome: outcome_of(&Ok((page, vec![warning]))),
            }],
            data: DataRecord::default(),
            folders: Vec::new(),
            tables: Some(tables),
        }
    }

    #[test]
    fn a_record_gives_back_the_page_and_today_decides_expiry() {
        let bytes = encode(&contents()).unwrap();
        let entry = read(&bytes).unwrap().records.decode().entries.remove(0);
        let before = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        let after = NaiveDate::from_ymd_opt(2025, 1, 2).unwrap();
        let path = PathBuf::from("x/resources/a.md");
        let (page, warnings) = loaded_of(entry.clone(), path.clone(), before).unwrap();
        assert_eq!(page.title(), "A page");
        assert!(page.event_cop().eq(["book-circle"]));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 3);
        assert_eq!(warnings[0].severity, Severity::Warning);
        assert!(page.aliases().eq(["/old/"]));
        assert_eq!(page.date, NaiveDate::from_ymd_opt(2024, 3, 1));
        assert_eq!(page.source, "x/resources/a.md");
        assert_eq!(page.indexed_as, entry.stamp.fingerprint());
        assert!(!page.expired);
        assert!(loaded_of(entry, path, after).unwrap().0.expired);
    }

    #[test]
    fn a_record_is_written_as_its_fields_one_after_another_as_strings() {
        // The layout the file has kept since schema 7, spelled out with owned fields: a
        // record written from a page's one buffer must give these very bytes, or files
        // written before would be misread without a schema change.
        #[derive(Serialize)]
        struct Written {
            section: String,
            slug: String,
            title: String,
            summary: String,
            date: Option<i32>,
            expiry: Option<i32>,
            topics: Vec<String>,
            authors: Vec<String>,
            aliases: Vec<String>,
            address: String,
            file_key: String,
            is_section: bool,
            gone_notice: bool,
            event_cop: Vec<String>,
            warnings: Vec<ProblemRecord>,
        }
        let contents = contents();
        let Outcome::Page(record) = &contents.entries[0].outcome else {
            panic!("the record of a page");
        };
        let owned = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
        let written = Written {
            section: "resources".into(),
            slug: "a".into(),
            title: "A page".into(),
            summary: "About a".into(),
            date: days(NaiveDate::from_ymd_opt(2024, 3, 1)),
            expiry: days(NaiveDate::from_ymd_opt(2025, 1, 1)),
            topics: owned(&["t"]),
            authors: owned(&[]),
            aliases: owned(&["/old/"]),
            address: "/resources/a/".into(),
            file_key: "resources/a".into(),
            is_section: false,
            gone_notice: false,
            event_cop: owned(&["book-circle"]),
            warnings: record.warnings.clone(),
        };
        assert_eq!(record.warnings.len(), 1);
        let bytes = postcard::to_allocvec(record).unwrap();
        assert_eq!(bytes, postcard::to_allocvec(&written).unwrap());
        let back: PageRecord = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.words, record.words);
    }

    #[cfg(unix)]
    #[test]
    fn records_read_from_a_mapped_file_that_lets_go_of_its_pages_are_the_records_written() {
        // Enough records for the reading to let go of several blocks on the way.
        let mut contents = contents();
        let one = contents.entries[0].clone();
        contents.entries = (0..12_000)
            .map(|i| Entry {
                path: format!("resources/{i}.md"),
                ..one.clone()
            })
            .collect();
        let bytes = encode(&contents).unwrap();
        assert!(bytes.len() > 4 * READ_STEP, "{} bytes", bytes.len());
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("site.idx");
        fs::write(&file, &bytes).unwrap();
        let mapped = decode(FileBytes::mapped(&file, 0).unwrap()).unwrap();
        assert!(matches!(
            mapped.records.bytes,
            FileBytes::Mapped { let_go: true, .. }
        ));
        let in_memory = read(&bytes).unwrap().records.decode();
        // Twice from the same mapping: the second reads the pages the first let go of.
        for _ in 0..2 {
            let records = mapped.records.decode();
            assert_eq!(records.entries.len(), 12_000);
            assert_eq!(records.tables, contents.tables);
            let today = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
            for (got, want) in records.entries.iter().zip(&in_memory.entries) {
                assert_eq!(got.path, want.path);
                assert_eq!(got.stamp, want.stamp);
                let got = loaded_of(got.clone(), PathBuf::from("x"), today).unwrap().0;
                let want = loaded_of(want.clone(), PathBuf::from("x"), today)
                    .unwrap()
                    .0;
                assert_eq!(got, want);
            }
        }
        assert_eq!(
            in_memory.entries[11_999].path, "resources/11999.md",
            "the records as written"
        );
    }

    #[test]
    fn a_count_of_records_the_file_cannot_hold_reads_as_no_records() {
        // Checksums tell damage from a whole file, not a forged one: a records part
        // whose count is as large as can be written is decoded without trusting it.
        let bytes = encode(&contents()).unwrap();
        let [head, _]: [Part; 2] = unframe(MAGIC, SCHEMA, &bytes).unwrap().try_into().unwrap();
        let mut records = postcard::to_allocvec(&usize::MAX).unwrap();
        records.extend_from_slice(&[0; 64]);
        let forged = frame(MAGIC, SCHEMA, &[head.checked(&bytes).unwrap(), &records]);
        let read = read(&forged).unwrap();
        assert_eq!(read.head.root, "x");
        assert!(read.records.decode().entries.is_empty());
    }

    #[test]
    fn damaged_bytes_read_as_no_cache() {
        let bytes = encode(&contents()).unwrap();
        let good = read(&bytes).unwrap();
        assert_eq!(good.head.root, "x");
        assert_eq!(good.head.version, program_version());
        let records = good.records.decode();
        assert_eq!(records.entries.len(), 1);
        assert_eq!(records.tables, contents().tables, "the tables come back");
        assert!(read(&bytes[..bytes.len() - 1]).is_none(), "cut short");
        assert!(read(&bytes[..10]).is_none(), "header cut short");
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(read(&longer).is_none(), "longer than it says");
        // A byte changed in the records: the head still reads, the records do not.
        let mut flipped = bytes.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 0x40;
        assert!(read(&flipped).unwrap().records.decode().entries.is_empty());
        // A byte changed in the head: nothing reads.
        let mut flipped = bytes.clone();
        let head_at = unframe(MAGIC, SCHEMA, &bytes).unwrap()[0].range.start;
        flipped[head_at + 2] ^= 0x40;
        assert!(read(&flipped).is_none(), "one byte of the head changed");
        let mut other = bytes.clone();
        other[8] = other[8].wrapping_add(1);
        assert!(read(&other).is_none(), "another schema");
        assert!(read(b"not a cache file at all, just text").is_none());
        let mut huge = bytes.clone();
        // The head's length, the first in the table of parts.
        huge[16..24].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(read(&huge).is_none(), "a head longer than the file");
    }

    #[test]
    fn problems_come_back_with_the_file_name() {
        let problem = Diagnostic::error("ignored", 7, "bad front matter");
        let entry = Entry {
            outcome: outcome_of(&Err(Some(problem))),
            ..contents().entries.remove(0)
        };
        let back = loaded_of(entry, PathBuf::from("t/p.md"), NaiveDate::MIN).unwrap_err();
        assert_eq!(
            back,
            Some(Diagnostic::error("t/p.md", 7, "bad front matter"))
        );
    }
}
