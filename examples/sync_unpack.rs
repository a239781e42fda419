//! Measures `copdeck sync`'s unpacking: `sync_unpack N` packs the synthetic tree of N
//! pages (target/corpus/N, made on first use) as GitHub packs a repository, one top
//! folder in a `.tar.gz`, then times unpacking it and a whole sync from a `file://`
//! address (unpack, check, swap). See BENCHMARKS.md.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::fs::File;
use std::io::BufWriter;
use std::time::{Duration, Instant};

use copdeck::sync::unpack::{Limits, unpack};
use copdeck::sync::{Store, SyncOptions, run_sync};
use flate2::Compression;
use flate2::write::GzEncoder;

const RUNS: usize = 3;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let tree = corpus::corpus_dir(count);
    let archive = tree.with_extension("tar.gz");
    if !archive.exists() {
        let file = BufWriter::new(File::create(&archive).expect("create archive"));
        let mut tar = tar::Builder::new(GzEncoder::new(file, Compression::default()));
        tar.append_dir_all("site-main/content", tree.join("content"))
            .expect("pack the tree");
        tar.into_inner()
            .and_then(|gz| gz.finish())
            .expect("finish archive");
    }
    let size = std::fs::metadata(&archive).expect("archive").len();
    let mut unpacking = Vec::new();
    let mut syncing = Vec::new();
    let mut pages = 0;
    for _ in 0..RUNS {
        let into = tempfile::tempdir().expect("temp folder");
        let start = Instant::now();
        let unpacked = unpack(
            File::open(&archive).expect("open archive"),
            into.path(),
            &Limits::default(),
        )
        .expect("unpack");
        unpacking.push(start.elapsed());
        pages = unpacked.pages;
        let data = tempfile::tempdir().expect("temp folder");
        let options = SyncOptions::new(
            format!("file://{}", archive.display()),
            Store::at(data.path()),
        );
        let start = Instant::now();
        run_sync(&options, &mut |_| {}).expect("sync");
        syncing.push(start.elapsed());
    }
    let (unpack_time, sync_time) = (median(unpacking), median(syncing));
    println!(
        "archive of {pages} pages, {:.1} MB compressed",
        size as f64 / 1e6
    );
    println!(
        "unpack: {:.2} s ({:.0} MB/s of archive); whole sync from file://: {:.2} s (median of {RUNS})",
        unpack_time.as_secs_f64(),
        size as f64 / 1e6 / unpack_time.as_secs_f64(),
        sync_time.as_secs_f64()
    );
}
