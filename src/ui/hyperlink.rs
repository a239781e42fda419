//! OSC 8 hyperlinks over addresses already drawn, for terminals that support them: the
//! text on screen (even cut with `…`) becomes a link to the whole address, so a click
//! opens it and copying the link copies all of it.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;

use crate::app::{App, Overlay, View};

/// Fewest characters of a cut address that still count as showing it.
const SHORTEST_CUT: usize = 8;

/// Whether an address may go into an escape sequence: printable ASCII only, so it can
/// neither end the sequence early nor carry another one.
pub fn safe_for_osc8(url: &str) -> bool {
    !url.is_empty() && url.len() <= 2048 && url.bytes().all(|b| (0x21..=0x7E).contains(&b))
}

/// Makes the addresses on screen links: the popup's address, the shown community's join
/// addresses, forms and new home, and the page's links where their address is written
/// out. Runs after the screen is scrubbed, on addresses checked by `safe_for_osc8`.
pub fn link_addresses(buffer: &mut Buffer, app: &App, detail: Rect) {
    if let Some(Overlay::Url(url)) = &app.screen.overlay {
        link_text(buffer, buffer.area, url, url);
        return;
    }
    if app.screen.overlay.is_some() {
        return;
    }
    if let Some(View::Community(id)) = app.view() {
        let community = &app.communities[*id];
        for channel in &community.channels {
            if let Some(email) = &channel.email {
                link_text(buffer, detail, email, &format!("mailto:{email}"));
            }
            if let Some(form) = &channel.form {
                link_text(buffer, detail, form, form);
            }
        }
        if let Some(redirect) = &community.redirect {
            link_text(buffer, detail, redirect, redirect);
        }
    }
    for link in app.page.rendered.links.iter() {
        if link.url.starts_with("http") {
            link_text(buffer, detail, &link.url, &link.url);
        }
    }
}

/// Marks each place in `area` where `text` is drawn, whole or cut with `…`, as a link
/// to `url`.
pub fn link_text(buffer: &mut Buffer, area: Rect, text: &str, url: &str) {
    if !safe_for_osc8(url) || text.is_empty() {
        return;
    }
    let wanted: Vec<char> = text.chars().collect();
    let area = area.intersection(buffer.area);
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let matched = (0..wanted.len())
                .take_while(|&i| {
                    let at = x + i as u16;
                    at < area.right() && single_char(buffer[(at, y)].symbol()) == Some(wanted[i])
                })
                .count();
            let end = x + matched as u16;
            let cut = matched >= SHORTEST_CUT
                && matched < wanted.len()
                && end < area.right()
                && buffer[(end, y)].symbol() == "…";
            if matched == wanted.len() || cut {
                let cells = matched as u16 + u16::from(cut);
                wrap_cells(buffer, x, y, cells, url);
                x += cells;
            } else {
                x += 1;
            }
        }
    }
}

fn single_char(symbol: &str) -> Option<char> {
    let mut chars = symbol.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// Two cells at a time, as ratatui's own hyperlink example does: the first carries the
/// link around both symbols and says how many columns it covers, the second is skipped
/// when the screen is written.
fn wrap_cells(buffer: &mut Buffer, x: u16, y: u16, count: u16, url: &str) {
    let mut at = x;
    while at < x + count {
        let pair = (x + count - at).min(2);
        let text: String = (at..at + pair)
            .map(|cx| buffer[(cx, y)].symbol().to_string())
            .collect();
        let Some(width) = NonZeroU16::new(pair) else {
            return;
        };
        buffer[(at, y)]
            .set_symbol(&format!("\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\"))
            .set_diff_option(CellDiffOption::ForcedWidth(width));
        for skipped in at + 1..at + pair {
            buffer[(skipped, y)].set_diff_option(CellDiffOption::Skip);
        }
        at += pair;
    }
}

/// Whether the terminal is known to understand OSC 8, from its environment (`lookup`
/// reads a variable). Unknown terminals get none: some print the sequence as text.
pub fn terminal_supports_hyperlinks(lookup: impl Fn(&str) -> Option<String>) -> bool {
    let set = |name: &str| lookup(name).is_some_and(|v| !v.is_empty());
    if set("TMUX") || lookup("TERM").is_some_and(|t| t.starts_with("screen")) {
        // Multiplexers pass OSC 8 on only when configured to.
        return false;
    }
    let program = lookup("TERM_PROGRAM").unwrap_or_default();
    let term = lookup("TERM").unwrap_or_default();
    set("VTE_VERSION")
        || set("KITTY_WINDOW_ID")
        || set("WT_SESSION")
        || set("WEZTERM_EXECUTABLE")
        || ["iTerm.app", "WezTerm", "vscode", "ghostty"].contains(&program.as_str())
        || ["xterm-kitty", "foot", "xterm-ghostty", "alacritty"].contains(&term.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;

    #[test]
    fn only_printable_ascii_addresses_are_linked() {
        assert!(safe_for_osc8("mailto:x@list.gov"));
        assert!(!safe_for_osc8("https://a.gov/\x1b]8;;evil"));
        assert!(!safe_for_osc8("https://a.gov/\u{9c}"));
        assert!(!safe_for_osc8("https://a.gov/ x"));
        assert!(!safe_for_osc8(""));
    }

    #[test]
    fn whole_and_cut_addresses_become_links_two_cells_at_a_time() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 30, 2));
        buffer.set_line(0, 0, &Line::raw("Address join@list.gov end"), 30);
        buffer.set_line(0, 1, &Line::raw("Address join@list.g…"), 30);
        let area = buffer.area;
        link_text(&mut buffer, area, "join@list.gov", "mailto:join@list.gov");
        let first = buffer[(8, 0)].symbol().to_string();
        assert_eq!(first, "\x1b]8;;mailto:join@list.gov\x1b\\jo\x1b]8;;\x1b\\");
        assert_eq!(buffer[(9, 0)].diff_option, CellDiffOption::Skip);
        assert_eq!(
            buffer[(21, 0)].diff_option,
            CellDiffOption::None,
            "the rest stays"
        );
        // Written to a screen: the link cell, never the one it covers, then the rest.
        let blank = Buffer::empty(buffer.area);
        let written: Vec<u16> = blank
            .diff(&buffer)
            .into_iter()
            .filter(|(_, y, _)| *y == 0)
            .map(|(x, _, _)| x)
            .collect();
        assert!(written.contains(&8) && !written.contains(&9), "{written:?}");
        assert!(written.contains(&22), "{written:?}");
        assert_eq!(buffer[(21, 0)].symbol(), " ");
        // The cut one: its visible letters and the ellipsis link to the whole address.
        let last = buffer[(18, 1)].symbol().to_string();
        assert!(last.contains("g…"), "{last:?}");
        assert!(last.starts_with("\x1b]8;;mailto:join@list.gov\x1b\\"));
        // An address with a control character is never written into a sequence.
        let mut buffer = Buffer::empty(Rect::new(0, 0, 30, 1));
        buffer.set_line(0, 0, &Line::raw("https://a.gov/x"), 30);
        link_text(
            &mut buffer,
            Rect::new(0, 0, 30, 1),
            "https://a.gov/x",
            "https://a.gov/x\x07",
        );
        assert!(buffer.content.iter().all(|c| !c.symbol().contains('\x1b')));
    }

    #[test]
    fn known_terminals_get_links_and_multiplexers_do_not() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(terminal_supports_hyperlinks(env(&[(
            "VTE_VERSION",
            "7600"
        )])));
        assert!(terminal_supports_hyperlinks(env(&[(
            "TERM",
            "xterm-kitty"
        )])));
        assert!(!terminal_supports_hyperlinks(env(&[(
            "TERM",
            "xterm-256color"
        )])));
        assert!(!terminal_supports_hyperlinks(env(&[
            ("VTE_VERSION", "7600"),
            ("TMUX", "/tmp/tmux-0/default,1,0")
        ])));
        assert!(!terminal_supports_hyperlinks(env(&[("TERM", "linux")])));
    }
}
