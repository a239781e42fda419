//! Popups over the panes: the key help and the choice of channel to join.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use crate::app::keymap::help_sections;
use crate::app::{App, Overlay};
use crate::markdown::wrap::text_width;
use crate::sanitize::clean_line;

pub fn render(frame: &mut Frame<'_>, app: &App, area: Rect) {
    match app.overlay {
        Some(Overlay::Help) => help(frame, app, area),
        Some(Overlay::ChooseChannel) => choose_channel(frame, app, area),
        _ => {}
    }
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

fn help(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let mut lines = Vec::new();
    for (title, rows) in help_sections() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(title, theme.heading));
        // Keys fit in 12 columns; operator examples take what they need.
        let width = rows
            .iter()
            .map(|(label, _)| text_width(label))
            .max()
            .unwrap_or(0)
            .max(11)
            + 1;
        for (label, help) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {label:<width$}"), theme.key),
                Span::raw(help),
            ]));
        }
    }
    let height = lines.len() as u16 + 2;
    let popup = centered(area, 70, height);
    let title = if popup.height < height {
        " Keys · ↑↓ scroll · Esc closes "
    } else {
        " Keys · Esc closes "
    };
    let block = Block::bordered()
        .title(title)
        .border_style(theme.focus_border)
        .padding(Padding::horizontal(1));
    frame.render_widget(Clear, popup);
    let scroll = u16::try_from(app.help_scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}

fn choose_channel(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let Some(community) = app.current() else {
        return;
    };
    let mut lines = vec![
        Line::raw("Which list do you want to join?"),
        Line::default(),
    ];
    for (i, channel) in community.channels.iter().enumerate() {
        let audience = channel.audience.map_or("", |a| a.label());
        let address = channel
            .email
            .as_deref()
            .or(channel.form.as_deref())
            .unwrap_or("no address");
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", i + 1), theme.key),
            Span::raw(format!("{audience} ")),
            Span::styled(clean_line(address).into_owned(), theme.muted),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Press a number, or Esc to cancel",
        theme.muted,
    ));
    let height = lines.len() as u16 + 2;
    let popup = centered(area, 72, height);
    let block = Block::bordered()
        .title(format!(" Join {} ", clean_line(community.name())))
        .border_style(theme.focus_border)
        .padding(Padding::horizontal(1));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
