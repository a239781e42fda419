//! A tree shaped like the real digital.gov checkout rather than like the uniform
//! synthetic one: the same mix of sections (about half news, a quarter author pages,
//! then events, resources, guides, topics, communities), page sizes spread as the real
//! ones are (most a few KB, one in a hundred near 30 KB, about 3.9 KB on average),
//! about five links a page, and the site's shortcodes in their real proportions (`ref`
//! and images most, then files, notes, boxes, videos). All text is generated.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::corpus::{Rng, TOPICS, community, sentence, slugify, title, write};

/// Body sizes in bytes: ten bands, each a tenth of the pages, as the real pages spread.
const SIZE_BANDS: [(usize, usize); 10] = [
    (150, 700),
    (700, 1_100),
    (1_100, 1_600),
    (1_600, 2_100),
    (2_100, 2_700),
    (2_700, 3_400),
    (3_400, 4_300),
    (4_300, 5_700),
    (5_700, 8_000),
    (8_000, 30_000),
];

/// A paragraph of Markdown with the occasional link or shortcode, about `bytes` long.
fn body(rng: &mut Rng, bytes: usize, addresses: &[String], files: &[String]) -> String {
    let mut out = String::new();
    // About one link per 800 bytes of text, as on the real pages.
    while out.len() < bytes {
        match rng.below(40) {
            0..=3 if !files.is_empty() => {
                let to = &files[rng.below(files.len())];
                let _ = write!(out, "See [{}]({{{{< ref \"{to}\" >}}}}). ", title(rng));
            }
            4..=6 => {
                let _ = write!(
                    out,
                    "\n{{{{< legacy-img src=\"2019/0{}/picture-{}.png\" alt=\"{}\" >}}}}\n\n",
                    1 + rng.below(9),
                    rng.below(5000),
                    title(rng)
                );
            }
            7 if !addresses.is_empty() => {
                let to = &addresses[rng.below(addresses.len())];
                let _ = write!(out, "Read [{}](https://digital.gov{to}). ", title(rng));
            }
            8 => {
                let _ = write!(
                    out,
                    "Go to [the program site](https://www.example.gov/{}/). ",
                    rng.below(3000)
                );
            }
            9 => {
                let n = 10 + rng.below(15);
                let _ = write!(
                    out,
                    "\n{{{{< note >}}}}\n{}\n{{{{< /note >}}}}\n\n",
                    sentence(rng, n)
                );
            }
            10 => {
                let _ = write!(
                    out,
                    "\n{{{{< asset-static file=\"guide-{}.pdf\" label=\"{} (PDF)\" >}}}}\n\n",
                    rng.below(400),
                    title(rng)
                );
            }
            11 => {
                let _ = write!(out, "\n{{{{< youtube id=\"v{}\" >}}}}\n\n", rng.below(9999));
            }
            12 => {
                let _ = writeln!(out, "\n## {}\n", title(rng));
            }
            13 => {
                let n = 12 + rng.below(20);
                let _ = write!(
                    out,
                    "\n{{{{< box >}}}}\n{}\n{{{{< /box >}}}}\n\n",
                    sentence(rng, n)
                );
            }
            _ => {
                let n = 8 + rng.below(18);
                out.push_str(&sentence(rng, n));
                out.push(' ');
                if rng.below(5) == 0 {
                    out.push_str("\n\n");
                }
            }
        }
    }
    out.push('\n');
    out
}

fn front_matter(
    rng: &mut Rng,
    page_title: &str,
    slug: &str,
    date: (usize, usize, usize),
) -> String {
    let mut out = String::from("---\n# Generated page\n");
    let _ = writeln!(
        out,
        "date: {:04}-{:02}-{:02} 9:00:00 -0500",
        date.0, date.1, date.2
    );
    let _ = writeln!(out, "title: \"{page_title}\"");
    let _ = writeln!(out, "deck: \"{}\"", sentence(rng, 10));
    let _ = writeln!(out, "summary: \"{}\"", sentence(rng, 18));
    let _ = writeln!(out, "slug: {slug}");
    out.push_str("authors:\n");
    for _ in 0..1 + rng.below(3) {
        let _ = writeln!(out, "  - person-{}", rng.below(1000));
    }
    out.push_str("topics:\n");
    for _ in 0..1 + rng.below(4) {
        let _ = writeln!(out, "  - {}", rng.pick(TOPICS));
    }
    if rng.below(4) == 0 {
        let _ = writeln!(out, "primary_image: \"picture-{}\"", rng.below(5000));
    }
    if rng.below(8) == 0 {
        let _ = writeln!(out, "aliases:\n  - /old/{slug}/\n  - /older/{slug}/");
    }
    out.push_str("---\n\n");
    out
}

/// Writes `count` pages shaped like the real site under `dir/content/`.
pub fn generate_shaped(count: usize, dir: &Path) -> usize {
    let root = dir.join("content");
    let mut rng = Rng(0x5EED_0F5A_17E5 ^ count as u64);
    let mut addresses: Vec<String> = Vec::new();
    let mut files: Vec<String> = Vec::new();
    write(
        &root,
        "communities/_index.md",
        "---\ntitle: Communities\n---\n",
    );
    let mut written = 1;
    for topic in TOPICS {
        let text = format!("---\ntitle: \"{topic}\"\nslug: {topic}\nweight: 1\n---\n");
        write(&root, &format!("topics/{topic}/_index.md"), &text);
        addresses.push(format!("/topics/{topic}/"));
        written += 1;
    }
    let mut n = 0;
    while written < count {
        let page_title = title(&mut rng);
        let slug = slugify(&page_title, n);
        let date = (2014 + rng.below(12), 1 + rng.below(12), 1 + rng.below(28));
        let (lo, hi) = SIZE_BANDS[rng.below(SIZE_BANDS.len())];
        let bytes = lo + rng.below(hi - lo);
        // Section mix of the real checkout (per 1,000 pages).
        let (relative, address) = match rng.below(1000) {
            0..=514 => (
                format!(
                    "news/{:04}/{:02}/{:04}-{:02}-{:02}-{slug}.md",
                    date.0, date.1, date.0, date.1, date.2
                ),
                format!("/{:04}/{:02}/{:02}/{slug}/", date.0, date.1, date.2),
            ),
            515..=772 => {
                // Author pages: front matter and a line or two.
                let text = format!(
                    "---\ndisplay_name: \"{page_title}\"\nfirst_name: \"{}\"\nslug: person-{n}\nagency: \"{}\"\n---\n{}\n",
                    rng.pick(crate::corpus::WORDS),
                    title(&mut rng),
                    sentence(&mut rng, 12)
                );
                write(&root, &format!("authors/person-{n}/_index.md"), &text);
                written += 1;
                n += 1;
                continue;
            }
            773..=856 => (
                format!(
                    "events/{:04}/{:02}/{:04}-{:02}-{:02}-{slug}.md",
                    date.0, date.1, date.0, date.1, date.2
                ),
                format!("/event/{:04}/{:02}/{:02}/{slug}/", date.0, date.1, date.2),
            ),
            857..=913 => (
                format!("resources/{slug}.md"),
                format!("/resources/{slug}/"),
            ),
            914..=945 => (
                format!("guides/guide-{}/{slug}.md", n % 20),
                format!("/guides/guide-{}/{slug}/", n % 20),
            ),
            946..=955 => {
                let text = community(&mut rng, n) + &body(&mut rng, bytes, &addresses, &files);
                write(&root, &format!("communities/community-{n}.md"), &text);
                written += 1;
                n += 1;
                continue;
            }
            _ => (format!("services/{slug}.md"), format!("/services/{slug}/")),
        };
        let text = front_matter(&mut rng, &page_title, &slug, date)
            + &body(&mut rng, bytes, &addresses, &files);
        write(&root, &relative, &text);
        if addresses.len() < 5000 {
            addresses.push(address);
            files.push(relative.trim_end_matches(".md").to_string());
        }
        written += 1;
        n += 1;
    }
    written
}

/// The site-shaped tree of `count` pages under `target/corpus/shaped-<count>`.
pub fn shaped_dir(count: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/corpus")
        .join(format!("shaped-{count}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        generate_shaped(count, &dir);
        std::fs::write(&done, "").expect("mark tree complete");
    }
    dir
}
