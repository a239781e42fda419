//! Differential target: any text as front matter. Whenever the fast reader returns a
//! mapping, serde_yaml must parse the same text to the same mapping.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_yaml::{Mapping, Value};

fuzz_target!(|data: &[u8]| {
    let Ok(yaml) = std::str::from_utf8(data) else {
        return;
    };
    let Some(fast) = copdeck::content::simple_yaml::parse_simple(yaml) else {
        return;
    };
    let full = match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => Some(map),
        Ok(Value::Null) => Some(Mapping::new()),
        _ => None,
    };
    assert_eq!(Some(fast), full, "{yaml:?}");
});
