//! Differential property test: the fast front-matter reader never gives an answer that
//! serde_yaml would not give. Whenever it returns a mapping, serde_yaml parses the same
//! text to the same mapping; everything else it hands over (None).

use copdeck::content::simple_yaml::parse_simple;
use proptest::prelude::*;
use serde_yaml::{Mapping, Value};

/// Front-matter lines built from the shapes the site writes and the ways they go wrong:
/// keys, plain and quoted values, lists at several indents, empty flow lists, comments,
/// and stray control characters.
fn line() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("title"),
        Just("aliases"),
        Just("topics"),
        Just("members"),
        Just("weight"),
        // Keys YAML types as a boolean, null or number, not text.
        Just("FALSE"),
        Just("null"),
        Just("7"),
    ];
    let value = prop_oneof![
        Just("plain words".to_string()),
        Just("\"quoted text\"".to_string()),
        Just("'single'".to_string()),
        Just("1,979".to_string()),
        Just("12".to_string()),
        Just(".5".to_string()),
        Just("2021-12-10".to_string()),
        Just("true".to_string()),
        Just("[]".to_string()),
        Just("~".to_string()),
        Just("a # note".to_string()),
        Just("x\u{7}y".to_string()),
        Just("x\u{7f}y".to_string()),
        Just("x\u{85}y".to_string()),
        Just("x\u{9b}y".to_string()),
        Just("tab\there".to_string()),
        Just("\"esc\u{1b}aped\"".to_string()),
        Just("".to_string()),
    ];
    let indent = prop_oneof![Just(""), Just(" "), Just("  "), Just("   "), Just("    ")];
    prop_oneof![
        (key.clone(), value.clone()).prop_map(|(k, v)| format!("{k}: {v}")),
        key.clone().prop_map(|k| format!("{k}:")),
        (indent.clone(), value.clone()).prop_map(|(i, v)| format!("{i}- {v}")),
        (indent.clone(), key.clone(), value.clone()).prop_map(|(i, k, v)| format!("{i}- {k}: {v}")),
        (indent, key, value).prop_map(|(i, k, v)| format!("{i}{k}: {v}")),
        Just("# comment".to_string()),
        Just(String::new()),
    ]
}

fn front_matter() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..8).prop_map(|lines| {
        let mut text = lines.join("\n");
        text.push('\n');
        text
    })
}

fn serde_mapping(yaml: &str) -> Option<Mapping> {
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => Some(map),
        Ok(Value::Null) => Some(Mapping::new()),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn the_fast_reader_agrees_with_serde_yaml(yaml in front_matter()) {
        if let Some(fast) = parse_simple(&yaml) {
            let full = serde_mapping(&yaml);
            prop_assert_eq!(Some(fast), full, "{:?}", yaml);
        }
    }
}

#[test]
fn the_cases_that_once_disagreed() {
    for yaml in [
        "title: a\u{7}b\n",
        "title: a\u{7f}b\n",
        "title: a\u{9b}b\n",
        "topics:\n  - a\n - b\n",
        "topics:\n - a\n  - b\n",
        "topics:\n- a\n  - b\n",
        "aliases: []\ntitle: a\u{7}b\n",
    ] {
        if let Some(fast) = parse_simple(yaml) {
            assert_eq!(Some(fast), serde_mapping(yaml), "{yaml:?}");
        }
    }
}
