//! A whole community page as styled lines: title, join card, body, topics, address and
//! the numbered links. The detail pane and `copdeck show` both print this.

use ratatui::style::Style;
use ratatui::text::Line;

use crate::content::{Community, JoinChannel};
use crate::markdown::wrap::{Prefix, Run, wrap_runs};
use crate::markdown::{Link, Rendered, render_markdown};
use crate::sanitize::clean_line;
use crate::theme::Theme;

/// Widest the join card grows, however wide the pane.
const CARD_WIDTH: usize = 76;

/// `1979` → `1,979`.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "about 1.6 emails a week" for a list's traffic.
pub fn traffic(per_week: f64) -> String {
    if per_week < 1.0 {
        format!("about {} emails a month", (per_week * 4.3).round().max(1.0))
    } else {
        format!("about {:.1} emails a week", per_week).replace(".0 emails", " emails")
    }
}

/// The page's status in short words ("hidden", "expired"), for list markers.
pub fn status_words(community: &Community) -> Vec<&'static str> {
    let mut words = Vec::new();
    if community.hidden() {
        words.push("hidden");
    }
    if community.expired {
        words.push("expired");
    }
    words
}

/// The page's status as a sentence under its title.
fn status_line(community: &Community) -> Option<String> {
    let mut parts = Vec::new();
    if community.hidden() {
        parts.push("Hidden on the site (weight 0)".to_string());
    }
    if let (true, Some(day)) = (community.expired, community.expiry) {
        parts.push(format!("Expired on {day}"));
    }
    if community.moved() {
        parts.push("Moved to another site ↗".to_string());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

struct Builder<'t> {
    theme: &'t Theme,
    width: usize,
    lines: Vec<Line<'static>>,
}

impl Builder<'_> {
    fn wrap(&mut self, runs: &[Run], prefix: Prefix) {
        self.lines.extend(wrap_runs(runs, prefix, self.width));
    }

    fn para(&mut self, text: &str, style: Style) {
        self.wrap(&[(clean_line(text).into_owned(), style)], Prefix::default());
    }

    /// A value after a label, wrapped under itself.
    fn labelled(&mut self, label: &str, value: &str, style: Style) {
        let prefix = Prefix {
            first: vec![(format!("{label:<8}"), self.theme.label)],
            rest: vec![(" ".repeat(8), Style::new())],
        };
        self.wrap(&[(value.to_string(), style)], prefix);
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    fn card_row(&mut self, label: &str, value: &str, style: Style) {
        let width = self.width.min(CARD_WIDTH);
        let bar = ("│ ".to_string(), self.theme.card_border);
        let prefix = Prefix {
            first: vec![bar.clone(), (format!("{label:<9} "), self.theme.label)],
            rest: vec![bar, (" ".repeat(10), Style::new())],
        };
        let runs = [(clean_line(value).into_owned(), style)];
        self.lines.extend(wrap_runs(&runs, prefix, width));
    }

    fn card_edge(&mut self, title: Option<&str>) {
        let width = self.width.min(CARD_WIDTH);
        let line = match title {
            Some(title) => {
                let head = format!("╭─ {title} ");
                let fill = width.saturating_sub(crate::markdown::wrap::text_width(&head));
                format!("{head}{}", "─".repeat(fill))
            }
            None => format!("╰{}", "─".repeat(width.saturating_sub(1))),
        };
        self.lines.push(Line::styled(line, self.theme.card_border));
    }

    fn channel(&mut self, channel: &JoinChannel) {
        let theme = *self.theme;
        let mut heading = channel.platform.label().to_string();
        if let Some(audience) = channel.audience {
            heading.push_str(" · ");
            heading.push_str(audience.label());
        }
        self.card_row("Channel", &heading, theme.strong);
        if let Some(email) = &channel.email {
            self.card_row("Address", email, theme.accent);
        }
        if let Some(subject) = &channel.subject {
            self.card_row("Subject", subject, Style::new());
        }
        if let Some(body) = &channel.body {
            self.card_row("Message", body, theme.code);
        }
        if let Some(form) = &channel.form {
            self.card_row("Form", form, theme.link);
        }
        let members = channel
            .members
            .map_or_else(|| "not published".to_string(), group_digits);
        self.card_row("Members", &members, Style::new());
        if let Some(per_week) = channel.emails_per_week {
            self.card_row("Traffic", &traffic(per_week), Style::new());
        }
        if let Some(terms) = &channel.terms {
            self.card_row("Who", terms, theme.muted);
        }
    }

    fn join_card(&mut self, community: &Community) {
        self.card_edge(Some("How to join"));
        if let Some(redirect) = &community.redirect {
            self.card_row(
                "Moved",
                "This community now lives elsewhere:",
                self.theme.strong,
            );
            self.card_row("", redirect, self.theme.link);
        }
        for (i, channel) in community.channels.iter().enumerate() {
            if i > 0 || community.redirect.is_some() {
                self.card_row("", "", Style::new());
            }
            self.channel(channel);
        }
        if community.channels.is_empty() && community.redirect.is_none() {
            self.card_row("", "This page lists no way to join.", self.theme.muted);
        }
        self.card_edge(None);
    }
}

/// Renders a community page for a pane or a pipe `width` columns wide.
pub fn render_page(community: &Community, width: usize, theme: &Theme) -> Rendered {
    let width = width.max(1);
    let mut b = Builder {
        theme,
        width,
        lines: Vec::new(),
    };
    b.para(community.name(), theme.title);
    if let Some(status) = status_line(community) {
        b.para(&status, theme.warning);
    }
    if !community.summary.is_empty() {
        b.para(&community.summary, Style::new());
    }
    if let Some(deck) = &community.deck {
        b.para(deck, theme.muted);
    }
    b.blank();
    b.join_card(community);
    let body = render_markdown(&community.body, width, theme, 1);
    if !body.lines.is_empty() {
        b.blank();
        b.lines.extend(body.lines);
    }
    b.blank();
    if !community.topics.is_empty() {
        let topics = clean_line(&community.topics.join(", ")).into_owned();
        b.labelled("Topics", &topics, theme.accent);
    }
    b.labelled("Page", &community.url(), theme.link);
    if !body.links.is_empty() {
        b.blank();
        b.para("Links", theme.heading);
        for (i, link) in body.links.iter().enumerate() {
            let number = format!("[{}] ", i + 1);
            let indent = " ".repeat(number.len());
            let mut runs = vec![];
            if !link.text.is_empty() && link.text != link.url {
                runs.push((format!("{} ", clean_line(&link.text)), Style::new()));
            }
            runs.push((clean_line(&link.url).into_owned(), theme.link));
            let prefix = Prefix {
                first: vec![(number, theme.link_number)],
                rest: vec![(indent, Style::new())],
            };
            b.wrap(&runs, prefix);
        }
    }
    Rendered {
        lines: b.lines,
        links: body.links,
    }
}

/// The plain text of rendered lines, for pipes.
pub fn plain_text(lines: &[Line<'_>]) -> String {
    let mut out = String::new();
    for line in lines {
        out.push_str(line.to_string().trim_end());
        out.push('\n');
    }
    out
}

/// Convenience for callers that only need the links of a page.
pub fn page_links(community: &Community) -> Vec<Link> {
    render_markdown(&community.body, 80, &Theme::mono(), 1).links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1979), "1,979");
        assert_eq!(group_digits(1234567), "1,234,567");
    }

    #[test]
    fn describes_traffic() {
        assert_eq!(traffic(1.58), "about 1.6 emails a week");
        assert_eq!(traffic(2.0), "about 2 emails a week");
        assert_eq!(traffic(0.5), "about 2 emails a month");
    }
}
