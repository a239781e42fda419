//! `copdeck sync` against archives served on 127.0.0.1: every failure leaves the
//! previous copy byte for byte as it was.

pub(crate) mod archive;
mod cli;
mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use copdeck::sync::{Limits, Outcome, Progress, Store, SyncError, SyncOptions, Timeouts, run_sync};
use tar::EntryType;

use archive::{Archive, COMMIT, site};
use server::{Reply, Server};

fn options(url: &str, data: &Path) -> SyncOptions {
    let mut options = SyncOptions::new(url, Store::at(data));
    options.timeouts = Timeouts {
        connect: Duration::from_secs(2),
        read: Duration::from_secs(2),
    };
    options
}

fn sync(options: &SyncOptions) -> Result<Outcome, SyncError> {
    run_sync(options, &mut |_| {})
}

/// Every file under `dir`, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    files
}

/// A data folder holding a synced copy of a site with the community "Lighthouse Keepers".
fn with_previous_copy() -> (tempfile::TempDir, BTreeMap<PathBuf, Vec<u8>>) {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("first.tar.gz");
    std::fs::write(&file, site("Lighthouse Keepers").gz()).unwrap();
    let url = format!("file://{}", file.display());
    let outcome = sync(&options(&url, data.path())).unwrap();
    assert!(matches!(outcome, Outcome::Updated(_)));
    let before = tree(&Store::at(data.path()).site());
    (data, before)
}

/// Syncs from `server` over a previous copy; the sync must fail and keep that copy.
fn fails_keeping_copy(server: &Server, limits: Option<Limits>) -> SyncError {
    let (data, before) = with_previous_copy();
    let mut options = options(&server.url(), data.path());
    if let Some(limits) = limits {
        options.limits = limits;
    }
    let err = sync(&options).expect_err("the sync should fail");
    let store = Store::at(data.path());
    assert_eq!(
        tree(&store.site()),
        before,
        "the old copy changed after: {err}"
    );
    let left: Vec<String> = std::fs::read_dir(data.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("site."))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    err
}

#[test]
fn a_good_archive_is_unpacked_keeping_only_pages_and_data() {
    let data = tempfile::tempdir().unwrap();
    let server = Server::always(Reply::archive(
        site("Tide Table Readers").gz(),
        Some("\"v1\""),
    ));
    let mut phases = Vec::new();
    let outcome = run_sync(&options(&server.url(), data.path()), &mut |p| {
        phases.push(std::mem::discriminant(&p))
    })
    .unwrap();
    let Outcome::Updated(copy) = outcome else {
        panic!("expected a new copy")
    };
    assert_eq!(copy.etag.as_deref(), Some("\"v1\""));
    assert_eq!(copy.commit.as_deref(), Some(COMMIT));
    assert_eq!((copy.pages, copy.files), (3, 4));
    let files: Vec<PathBuf> = tree(&Store::at(data.path()).site()).into_keys().collect();
    let expected = [
        ".copdeck-sync.json",
        "content/communities/_index.md",
        "content/communities/tide-table-readers.md",
        "content/resources/harbour-guide.md",
        "data/authors.yml",
    ];
    assert_eq!(files, expected.map(PathBuf::from));
    assert!(phases.contains(&std::mem::discriminant(&Progress::Checking)));
    assert_eq!(Store::at(data.path()).current(), Some(copy));
}

#[test]
fn an_unchanged_archive_costs_a_304_and_changes_nothing() {
    let (data, before) = with_previous_copy();
    let server = Server::start(|etag| match etag {
        Some("\"v1\"") => Reply::Full {
            status: 304,
            etag: Some("\"v1\"".into()),
            body: Vec::new(),
        },
        _ => Reply::archive(site("Tide Table Readers").gz(), Some("\"v1\"")),
    });
    let options = options(&server.url(), data.path());
    assert!(matches!(sync(&options), Ok(Outcome::Updated(_))));
    let synced = tree(&Store::at(data.path()).site());
    assert_ne!(synced, before);
    assert!(matches!(sync(&options), Ok(Outcome::Unchanged(_))));
    assert_eq!(tree(&Store::at(data.path()).site()), synced);
    let seen = server.seen.lock().unwrap().clone();
    assert_eq!(seen, [None, Some("\"v1\"".to_string())]);
}

#[test]
fn error_statuses_keep_the_old_copy() {
    for status in [404, 500] {
        let server = Server::always(Reply::status(status));
        let err = fails_keeping_copy(&server, None);
        assert!(
            matches!(err, SyncError::Status { status: s, .. } if s == status),
            "{err}"
        );
        assert!(
            err.to_string()
                .ends_with(&format!("answered HTTP {status}"))
        );
    }
}

#[test]
fn a_connection_cut_half_way_keeps_the_old_copy() {
    let body = big_site();
    let sent = body.len() / 2;
    let server = Server::always(Reply::Cut { body, sent });
    let err = fails_keeping_copy(&server, None);
    assert!(
        matches!(err, SyncError::CutOff { .. } | SyncError::Damaged(_)),
        "{err}"
    );
}

#[test]
fn a_truncated_gzip_stream_keeps_the_old_copy() {
    let mut body = site("Tide Table Readers").gz();
    body.truncate(body.len() - 12);
    let err = fails_keeping_copy(&Server::always(Reply::archive(body, None)), None);
    assert!(matches!(err, SyncError::Damaged(_)), "{err}");
}

#[test]
fn a_corrupt_gzip_stream_keeps_the_old_copy() {
    let mut body = site("Tide Table Readers").gz();
    let middle = body.len() / 2;
    for byte in &mut body[middle..middle + 16] {
        *byte ^= 0x5a;
    }
    let err = fails_keeping_copy(&Server::always(Reply::archive(body, None)), None);
    assert!(matches!(err, SyncError::Damaged(_)), "{err}");
}

/// The good site with one hostile entry added after its pages.
fn hostile(name: &[u8], kind: EntryType, link: Option<&[u8]>) -> Server {
    let body = site("Tide Table Readers")
        .entry(name, kind, b"---\ntitle: x\n---\n", link)
        .gz();
    Server::always(Reply::archive(body, None))
}

/// An entry's name, kind and link target, and words the refusal must use.
type HostileCase = (
    &'static [u8],
    EntryType,
    Option<&'static [u8]>,
    &'static str,
);

#[test]
fn hostile_entries_are_refused_and_the_old_copy_kept() {
    let cases: [HostileCase; 7] = [
        (b"site-main/../../x.md", EntryType::Regular, None, "(..)"),
        (
            b"/tmp/copdeck-absolute.md",
            EntryType::Regular,
            None,
            "absolute",
        ),
        (
            b"site-main/content/link.md",
            EntryType::Symlink,
            Some(b"/etc/passwd"),
            "symbolic link",
        ),
        (
            b"site-main/content/hard.md",
            EntryType::Link,
            Some(b"site-main/README.md"),
            "hard link",
        ),
        (b"site-main/data/dev.json", EntryType::Char, None, "device"),
        (
            b"site-main/content/bad\xff.md",
            EntryType::Regular,
            None,
            "UTF-8",
        ),
        (
            b"site-main/content/a\x1b]0;x\x07.md",
            EntryType::Regular,
            None,
            "valid file name",
        ),
    ];
    for (name, kind, link, words) in cases {
        let err = fails_keeping_copy(&hostile(name, kind, link), None);
        assert!(matches!(err, SyncError::Refused(_)), "{err}");
        assert!(err.to_string().contains(words), "{err}");
        assert!(!err.to_string().contains('\x1b'), "{err}");
    }
    assert!(!Path::new("/tmp/copdeck-absolute.md").exists());
}

#[test]
fn archives_over_the_limits_are_refused() {
    let server = Server::always(Reply::archive(site("Tide Table Readers").gz(), None));
    let entries = Limits {
        entries: 5,
        ..Limits::default()
    };
    let err = fails_keeping_copy(&server, Some(entries));
    assert!(err.to_string().contains("more than 5 entries"), "{err}");
    let bytes = Limits {
        bytes: 300,
        ..Limits::default()
    };
    let err = fails_keeping_copy(&server, Some(bytes));
    assert!(err.to_string().contains("more than 300 bytes"), "{err}");
}

#[test]
fn an_archive_without_communities_is_not_swapped_in() {
    let body = Archive::new()
        .file("site-main/content/news/a.md", "---\ntitle: A\n---\nNews.\n")
        .gz();
    let err = fails_keeping_copy(&Server::always(Reply::archive(body, None)), None);
    assert!(matches!(err, SyncError::NoCommunities(_)), "{err}");
    assert!(
        err.to_string().contains("no content/communities/ folder"),
        "{err}"
    );
    // Pages at the top, with no <repository>-<branch>/ folder: not GitHub's layout.
    let flat = Archive::new()
        .file(
            "content/communities/a.md",
            &archive::community("Flat Earthers", 3),
        )
        .gz();
    let err = fails_keeping_copy(&Server::always(Reply::archive(flat, None)), None);
    assert!(matches!(err, SyncError::NoCommunities(_)), "{err}");
}

#[test]
fn a_server_that_goes_quiet_times_out() {
    let server = Server::always(Reply::Silent(Duration::from_secs(10)));
    let err = fails_keeping_copy(&server, None);
    assert!(err.is_unreachable(), "{err}");
    assert!(err.to_string().contains("no answer within 2 s"), "{err}");
    let body = big_site();
    let server = Server::always(Reply::Stall {
        sent: body.len() / 3,
        body,
        wait: Duration::from_secs(10),
    });
    let err = fails_keeping_copy(&server, None);
    assert!(matches!(err, SyncError::CutOff { .. }), "{err}");
    assert!(
        err.to_string().ends_with("the server sent nothing for 2 s"),
        "{err}"
    );
}

#[test]
fn a_second_sync_while_one_runs_is_told_it_is_busy() {
    let (data, before) = with_previous_copy();
    let body = big_site();
    let server = Server::always(Reply::Stall {
        sent: body.len() / 3,
        body,
        wait: Duration::from_secs(3),
    });
    let first = options(&server.url(), data.path());
    let (started, running) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        run_sync(&first, &mut |progress| {
            if matches!(progress, Progress::Downloading { .. }) {
                let _ = started.send(());
            }
        })
    });
    running.recv_timeout(Duration::from_secs(5)).unwrap();
    let err = sync(&options(&server.url(), data.path())).unwrap_err();
    assert!(matches!(err, SyncError::Busy(_)), "{err}");
    assert!(err.to_string().starts_with("another sync is running"));
    assert!(worker.join().unwrap().is_err(), "the stalled sync fails");
    assert_eq!(tree(&Store::at(data.path()).site()), before);
}

/// A site archive of a few megabytes of pages that do not compress much, so that a
/// cut or stalled download stops in the middle of it.
fn big_site() -> Vec<u8> {
    let mut archive = site("Tide Table Readers");
    let mut seed = 7u64;
    for n in 0..40 {
        let text: String = (0..60_000)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b'a' + (seed >> 59) as u8 % 26)
            })
            .collect();
        archive = archive.file(
            &format!("site-main/content/news/n{n}.md"),
            &format!("---\ntitle: N{n}\n---\n{text}\n"),
        );
    }
    archive.gz()
}

#[test]
fn the_browser_sync_reports_progress_then_switches_to_the_new_copy() {
    use copdeck::app::Action;
    use copdeck::content::Source;
    use copdeck::shell::sync::BrowserSync;
    let data = tempfile::tempdir().unwrap();
    let server = Server::always(Reply::archive(big_site(), None));
    let store = Store::at(data.path());
    let sync = BrowserSync::new(Some(server.url()), Some(store.clone()));
    let (send, news) = std::sync::mpsc::channel();
    let mut source = Source::Embedded;
    sync.start(move |event| {
        let _ = send.send(event);
    });
    let (mut progress, mut end) = (0, None);
    while end.is_none() {
        let event = news
            .recv_timeout(Duration::from_secs(30))
            .expect("no end reported");
        let report = sync.report(event, &mut source);
        match report.action {
            Action::Syncing(text) => {
                assert!(text.starts_with("Sync: "), "{text}");
                assert!(!report.read_again);
                progress += 1;
            }
            Action::Synced { message, label } => end = Some((message, label, report.read_again)),
            other => panic!("unexpected {other:?}"),
        }
    }
    let (message, label, read_again) = end.unwrap();
    assert!(progress >= 3, "{progress} progress reports");
    assert_eq!(message, "Synced 43 pages from digital.gov");
    assert_eq!(label.as_deref(), Some("digital.gov, synced just now"));
    assert!(read_again, "the new copy is to be read");
    assert_eq!(source, Source::Dir(store.site()));
    let today = chrono::Local::now().date_naive();
    let content = crate::support::reload(&source, today).unwrap();
    assert_eq!(content.index.communities[0].name(), "Tide Table Readers");
}
