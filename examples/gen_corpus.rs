//! Writes a synthetic digital.gov-like content tree: `gen_corpus N DIR` puts N pages
//! under `DIR/content/`, the same N pages on every run. Without DIR it fills the cache
//! the benchmarks read, `target/corpus/N`.

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(count) = args.next().and_then(|n| n.parse::<usize>().ok()) else {
        eprintln!("usage: gen_corpus N [DIR]");
        std::process::exit(2);
    };
    match args.next() {
        Some(dir) => {
            let written = corpus::generate(count, std::path::Path::new(&dir));
            println!("wrote {written} pages under {dir}/content");
        }
        None => println!("{}", corpus::corpus_dir(count).display()),
    }
}
