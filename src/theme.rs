//! Styles by role, so views name what a thing is and the theme decides how it looks.

use ratatui::style::{Color, Modifier, Style};

/// How a page numbers its links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkNotes {
    /// `[3⌂]` in the text, and a "Links" list saying where each one leads.
    Marked,
    /// lynx's `-dump` style: a bare `[3]` in the text, and a "References" list of full
    /// addresses. No symbols for a screen reader to spell out.
    References,
}

/// Every style the screens and the Markdown renderer use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub title: Style,
    pub heading: Style,
    pub subheading: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub strike: Style,
    pub code: Style,
    pub link: Style,
    pub link_number: Style,
    pub quote: Style,
    pub muted: Style,
    pub accent: Style,
    pub card_border: Style,
    pub label: Style,
    pub matched: Style,
    pub selected: Style,
    pub focus_border: Style,
    pub border: Style,
    pub status: Style,
    pub warning: Style,
    pub key: Style,
    pub link_notes: LinkNotes,
}

impl Theme {
    /// A restrained palette that reads on dark and light backgrounds: it never sets a
    /// background colour and keeps to the terminal's own palette entries.
    pub fn color() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Self {
            title: bold.fg(Color::Cyan),
            heading: bold.fg(Color::Cyan),
            subheading: bold,
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: bold,
            strike: Style::new().add_modifier(Modifier::CROSSED_OUT),
            code: Style::new().fg(Color::Yellow),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            link_number: Style::new().fg(Color::Magenta),
            quote: Style::new().fg(Color::DarkGray),
            muted: Style::new().fg(Color::DarkGray),
            accent: Style::new().fg(Color::Green),
            card_border: Style::new().fg(Color::Green),
            label: bold,
            matched: bold.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            focus_border: Style::new().fg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            status: Style::new().add_modifier(Modifier::REVERSED),
            warning: bold.fg(Color::Red),
            key: bold,
            link_notes: LinkNotes::Marked,
        }
    }

    /// No colour at all (`NO_COLOR`): bold, italic, reverse and underline only.
    pub fn mono() -> Self {
        let strip = |style: Style| Style {
            fg: None,
            bg: None,
            underline_color: None,
            ..style
        };
        let color = Self::color();
        Self {
            title: strip(color.title),
            heading: strip(color.heading).add_modifier(Modifier::UNDERLINED),
            subheading: strip(color.subheading),
            emphasis: strip(color.emphasis),
            strong: strip(color.strong),
            strike: strip(color.strike),
            code: Style::new(),
            link: strip(color.link),
            link_number: Style::new(),
            quote: Style::new(),
            muted: Style::new(),
            accent: Style::new(),
            card_border: Style::new(),
            label: strip(color.label),
            matched: strip(color.matched),
            selected: strip(color.selected),
            focus_border: Style::new().add_modifier(Modifier::BOLD),
            border: Style::new(),
            status: strip(color.status),
            warning: strip(color.warning),
            key: strip(color.key),
            link_notes: LinkNotes::Marked,
        }
    }

    /// `mono` with lynx-style links, for `copdeck show --dump` and `--plain`.
    pub fn dump() -> Self {
        Self {
            link_notes: LinkNotes::References,
            ..Self::mono()
        }
    }

    /// The theme the environment asks for: `mono` when `NO_COLOR` is set and not empty.
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Self::mono(),
            _ => Self::color(),
        }
    }
}
