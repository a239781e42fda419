//! Repair of UTF-8 text that was once decoded as Windows-1252 and saved again
//! (`â€“` for `–`), as real pages of the site contain.

use std::borrow::Cow;

/// Windows-1252 bytes 0x80..=0x9F and the characters they decode to.
const CP1252_HIGH: [(u8, char); 27] = [
    (0x80, '€'),
    (0x82, '‚'),
    (0x83, 'ƒ'),
    (0x84, '„'),
    (0x85, '…'),
    (0x86, '†'),
    (0x87, '‡'),
    (0x88, 'ˆ'),
    (0x89, '‰'),
    (0x8A, 'Š'),
    (0x8B, '‹'),
    (0x8C, 'Œ'),
    (0x8E, 'Ž'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x98, '˜'),
    (0x99, '™'),
    (0x9A, 'š'),
    (0x9B, '›'),
    (0x9C, 'œ'),
    (0x9E, 'ž'),
    (0x9F, 'Ÿ'),
];

/// The Windows-1252 byte a character came from, if it is one of the upper half.
fn cp1252_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if (0xA0..=0xFF).contains(&code) {
        return Some(code as u8);
    }
    CP1252_HIGH
        .iter()
        .find(|(_, ch)| *ch == c)
        .map(|(byte, _)| *byte)
}

/// Replaces runs like `â€“` with the character they were meant to be; leaves all
/// other text, including real accented letters, as it is.
pub fn repair_mojibake(text: &str) -> Cow<'_, str> {
    if !may_hold_mojibake(text) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut changed = false;
    while i < chars.len() {
        if let Some((decoded, used)) = decode_run(&chars[i..]) {
            out.push(decoded);
            i += used;
            changed = true;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `text` has a character from U+00C2 to U+00F4, which every run starts with:
/// in UTF-8 the byte 0xC3 followed by 0x82 to 0xB4. Found with memchr, so a page with
/// none (most pages) is passed over at memory speed.
fn may_hold_mojibake(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xC3, bytes).any(|i| matches!(bytes.get(i + 1), Some(0x82..=0xB4)))
}

/// Decodes one UTF-8 sequence spelled in Windows-1252 characters at the start of `chars`.
fn decode_run(chars: &[char]) -> Option<(char, usize)> {
    let lead = cp1252_byte(*chars.first()?)?;
    let len = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    if chars.len() < len {
        return None;
    }
    let mut bytes = vec![lead];
    for c in &chars[1..len] {
        let byte = cp1252_byte(*c)?;
        if !(0x80..=0xBF).contains(&byte) {
            return None;
        }
        bytes.push(byte);
    }
    let decoded = std::str::from_utf8(&bytes).ok()?;
    decoded.chars().next().map(|c| (c, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_en_dash_and_quotes() {
        assert_eq!(repair_mojibake("challenges â€“ join"), "challenges – join");
        assert_eq!(repair_mojibake("itâ€™s"), "it’s");
        assert_eq!(repair_mojibake("cafÃ©"), "café");
    }

    #[test]
    fn the_quick_check_finds_exactly_the_characters_a_run_starts_with() {
        for c in char::MIN..=char::MAX {
            let text = format!("a{c}b");
            assert_eq!(
                may_hold_mojibake(&text),
                matches!(c as u32, 0xC2..=0xF4),
                "{:?}",
                c
            );
        }
    }

    #[test]
    fn leaves_real_text_alone() {
        for text in ["café", "Ångström", "naïve – fine", "â alone", "Ã"] {
            assert_eq!(repair_mojibake(text), text);
        }
        assert!(matches!(repair_mojibake("plain ascii"), Cow::Borrowed(_)));
    }
}
