//! Every theme checked on the background it is made for: each role's colour against that
//! background by the WCAG 2 contrast ratio.
//!
//! The sixteen ANSI colours are taken as xterm draws them by default (its `XTerm` palette:
//! blue is 0,0,238, grey 229,229,229, dark grey 127,127,127); indexed colours 16–255 by the
//! 256-colour cube and grey ramp that xterm-compatible terminals share. The terminal's own
//! foreground is assumed black on a light background and white on a dark one.

use ratatui::style::{Color, Style};

use super::Theme;

type Rgb = (u8, u8, u8);

const BLACK: Rgb = (0, 0, 0);
const WHITE: Rgb = (255, 255, 255);

/// Text must reach WCAG AA for body text; borders only need AA for interface parts.
const TEXT_RATIO: f64 = 4.5;
const BORDER_RATIO: f64 = 3.0;
const BORDERS: &[&str] = &["border", "focus_border", "card_border"];

fn xterm(color: Color, foreground: Rgb) -> Rgb {
    match color {
        Color::Reset => foreground,
        Color::Black => (0, 0, 0),
        Color::Red => (205, 0, 0),
        Color::Green => (0, 205, 0),
        Color::Yellow => (205, 205, 0),
        Color::Blue => (0, 0, 238),
        Color::Magenta => (205, 0, 205),
        Color::Cyan => (0, 205, 205),
        Color::Gray => (229, 229, 229),
        Color::DarkGray => (127, 127, 127),
        Color::LightRed => (255, 0, 0),
        Color::LightGreen => (0, 255, 0),
        Color::LightYellow => (255, 255, 0),
        Color::LightBlue => (92, 92, 255),
        Color::LightMagenta => (255, 0, 255),
        Color::LightCyan => (0, 255, 255),
        Color::White => (255, 255, 255),
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(n) if n < 16 => xterm(ansi(n), foreground),
        Color::Indexed(n) if n >= 232 => {
            let v = 8 + 10 * (n - 232);
            (v, v, v)
        }
        Color::Indexed(n) => {
            let step = |i: u8| if i == 0 { 0 } else { 55 + 40 * i };
            let n = n - 16;
            (step(n / 36), step((n / 6) % 6), step(n % 6))
        }
    }
}

fn ansi(n: u8) -> Color {
    [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ][usize::from(n)]
}

fn luminance((r, g, b): Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The contrast of a style's text on `background`, with the terminal's `foreground`.
fn contrast(style: Style, background: Rgb, foreground: Rgb) -> f64 {
    let fg = xterm(style.fg.unwrap_or(Color::Reset), foreground);
    let bg = style.bg.map_or(background, |bg| xterm(bg, background));
    // Reverse video swaps the two, which leaves the ratio as it is.
    ratio(fg, bg)
}

fn failures(theme: &Theme, background: Rgb, foreground: Rgb) -> Vec<String> {
    theme
        .roles()
        .into_iter()
        .filter_map(|(name, style)| {
            let needed = if BORDERS.contains(&name) {
                BORDER_RATIO
            } else {
                TEXT_RATIO
            };
            let got = contrast(style, background, foreground);
            (got < needed).then(|| format!("{name}: {got:.2}:1, needs {needed}:1"))
        })
        .collect()
}

#[test]
fn the_palette_arithmetic_matches_known_ratios() {
    assert!((ratio(BLACK, WHITE) - 21.0).abs() < 1e-9);
    // xterm's blue on black is the classic unreadable pair.
    assert!(ratio(xterm(Color::Blue, WHITE), BLACK) < 2.5);
    assert_eq!(xterm(Color::Indexed(242), BLACK), (108, 108, 108));
    assert_eq!(xterm(Color::Indexed(28), BLACK), (0, 135, 0));
    assert_eq!(xterm(Color::Indexed(4), BLACK), (0, 0, 238));
}

#[test]
fn every_role_of_the_light_theme_reads_on_white() {
    assert_eq!(
        failures(&Theme::light(), WHITE, BLACK),
        Vec::<String>::new()
    );
}

#[test]
fn every_role_of_the_dark_themes_reads_on_black() {
    for theme in [Theme::color(), Theme::high_contrast(), Theme::mono()] {
        assert_eq!(failures(&theme, BLACK, WHITE), Vec::<String>::new());
    }
}

#[test]
fn the_old_light_theme_would_fail() {
    // ANSI 7 for secondary text, as the light theme had it: 1.26:1 on white.
    let grey = Theme {
        muted: Style::new().fg(Color::Gray),
        ..Theme::light()
    };
    assert_eq!(failures(&grey, WHITE, BLACK).len(), 1);
}
