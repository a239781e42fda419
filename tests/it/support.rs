//! What the integration tests share: the real binary with a clean environment, and the
//! fixture folders.

use std::path::{Path, PathBuf};

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use assert_cmd::Command;
use chrono::NaiveDate;
use copdeck::app::action::Reloaded;
use copdeck::app::{Action, App, LoadedSite};
use copdeck::content::{SiteCache, Source, load, load_site};
use copdeck::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The copdeck binary, 100 columns wide, with no content, config or synced site of the
/// machine it runs on, and its site indexes kept under the build folder.
pub fn copdeck() -> Command {
    let mut cmd = Command::cargo_bin("copdeck").unwrap();
    cmd.env_remove("COPDECK_CONTENT")
        .env("COLUMNS", "100")
        .env("XDG_CONFIG_HOME", "/nonexistent/copdeck-test-config")
        .env("XDG_DATA_HOME", "/nonexistent/copdeck-test-data")
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cli-cache"),
        );
    cmd
}

/// `watcher::reload` as live reload runs it, with its site indexes kept under the build
/// folder rather than in the user's cache.
pub fn reload(source: &Source, today: NaiveDate) -> Result<Reloaded, String> {
    let cache = SiteCache::in_folder(concat!(env!("CARGO_TARGET_TMPDIR"), "/reload-cache"));
    copdeck::shell::watcher::reload(source, today, &cache)
}

/// A folder or file under `tests/fixtures`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// What a successful run of copdeck with `args` prints on stdout.
pub fn stdout_of(args: &[&str]) -> String {
    let out = copdeck().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The browser on the built-in pages, `width`×`height`, with the site indexed.
pub fn app(width: u16, height: u16, theme: Theme) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let mut app = App::new(
        load(&Source::Embedded, today).unwrap(),
        theme,
        width,
        height,
    );
    let site = load_site(&Source::Embedded, today, &AtomicUsize::new(0)).unwrap();
    app.update(Action::SiteLoaded(LoadedSite::new(Arc::new(site))));
    app
}

/// The whole screen drawn once for `app`, as the terminal would show it.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let area = app.screen.size;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal
        .draw(|frame| copdeck::ui::draw(frame, app))
        .unwrap();
    terminal
}

/// Writes `text` to `path` (its folders made first) and dates it `age` ago, as a file
/// nobody is editing: the caches keep only such files.
pub fn write_dated(path: &Path, text: &str, age: std::time::Duration) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - age)
        .unwrap();
}
