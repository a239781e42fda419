//! `R` in the real browser: a sync from the config's `sync_url`, then the new pages.

use std::io::Write;

use super::session::Session;

/// A site archive, as GitHub lays one out, with one community.
fn archive_with(name: &str) -> Vec<u8> {
    let page = format!(
        "---\nslug: quay-wardens\ntitle: {name}\nsummary: Those who mind the quays swap tips.\n\
         weight: 1\ncommunity_list:\n  - platform: listserv\n    type: public\n    \
         subscribe_email: quay-request@lists.example.gov\n    members: 77\n---\nWelcome aboard.\n"
    );
    let mut tar = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_gnu();
    header.set_size(page.len() as u64);
    header.set_mode(0o644);
    tar.append_data(
        &mut header,
        "site-main/content/communities/quay-wardens.md",
        page.as_bytes(),
    )
    .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&tar.into_inner().unwrap()).unwrap();
    gz.finish().unwrap()
}

#[test]
fn r_syncs_in_the_background_then_shows_the_new_pages() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("site.tar.gz");
    std::fs::write(&archive, archive_with("Quay Wardens")).unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("sync_url = \"file://{}\"\n", archive.display()),
    )
    .unwrap();
    let data = dir.path().join("data");
    let mut session = Session::start_with_args(
        120,
        30,
        &["--config", config.to_str().unwrap()],
        &[("XDG_DATA_HOME", data.to_str().unwrap())],
    );
    let screen = session.wait_for("Communities");
    assert!(screen.contains("· built-in pages of "), "{screen}");
    session.send("R");
    let screen = session.wait_for("Synced 1 page from digital.gov");
    assert!(screen.contains("Quay Wardens"), "{screen}");
    assert!(
        screen.contains("· digital.gov, synced just now"),
        "{screen}"
    );
    assert!(!screen.contains("Social Media"), "{screen}");
    session.send("q");
}
