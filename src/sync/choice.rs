//! Which pages copdeck reads, first found wins: `--content` (or `COPDECK_CONTENT`),
//! the config's `content`, the synced site, the built-in pages; and the words that
//! say which ("digital.gov, synced 3 days ago").

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::store::Store;
use crate::content::{Index, Source};

/// The source to read: `content` (the option, the variable or the config, already
/// merged in that order) when given, else the synced copy when there is one, else the
/// built-in pages.
pub fn choose_source(content: Option<PathBuf>, store: Option<&Store>) -> Source {
    if let Some(dir) = content {
        return Source::Dir(dir);
    }
    match store {
        Some(store) if store.current().is_some() => Source::Dir(store.site()),
        _ => Source::Embedded,
    }
}

/// Whether `source` is the synced copy in `store`.
pub fn is_synced(source: &Source, store: Option<&Store>) -> bool {
    matches!((source, store), (Source::Dir(dir), Some(store)) if *dir == store.site())
}

/// Where the pages come from, in a few words for the header and `list`'s footer.
pub fn source_label(source: &Source, index: &Index, store: Option<&Store>) -> String {
    match source {
        Source::Embedded => {
            let newest = index.communities.iter().filter_map(|c| c.date).max();
            match newest {
                Some(date) => format!("built-in pages of {date}"),
                None => "built-in pages".to_string(),
            }
        }
        Source::Dir(dir) => match store.filter(|_| is_synced(source, store)) {
            Some(store) => match store.current() {
                Some(copy) => format!("digital.gov, synced {}", ago(copy.synced_at, Utc::now())),
                None => "digital.gov, synced".to_string(),
            },
            None => format!("pages from {}", dir.display()),
        },
    }
}

/// How long ago `then` was, in the words a person would use.
pub fn ago(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (now - then).num_seconds().max(0);
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match seconds {
        0..60 => "just now".to_string(),
        60..3600 => plural(seconds / 60, "minute"),
        3600..86_400 => plural(seconds / 3600, "hour"),
        86_400..172_800 => "yesterday".to_string(),
        _ => plural(seconds / 86_400, "day"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_as_words() {
        let now = Utc::now();
        let before = |seconds: i64| now - chrono::Duration::seconds(seconds);
        assert_eq!(ago(before(5), now), "just now");
        assert_eq!(ago(before(60), now), "1 minute ago");
        assert_eq!(ago(before(7200), now), "2 hours ago");
        assert_eq!(ago(before(90_000), now), "yesterday");
        assert_eq!(ago(before(3 * 86_400 + 5), now), "3 days ago");
    }

    #[test]
    fn the_first_source_found_wins() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        assert_eq!(choose_source(None, Some(&store)), Source::Embedded);
        assert_eq!(choose_source(None, None), Source::Embedded);
        std::fs::create_dir_all(store.site()).unwrap();
        let copy = super::super::CopyInfo {
            url: "file:///a.tar.gz".into(),
            etag: None,
            commit: None,
            synced_at: Utc::now(),
            pages: 1,
            files: 1,
        };
        Store::describe(&store.site(), &copy).unwrap();
        assert_eq!(choose_source(None, Some(&store)), Source::Dir(store.site()));
        let mine = PathBuf::from("elsewhere");
        assert_eq!(
            choose_source(Some(mine.clone()), Some(&store)),
            Source::Dir(mine)
        );
        let label = source_label(&Source::Dir(store.site()), &Index::default(), Some(&store));
        assert_eq!(label, "digital.gov, synced just now");
    }
}
