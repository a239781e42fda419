//! Which of the release binary's functions run when copdeck is used, written as a
//! symbol-ordering file for the linker (`assets/hot-code.txt`, which `build.rs` hands
//! it). `scripts/hot-code` runs the binary under callgrind and then this program:
//!
//! ```sh
//! hot_code LINK_MAP CALLGRIND_OUT... > assets/hot-code.txt
//! ```
//!
//! The link map (lld's `-Map`, which `build.rs` asks for when `COPDECK_LINK_MAP` names a
//! file) says where each function's section lies in the binary; the callgrind files,
//! written with `--dump-instr=yes --compress-pos=no --compress-strings=no`, list every
//! instruction that ran, by address. A function with any instruction that ran is hot.
//! The hot functions are written in the order the binary holds them now, so that a
//! second recording of a binary already laid out by the file gives the same order.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

/// One function's section in the link map: where it starts, how long it is, its symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Section {
    start: u64,
    size: u64,
    symbol: String,
}

/// The functions' sections of an lld link map, in address order. A line of an input
/// section reads `VMA LMA SIZE ALIGN FILE:(.text.SYMBOL)`; the compiler puts a function
/// it thinks cold, hot, run once at start or at exit in `.text.unlikely.SYMBOL` and the
/// like, and the symbol is the same.
fn function_sections(map: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = map
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let start = u64::from_str_radix(fields.next()?, 16).ok()?;
            let _lma = fields.next()?;
            let size = u64::from_str_radix(fields.next()?, 16).ok()?;
            let input = line.trim_end();
            let section = input.strip_suffix(')')?.rsplit_once(":(")?.1;
            let name = section.strip_prefix(".text.")?;
            let symbol = ["unlikely.", "hot.", "startup.", "exit.", "split."]
                .iter()
                .find_map(|prefix| name.strip_prefix(prefix))
                .unwrap_or(name);
            (size > 0).then(|| Section {
                start,
                size,
                symbol: symbol.to_string(),
            })
        })
        .collect();
    sections.sort_by_key(|s| s.start);
    sections
}

/// The addresses of the instructions that ran in `object` (a path ending so), from one
/// callgrind file: a cost line starts with its instruction's address, and belongs to
/// the object the last `ob=` line named.
fn instructions_run(callgrind: &str, object: &str) -> Vec<u64> {
    let mut current_object_is_ours = false;
    let mut addresses = Vec::new();
    for line in callgrind.lines() {
        if let Some(named) = line.strip_prefix("ob=") {
            current_object_is_ours = named.trim_end().ends_with(object);
        } else if current_object_is_ours && let Some(hex) = line.strip_prefix("0x") {
            let digits = hex.split_whitespace().next().unwrap_or("");
            if let Ok(address) = u64::from_str_radix(digits, 16) {
                addresses.push(address);
            }
        }
    }
    addresses
}

/// The section (of `sections`, in address order) that holds `address`, if any.
fn section_of(sections: &[Section], address: u64) -> Option<&Section> {
    let after = sections.partition_point(|s| s.start <= address);
    let section = &sections[after.checked_sub(1)?];
    (address < section.start + section.size).then_some(section)
}

/// The sections that hold any of `addresses`, in address order, each once.
fn hot_sections<'a>(sections: &'a [Section], addresses: &[u64]) -> Vec<&'a Section> {
    let mut hot = BTreeMap::new();
    for &address in addresses {
        if let Some(section) = section_of(sections, address) {
            hot.insert(section.start, section);
        }
    }
    hot.into_values().collect()
}

/// The ordering file: a comment saying what it is, then a symbol a line.
fn ordering_file(hot: &[&Section]) -> String {
    let bytes: u64 = hot.iter().map(|s| s.size).sum();
    let mut out = format!(
        "# The functions of the release binary that run in everyday use ({} of them, {} KiB),\n\
         # which the linker places first and together (build.rs). Written by scripts/hot-code.\n",
        hot.len(),
        bytes / 1024
    );
    for section in hot {
        let _ = writeln!(out, "{}", section.symbol);
    }
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [map, runs @ ..] = args.as_slice() else {
        eprintln!("usage: hot_code LINK_MAP CALLGRIND_OUT...");
        return ExitCode::from(2);
    };
    let read = |path: &str| {
        std::fs::read_to_string(path).unwrap_or_else(|err| panic!("cannot read {path}: {err}"))
    };
    let sections = function_sections(&read(map));
    let mut addresses = Vec::new();
    for run in runs {
        addresses.extend(instructions_run(&read(run), "/copdeck"));
    }
    let hot = hot_sections(&sections, &addresses);
    // A recording whose addresses miss the map (another build, or a loader that moved
    // the binary) would write an empty or wrong file: it stops here instead.
    let inside = addresses
        .iter()
        .filter(|&&address| section_of(&sections, address).is_some())
        .count();
    if sections.is_empty() || addresses.is_empty() || inside * 10 < addresses.len() * 9 {
        eprintln!(
            "hot_code: {} of {} instructions run fall in the map's {} functions; \
             is the map of the binary that ran?",
            inside,
            addresses.len(),
            sections.len()
        );
        return ExitCode::FAILURE;
    }
    print!("{}", ordering_file(&hot));
    eprintln!(
        "hot_code: {} functions, {} KiB, of {} in the map",
        hot.len(),
        hot.iter().map(|s| s.size).sum::<u64>() / 1024,
        sections.len()
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = "\
             VMA              LMA     Size Align Out     In      Symbol
          21e6c0           21e6c0   53f9b6    64 .text
          21e6c0           21e6c0       40    16         start.o:(.text)
          21e700           21e700       80    16         a.o:(.text._ZN1a4main17h0E)
          21e780           21e780       20    16         a.o:(.text.unlikely._ZN1a4cold17h1E)
          21e7a0           21e7a0      100    16         a.o:(.text._RNvCs1_1a5never)
          21e7a0           21e7a0        0    16         a.o:(.text.empty)
          300000           300000       10     8         a.o:(.rodata._ZN1a4main17h0E)
";

    #[test]
    fn a_map_gives_each_function_section_with_its_symbol() {
        let sections = function_sections(MAP);
        let symbols: Vec<_> = sections.iter().map(|s| s.symbol.as_str()).collect();
        assert_eq!(
            symbols,
            ["_ZN1a4main17h0E", "_ZN1a4cold17h1E", "_RNvCs1_1a5never"]
        );
        assert_eq!((sections[1].start, sections[1].size), (0x21e780, 0x20));
    }

    #[test]
    fn only_instructions_of_the_named_object_count() {
        let run = "\
version: 1
positions: instr
ob=lib/libc.so.6
fn=memcpy
0x21e710 3
ob=target/release/copdeck
fn=0x21e700
0x21e710 1
0x21e7a8 2
calls=1 0x21e780
0x21e720 5
";
        assert_eq!(
            instructions_run(run, "/copdeck"),
            [0x21e710, 0x21e7a8, 0x21e720]
        );
    }

    #[test]
    fn the_functions_that_ran_are_written_in_the_binarys_order_each_once() {
        let sections = function_sections(MAP);
        let hot = hot_sections(
            &sections,
            &[0x21e7b0, 0x21e710, 0x21e700, 0x21e6d0, 0x400000],
        );
        let file = ordering_file(&hot);
        let symbols: Vec<_> = file.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(symbols, ["_ZN1a4main17h0E", "_RNvCs1_1a5never"]);
        assert!(file.starts_with("# "), "{file}");
    }
}
