//! Reads typed values out of a front-matter mapping, leniently where the site's files
//! vary and with a message naming the field where they are simply wrong.

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use super::entities::{decode_entities, drop_invisible};
use super::mojibake::repair_mojibake;

/// A field whose value has the wrong type; the caller adds the file and line.
#[derive(Debug, PartialEq, Eq)]
pub struct FieldError {
    pub key: String,
    pub message: String,
}

fn wrong(key: &str, expected: &str, value: &Value) -> FieldError {
    FieldError {
        key: key.to_string(),
        message: format!("`{key}` should be {expected}, found {}", describe(value)),
    }
}

/// Text as the page means it: mojibake repaired, invisible format characters dropped,
/// surrounding space trimmed.
pub fn clean_text(text: &str) -> String {
    drop_invisible(&repair_mojibake(text)).trim().to_string()
}

/// Text the site prints as HTML (titles, summaries, names): `clean_text` with its
/// character references decoded.
pub fn display(text: &str) -> String {
    decode_entities(&clean_text(text)).trim().to_string()
}

/// A text field the site prints as HTML, decoded as `display` does.
pub fn display_text(map: &Mapping, key: &str) -> Result<Option<String>, FieldError> {
    Ok(text(map, key)?
        .map(|t| display(&t))
        .filter(|t| !t.is_empty()))
}

/// A text field; numbers and booleans read as their text. Empty text is None.
pub fn text(map: &Mapping, key: &str) -> Result<Option<String>, FieldError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(clean_text(s)).filter(|s| !s.is_empty())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::Bool(b)) => Ok(Some(b.to_string())),
        Some(other) => Err(wrong(key, "text", other)),
    }
}

/// A list of text; a single text value reads as a one-item list (`event_cop`).
pub fn list(map: &Mapping, key: &str) -> Result<Vec<String>, FieldError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![clean_text(s)]),
        Some(Value::Sequence(items)) => items
            .iter()
            .filter(|item| !item.is_null())
            .map(|item| match item {
                Value::String(s) => Ok(clean_text(s)),
                Value::Number(n) => Ok(n.to_string()),
                other => Err(wrong(key, "a list of text", other)),
            })
            .collect(),
        Some(other) => Err(wrong(key, "a list of text", other)),
    }
}

/// A whole number such as `weight`.
pub fn integer(map: &Mapping, key: &str) -> Result<Option<i64>, FieldError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) if n.is_i64() => Ok(n.as_i64()),
        Some(value @ Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| wrong(key, "a whole number", value)),
        Some(other) => Err(wrong(key, "a whole number", other)),
    }
}

/// A member count: `509`, `"1,979"`, `1,979` or empty (unknown).
pub fn count(map: &Mapping, key: &str) -> Result<Option<u64>, FieldError> {
    let expected = "a member count like 1979 or \"1,979\"";
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value @ Value::Number(n)) => match n.as_u64() {
            Some(n) => Ok(Some(n)),
            None => Err(wrong(key, expected, value)),
        },
        Some(value @ Value::String(s)) => {
            let digits: String = s
                .chars()
                .filter(|c| !matches!(c, ',' | '_' | ' '))
                .collect();
            if digits.is_empty() {
                return Ok(None);
            }
            if !digits.chars().all(|c| c.is_ascii_digit()) {
                return Err(wrong(key, expected, value));
            }
            digits
                .parse()
                .map(Some)
                .map_err(|_| wrong(key, expected, value))
        }
        Some(other) => Err(wrong(key, expected, other)),
    }
}

/// A decimal number such as `emails_per_week` (`1.58`, `.5`, `2`, empty).
pub fn decimal(map: &Mapping, key: &str) -> Result<Option<f64>, FieldError> {
    let parsed = match map.get(key) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(_) => None,
    };
    match parsed {
        Some(n) if n.is_finite() && n >= 0.0 => Ok(Some(n)),
        _ => Err(wrong(
            key,
            "a number like 1.5",
            map.get(key).unwrap_or(&Value::Null),
        )),
    }
}

/// A yes/no flag; anything but `true` reads as no.
pub fn flag(map: &Mapping, key: &str) -> bool {
    match map.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.trim().eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// A date such as `2019-12-12 19:00:00 -0500`, `2018-03-29 3:30:00 -0500` or `2021-12-10`;
/// only the day is kept.
pub fn date(map: &Mapping, key: &str) -> Result<Option<NaiveDate>, FieldError> {
    let Some(value) = map.get(key) else {
        return Ok(None);
    };
    let text = match value {
        Value::Null => return Ok(None),
        Value::String(s) => s.trim(),
        other => return Err(wrong(key, "a date like 2021-12-10", other)),
    };
    if text.is_empty() {
        return Ok(None);
    }
    parse_day(text)
        .map(Some)
        .ok_or_else(|| wrong(key, "a date like 2021-12-10", value))
}

/// The calendar day at the start of a lenient date text.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let day: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let mut parts = day.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let dom = parts.next()?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, dom)
}

/// The 0-based line (in the YAML text) of the `nth` occurrence of `key:` at or after
/// line `from`, for pointing a message at the field.
pub fn key_line(yaml: &str, key: &str, from: usize, nth: usize) -> Option<usize> {
    yaml.lines()
        .enumerate()
        .skip(from)
        .filter(|(_, line)| {
            let line = line.trim_start();
            let line = line.strip_prefix("- ").map_or(line, str::trim_start);
            let line = line
                .strip_prefix(key)
                .or_else(|| line.strip_prefix(&format!("\"{key}\"")));
            line.is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .nth(nth)
        .map(|(index, _)| index)
}

/// A short English name of a YAML value's kind, for messages.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "empty".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text {s:?}"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a map".into(),
        Value::Tagged(_) => "a tagged value".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(yaml: &str) -> Mapping {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn member_counts_in_every_spelling() {
        let m = map("a: 509\nb: \"1,979\"\nc:\nd: 1,462\ne: ''\nf: lots\ng: -5\nh: [1, 2]");
        assert_eq!(count(&m, "a"), Ok(Some(509)));
        assert_eq!(count(&m, "b"), Ok(Some(1979)));
        assert_eq!(count(&m, "c"), Ok(None));
        assert_eq!(count(&m, "d"), Ok(Some(1462)));
        assert_eq!(count(&m, "e"), Ok(None));
        for bad in ["f", "g", "h"] {
            let err = count(&m, bad).unwrap_err();
            assert!(err.message.contains(&format!("`{bad}`")), "{}", err.message);
        }
    }

    #[test]
    fn decimals_and_dates() {
        let m =
            map("a: .5\nb: 1.58\nc: 2\nd:\nx: 2018-03-29 3:30:00 -0500\ny: 2021-12-10\nz: soon");
        assert_eq!(decimal(&m, "a"), Ok(Some(0.5)));
        assert_eq!(decimal(&m, "b"), Ok(Some(1.58)));
        assert_eq!(decimal(&m, "c"), Ok(Some(2.0)));
        assert_eq!(decimal(&m, "d"), Ok(None));
        assert_eq!(date(&m, "x"), Ok(NaiveDate::from_ymd_opt(2018, 3, 29)));
        assert_eq!(date(&m, "y"), Ok(NaiveDate::from_ymd_opt(2021, 12, 10)));
        assert!(date(&m, "z").is_err());
    }

    #[test]
    fn lists_accept_a_single_string() {
        let m = map("a: social-media\nb: [x, y]\nc: {k: v}");
        assert_eq!(list(&m, "a"), Ok(vec!["social-media".to_string()]));
        assert_eq!(list(&m, "b"), Ok(vec!["x".to_string(), "y".to_string()]));
        assert!(list(&m, "c").is_err());
    }

    #[test]
    fn finds_key_lines() {
        let yaml =
            "title: x\ncommunity_list:\n  - platform: listserv\n    members: 1\n  - members: 2\n";
        assert_eq!(key_line(yaml, "members", 0, 0), Some(3));
        assert_eq!(key_line(yaml, "members", 0, 1), Some(4));
        assert_eq!(key_line(yaml, "platform", 0, 0), Some(2));
    }
}
