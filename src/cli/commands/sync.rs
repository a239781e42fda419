//! `copdeck sync` and `copdeck sync --status`: the download's progress on stderr (a
//! bar on a terminal, one line per phase otherwise), the copy's facts on stdout.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::CliError;
use crate::cli::text::safe;
use crate::content::Source;
use crate::sync::background::{failure_line, pages};
use crate::sync::choice::{ago, is_synced};
use crate::sync::{Outcome, Progress, Store, SyncOptions, run_sync};

/// Runs `copdeck sync`. `url` is `--from` or the config's `sync_url`; `in_use` is the
/// source the other commands would read, to say when the synced copy is not it.
pub fn run(
    out: &mut impl Write,
    url: Option<String>,
    status: bool,
    quiet: bool,
    in_use: &Source,
) -> Result<(), CliError> {
    let Some(store) = Store::default_location() else {
        return Err(CliError::Failed(
            "no data folder known: set XDG_DATA_HOME or HOME".into(),
        ));
    };
    if status {
        return print_status(out, &store, in_use);
    }
    let options = SyncOptions::new(
        url.unwrap_or_else(|| crate::sync::DEFAULT_URL.into()),
        store,
    );
    let mut display = Display::new(quiet);
    let result = run_sync(&options, &mut |progress| display.show(&progress));
    display.finish();
    match result {
        Ok(Outcome::Updated(copy)) => {
            if !quiet {
                let commit = copy
                    .commit
                    .as_deref()
                    .map(|c| format!(" (commit {})", &c[..c.len().min(12)]))
                    .unwrap_or_default();
                eprintln!(
                    "synced {} from {}{commit} into {}",
                    pages(copy.pages),
                    safe(&copy.url),
                    options.store.site().display()
                );
                warn_if_not_used(&options.store, in_use);
            }
            Ok(())
        }
        Ok(Outcome::Unchanged(copy)) => {
            if !quiet {
                eprintln!(
                    "already up to date: {} has not changed since {}",
                    safe(&copy.url),
                    copy.synced_at.format("%Y-%m-%d %H:%M UTC")
                );
            }
            Ok(())
        }
        // Cleaned as one line: a server's words stay on it.
        Err(err) => {
            let line = failure_line(&err, options.store.current().as_ref());
            Err(CliError::Failed(safe(&line)))
        }
    }
}

fn warn_if_not_used(store: &Store, in_use: &Source) {
    if let Source::Dir(dir) = in_use
        && !is_synced(in_use, Some(store))
    {
        eprintln!(
            "note: copdeck reads {} (--content, COPDECK_CONTENT or the config's content), not the synced copy",
            dir.display()
        );
    }
}

/// `sync --status`: the copy's source, commit or ETag, date and page count.
fn print_status(out: &mut impl Write, store: &Store, in_use: &Source) -> Result<(), CliError> {
    let Some(copy) = store.current() else {
        return Err(CliError::Failed(format!(
            "no synced copy in {}; run `copdeck sync`",
            store.site().display()
        )));
    };
    let version = match (&copy.commit, &copy.etag) {
        (Some(commit), _) => format!("commit {commit}"),
        (None, Some(etag)) => format!("ETag {etag}"),
        (None, None) => "unknown (no commit or ETag given)".to_string(),
    };
    let used = if is_synced(in_use, Some(store)) {
        "yes".to_string()
    } else if let Source::Dir(dir) = in_use {
        format!("no: {} comes first", dir.display())
    } else {
        "no".to_string()
    };
    let text = format!(
        "source   {}\nversion  {}\nsynced   {} ({})\npages    {}\nfolder   {}\nin use   {}\n",
        safe(&copy.url),
        safe(&version),
        copy.synced_at.format("%Y-%m-%d %H:%M UTC"),
        ago(copy.synced_at, chrono::Utc::now()),
        copy.pages,
        safe(&store.site().display().to_string()),
        safe(&used),
    );
    // Output that cannot be written (a closed pipe too) fails quietly, as it always has.
    out.write_all(text.as_bytes())
        .map_err(|_| CliError::Reported)
}

/// Progress as the user sees it: a bar on a terminal, a line per phase otherwise,
/// nothing with `--quiet`.
enum Display {
    Quiet,
    Lines {
        last: Option<std::mem::Discriminant<Progress>>,
    },
    Bar {
        bar: ProgressBar,
        downloading: bool,
    },
}

impl Display {
    fn new(quiet: bool) -> Self {
        if quiet {
            Self::Quiet
        } else if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new_spinner();
            bar.enable_steady_tick(Duration::from_millis(120));
            Self::Bar {
                bar,
                downloading: false,
            }
        } else {
            Self::Lines { last: None }
        }
    }

    fn show(&mut self, progress: &Progress) {
        match self {
            Self::Quiet => {}
            Self::Lines { last } => {
                let phase = std::mem::discriminant(progress);
                if *last != Some(phase) {
                    *last = Some(phase);
                    let line = match progress {
                        Progress::Downloading {
                            total: Some(total), ..
                        } => {
                            format!("downloading and unpacking {total} bytes")
                        }
                        Progress::Downloading { .. } => "downloading and unpacking".to_string(),
                        other => other.describe(),
                    };
                    eprintln!("{}", safe(&line));
                }
            }
            Self::Bar { bar, downloading } => match progress {
                Progress::Downloading { bytes, total } => {
                    if !*downloading {
                        *downloading = true;
                        let template = match total {
                            Some(_) => {
                                "{spinner} downloading {bytes}/{total_bytes} {wide_bar} {binary_bytes_per_sec}"
                            }
                            None => "{spinner} downloading {bytes} {binary_bytes_per_sec}",
                        };
                        if let Ok(style) = ProgressStyle::with_template(template) {
                            bar.set_style(style);
                        }
                        match total {
                            Some(total) => bar.set_length(*total),
                            None => bar.unset_length(),
                        }
                    }
                    bar.set_position(*bytes);
                }
                other => {
                    *downloading = false;
                    bar.set_style(ProgressStyle::default_spinner());
                    bar.set_message(safe(&other.describe()));
                }
            },
        }
    }

    fn finish(&self) {
        if let Self::Bar { bar, .. } = self {
            bar.finish_and_clear();
        }
    }
}
