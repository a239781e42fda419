//! A community's page: title, status, the join card, the body and its links.

use ratatui::style::Style;

use super::{Builder, group_digits, tags_markdown, traffic};
use crate::content::{Community, JoinChannel, Site};
use crate::markdown::Rendered;
use ratatui::text::Line;

use crate::markdown::wrap::{Prefix, wrap_runs};
use crate::sanitize::clean_line;

/// Widest the join card grows, however wide the pane.
const CARD_WIDTH: usize = 76;

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
pub(crate) fn status_line(community: &Community) -> Option<String> {
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

impl Builder<'_> {
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
pub fn render_page(
    community: &Community,
    width: usize,
    theme: &crate::theme::Theme,
    site: Option<&Site>,
) -> Rendered {
    let mut b = Builder::new(theme, width);
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
    b.headings.push((b.lines.len(), "How to join".to_string()));
    b.join_card(community);
    let body = format!(
        "{}{}",
        community.body,
        tags_markdown(site, &community.topics, &community.authors)
    );
    let links = b.markdown(&body, site, Some(&super::community_key(community)));
    b.finish(&community.url(), links, site)
}
