//! Makes untrusted page text safe for a terminal: control characters, escape sequences
//! and bidi overrides become visible symbols instead of reaching the terminal.

use std::borrow::Cow;

/// Spaces a tab expands to.
pub const TAB_WIDTH: usize = 4;

/// Whether a character must never be written to a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    let code = c as u32;
    code < 0x20
        || code == 0x7F
        || (0x80..=0x9F).contains(&code)
        || (0x202A..=0x202E).contains(&code)
        || (0x2066..=0x2069).contains(&code)
        || code == 0x200E
        || code == 0x200F
        || code == 0x061C
}

/// What an unsafe character is shown as: C0 controls as their control pictures
/// (`␛` for ESC), DEL as `␡`, C1 controls and bidi controls as `�`.
fn visible(c: char) -> char {
    let code = c as u32;
    match code {
        0x00..=0x1F => char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}'),
        0x7F => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

/// One line of text made safe: tabs become spaces, newlines become spaces, every other
/// control is shown as a symbol, and emoji sequences terminals draw at different widths
/// are taken apart (`text::separate_emoji`).
pub fn clean_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return crate::text::separate_emoji(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str(&" ".repeat(TAB_WIDTH)),
            '\n' | '\r' => out.push(' '),
            c if is_unsafe(c) => out.push(visible(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(crate::text::separate_emoji(&out).into_owned())
}

/// Whether a character is invisible yet changes how text reads: bidi controls and
/// isolates, zero-width characters, the soft hyphen and the byte-order mark.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Text for the clipboard: exactly what a person may paste into a shell. Every line break
/// and tab becomes a space (a pasted value can never press Enter), other control
/// characters (C0, C1, DEL) and invisible characters are dropped.
pub fn clipboard_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if is_unsafe(c) || is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// An address with its invisible characters (and controls) percent-encoded, so that
/// `https://a.gov/\u{202E}x` is shown as `https://a.gov/%E2%80%AEx`.
pub fn visible_url(url: &str) -> Cow<'_, str> {
    if !url.chars().any(|c| is_invisible(c) || is_unsafe(c)) {
        return Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len() + 16);
    for c in url.chars() {
        if is_invisible(c) || is_unsafe(c) {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text that may span lines made safe: newlines are kept, everything else as `clean_line`.
pub fn clean_block(text: &str) -> String {
    text.split('\n')
        .map(clean_line)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_controls_visibly() {
        assert_eq!(clean_line("a\x1b[31mb"), "a␛[31mb");
        assert_eq!(clean_line("bell\x07"), "bell␇");
        assert_eq!(clean_line("c1\u{9b}x"), "c1�x");
        assert_eq!(clean_line("del\x7f"), "del␡");
        assert_eq!(clean_line("\u{202E}evil"), "�evil");
        assert_eq!(clean_line("a\tb"), "a    b");
        assert_eq!(clean_block("a\nb\x1b"), "a\nb␛");
    }

    #[test]
    fn keeps_ordinary_text_borrowed() {
        let text = "Plain Language – café 日本 👩 💻";
        assert!(matches!(clean_line(text), Cow::Borrowed(_)));
    }

    #[test]
    fn the_clipboard_gets_one_line_without_controls_or_invisible_characters() {
        let hostile =
            "a@b.gov\nSubject: x\x1b[201~\r\necho pwned\u{9b}\u{85}\u{7f}\u{202E}\u{200B}\tend";
        let text = clipboard_text(hostile);
        assert_eq!(text, "a@b.gov Subject: x[201~ echo pwned end");
        assert!(!text.chars().any(|c| c.is_control() || is_invisible(c)));
        assert_eq!(clipboard_text("  plain  "), "plain");
    }

    #[test]
    fn invisible_characters_in_addresses_are_shown_encoded() {
        assert_eq!(
            visible_url("https://a.gov/\u{202E}gpj.exe\u{200B}"),
            "https://a.gov/%E2%80%AEgpj.exe%E2%80%8B"
        );
        assert!(matches!(visible_url("https://a.gov/é"), Cow::Borrowed(_)));
    }

    #[test]
    fn nothing_unsafe_survives() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert!(!clean_line(&all).chars().any(is_unsafe));
    }
}
