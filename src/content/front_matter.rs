//! Splits a page file into YAML front matter and Markdown body, within bounds that keep
//! hostile files cheap: size caps, binary detection, and serde_yaml's alias-expansion limit.

use serde_yaml::{Mapping, Value};
use thiserror::Error;

use super::fields::describe;

/// Largest page file read at all.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// Largest front matter handed to the YAML parser. The site's list of retired addresses
/// (about 1,600 aliases, 111 KiB) fits with room to spare; what bounds the work is the
/// parser's node budget (`bounded::MAX_NODES`), which alias tricks cannot get around.
pub const MAX_FRONT_MATTER_BYTES: usize = 512 * 1024;

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
    /// Keys given twice: the later value was kept. Each with the 1-based line of the
    /// file where it is repeated.
    pub duplicates: Vec<(usize, String)>,
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
pub(super) fn checked_text(bytes: &[u8]) -> Result<&str, PageError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(PageError::at(1, "empty file"));
    }
    if let Some(pos) = memchr::memchr(0, bytes) {
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
/// Blank lines before the opening `---` are skipped, as Hugo skips them.
pub fn split_page(text: &str) -> Result<SplitPage<'_>, PageError> {
    let mut lines = text.split_inclusive('\n');
    let mut open_start = 0;
    let mut open_line = 1;
    let mut first = lines.next().unwrap_or_default();
    while first.trim().is_empty() && open_start + first.len() < text.len() {
        open_start += first.len();
        open_line += 1;
        first = lines.next().unwrap_or_default();
    }
    match first.trim_end() {
        "---" => {}
        "+++" => {
            return Err(PageError::at(
                open_line,
                "TOML front matter (+++) is not supported; use YAML (---)",
            ));
        }
        _ => {
            return Err(PageError::at(
                open_line,
                "no front matter: a page must start with a line of three dashes (---)",
            ));
        }
    }
    let yaml_start = open_start + first.len();
    let mut offset = yaml_start;
    let mut line_no = open_line;
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
            open_line,
            "front matter is never closed: no second line of three dashes (---)",
        ));
    };
    let yaml = &text[yaml_start..yaml_end];
    let yaml_line = open_line + 1;
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(PageError::at(
            yaml_line,
            format!(
                "front matter is {} KiB, over the {} KiB limit",
                yaml.len() / 1024,
                MAX_FRONT_MATTER_BYTES / 1024
            ),
        ));
    }
    let (fields, repeated) = parse_yaml(yaml, yaml_line)?;
    let duplicates = repeated_lines(yaml, &repeated)
        .into_iter()
        .map(|(line, key)| (yaml_line + line, key))
        .collect();
    Ok(SplitPage {
        yaml,
        fields,
        body: &text[body_start..],
        yaml_line,
        body_line: close_line + 1,
        duplicates,
    })
}

/// The 0-based line of each repeat of a key, in the YAML text. A key repeated twice is
/// found at its second and third lines, and so on.
fn repeated_lines(yaml: &str, keys: &[String]) -> Vec<(usize, String)> {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    let mut out = Vec::new();
    for key in keys {
        let nth = match seen.iter_mut().find(|(k, _)| k == key) {
            Some((_, count)) => {
                *count += 1;
                *count
            }
            None => {
                seen.push((key, 1));
                1
            }
        };
        let line = super::fields::key_line(yaml, key, 0, nth).unwrap_or(0);
        out.push((line, key.clone()));
    }
    out
}

/// Parses front matter YAML into a mapping, with the keys given more than once;
/// `first_line` is where it starts in the file.
fn parse_yaml(yaml: &str, first_line: usize) -> Result<(Mapping, Vec<String>), PageError> {
    if yaml.trim().is_empty() {
        return Ok((Mapping::new(), Vec::new()));
    }
    if let Some(line) = tab_indented_line(yaml) {
        return Err(PageError::at(
            first_line + line,
            "front matter indents with a tab; YAML allows only spaces",
        ));
    }
    if let Some(map) = super::simple_yaml::parse_simple(yaml) {
        return Ok((map, Vec::new()));
    }
    let parsed = super::bounded::parse_bounded(yaml).map_err(|err| {
        // An error found at the end of the text (an unclosed `[`) is placed on the line
        // after the last, which is the closing `---`: put it on the last line written.
        let last = yaml.trim_end().lines().count().saturating_sub(1);
        let line = err
            .location()
            .map(|loc| loc.line().saturating_sub(1))
            .unwrap_or(0)
            .min(last);
        PageError::at(first_line + line, yaml_message(&err))
    })?;
    match parsed.value {
        Value::Mapping(map) => Ok((map, parsed.duplicates)),
        Value::Null => Ok((Mapping::new(), Vec::new())),
        other => Err(PageError::at(
            first_line,
            format!(
                "front matter is {}, expected key: value pairs",
                describe(&other)
            ),
        )),
    }
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
        // A lone CR ends a line too, as in YAML and CommonMark; lines are counted so.
        let text = decode_text(b"---\rtitle: A\r---\rx").unwrap();
        assert_eq!(text, "---\ntitle: A\n---\nx");
        let err = split_page(&decode_text(b"---\r\rtitle: [\n---\n").unwrap()).unwrap_err();
        assert_eq!(err.line, 3, "{}", err.message);
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
    }

    #[test]
    fn a_repeated_key_keeps_the_later_value_and_its_line() {
        let page = split_page("---\ntitle: A\nsummary: s\ntitle: B\ntitle: C\n---\n").unwrap();
        assert_eq!(page.fields.get("title").unwrap().as_str(), Some("C"));
        assert_eq!(
            page.duplicates,
            vec![(4, "title".to_string()), (5, "title".to_string())]
        );
    }

    #[test]
    fn blank_lines_before_the_opening_dashes_are_skipped() {
        let page = split_page("\n  \n---\ntitle: A\n---\nbody\n").unwrap();
        assert_eq!(page.fields.get("title").unwrap().as_str(), Some("A"));
        assert_eq!(page.yaml_line, 4);
        assert_eq!(page.body_line, 6);
        let err = split_page("\n\ntitle: A\n").unwrap_err();
        assert_eq!(err.line, 3);
    }

    #[test]
    fn a_long_list_of_aliases_fits_but_alias_expansion_is_still_bounded() {
        let aliases: String = (0..3000)
            .map(|i| format!("  - /old/{i:05}/a-long-retired-address-of-the-site/\n"))
            .collect();
        let text = format!("---\ntitle: Gone\naliases:\n{aliases}---\n");
        assert!(text.len() > 64 * 1024);
        let page = split_page(&text).unwrap();
        let list = page.fields.get("aliases").unwrap().as_sequence().unwrap();
        assert_eq!(list.len(), 3000);
        let items: String = (0..200).map(|i| format!("  - i{i}\n")).collect();
        let refs: String = (0..200).map(|_| "  - *big\n").collect();
        let bomb = format!("---\nbig: &big\n{items}refs:\n{refs}---\n");
        let err = split_page(&bomb).unwrap_err();
        assert!(err.message.contains("expands"), "{}", err.message);
    }
}
