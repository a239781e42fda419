//! The status bar: the last message, or the keys that matter now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keymap::hints;
use crate::app::{App, Overlay};
use crate::sanitize::clean_line;

pub fn render(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let line = if let Some(Overlay::LinkPrompt(digits)) = &app.overlay {
        Line::from(vec![
            Span::styled(" Open link number: ", theme.key),
            Span::raw(digits.clone()),
            Span::styled("   Enter open · Esc cancel", theme.muted),
        ])
    } else if let Some(message) = &app.message {
        Line::from(Span::styled(
            format!(" {}", clean_line(message)),
            theme.strong,
        ))
    } else {
        let mut spans = vec![Span::raw(" ")];
        for (key, hint) in hints(app.mode()) {
            spans.push(Span::styled(key, theme.key));
            spans.push(Span::styled(format!(" {hint}  "), theme.muted));
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
    if let Some(Overlay::LinkPrompt(digits)) = &app.overlay {
        let x = area.x + 19 + digits.len() as u16;
        if x < area.x + area.width {
            frame.set_cursor_position((x, area.y));
        }
    }
}
