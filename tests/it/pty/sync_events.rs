// `R` in the browser: the sync's progress and its end come through the browser's one
// event channel, and the new copy is shown and labelled.

#![cfg(unix)]

use super::session::Session;
use crate::sync::archive::site;

#[test]
fn r_syncs_in_the_background_and_the_browser_switches_to_the_new_copy() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("site.tar.gz");
    std::fs::write(&archive, site("Lighthouse Keepers").gz()).unwrap();
    let config = dir.path().join("config/copdeck");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!("sync_url = \"file://{}\"\n", archive.display()),
    )
    .unwrap();
    let config_home = dir.path().join("config");
    let data_home = dir.path().join("data");
    let mut session = Session::start(
        120,
        30,
        &[
            ("XDG_CONFIG_HOME", config_home.to_str().unwrap()),
            ("XDG_DATA_HOME", data_home.to_str().unwrap()),
        ],
    );
    let before = session.wait_for("built-in pages");
    assert!(!before.contains("Lighthouse Keepers"), "{before}");
    session.send("R");
    let after = session.wait_until("the synced copy shown", |screen| {
        screen.contains("Lighthouse Keepers") && screen.contains("synced just now")
    });
    assert!(after.contains("1/1 communities"), "{after}");
    session.send("q");
    assert!(session.wait_exit(), "copdeck did not quit");
}
