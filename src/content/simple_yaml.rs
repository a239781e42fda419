//! A fast reader for the plain YAML most front matter is written in — `key: value` lines
//! and `key:` followed by `- item` lines. Anything else (nested maps, flow lists, anchors,
//! block scalars, escapes, repeated keys, keys YAML reads as other than text, tabs, any
//! space but the plain one, any character YAML does not allow raw or reads as a line
//! break) returns None and the caller uses serde_yaml.
//!
//! Where it differs from serde_yaml: nowhere in what it returns. A mapping it returns is
//! the mapping serde_yaml returns for the same text (the property test
//! `tests/it/simple_yaml_props.rs` and the differential fuzz target `simple_yaml` hold it
//! to that); text serde_yaml rejects, it never accepts. It declines (None) much that
//! serde_yaml accepts; that only costs time.

use serde_yaml::{Mapping, Number, Value};

/// The mapping of a simple front matter, or None when it needs the full parser.
/// Lists may hold scalars or flat maps (`- platform: listserv` and its keys below it),
/// which is all `community_list` needs.
pub fn parse_simple(yaml: &str) -> Option<Mapping> {
    if has_outside_plain_yaml(yaml) {
        return None;
    }
    let mut map = Mapping::new();
    let mut list: Option<(String, Vec<Value>)> = None;
    // Every item of a list must sit at the same indent; a deeper line continues one.
    let mut item_indent = None;
    // The map item being read, and the indent its keys sit at.
    let mut entry: Option<(usize, Mapping)> = None;
    for line in yaml.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or((trimmed == "-").then_some(""))
        {
            let (_, items) = list.as_mut()?;
            if *item_indent.get_or_insert(indent) != indent {
                return None;
            }
            if let Some((_, done)) = entry.take() {
                items.push(Value::Mapping(done));
            }
            if item.starts_with(' ') {
                // `-    key: value` puts the map's keys further right than `indent + 2`.
                return None;
            }
            let item = item.trim();
            if looks_like_pair(item) {
                let (key, value) = pair(item)?;
                let mut fields = Mapping::new();
                insert(&mut fields, &key, value)?;
                entry = Some((indent + 2, fields));
            } else {
                let value = scalar(item)?;
                if matches!(&value, Value::String(s) if has_pair(s, b": ")) {
                    return None;
                }
                items.push(value);
            }
            continue;
        }
        if indent > 0 {
            // Only the further keys of a map item may be indented.
            let (key_indent, fields) = entry.as_mut()?;
            if indent != *key_indent {
                return None;
            }
            let (key, value) = pair(trimmed)?;
            insert(fields, &key, value)?;
            continue;
        }
        if let (Some((_, done)), Some((_, items))) = (entry.take(), list.as_mut()) {
            items.push(Value::Mapping(done));
        }
        finish_list(&mut map, list.take())?;
        item_indent = None;
        let (key, rest) = line.split_once(':')?;
        if !valid_key(key) {
            return None;
        }
        let rest = strip_comment(rest);
        if rest.trim().is_empty() {
            list = Some((key.to_string(), Vec::new()));
        } else if rest.starts_with(' ') {
            insert(&mut map, key, scalar(rest.trim())?)?;
        } else {
            return None;
        }
    }
    if let (Some((_, done)), Some((_, items))) = (entry.take(), list.as_mut()) {
        items.push(Value::Mapping(done));
    }
    finish_list(&mut map, list)?;
    Some(map)
}

/// Whether any character is one `outside_plain_yaml` leaves to serde_yaml; for ASCII
/// text, a look at each byte (the control characters, which hold every white space but
/// the plain one and `\n`).
fn has_outside_plain_yaml(yaml: &str) -> bool {
    if yaml.is_ascii() {
        return yaml.bytes().any(|b| (b < 0x20 && b != b'\n') || b == 0x7F);
    }
    yaml.chars().any(outside_plain_yaml)
}

/// Characters the fast reader leaves to serde_yaml: controls (tabs too: YAML reads them
/// differently in indentation, separators and blank lines; DEL and C1 as well),
/// whitespace other than the plain space and line feed (YAML keeps a no-break space as
/// text where `trim` drops it), and what YAML forbids raw or reads as a line break (NEL,
/// the Unicode separators, the byte-order mark, non-characters).
fn outside_plain_yaml(c: char) -> bool {
    (c.is_control() && c != '\n')
        || (c.is_whitespace() && !matches!(c, ' ' | '\n'))
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// A key of letters, digits, `_` and `-` that YAML reads as a string: `FALSE`, `null` or
/// `12` are keys serde_yaml types as a boolean, null or number, so they decline.
fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && matches!(scalar(key), Some(Value::String(_)))
}

/// Whether a list item is a `key: value` pair (the start of a map) rather than a scalar.
fn looks_like_pair(item: &str) -> bool {
    item.split_once(':')
        .is_some_and(|(key, rest)| valid_key(key) && (rest.is_empty() || rest.starts_with(' ')))
}

/// One `key: value` line of a map item; an empty value is null.
fn pair(text: &str) -> Option<(String, Value)> {
    let (key, rest) = text.split_once(':')?;
    if !valid_key(key) {
        return None;
    }
    let rest = strip_comment(rest);
    let value = if rest.trim().is_empty() {
        Value::Null
    } else if rest.starts_with(' ') {
        scalar(rest.trim())?
    } else {
        return None;
    };
    Some((key.to_string(), value))
}

/// A key with nothing after it is a list when items followed, else null.
fn finish_list(map: &mut Mapping, list: Option<(String, Vec<Value>)>) -> Option<()> {
    match list {
        Some((key, items)) if items.is_empty() => insert(map, &key, Value::Null),
        Some((key, items)) => insert(map, &key, Value::Sequence(items)),
        None => Some(()),
    }
}

/// Adds a key; a duplicate is left to serde_yaml to report.
fn insert(map: &mut Mapping, key: &str, value: Value) -> Option<()> {
    let key = Value::String(key.to_string());
    if map.contains_key(&key) {
        return None;
    }
    map.insert(key, value);
    Some(())
}

/// Cuts a ` #` comment from a value that is not quoted.
fn strip_comment(text: &str) -> &str {
    let trimmed = text.trim_start();
    if trimmed.starts_with('"') || trimmed.starts_with('\'') {
        return text;
    }
    match find_pair(text, b" #") {
        Some(pos) => &text[..pos],
        None => text,
    }
}

/// Where two ASCII bytes first appear together in `text`: `str::find` for the short
/// lines of front matter, without building a substring searcher for each.
fn find_pair(text: &str, pair: &[u8; 2]) -> Option<usize> {
    text.as_bytes().windows(2).position(|w| w == pair)
}

fn has_pair(text: &str, pair: &[u8; 2]) -> bool {
    find_pair(text, pair).is_some()
}

/// One scalar value, typed as YAML 1.2's core schema types it.
fn scalar(text: &str) -> Option<Value> {
    if let Some(inner) = text.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains(['"', '\\'])).then(|| Value::String(inner.to_string()));
    }
    if let Some(inner) = text.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        return (!inner.contains('\'')).then(|| Value::String(inner.to_string()));
    }
    let text = strip_comment(text).trim_end();
    let first = text.chars().next()?;
    let indicator = first.is_ascii() && b"[]{}&*!|>%@`?,\"'#:".contains(&(first as u8));
    if indicator || has_pair(text, b": ") || text.ends_with(':') {
        return None;
    }
    match text {
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        "null" | "Null" | "NULL" | "~" => return Some(Value::Null),
        _ => {}
    }
    if first.is_ascii_digit() || matches!(first, '-' | '+' | '.') {
        return number_like(text);
    }
    Some(Value::String(text.to_string()))
}

/// Text that starts like a number: a whole number, a plain decimal, or (dates, times,
/// `1,979`) a string. Anything else goes to serde_yaml.
fn number_like(text: &str) -> Option<Value> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        if digits.len() > 1 && digits.starts_with('0') {
            return None;
        }
        return text
            .parse::<i64>()
            .ok()
            .map(|n| Value::Number(Number::from(n)));
    }
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "x"));
    let plain_decimal = !(whole.is_empty() && fraction.is_empty())
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.chars().all(|c| c.is_ascii_digit());
    if plain_decimal {
        // A decimal too large for a float is text to serde_yaml: leave it to it.
        return text
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(|n| Value::Number(Number::from(n)));
    }
    let date_or_count = text
        .chars()
        .all(|c| c.is_ascii_digit() || " -:,".contains(c))
        && text.contains(['-', ':', ',', ' '])
        && first_is_digit(text);
    date_or_count.then(|| Value::String(text.to_string()))
}

fn first_is_digit(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(yaml: &str) -> Mapping {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn agrees_with_serde_yaml_on_simple_front_matter() {
        let yaml = "# comment\nslug: social-media\ndate: 2018-03-29 3:30:00 -0500\n\
                    title: \"Join the Social Media\"\nsummary: 'Plain words'\nweight: 1\n\
                    share: .5\ncount: 1,979\nflag: true\nempty:\ntopics:\n  - a\n  - \"b\"\n\
                    authors:\n- x\nexpirydate: 2021-12-10 # old\nnothing: ~\nneg: -5\n";
        assert_eq!(parse_simple(yaml), Some(full(yaml)));
    }

    #[test]
    fn reads_lists_of_flat_maps_like_serde_yaml() {
        let yaml = "title: x\ncommunity_list:\n  - platform: \"listserv\"\n    type: government only\n\
                    \x20   subscribe_email: \"A@B.GOV \"\n    members: 1,979\n    emails_per_week: .5\n\
                    \x20   terms:\n  - platform: slack\n    members: 108\nweight: 1\nlist:\n- a\n- k: v\n";
        assert_eq!(parse_simple(yaml), Some(full(yaml)));
    }

    #[test]
    fn keys_yaml_reads_as_other_than_text_go_to_serde_yaml() {
        // serde_yaml keys these as a boolean, null or number, which the fast reader's
        // string keys cannot say; top level and inside a list's map alike.
        for key in ["FALSE", "true", "Null", "12", "-3"] {
            let top = format!("title: x\n{key}: y\n");
            assert_eq!(parse_simple(&top), None, "{top}");
            let nested = format!("list:\n  - a: b\n    {key}: y\n");
            assert_eq!(parse_simple(&nested), None, "{nested}");
        }
        // Tabs and spaces other than the plain one are for serde_yaml to judge.
        assert_eq!(parse_simple("a:\n  - b\n\t\t\nc: d\n"), None);
        assert_eq!(parse_simple("a: \u{a0}b\n"), None);
        // A decimal past a float's range.
        let huge = format!("a: -{}.\n", "9".repeat(400));
        assert_eq!(parse_simple(&huge), None);
        // An item's map begins where its first key does, not always two past the dash.
        assert_eq!(parse_simple("a:\n  -    b: 1\n    c: 2\n"), None);
        // Keys that merely look like them are still read.
        let yaml = "falsehood: y\nnull-ish: z\n1-2: w\n";
        assert_eq!(parse_simple(yaml), Some(full(yaml)));
    }

    #[test]
    fn the_ascii_look_agrees_with_the_look_at_each_character() {
        for b in 0u8..0x80 {
            let text = format!("a: b{}c\n", b as char);
            assert_eq!(
                has_outside_plain_yaml(&text),
                text.chars().any(outside_plain_yaml),
                "{b:#04x}"
            );
        }
    }

    #[test]
    fn hands_anything_else_to_serde_yaml() {
        for yaml in [
            "a:\n  - b: 1\n      c: 2\n",
            "a:\n  - b:\n      - c\n",
            "a:\n  - b: 1\n    b: 2\n",
            "a: [1, 2]\n",
            "a: &x 1\nb: *x\n",
            "a: |\n  text\n",
            "a: \"esc\\\"aped\"\n",
            "a: 1\na: 2\n",
            "a: 0x1F\n",
            "a: 1e5\n",
            "a: b: c\n",
            "  indented: 1\n",
            "a: 007\n",
            "a: .inf\n",
            "a:\n  - b\n    - c\n",
            "a: plain\n  continued\n",
        ] {
            assert_eq!(parse_simple(yaml), None, "{yaml}");
        }
    }
}
