//! Writes a synthetic digital.gov-like content tree: `gen_corpus N DIR` puts N pages
//! under `DIR/content/`, the same N pages on every run; `gen_corpus shaped-N DIR` a tree
//! shaped like the real site. Without DIR it fills the folder the benchmarks read,
//! `target/corpus/N` (or `target/corpus/shaped-N`).

#[path = "../benches/support/corpus.rs"]
mod corpus;
#[path = "../benches/support/site_shaped.rs"]
mod site_shaped;

fn main() {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_default();
    let (shaped, count) = match what.strip_prefix("shaped-") {
        Some(n) => (true, n.parse::<usize>().ok()),
        None => (false, what.parse::<usize>().ok()),
    };
    let Some(count) = count else {
        eprintln!("usage: gen_corpus [shaped-]N [DIR]");
        std::process::exit(2);
    };
    match (args.next(), shaped) {
        (Some(dir), _) => {
            let dir = std::path::Path::new(&dir);
            let written = if shaped {
                site_shaped::generate_shaped(count, dir)
            } else {
                corpus::generate(count, dir)
            };
            println!("wrote {written} pages under {}/content", dir.display());
        }
        (None, true) => println!("{}", site_shaped::shaped_dir(count).display()),
        (None, false) => println!("{}", corpus::corpus_dir(count).display()),
    }
}
