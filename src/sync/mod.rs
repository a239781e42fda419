//! `copdeck sync`: downloads the digital.gov site's `content/` and `data/` as one
//! archive, unpacks it beside the synced copy, checks it, and swaps it in whole. A
//! failed or stopped sync leaves the previous copy exactly as it was.

pub mod background;
pub mod choice;
pub mod fetch;
pub mod store;
pub mod unpack;

use std::io::{self, Read};
use std::path::PathBuf;

use chrono::Utc;
use thiserror::Error;

use crate::content::{Source, load};
pub use fetch::Timeouts;
use fetch::{Answer, FetchError, fetch};
pub use store::{CopyInfo, LockError, Store};
pub use unpack::Limits;
use unpack::{UnpackError, unpack};

/// GitHub's archive of the site repository's `main` branch.
pub const DEFAULT_URL: &str =
    "https://github.com/GSA/digitalgov.gov/archive/refs/heads/main.tar.gz";

/// Bytes between two download reports.
const REPORT_EVERY: u64 = 256 * 1024;

/// What one sync is asked to do.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    pub url: String,
    pub store: Store,
    pub limits: Limits,
    pub timeouts: Timeouts,
}

impl SyncOptions {
    /// The usual limits and timeouts, for the archive at `url` into `store`.
    pub fn new(url: impl Into<String>, store: Store) -> Self {
        Self {
            url: url.into(),
            store,
            limits: Limits::default(),
            timeouts: Timeouts::default(),
        }
    }
}

/// How far a sync has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Asking the server (or opening the file).
    Connecting(String),
    /// Downloading and unpacking at once: bytes so far, and of how many when known.
    Downloading { bytes: u64, total: Option<u64> },
    /// Reading the new copy to be sure it loads.
    Checking,
    /// Putting the new copy in place of the old.
    Installing,
}

impl Progress {
    /// The phase in a few words, as a status line shows it.
    pub fn describe(&self) -> String {
        match self {
            Self::Connecting(url) => format!("connecting to {url}"),
            Self::Downloading { bytes, total } => match total {
                Some(total) if *total > 0 => {
                    format!("downloading {} of {}", megabytes(*bytes), megabytes(*total))
                }
                _ => format!("downloading {}", megabytes(*bytes)),
            },
            Self::Checking => "checking the new copy".to_string(),
            Self::Installing => "putting the new copy in place".to_string(),
        }
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// How a sync ended well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new copy is in place.
    Updated(CopyInfo),
    /// The server said nothing changed (304); the copy is as it was.
    Unchanged(CopyInfo),
}

/// Why a sync failed. The previous copy is untouched whatever the reason.
#[derive(Debug, Error)]
pub enum SyncError {
    #[error("another sync is running (it holds {0})")]
    Busy(PathBuf),
    #[error("cannot reach {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("{url} answered HTTP {status}")]
    Status { url: String, status: u16 },
    #[error("{0}")]
    BadAddress(String),
    #[error("the download from {url} was cut off after {bytes} bytes: {reason}")]
    CutOff {
        url: String,
        bytes: u64,
        reason: String,
    },
    #[error("the archive is damaged: {0}")]
    Damaged(String),
    #[error("the archive was refused: {0}")]
    Refused(String),
    #[error("the archive has no community pages: {0}")]
    NoCommunities(String),
    #[error("cannot write {path}: {reason}")]
    Write { path: PathBuf, reason: String },
}

impl SyncError {
    /// Whether the network, not the archive, is to blame (the message then says
    /// "cannot reach").
    pub fn is_unreachable(&self) -> bool {
        matches!(self, Self::Unreachable { .. })
    }
}

/// Runs one sync to the end; `report` hears how far it has come.
pub fn run_sync(
    options: &SyncOptions,
    report: &mut dyn FnMut(Progress),
) -> Result<Outcome, SyncError> {
    let store = &options.store;
    let lock = store.lock().map_err(|err| match err {
        LockError::Busy(path) => SyncError::Busy(path),
        LockError::Io(err) => write_error(store.root().to_path_buf(), &err),
    })?;
    store.recover(&lock);
    let current = store.current();
    let etag = current
        .as_ref()
        .filter(|copy| copy.url == options.url)
        .and_then(|copy| copy.etag.as_deref());
    report(Progress::Connecting(options.url.clone()));
    let download = match fetch(&options.url, etag, options.timeouts) {
        Ok(Answer::Archive(download)) => download,
        Ok(Answer::NotModified) => {
            return match current {
                Some(copy) => Ok(Outcome::Unchanged(copy)),
                None => Err(SyncError::Damaged(
                    "the server said nothing changed, but there is no copy".into(),
                )),
            };
        }
        Err(err) => return Err(fetch_error(&options.url, err)),
    };
    let folder = store
        .fresh_folder(&lock)
        .map_err(|err| write_error(store.root().to_path_buf(), &err))?;
    let mut watched = Watched {
        body: download.body,
        bytes: 0,
        total: download.length,
        reported: 0,
        failure: None,
        quiet_limit: options.timeouts.read,
        report,
    };
    let result = unpack(&mut watched, &folder, &options.limits);
    let unpacked = match result {
        Ok(unpacked) => unpacked,
        Err(err) => {
            Store::discard(&folder);
            return Err(match err {
                UnpackError::Unreadable(err) => match watched.failure.take() {
                    Some(reason) => SyncError::CutOff {
                        url: options.url.clone(),
                        bytes: watched.bytes,
                        reason,
                    },
                    None => SyncError::Damaged(err.to_string()),
                },
                UnpackError::Refused(why) => SyncError::Refused(why),
                UnpackError::Write(path, err) => write_error(path, &err),
            });
        }
    };
    let report = watched.report;
    report(Progress::Checking);
    let checked = match load(
        &Source::Dir(folder.clone()),
        chrono::Local::now().date_naive(),
    ) {
        Ok(index) if !index.communities.is_empty() => Ok(()),
        Ok(_) => Err("content/communities/ holds none".to_string()),
        Err(_) => Err(
            "no content/communities/ folder under the archive's top folder (<repository>-<branch>/)"
                .to_string(),
        ),
    };
    if let Err(why) = checked {
        Store::discard(&folder);
        return Err(SyncError::NoCommunities(why));
    }
    let info = CopyInfo {
        url: options.url.clone(),
        etag: download.etag,
        commit: unpacked.commit,
        synced_at: Utc::now(),
        pages: unpacked.pages,
        files: unpacked.files,
    };
    report(Progress::Installing);
    Store::describe(&folder, &info)
        .and_then(|()| store.install(&folder, &lock))
        .map_err(|err| {
            Store::discard(&folder);
            write_error(store.site(), &err)
        })?;
    Ok(Outcome::Updated(info))
}

fn fetch_error(url: &str, err: FetchError) -> SyncError {
    match err {
        FetchError::Unreachable(reason) => SyncError::Unreachable {
            url: url.to_string(),
            reason,
        },
        FetchError::Status(status) => SyncError::Status {
            url: url.to_string(),
            status,
        },
        FetchError::BadAddress(why) => SyncError::BadAddress(why),
    }
}

fn write_error(path: PathBuf, err: &io::Error) -> SyncError {
    SyncError::Write {
        path,
        reason: err.to_string(),
    }
}

/// The download as the unpacker reads it: counted, reported, and its first read
/// error kept, so that a cut connection is told apart from a corrupt archive.
struct Watched<'a> {
    body: Box<dyn Read + Send>,
    bytes: u64,
    total: Option<u64>,
    reported: u64,
    failure: Option<String>,
    /// The read timeout, to say what a timed-out read means.
    quiet_limit: std::time::Duration,
    report: &'a mut dyn FnMut(Progress),
}

impl Read for Watched<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.body.read(buf) {
            Ok(read) => {
                self.bytes += read as u64;
                if self.bytes - self.reported >= REPORT_EVERY || (read == 0 && self.bytes > 0) {
                    self.reported = self.bytes;
                    (self.report)(Progress::Downloading {
                        bytes: self.bytes,
                        total: self.total,
                    });
                }
                Ok(read)
            }
            Err(err) => {
                let reason = if err.kind() == io::ErrorKind::Interrupted {
                    None
                } else if fetch::is_timeout(&err) {
                    Some(format!(
                        "the server sent nothing for {} s",
                        self.quiet_limit.as_secs()
                    ))
                } else {
                    Some(err.to_string())
                };
                if let Some(reason) = reason {
                    self.failure.get_or_insert(reason);
                }
                Err(err)
            }
        }
    }
}
