//! Rendering the hostile page shapes at 4 MiB (`benches/support/hostile.rs`): those the
//! second attack found slow, and one for each piece the fuzz and proptest generators build
//! pages from. Each must cost time linear in its size; the targets for the whole `show`
//! (≤ 2 s, ≤ 20× the page in memory) are checked by `examples/hostile_memory.rs`.
//! Run with `cargo bench --bench hostile_pages`.

#[path = "support/hostile.rs"]
mod hostile;

use std::hint::black_box;

use copdeck::markdown::{LinkKind, render_markdown};
use copdeck::theme::Theme;
use criterion::{Criterion, criterion_group, criterion_main};

fn hostile(c: &mut Criterion) {
    let theme = Theme::mono();
    let mut group = c.benchmark_group("hostile page, 4 MiB");
    group.sample_size(10);
    for name in hostile::names() {
        let body = hostile::shape(name, hostile::SIZE);
        group.bench_function(name, |b| {
            b.iter(|| render_markdown(black_box(&body), 100, &theme, &LinkKind::without_site))
        });
    }
    group.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
