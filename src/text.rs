//! Measuring and cutting text by the columns a terminal draws it in, by the same rules
//! ratatui uses (unicode-width over the whole string, so `⚠️` is two columns).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The columns `text` takes on screen.
pub fn width_of(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts text to `width` columns, marking the cut with `…`.
pub fn fit(text: &str, width: usize) -> String {
    if width_of(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
