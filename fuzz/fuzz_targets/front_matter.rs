//! Any bytes as a community file: parsing must never panic, and every diagnostic points
//! at a line of the file (from 1 to one past its last line, for "ends too early"). Lines
//! end as YAML and CommonMark end them, and as copdeck counts them: at LF, CRLF or a
//! lone CR.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let parsed = copdeck::content::page::parse_community("fuzz.md", "fuzz", data, today);
    let lines = line_count(data);
    for diagnostic in &parsed.diagnostics {
        assert!(
            (1..=lines + 1).contains(&diagnostic.line),
            "line {} of a {lines}-line file: {}",
            diagnostic.line,
            diagnostic.message
        );
    }
    if let Some(community) = parsed.community {
        let _ = community.members();
        for channel in &community.channels {
            let _ = channel.mailto();
        }
    }
});

/// The number of lines in `data`, a line ending at LF, CRLF or a lone CR.
fn line_count(data: &[u8]) -> usize {
    let breaks = data
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && data.get(i + 1) != Some(&b'\n')))
        .count();
    breaks + 1
}
