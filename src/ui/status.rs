//! The status bar: the last message, or the keys that matter now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Overlay};
use crate::sanitize::clean_line;

pub fn render(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let find_query = match (&app.screen.overlay, &app.page.find) {
        (Some(Overlay::Find), Some(find)) => Some(clean_line(&find.query).into_owned()),
        _ => None,
    };
    let line = if let Some(query) = &find_query {
        Line::from(vec![
            Span::styled(" Find in page: ", theme.key),
            Span::raw(query.clone()),
            Span::styled("   Enter keep · Esc stop · then n/N", theme.muted),
        ])
    } else if let Some(Overlay::LinkPrompt(digits)) = &app.screen.overlay {
        Line::from(vec![
            Span::styled(" Open link number: ", theme.key),
            Span::raw(digits.clone()),
            Span::styled("   Enter open · Esc cancel", theme.muted),
        ])
    } else if let Some(message) = &app.screen.message {
        Line::from(Span::styled(
            format!(" {}", clean_line(message)),
            theme.strong,
        ))
    } else if let Some(progress) = &app.syncing {
        Line::from(Span::styled(
            format!(" {}", clean_line(progress)),
            theme.muted,
        ))
    } else {
        let mut spans = vec![Span::raw(" ")];
        for (key, hint) in app.keymap.hints(app.mode()) {
            spans.push(Span::styled(key, theme.key));
            spans.push(Span::styled(format!(" {hint}  "), theme.muted));
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
    if let Some(query) = &find_query {
        let x = area.x + 15 + crate::text::width_of(query) as u16;
        if x < area.x + area.width {
            frame.set_cursor_position((x, area.y));
        }
    } else if let Some(Overlay::LinkPrompt(digits)) = &app.screen.overlay {
        let x = area.x + 19 + digits.len() as u16;
        if x < area.x + area.width {
            frame.set_cursor_position((x, area.y));
        }
    }
}
