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
            // Blue, red and magenta are too dark on a black background in common
            // palettes (xterm draws blue at 2.2:1); their light variants read.
            link: Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::UNDERLINED),
            link_number: Style::new().fg(Color::LightMagenta),
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
            warning: bold.fg(Color::LightRed),
            key: bold,
            link_notes: LinkNotes::Marked,
        }
    }

    /// Every role with its style, for checks over the whole theme.
    pub fn roles(&self) -> [(&'static str, Style); 21] {
        [
            ("title", self.title),
            ("heading", self.heading),
            ("subheading", self.subheading),
            ("emphasis", self.emphasis),
            ("strong", self.strong),
            ("strike", self.strike),
            ("code", self.code),
            ("link", self.link),
            ("link_number", self.link_number),
            ("quote", self.quote),
            ("muted", self.muted),
            ("accent", self.accent),
            ("card_border", self.card_border),
            ("label", self.label),
            ("matched", self.matched),
            ("selected", self.selected),
            ("focus_border", self.focus_border),
            ("border", self.border),
            ("status", self.status),
            ("warning", self.warning),
            ("key", self.key),
        ]
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

    /// Dark colours for light backgrounds. The greys and the green are entries of the
    /// 256-colour cube, whose values terminals agree on, so their contrast is known;
    /// ANSI 7 and 8 (grey) are near-white or too light on white in common palettes.
    pub fn light() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let grey = Color::Indexed(242);
        let green = Color::Indexed(28);
        Self {
            title: bold.fg(Color::Blue),
            heading: bold.fg(Color::Blue),
            code: Style::new().fg(Color::Magenta),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            link_number: Style::new().fg(Color::Magenta),
            quote: Style::new().fg(grey),
            muted: Style::new().fg(grey),
            accent: Style::new().fg(green),
            card_border: Style::new().fg(green),
            matched: bold.fg(Color::Red).add_modifier(Modifier::UNDERLINED),
            focus_border: Style::new().fg(Color::Blue),
            border: Style::new().fg(grey),
            warning: bold.fg(Color::Red),
            ..Self::color()
        }
    }

    /// Strong contrast: the terminal's own foreground, bold where it matters, and
    /// everything that needs telling apart underlined or reversed as well as coloured.
    pub fn high_contrast() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mono = Self::mono();
        Self {
            title: bold.add_modifier(Modifier::UNDERLINED),
            link: bold.add_modifier(Modifier::UNDERLINED),
            link_number: bold,
            matched: bold.fg(Color::Black).bg(Color::Yellow),
            selected: bold.add_modifier(Modifier::REVERSED),
            focus_border: bold.fg(Color::Yellow),
            warning: bold.fg(Color::LightRed),
            ..mono
        }
    }

    /// A theme by the name the config file and `--theme` use.
    pub fn named(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "dark" | "color" | "colour" => Some(Self::color()),
            "light" => Some(Self::light()),
            "high-contrast" | "high_contrast" | "contrast" => Some(Self::high_contrast()),
            "mono" | "none" | "no-color" => Some(Self::mono()),
            _ => None,
        }
    }

    /// The theme to use: `--theme` first, then `NO_COLOR` (mono), then the config's.
    pub fn choose(flag: Option<&str>, config: Option<&str>) -> Self {
        if let Some(theme) = flag.and_then(Self::named) {
            return theme;
        }
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Self::mono(),
            _ => config.and_then(Self::named).unwrap_or_else(Self::color),
        }
    }
}

#[cfg(test)]
mod contrast;
