//! A synthetic digital.gov-like content tree of N pages, for benchmarks: about 1% of the
//! pages are communities, the rest resources, news, events and guides, plus topic and
//! author pages. The output depends only on N, so two runs give the same tree.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift64*), so the tree is the same on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

pub const WORDS: &[&str] = &[
    "agency",
    "service",
    "people",
    "digital",
    "team",
    "content",
    "design",
    "public",
    "data",
    "research",
    "plain",
    "language",
    "access",
    "accessible",
    "mobile",
    "web",
    "site",
    "page",
    "form",
    "search",
    "analytics",
    "metrics",
    "community",
    "practice",
    "members",
    "share",
    "learn",
    "guide",
    "policy",
    "federal",
    "program",
    "project",
    "manage",
    "product",
    "user",
    "experience",
    "customer",
    "feedback",
    "survey",
    "testing",
    "usability",
    "prototype",
    "launch",
    "improve",
    "measure",
    "report",
    "trust",
    "security",
    "privacy",
    "cloud",
    "infrastructure",
    "open",
    "source",
    "code",
    "platform",
    "social",
    "media",
    "video",
    "writing",
    "editor",
    "review",
    "checklist",
    "template",
    "workshop",
    "event",
    "webinar",
    "question",
    "answer",
    "help",
    "support",
    "contact",
    "center",
    "phone",
    "email",
    "list",
    "subscribe",
    "discussion",
    "topic",
    "resource",
    "toolkit",
    "standard",
    "quality",
    "clear",
    "simple",
    "fast",
    "reliable",
    "secure",
    "inclusive",
    "multilingual",
    "translation",
    "record",
    "archive",
    "budget",
    "acquisition",
    "contract",
    "vendor",
    "innovation",
    "pilot",
    "strategy",
    "governance",
    "leadership",
    "training",
    "skills",
    "career",
    "network",
];

pub const TOPICS: &[&str] = &[
    "accessibility",
    "analytics",
    "content-strategy",
    "customer-experience",
    "design",
    "digital-service-delivery",
    "open-data",
    "plain-language",
    "research",
    "security",
    "social-media",
    "user-experience",
    "multilingual",
    "mobile",
    "search",
    "privacy",
    "cloud-and-infrastructure",
    "open-source",
    "professional-development",
    "governance",
];

pub fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        let word = rng.pick(WORDS);
        if i == 0 {
            let mut chars = word.chars();
            out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
            out.push_str(chars.as_str());
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push('.');
    out
}

pub fn title(rng: &mut Rng) -> String {
    let n = 2 + rng.below(4);
    sentence(rng, n).trim_end_matches('.').to_string()
}

pub fn slugify(text: &str, n: usize) -> String {
    let slug: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{}-{n}", slug.trim_matches('-'))
}

/// A body of 300–1,500 words with headings, lists, a table, links and shortcodes.
fn body(rng: &mut Rng, addresses: &[String]) -> String {
    let target = 300 + rng.below(1200);
    let mut out = String::new();
    let mut words = 0;
    while words < target {
        match rng.below(8) {
            0 => {
                let _ = writeln!(out, "## {}\n", title(rng));
            }
            1 => {
                for _ in 0..3 + rng.below(3) {
                    let n = 5 + rng.below(8);
                    let _ = writeln!(out, "- {}", sentence(rng, n));
                    words += n;
                }
                out.push('\n');
            }
            2 => {
                out.push_str("| Step | What to do |\n|---|---|\n");
                for i in 1..=3 {
                    let _ = writeln!(out, "| {i} | {} |", sentence(rng, 6));
                    words += 6;
                }
                out.push('\n');
            }
            3 if !addresses.is_empty() => {
                let to = &addresses[rng.below(addresses.len())];
                let _ = writeln!(
                    out,
                    "Read [{}](https://digital.gov{to}) or [the standard](https://www.example.gov/{}).\n",
                    title(rng),
                    rng.below(1000)
                );
                words += 8;
            }
            4 => {
                let topic = rng.pick(TOPICS);
                let _ = writeln!(
                    out,
                    "{{{{< featured-resource link=\"topics/{topic}\" kicker=\"Featured topic\" >}}}}\n"
                );
            }
            5 => {
                let n = 12 + rng.below(20);
                let _ = writeln!(
                    out,
                    "{{{{< note >}}}}\n{}\n{{{{< /note >}}}}\n",
                    sentence(rng, n)
                );
                words += n;
            }
            _ => {
                for _ in 0..2 + rng.below(4) {
                    let n = 8 + rng.below(16);
                    out.push_str(&sentence(rng, n));
                    out.push(' ');
                    words += n;
                }
                out.push_str("\n\n");
            }
        }
    }
    out
}

fn front_matter_lists(rng: &mut Rng, out: &mut String) {
    let _ = writeln!(out, "authors:\n  - author-{}", rng.below(50));
    out.push_str("topics:\n");
    for _ in 0..1 + rng.below(3) {
        let _ = writeln!(out, "  - {}", rng.pick(TOPICS));
    }
}

pub fn community(rng: &mut Rng, n: usize) -> String {
    let name = title(rng);
    let mut out = String::from("---\n# Generated community page\n");
    let _ = writeln!(out, "slug: {}", slugify(&name, n));
    let _ = writeln!(
        out,
        "date: 20{:02}-{:02}-{:02} {}:30:00 -0500",
        15 + rng.below(10),
        1 + rng.below(12),
        1 + rng.below(28),
        1 + rng.below(23)
    );
    let _ = writeln!(out, "title: \"Join the {name}\"");
    let _ = writeln!(out, "summary: \"{}\"", sentence(rng, 12));
    let _ = writeln!(out, "weight: {}", rng.below(3));
    if rng.below(5) == 0 {
        let _ = writeln!(out, "expirydate: 2021-{:02}-10", 1 + rng.below(12));
    }
    if rng.below(2) == 0 {
        let _ = writeln!(out, "redirectto: \"https://example.gov/communities/{n}\"");
    }
    front_matter_lists(rng, &mut out);
    out.push_str("community_list:\n");
    for audience in ["government", "public"].iter().take(1 + rng.below(2)) {
        let members = match rng.below(3) {
            0 => format!("{}", rng.below(5000)),
            1 => format!("\"{},{:03}\"", 1 + rng.below(4), rng.below(1000)),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  - platform: listserv\n    type: {audience}\n    subscribe_email: \"list{n}-request@listserv.gsa.gov\"\n    subscribe_email_subject: \"Join the {name} Community\"\n    members: {members}\n    emails_per_week: .5"
        );
    }
    out.push_str("---\n\n");
    out
}

fn page(rng: &mut Rng, page_title: &str, slug: &str, date: (usize, usize, usize)) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: \"{page_title}\"");
    let _ = writeln!(out, "summary: \"{}\"", sentence(rng, 14));
    let _ = writeln!(out, "slug: {slug}");
    let _ = writeln!(
        out,
        "date: {:04}-{:02}-{:02} 09:00:00 -0500",
        date.0, date.1, date.2
    );
    front_matter_lists(rng, &mut out);
    if rng.below(10) == 0 {
        let _ = writeln!(out, "aliases:\n  - /old/{slug}/");
    }
    out.push_str("weight: 1\n---\n\n");
    out
}

pub fn write(root: &Path, relative: &str, text: &str) {
    let path: PathBuf = root.join(relative);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folder");
    }
    fs::write(path, text).expect("write page");
}

/// Writes `count` pages under `dir/content/`; returns how many were written.
pub fn generate(count: usize, dir: &Path) -> usize {
    let root = dir.join("content");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ count as u64);
    let communities = (count / 100).max(5);
    let mut addresses: Vec<String> = Vec::new();
    write(
        &root,
        "communities/_index.md",
        "---\ntitle: Communities\n---\n",
    );
    for topic in TOPICS {
        write(
            &root,
            &format!("topics/{topic}/_index.md"),
            &format!("---\ntitle: \"{topic}\"\nslug: {topic}\n---\nPages about {topic}.\n"),
        );
        addresses.push(format!("/topics/{topic}/"));
    }
    for a in 0..50 {
        write(
            &root,
            &format!("authors/author-{a}/_index.md"),
            &format!("---\ntitle: \"Author {a}\"\nslug: author-{a}\n---\n"),
        );
    }
    let mut written = TOPICS.len() + 50 + 1;
    for n in 0..communities {
        let text = community(&mut rng, n);
        let text = text + &body(&mut rng, &addresses);
        write(&root, &format!("communities/community-{n}.md"), &text);
        written += 1;
    }
    let mut n = 0;
    while written < count {
        let page_title = title(&mut rng);
        let slug = slugify(&page_title, n);
        let date = (2015 + rng.below(10), 1 + rng.below(12), 1 + rng.below(28));
        let (relative, address) = match rng.below(10) {
            0..=3 => (
                format!("resources/{slug}.md"),
                format!("/resources/{slug}/"),
            ),
            4..=7 => (
                format!(
                    "news/{:04}/{:02}/{:04}-{:02}-{:02}-{slug}.md",
                    date.0, date.1, date.0, date.1, date.2
                ),
                format!("/{:04}/{:02}/{:02}/{slug}/", date.0, date.1, date.2),
            ),
            8 => (
                format!(
                    "events/{:04}/{:02}/{:04}-{:02}-{:02}-{slug}.md",
                    date.0, date.1, date.0, date.1, date.2
                ),
                format!("/event/{:04}/{:02}/{:02}/{slug}/", date.0, date.1, date.2),
            ),
            _ => (
                format!("guides/guide-{}/{slug}.md", n % 50),
                format!("/guides/guide-{}/{slug}/", n % 50),
            ),
        };
        let text = page(&mut rng, &page_title, &slug, date) + &body(&mut rng, &addresses);
        write(&root, &relative, &text);
        if addresses.len() < 5000 {
            addresses.push(address);
        }
        written += 1;
        n += 1;
    }
    written
}

/// The corpus of `count` pages under `target/corpus/<count>`, written on first use.
pub fn corpus_dir(count: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/corpus")
        .join(count.to_string());
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = fs::remove_dir_all(&dir);
        generate(count, &dir);
        fs::write(&done, "").expect("mark corpus complete");
    }
    dir
}
