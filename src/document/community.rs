//! A community's page: title, status, the join card, the body and its links.

use chrono::NaiveDate;
use ratatui::style::Style;

use super::join::{JOIN_FORM, JoinField, channel_heading, channel_rows, join_form_choice};
use super::{Builder, tags_markdown};
use crate::content::{Community, JoinChannel, Site};
use crate::markdown::{PageLines, Rendered};
use ratatui::text::{Line, Span};

use crate::markdown::wrap::{Prefix, wrap_runs};
use crate::sanitize::clean_line;

/// Columns of the card's label column ("Address  ").
const LABEL_WIDTH: usize = 10;

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
        parts.push(format!(
            "Expired on {day}: the site no longer serves this page"
        ));
    }
    if community.moved() {
        parts.push("Moved to another site ↗".to_string());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

impl Builder<'_> {
    /// A row of the join card, its value wrapped inside the card's two edges.
    fn card_row(&mut self, label: &str, value: &str, style: Style) {
        let bar = ("│ ".to_string(), self.theme.card_border);
        let prefix = Prefix {
            first: vec![
                bar.clone(),
                (
                    format!("{label:<w$}", w = LABEL_WIDTH - 1) + " ",
                    self.theme.label,
                ),
            ],
            rest: vec![bar, (" ".repeat(LABEL_WIDTH), Style::new())],
        };
        let runs = [(clean_line(value).into_owned(), style)];
        let inner = self.width.saturating_sub(2);
        let mut rows = PageLines::new();
        wrap_runs(&runs, prefix, inner, &mut rows);
        for row in rows.iter() {
            self.close_card_row(row);
        }
    }

    /// An address, which is never broken inside: one line, cut with `…` when the card
    /// is too narrow (`y` and `o` still take the whole address).
    fn card_address(&mut self, label: &str, address: &str, style: Style) {
        let room = self.width.saturating_sub(4 + LABEL_WIDTH);
        let shown = crate::text::fit(&clean_line(address), room);
        let row = Line::from(vec![
            Span::styled("│ ", self.theme.card_border),
            Span::styled(
                format!("{label:<w$}", w = LABEL_WIDTH - 1) + " ",
                self.theme.label,
            ),
            Span::styled(shown, style),
        ]);
        self.close_card_row(row);
    }

    /// Pads a card row to the card's width and draws its right edge.
    fn close_card_row(&mut self, mut row: Line<'_>) {
        let used = row.width();
        let pad = self.width.saturating_sub(used + 2);
        row.spans.push(Span::raw(" ".repeat(pad)));
        row.spans.push(Span::styled(" │", self.theme.card_border));
        self.lines.push(row);
    }

    /// The card's top edge with its title, or its bottom edge: as wide as the pane's
    /// text, at every size.
    fn card_edge(&mut self, title: Option<&str>) {
        let width = self.width.max(4);
        let line = match title {
            Some(title) => {
                let head = crate::text::fit(&format!("╭─ {title} "), width - 1);
                let fill = width.saturating_sub(crate::text::width_of(&head) + 1);
                format!("{head}{}╮", "─".repeat(fill))
            }
            None => format!("╰{}╯", "─".repeat(width - 2)),
        };
        self.lines.push(Line::styled(line, self.theme.card_border));
    }

    fn channel(&mut self, channel: &JoinChannel) {
        let theme = *self.theme;
        self.card_row("Channel", &channel_heading(channel), theme.strong);
        for row in channel_rows(channel) {
            let value = &row.value;
            match row.field {
                JoinField::Address => self.card_address(row.field.label(), value, theme.accent),
                JoinField::Form => self.card_address(row.field.label(), value, theme.link),
                JoinField::Message => self.card_row(row.field.label(), value, theme.code),
                JoinField::Who => self.card_row(row.field.label(), value, theme.muted),
                // The card's address row is the link a terminal can follow.
                JoinField::Mailto => {}
                _ => self.card_row(row.field.label(), value, Style::new()),
            }
        }
    }

    /// The site's join form, and which choice on it is this community's.
    fn join_form(&mut self, community: &Community) {
        let Some(subject) = join_form_choice(community) else {
            return;
        };
        self.card_row("", "", Style::new());
        self.card_row("Channel", "Digital.gov join form", self.theme.strong);
        self.card_row("Form", JOIN_FORM, self.theme.link);
        self.card_row("Choose", &format!("“{subject}”"), Style::new());
    }

    /// The community's upcoming events, soonest first.
    fn upcoming(&mut self, events: &[(String, String)]) {
        if events.is_empty() {
            return;
        }
        self.blank();
        self.headings.push(self.lines.len(), "Upcoming events");
        self.para("Upcoming events", self.theme.heading);
        for (day, title) in events {
            self.wrap(
                &[(clean_line(title).into_owned(), Style::new())],
                Prefix {
                    first: vec![(format!("• {day}  "), self.theme.muted)],
                    rest: vec![(" ".repeat(14), Style::new())],
                },
            );
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
            self.card_address("", redirect, self.theme.link);
        }
        for (i, channel) in community.channels.iter().enumerate() {
            if i > 0 || community.redirect.is_some() {
                self.card_row("", "", Style::new());
            }
            self.channel(channel);
        }
        self.join_form(community);
        if community.channels.is_empty() && community.redirect.is_none() {
            self.card_row("", "This page lists no way to join.", self.theme.muted);
        }
        self.card_edge(None);
    }
}

/// Events of the site not yet past whose `event_cop` names the community's own
/// `event_cop`, soonest first.
pub fn upcoming_events(community: &Community, site: &Site, today: NaiveDate) -> Vec<usize> {
    let names: Vec<&str> = community
        .event_cop
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        return Vec::new();
    }
    let mut ids: Vec<usize> = (0..site.pages.len())
        .filter(|&id| {
            let page = &site.pages[id];
            page.section() == "events"
                && !page.is_section
                && page.date.is_some_and(|d| d >= today)
                && page
                    .event_cop()
                    .any(|e| names.iter().any(|n| e.trim().eq_ignore_ascii_case(n)))
        })
        .collect();
    ids.sort_by_key(|&id| site.pages[id].date);
    ids
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
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
    b.headings.push(b.lines.len(), "How to join");
    b.join_card(community);
    if let Some(site) = site {
        let events: Vec<(String, String)> = upcoming_events(community, site, today())
            .into_iter()
            .map(|id| {
                let page = &site.pages[id];
                let day = page.date.map(|d| d.to_string()).unwrap_or_default();
                (day, page.title().to_string())
            })
            .collect();
        b.upcoming(&events);
    }
    // The body is copied only when there are tags to add to it.
    let tags = tags_markdown(site, &community.topics, &community.authors);
    let body: std::borrow::Cow<'_, str> = if tags.is_empty() {
        std::borrow::Cow::Borrowed(&community.body)
    } else {
        std::borrow::Cow::Owned(format!("{}{tags}", community.body))
    };
    let links = b.markdown(&body, site, Some(&super::community_key(community)));
    b.finish(&community.url(), links, site)
}
