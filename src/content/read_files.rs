//! The site pages of the files the community loader has read, kept with the
//! communities so that the site walk takes them instead of reading the files again.

use foldhash::HashMap;

use super::cache_file::Stamp;
use super::site_page::{Indexed, stamped};

/// Files already read and indexed, by the name the walk gives them (`source`).
#[derive(Debug, Clone, Default)]
pub struct ReadFiles {
    by_source: HashMap<String, ReadFile>,
}

/// One file already read: what its metadata said just before, and its site page (or
/// the problem that kept it out).
#[derive(Debug, Clone)]
struct ReadFile {
    stamp: Option<Stamp>,
    indexed: Indexed,
}

impl ReadFiles {
    /// Keeps the result for the file named `source`, read when it had `stamp`.
    pub(super) fn insert(&mut self, source: String, stamp: Option<Stamp>, indexed: Indexed) {
        self.by_source.insert(source, ReadFile { stamp, indexed });
    }

    /// How many files are kept.
    pub fn len(&self) -> usize {
        self.by_source.len()
    }

    /// Whether no file is kept.
    pub fn is_empty(&self) -> bool {
        self.by_source.is_empty()
    }

    /// The result for the file named `source`, if it was read: the site takes it as the
    /// communities were read, even if the file has changed since (the next load, which a
    /// change brings, reads it again).
    pub(super) fn get(&self, source: &str) -> Option<Indexed> {
        self.by_source
            .get(source)
            .map(|file| stamped(file.indexed.clone(), file.stamp))
    }

    /// Whether the file named `source` was read when it had `stamp`, the stamp the caller
    /// sees now: only then may its result be kept under that stamp.
    pub(super) fn read_at(&self, source: &str, stamp: Option<Stamp>) -> bool {
        self.by_source
            .get(source)
            .is_some_and(|file| stamp.is_some() && file.stamp == stamp)
    }
}
