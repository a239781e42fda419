//! Any bytes as a community file: parsing must never panic, and a page that loads has
//! a line number on every diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let parsed = copdeck::content::page::parse_community("fuzz.md", "fuzz", data, today);
    for diagnostic in &parsed.diagnostics {
        assert!(diagnostic.line >= 1 || diagnostic.line == 0);
    }
    if let Some(community) = parsed.community {
        let _ = community.members();
        for channel in &community.channels {
            let _ = channel.mailto();
        }
    }
});
