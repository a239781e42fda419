// The log: with COPDECK_LOG set, the browser writes to the state folder's
// copdeck/copdeck.log (background work included); without it, it writes nothing.

use std::time::{Duration, Instant};

use super::session::Session;

#[test]
fn copdeck_log_writes_to_the_state_folder_only_when_asked() {
    let state = tempfile::tempdir().unwrap();
    let state_dir = state.path().to_str().unwrap();
    let log = state.path().join("copdeck/copdeck.log");
    let mut session = Session::start(
        100,
        30,
        &[("COPDECK_LOG", "debug"), ("XDG_STATE_HOME", state_dir)],
    );
    session.wait_for("Communities");
    let start = Instant::now();
    let text = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("indexed") {
            break text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the indexer's result was never logged: {text:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(text.contains(concat!("copdeck ", env!("CARGO_PKG_VERSION"), " starts")));
    session.send("q");
    assert!(session.wait_exit());

    let quiet = tempfile::tempdir().unwrap();
    let mut session = Session::start(
        100,
        30,
        &[
            ("COPDECK_LOG", ""),
            ("XDG_STATE_HOME", quiet.path().to_str().unwrap()),
        ],
    );
    session.wait_for("Communities");
    session.send("q");
    assert!(session.wait_exit());
    assert!(
        !quiet.path().join("copdeck").exists(),
        "a log was written though COPDECK_LOG was empty"
    );
}
