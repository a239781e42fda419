//! Measuring and cutting text by the columns a terminal draws it in, by the same rules
//! ratatui uses (unicode-width over the whole string, so `⚠️` is two columns), and
//! taking apart the emoji sequences terminals draw at different widths.

use std::borrow::Cow;

use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

/// The columns `text` takes on screen.
pub fn width_of(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts text to `width` columns, marking the cut with `…`.
pub fn fit(text: &str, width: usize) -> String {
    if width_of(text) <= width {
        return text.to_string();
    }
    let (kept, _) = text.unicode_truncate(width.saturating_sub(1));
    format!("{kept}…")
}

/// The last columns of `text` that fit `room`, after a `…` when some were left out.
pub fn fit_tail(text: &str, room: usize) -> String {
    if width_of(text) <= room {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

const ZWJ: char = '\u{200D}';
const EMOJI_PRESENTATION: char = '\u{FE0F}';

/// Characters that join or restyle emoji into one glyph, which terminals draw at
/// different widths: a zero-width joiner after an emoji (`👩‍💻`: two columns by
/// ratatui's count, four in tmux and VTE), the emoji presentation selector (`⚠️`: two
/// columns by ratatui's count, one in many terminals), skin-tone modifiers and the tag
/// characters of subdivision flags.
fn joins_emoji(c: char, previous: Option<char>) -> bool {
    match c {
        ZWJ => previous.is_some_and(is_pictographic),
        EMOJI_PRESENTATION => true,
        '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}' => true,
        _ => false,
    }
}

/// Emoji and pictographs, roughly Unicode's Extended_Pictographic.
fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{203C}'..='\u{3299}' | '\u{1F000}'..='\u{1FAFF}')
}

/// Text with every emoji drawn as its own glyph: joiners between emoji, presentation
/// selectors and skin tones are dropped, so each character takes the columns
/// unicode-width gives it on its own, in every terminal, and a line never grows past
/// its cells. Other text is returned as it is.
pub fn separate_emoji(text: &str) -> Cow<'_, str> {
    let mut previous = None;
    let mut first_change = None;
    for (at, c) in text.char_indices() {
        if joins_emoji(c, previous) {
            first_change = Some(at);
            break;
        }
        previous = Some(c);
    }
    let Some(at) = first_change else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..at]);
    for c in text[at..].chars() {
        if !joins_emoji(c, previous) {
            out.push(c);
            previous = Some(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthChar;

    #[test]
    fn an_emoji_with_its_presentation_selector_is_two_columns_as_ratatui_draws_it() {
        let line = ratatui::text::Line::raw("⚠️ x");
        assert_eq!(width_of("⚠️ x"), line.width());
        assert_eq!(width_of("⚠️"), 2);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis_inside_the_width() {
        assert_eq!(fit("community", 5), "comm…");
        assert_eq!(fit("plain", 5), "plain");
        assert_eq!(width_of(&fit("日本語のページ", 6)), 5);
        assert_eq!(fit("long", 0), "…");
        assert_eq!(fit_tail("plain language", 6), "…guage");
        assert_eq!(fit_tail("plain", 6), "plain");
    }

    /// Each character's own width, as a terminal that draws code point by code point
    /// counts it.
    fn per_char(text: &str) -> usize {
        text.chars().map(|c| c.width().unwrap_or(0)).sum()
    }

    #[test]
    fn joined_emoji_are_taken_apart_so_every_count_agrees() {
        for sequence in [
            "👩‍💻",
            "👨‍👩‍👧‍👦",
            "🏳️‍🌈",
            "⚠️ careful",
            "👍🏽 yes",
            "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
            "1️⃣ first",
        ] {
            let shown = separate_emoji(sequence);
            assert_eq!(
                width_of(&shown),
                per_char(&shown),
                "{sequence:?} → {shown:?}"
            );
            let line = ratatui::text::Line::raw(shown.to_string());
            assert_eq!(line.width(), per_char(&shown), "{sequence:?}");
        }
        assert_eq!(separate_emoji("👩‍💻"), "👩💻");
        assert_eq!(separate_emoji("⚠️ careful"), "⚠ careful");
        // Before: ratatui counts the sequence as one two-column glyph, a terminal that
        // draws each emoji counts four.
        assert_ne!(width_of("👩‍💻"), per_char("👩‍💻"));
    }

    #[test]
    fn other_joiners_and_plain_text_stay() {
        assert!(matches!(
            separate_emoji("Plain Language – café 日本"),
            Cow::Borrowed(_)
        ));
        // A joiner inside a word of an Indic script shapes letters; it is kept.
        assert_eq!(separate_emoji("क्\u{200D}ष"), "क्\u{200D}ष");
    }
}
