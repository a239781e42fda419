//! Criterion benchmarks: loading a tree, searching keystroke by keystroke, and drawing
//! one frame of a long page. Trees of 50 and 5,000 pages are generated on first use
//! under target/corpus/; the 100,000-page one only with COPDECK_BENCH_BIG=1 (or when
//! it is already there), since it takes about 800 MB.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/site_shaped.rs"]
mod site_shaped;
#[path = "support/workload.rs"]
mod workload;

use std::hint::black_box;
use std::sync::atomic::AtomicUsize;

use copdeck::content::{SiteCache, Source, load, load_site, load_site_cached};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn sizes() -> Vec<usize> {
    let big =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/corpus/100000/.complete");
    if std::env::var_os("COPDECK_BENCH_BIG").is_some() || big.exists() {
        vec![50, 5_000, 100_000]
    } else {
        eprintln!(
            "skipping the 100,000-page tree: set COPDECK_BENCH_BIG=1 to generate it (~800 MB)"
        );
        vec![50, 5_000]
    }
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for n in sizes() {
        let source = Source::Dir(corpus::corpus_dir(n));
        group.bench_with_input(BenchmarkId::new("communities", n), &source, |b, source| {
            b.iter(|| black_box(load(source, workload::today()).unwrap()))
        });
        group.bench_with_input(BenchmarkId::new("site", n), &source, |b, source| {
            b.iter(|| {
                black_box(load_site(source, workload::today(), &AtomicUsize::new(0)).unwrap())
            })
        });
    }
    // The tree shaped like the real site, read whole and from a warm cache.
    let source = Source::Dir(site_shaped::shaped_dir(500));
    let cache_dir = tempfile::TempDir::new().unwrap();
    let cache = SiteCache::in_folder(cache_dir.path());
    group.bench_function(BenchmarkId::new("site_shaped", 500), |b| {
        b.iter(|| black_box(load_site(&source, workload::today(), &AtomicUsize::new(0)).unwrap()))
    });
    group.bench_function(BenchmarkId::new("site_shaped_warm", 500), |b| {
        b.iter(|| {
            let progress = AtomicUsize::new(0);
            black_box(load_site_cached(&source, workload::today(), &progress, &cache).unwrap())
        })
    });
    group.finish();
}

fn keystrokes(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystrokes");
    group.sample_size(10);
    for n in sizes() {
        let mut app = workload::site_app(&corpus::corpus_dir(n));
        let keys = workload::QUERIES.iter().map(|q| q.len()).sum::<usize>();
        group.bench_function(BenchmarkId::new(format!("{keys}_keys"), n), |b| {
            b.iter(|| workload::type_all(&mut app, |_| ()))
        });
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        group.bench_function(BenchmarkId::new(format!("{keys}_keys_to_frames"), n), |b| {
            b.iter(|| workload::type_all_to_frames(&mut app, &mut terminal, |_| ()))
        });
        let mut app = workload::site_app_with_workers(&corpus::corpus_dir(n));
        group.bench_function(BenchmarkId::new(format!("{keys}_keys_ranked"), n), |b| {
            b.iter(|| workload::rank_each_key(&mut app, |_| ()))
        });
    }
    group.finish();
}

fn frame(c: &mut Criterion) {
    let (mut app, job, mut terminal) = workload::long_page_app(2_000);
    c.bench_function("frame/first_of_2000_lines", |b| {
        b.iter(|| workload::first_frame(&mut app, &job, &mut terminal))
    });
    app.update(copdeck::app::Action::Rendered(job.run()));
    c.bench_function("frame/detail_2000_lines", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| copdeck::ui::draw(frame, &app))
                .map(|_| ())
                .unwrap()
        })
    });
}

criterion_group!(benches, loading, keystrokes, frame);
criterion_main!(benches);
