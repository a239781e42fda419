//! Page text as the renderer takes it: invisible format characters dropped, and heading
//! anchors made as Hugo makes them.

use std::borrow::Cow;

/// Characters that draw nothing and only confuse: direction marks, the byte-order mark,
/// soft hyphens.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '\u{00AD}')
}

/// Text without invisible format characters.
pub fn without_invisible(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_invisible) {
        Cow::Owned(text.chars().filter(|c| !is_invisible(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// An anchor as Hugo makes it from a heading's text: lower case, words joined by `-`.
pub fn anchor_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            out.push('-');
        }
    }
    out
}
