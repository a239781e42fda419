//! `copdeck sync` run as a user runs it, with its data folder in a temporary one.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;

use super::archive::{COMMIT, site};
use super::server::{Reply, Server};
use super::{big_site, tree};
use copdeck::sync::Store;

fn copdeck(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("copdeck").unwrap();
    cmd.env_remove("COPDECK_CONTENT")
        .env("COLUMNS", "100")
        .env("XDG_CONFIG_HOME", "/nonexistent/copdeck-test-config")
        .env("XDG_DATA_HOME", data)
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cli-cache"),
        );
    for name in ["ALL_PROXY", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"] {
        cmd.env_remove(name).env_remove(name.to_lowercase());
    }
    cmd
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_synced_site_is_what_list_shows_and_status_describes() {
    let data = tempfile::tempdir().unwrap();
    let server = Server::always(Reply::archive(
        site("Tide Table Readers").gz(),
        Some("\"v9\""),
    ));
    let out = copdeck(data.path())
        .args(["sync", "--from", &server.url()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(out.stdout.is_empty(), "talk goes to stderr");
    let talk = stderr_of(&out);
    assert!(
        talk.starts_with("connecting to http://127.0.0.1:"),
        "{talk}"
    );
    assert!(
        talk.contains("\nsynced 3 pages from http://127.0.0.1:"),
        "{talk}"
    );
    let out = copdeck(data.path()).arg("list").output().unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(list.contains("Tide Table Readers"), "{list}");
    assert!(!list.contains("Social Media"), "{list}");
    assert!(
        list.ends_with("\nsource: digital.gov, synced just now\n"),
        "{list}"
    );
    let out = copdeck(data.path())
        .args(["sync", "--status"])
        .output()
        .unwrap();
    let status = String::from_utf8(out.stdout).unwrap();
    assert!(
        status.contains(&format!("version  commit {COMMIT}\n")),
        "{status}"
    );
    assert!(status.contains("pages    3\n"), "{status}");
    assert!(status.contains("in use   yes\n"), "{status}");
    // --content still comes first.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site");
    let out = copdeck(data.path())
        .arg("--content")
        .arg(&fixture)
        .arg("list")
        .output()
        .unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(!list.contains("Tide Table Readers"), "{list}");
    assert!(list.contains("\nsource: pages from "), "{list}");
}

#[test]
fn without_a_synced_copy_the_built_in_pages_are_read() {
    let data = tempfile::tempdir().unwrap();
    let out = copdeck(data.path()).arg("list").output().unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(list.contains("Social Media"), "{list}");
    assert!(list.contains("\nsource: built-in pages of 20"), "{list}");
    let out = copdeck(data.path())
        .args(["sync", "--status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("no synced copy"));
}

#[test]
fn an_unreachable_server_is_one_line_and_exit_1() {
    let data = tempfile::tempdir().unwrap();
    let archive = data.path().join("first.tar.gz");
    std::fs::write(&archive, site("Lighthouse Keepers").gz()).unwrap();
    let from = format!("file://{}", archive.display());
    let out = copdeck(data.path())
        .args(["sync", "-q", "--from", &from])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let store = Store::at(data.path().join("copdeck"));
    let before = tree(&store.site());
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/site.tar.gz");
    let out = copdeck(data.path())
        .args(["sync", "--quiet", "--from", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let talk = stderr_of(&out);
    assert_eq!(talk.lines().count(), 1, "{talk}");
    assert!(
        talk.starts_with(&format!("copdeck: cannot reach {url}: ")),
        "{talk}"
    );
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert!(
        talk.ends_with(&format!("; keeping the copy from {today}\n")),
        "{talk}"
    );
    assert_eq!(tree(&store.site()), before);
}

#[test]
fn proxies_from_the_environment_are_used_unless_no_proxy_says() {
    let data = tempfile::tempdir().unwrap();
    let server = Server::always(Reply::archive(site("Tide Table Readers").gz(), None));
    let dead = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let proxy = format!("http://127.0.0.1:{dead}");
    let out = copdeck(data.path())
        .env("HTTP_PROXY", &proxy)
        .args(["sync", "-q", "--from", &server.url()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the proxy was not used");
    assert!(
        stderr_of(&out).contains("cannot reach"),
        "{}",
        stderr_of(&out)
    );
    let out = copdeck(data.path())
        .env("HTTP_PROXY", &proxy)
        .env("NO_PROXY", "127.0.0.1")
        .args(["sync", "-q", "--from", &server.url()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(out.stderr.is_empty(), "--quiet says nothing");
}

/// Starts a sync from a server that stalls half-way, and waits until it is unpacking.
fn stalled_sync(data: &Path, server: &Server) -> std::process::Child {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("copdeck"))
        .args(["sync", "-q", "--from", &server.url()])
        .env("XDG_DATA_HOME", data)
        .env("XDG_CONFIG_HOME", "/nonexistent/copdeck-test-config")
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cli-cache"),
        )
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let root = data.join("copdeck");
    let start = Instant::now();
    while !std::fs::read_dir(&root).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("site.new-"))
    }) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the sync never started"
        );
        assert!(child.try_wait().unwrap().is_none(), "the sync ended early");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

#[test]
fn a_stopped_sync_and_a_second_sync_leave_the_old_copy() {
    let data = tempfile::tempdir().unwrap();
    let first = Server::always(Reply::archive(site("Lighthouse Keepers").gz(), None));
    let out = copdeck(data.path())
        .args(["sync", "-q", "--from", &first.url()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let store = Store::at(data.path().join("copdeck"));
    let before = tree(&store.site());
    let body = big_site();
    let stalling = Server::always(Reply::Stall {
        sent: body.len() / 3,
        body,
        wait: Duration::from_secs(20),
    });
    let mut running = stalled_sync(data.path(), &stalling);
    // A second sync while the first runs says so.
    let out = copdeck(data.path())
        .args(["sync", "--from", &first.url()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("another sync is running"),
        "{}",
        stderr_of(&out)
    );
    // Stopped half-way (as Ctrl-C or a crash would).
    running.kill().unwrap();
    running.wait().unwrap();
    assert_eq!(tree(&store.site()), before);
    let out = copdeck(data.path()).arg("list").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Lighthouse Keepers"));
    // The next sync cleans up what the stopped one left.
    let out = copdeck(data.path())
        .args(["sync", "-q", "--from", &first.url()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let names: Vec<String> = std::fs::read_dir(data.path().join("copdeck"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n == "site" || n == "sync.lock"),
        "{names:?}"
    );
}
