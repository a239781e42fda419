//! The hostile page shapes at 4 MiB: those the second attack on copdeck found slow, and
//! one for each piece the fuzz and proptest generators build pages from, repeated up to
//! the size. Shared by the `hostile_pages` benchmark and `examples/hostile_memory.rs`.

/// The size of every shape: the largest page copdeck reads.
pub const SIZE: usize = 4 * 1024 * 1024;

/// `piece` repeated up to `size`, then `tail`.
fn repeated(piece: &str, tail: &str, size: usize) -> String {
    let mut body = piece.repeat(size.saturating_sub(tail.len()) / piece.len());
    body.push_str(tail);
    body
}

/// One table of `size` bytes, a link in every row.
fn big_table(size: usize) -> String {
    let mut body = String::from("| name | value |\n|---|---|\n");
    let mut i = 0;
    loop {
        let row = format!("| row {i} | [v{i}](https://x.example/{i}) |\n");
        if body.len() + row.len() > size {
            return body;
        }
        body.push_str(&row);
        i += 1;
    }
}

/// Bytes as the fuzzer makes them (a fixed xorshift sequence), read as UTF-8 with
/// replacement characters, as the render fuzz target does.
fn random_bytes(size: usize) -> String {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut bytes = Vec::with_capacity(size);
    while bytes.len() < size {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes.truncate(size);
    // The loader refuses a file with a NUL byte as binary: the fuzzer's other bytes remain.
    for byte in &mut bytes {
        if *byte == 0 {
            *byte = b' ';
        }
    }
    let mut text = String::from_utf8_lossy(&bytes).into_owned();
    while text.len() > size {
        text.pop();
    }
    text
}

/// Each shape's name, and the piece repeated to make it (and a tail after the pieces);
/// `None` for the shapes made another way.
const PIECES: [(&str, Option<(&str, &str)>); 24] = [
    // What the attack found.
    ("shortcodes", Some(("{{<x>}}", ""))),
    ("unclosed shortcodes", Some(("{{< a ", ""))),
    ("nested list quotes", Some(("- > ", "deep"))),
    ("nested html", Some(("<div><blockquote>", "deep"))),
    ("stray end tags", Some(("</p></li>", "end"))),
    ("notes", Some(("{{< note >}}x\n", ""))),
    ("one big table", None),
    // The pieces of the proptest generator (tests/it/render_props.rs).
    ("headings", Some(("# Heading\n", ""))),
    ("nested lists", Some(("- item\n  - nested\n", ""))),
    ("quotes", Some(("> quote > > deeper\n", ""))),
    (
        "small tables",
        Some(("| a\t| b |\n|---|---|\n| 日本語\t| x |\n", "")),
    ),
    ("code blocks", Some(("```\ncode\tline\n```\n", ""))),
    ("links", Some(("[link](https://a.gov) ", ""))),
    ("closed notes", Some(("{{< note >}}n{{< /note >}}", ""))),
    ("emoji families", Some(("👩‍👩‍👧‍👦 ", ""))),
    ("emoji", Some(("⚠️ 👍🏽 🏳️‍🌈 1️⃣ ", ""))),
    ("combining marks", Some(("e\u{301}\u{302}\u{303} ", ""))),
    ("zero-width", Some(("\u{200b}\u{200d}\u{feff}", ""))),
    (
        "controls",
        Some(("\u{1b}]0;title\u{7}\u{9b}31m\u{7f}\u{202e}", "")),
    ),
    ("entities", Some(("&#27;[2J &#x9b; ", ""))),
    ("long words", None),
    ("blank lines", Some(("\n\n", "end"))),
    (
        "words",
        Some(("Lorem ipsum dolor sit amet consectetur ", "")),
    ),
    // What the fuzz target reads a page from.
    ("random bytes", None),
];

/// The names of every shape.
pub fn names() -> impl Iterator<Item = &'static str> {
    PIECES.iter().map(|(name, _)| *name)
}

/// The shape called `name` at `size` bytes (within a few bytes).
pub fn shape(name: &str, size: usize) -> String {
    match PIECES.iter().find(|(n, _)| *n == name) {
        Some((_, Some((piece, tail)))) => repeated(piece, tail, size),
        Some((_, None)) => match name {
            "one big table" => big_table(size),
            "long words" => repeated(&"x".repeat(5000), "", size),
            _ => random_bytes(size),
        },
        None => panic!("no hostile shape called {name:?}"),
    }
}
