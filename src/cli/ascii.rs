//! `--plain` output for screen readers and braille displays: no box drawing, no arrows,
//! no bullet symbols. Borders become `-`, `|` and `+`; arrows `->`; bullets `*`; the link
//! markers `⌂`, `↗` and `✉` are left out (the number stays); `…` is `...`; a control
//! picture such as `␛` is written in caret notation (`^[`).

use std::borrow::Cow;

/// Text with every symbol of the kinds above put in ASCII. Letters of any script stay.
pub fn to_ascii(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| replacement(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let text = text.replace(" · ", ", ").replace(" ↗", "");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match replacement(c) {
            Some(ascii) => out.push_str(&ascii),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The ASCII for one symbol, or `None` for a character that stays as it is.
fn replacement(c: char) -> Option<Cow<'static, str>> {
    let code = c as u32;
    let fixed = match c {
        '⌂' | '↗' | '✉' => "",
        '←' => "<-",
        '↔' => "<->",
        '↑' => "^",
        '↓' => "v",
        '⇒' => "=>",
        '•' | '‣' | '◦' | '▪' | '▸' | '►' | '●' | '○' | '◆' | '◇' | '■' | '□' => {
            "*"
        }
        '·' | '—' | '–' | '‒' | '―' => "-",
        '…' => "...",
        '␡' => "^?",
        _ => match code {
            0x2190..=0x21FF | 0x27F0..=0x27FF | 0x2900..=0x297F => "->",
            0x2500..=0x257F => box_drawing(code),
            0x2580..=0x259F => "#",
            0x2400..=0x241F => {
                let caret = char::from_u32(code - 0x2400 + 0x40).unwrap_or('?');
                return Some(Cow::Owned(format!("^{caret}")));
            }
            _ => return None,
        },
    };
    Some(Cow::Borrowed(fixed))
}

/// A box-drawing character as the ASCII line it stands for.
fn box_drawing(code: u32) -> &'static str {
    const HORIZONTAL: [u32; 15] = [
        0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550, 0x2574, 0x2576,
        0x2578, 0x257A, 0x257C, 0x257E,
    ];
    const VERTICAL: [u32; 15] = [
        0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551, 0x2575, 0x2577,
        0x2579, 0x257B, 0x257D, 0x257F,
    ];
    if HORIZONTAL.contains(&code) {
        "-"
    } else if VERTICAL.contains(&code) {
        "|"
    } else {
        "+"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_become_ascii_and_words_stay() {
        assert_eq!(
            to_ascii("╭─ How to join ─╮\n│ Channel   Mailing list · Government only"),
            "+- How to join -+\n| Channel   Mailing list, Government only"
        );
        assert_eq!(
            to_ascii("• Topic[3⌂] and Section508[5↗] ✉"),
            "* Topic[3] and Section508[5] "
        );
        assert_eq!(to_ascii("Records  —  moved ↗"), "Records  -  moved");
        assert_eq!(
            to_ascii("→ /resources/x/ … ␛[2J"),
            "-> /resources/x/ ... ^[[2J"
        );
        assert_eq!(to_ascii("café 日本"), "café 日本");
    }

    #[test]
    fn no_box_drawing_arrow_or_bullet_is_left() {
        let symbols: String = (0x2190u32..0x2600).filter_map(char::from_u32).collect();
        let ascii = to_ascii(&symbols);
        assert!(
            !ascii.chars().any(|c| ('\u{2190}'..='\u{21FF}').contains(&c)
                || ('\u{2500}'..='\u{259F}').contains(&c)
                || c == '•'),
            "{ascii}"
        );
    }
}
