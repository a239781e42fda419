//! Rendering the hostile page shapes at 4 MiB: each must cost time linear in its size
//! (the target is `show` within 2 s). Run with `cargo bench --bench hostile_pages`.

use std::hint::black_box;

use copdeck::markdown::{LinkKind, render_markdown};
use copdeck::theme::Theme;
use criterion::{Criterion, criterion_group, criterion_main};

const SIZE: usize = 4 * 1024 * 1024;

/// `piece` repeated up to the size, then `tail`.
fn repeated(piece: &str, tail: &str) -> String {
    let mut body = piece.repeat(SIZE / piece.len());
    body.push_str(tail);
    body
}

fn big_table() -> String {
    let mut body = String::from("| name | value |\n|---|---|\n");
    let mut i = 0;
    while body.len() < SIZE {
        body.push_str(&format!("| row {i} | [v{i}](https://x.example/{i}) |\n"));
        i += 1;
    }
    body
}

fn shapes() -> Vec<(&'static str, String)> {
    vec![
        ("shortcodes", repeated("{{<x>}}", "")),
        ("unclosed shortcodes", repeated("{{< a ", "")),
        ("nested list quotes", repeated("- > ", "deep")),
        ("nested html", repeated("<div><blockquote>", "deep")),
        ("stray end tags", repeated("</p></li>", "end")),
        ("one big table", big_table()),
        ("notes", repeated("{{< note >}}x\n", "")),
    ]
}

fn hostile(c: &mut Criterion) {
    let theme = Theme::mono();
    let mut group = c.benchmark_group("hostile page, 4 MiB");
    group.sample_size(10);
    for (name, body) in shapes() {
        group.bench_function(name, |b| {
            b.iter(|| render_markdown(black_box(&body), 100, &theme, &LinkKind::without_site))
        });
    }
    group.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
