//! Splits a page file into YAML front matter and Markdown body, within bounds that keep
//! hostile files cheap: size caps, binary detection, and serde_yaml's alias-expansion limit.

use serde_yaml::{Mapping, Value};
use thiserror::Error;

use super::fields::describe;

/// Largest page file read at all.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// Largest front matter handed to the YAML parser.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Why a file is not a page; `line` is 1-based in the file.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("{message}")]
pub struct PageError {
    pub line: usize,
    pub message: String,
}

impl PageError {
    fn at(line: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            message: message.into(),
        }
    }
}

/// A page split in two: the parsed front matter and the body after it, borrowed from
/// the page's text.
#[derive(Debug)]
pub struct SplitPage<'a> {
    /// The front matter as YAML text (LF line endings), for finding keys' lines.
    pub yaml: &'a str,
    pub fields: Mapping,
    pub body: &'a str,
    /// 1-based line of the file where the YAML text starts.
    pub yaml_line: usize,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// Decodes a file's bytes as UTF-8 text: strips a byte-order mark, normalises CRLF,
/// and refuses binary or non-UTF-8 content with the line of the first bad byte.
pub fn decode_text(bytes: &[u8]) -> Result<String, PageError> {
    Ok(line_endings(checked_text(bytes)?.to_string()))
}

/// `decode_text` for bytes already owned: the text is not copied.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<String, PageError> {
    checked_text(&bytes)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|_| PageError::at(1, "not valid UTF-8"))?;
    Ok(line_endings(text))
}

/// The text of a file's bytes, without a byte-order mark, if it is a text file at all.
fn checked_text(bytes: &[u8]) -> Result<&str, PageError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(PageError::at(1, "empty file"));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(PageError::at(
            line_at(bytes, pos),
            "binary file (contains NUL bytes), not a Markdown page",
        ));
    }
    std::str::from_utf8(bytes).map_err(|err| {
        let pos = err.valid_up_to();
        PageError::at(
            line_at(bytes, pos),
            format!(
                "not valid UTF-8 (byte 0x{:02X} at offset {pos})",
                bytes[pos]
            ),
        )
    })
}

/// CRLF and lone CR become LF.
fn line_endings(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

fn line_at(bytes: &[u8], pos: usize) -> usize {
    1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count()
}

/// Splits decoded text into front matter and body and parses the front matter.
pub fn split_page(text: &str) -> Result<SplitPage<'_>, PageError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    match first.trim_end() {
        "---" => {}
        "+++" => {
            return Err(PageError::at(
                1,
                "TOML front matter (+++) is not supported; use YAML (---)",
            ));
        }
        _ => {
            return Err(PageError::at(
                1,
                "no front matter: a page must start with a line of three dashes (---)",
            ));
        }
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    let mut close = None;
    for line in lines {
        line_no += 1;
        if line.trim_end() == "---" {
            close = Some((offset, offset + line.len(), line_no));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start, close_line)) = close else {
        return Err(PageError::at(
            1,
            "front matter is never closed: no second line of three dashes (---)",
        ));
    };
    let yaml = &text[yaml_start..yaml_end];
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(PageError::at(
            2,
            format!(
                "front matter is {} KiB, over the {} KiB limit",
                yaml.len() / 1024,
                MAX_FRONT_MATTER_BYTES / 1024
            ),
        ));
    }
    let fields = parse_yaml(yaml, 2)?;
    Ok(SplitPage {
        yaml,
        fields,
        body: &text[body_start..],
        yaml_line: 2,
        body_line: close_line + 1,
    })
}

/// Parses front matter YAML into a mapping; `first_line` is where it starts in the file.
fn parse_yaml(yaml: &str, first_line: usize) -> Result<Mapping, PageError> {
    if yaml.trim().is_empty() {
        return Ok(Mapping::new());
    }
    if let Some(line) = tab_indented_line(yaml) {
        return Err(PageError::at(
            first_line + line,
            "front matter indents with a tab; YAML allows only spaces",
        ));
    }
    if let Some(map) = super::simple_yaml::parse_simple(yaml) {
        return Ok(map);
    }
    let value = super::bounded::parse_bounded(yaml).map_err(|err| {
        // An error found at the end of the text (an unclosed `[`) is placed on the line
        // after the last, which is the closing `---`: put it on the last line written.
        let last = yaml.trim_end().lines().count().saturating_sub(1);
        let line = duplicate_key_line(yaml, &err)
            .or_else(|| err.location().map(|loc| loc.line().saturating_sub(1)))
            .unwrap_or(0)
            .min(last);
        PageError::at(first_line + line, yaml_message(&err))
    })?;
    match value {
        Value::Mapping(map) => Ok(map),
        Value::Null => Ok(Mapping::new()),
        other => Err(PageError::at(
            first_line,
            format!(
                "front matter is {}, expected key: value pairs",
                describe(&other)
            ),
        )),
    }
}

/// serde_yaml names a duplicate key without its place: find its second occurrence.
fn duplicate_key_line(yaml: &str, err: &serde_yaml::Error) -> Option<usize> {
    let text = err.to_string();
    let rest = text.split("duplicate entry with key \"").nth(1)?;
    let key = &rest[..rest.find('"')?];
    super::fields::key_line(yaml, key, 0, 1)
}

fn tab_indented_line(yaml: &str) -> Option<usize> {
    yaml.lines().position(|line| {
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        indent.contains('\t') && !line.trim().is_empty() && !line.trim_start().starts_with('#')
    })
}

/// serde_yaml's message without its own "at line N column M" suffix (we give the line).
fn yaml_message(err: &serde_yaml::Error) -> String {
    let text = err.to_string();
    let text = match text.find(" at line ") {
        Some(pos) => text[..pos].to_string(),
        None => text,
    };
    if let Some(pos) = text.find("front matter expands to more than") {
        text[pos..].to_string()
    } else if text.contains("repetition limit") || text.contains("recursion limit") {
        format!("front matter expands too far ({text}): aliases or nesting are limited")
    } else {
        format!("YAML: {text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let page = split_page("---\ntitle: A\n---\nbody\n").unwrap();
        assert_eq!(page.fields.get("title").unwrap().as_str(), Some("A"));
        assert_eq!(page.body, "body\n");
        assert_eq!(page.body_line, 4);
    }

    #[test]
    fn decodes_bom_and_crlf() {
        let text = decode_text(b"\xEF\xBB\xBF---\r\ntitle: A\r\n---\r\nx").unwrap();
        assert_eq!(text, "---\ntitle: A\n---\nx");
    }

    #[test]
    fn reports_bad_bytes_with_line() {
        let err = decode_text(b"---\ntitle: \xFF\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("UTF-8"));
        assert!(decode_text(b"a\0b").unwrap_err().message.contains("binary"));
        assert_eq!(decode_text(b"  \n").unwrap_err().message, "empty file");
    }

    #[test]
    fn reports_structure_errors() {
        assert!(
            split_page("title: A\n")
                .unwrap_err()
                .message
                .contains("no front matter")
        );
        assert!(
            split_page("---\ntitle: A\n")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        let err = split_page("---\ntitle: A\nsummary: [\n---\n").unwrap_err();
        assert!(err.message.starts_with("YAML"), "{}", err.message);
        let err = split_page("---\n- a\n- b\n---\n").unwrap_err();
        assert!(err.message.contains("a list"), "{}", err.message);
    }

    #[test]
    fn reports_tabs_and_duplicates_with_lines() {
        let err = split_page("---\ntitle: A\ncommunity_list:\n\t- x: 1\n---\n").unwrap_err();
        assert_eq!(err.line, 4);
        let err = split_page("---\ntitle: A\ntitle: B\n---\n").unwrap_err();
        assert!(err.message.contains("duplicate"), "{}", err.message);
        assert_eq!(err.line, 3);
    }
}
