//! The status bar: the last message, the line being typed, or the keys that matter now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Overlay};
use crate::sanitize::clean_line;
use crate::text::width_of;

pub fn render(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let width = usize::from(area.width);
    let typing = match (&app.screen.overlay, &app.page.find) {
        (Some(Overlay::Find), Some(find)) => Some((" Find in page: ", find.query.as_str())),
        (Some(Overlay::LinkPrompt(digits)), _) => Some((" Open link number: ", digits.as_str())),
        _ => None,
    };
    let mut spans = Vec::new();
    let mut cursor = None;
    if let Some((label, typed)) = typing {
        let typed = clean_line(typed).into_owned();
        // The end of a long word stays in view, beside the cursor.
        let room = width.saturating_sub(width_of(label) + 1).max(1);
        let shown = crate::text::fit_tail(&typed, room);
        cursor = Some(width_of(label) + width_of(&shown));
        spans.push(Span::styled(label, theme.key));
        spans.push(Span::raw(shown));
        spans.push(Span::raw("  "));
        push_hints(&mut spans, app, width);
    } else if let Some(message) = &app.screen.message {
        spans.push(Span::styled(
            format!(" {}", clean_line(message)),
            theme.strong,
        ));
    } else if let Some(progress) = &app.syncing {
        spans.push(Span::styled(
            format!(" {}", clean_line(progress)),
            theme.muted,
        ));
    } else {
        spans.push(Span::raw(" "));
        push_hints(&mut spans, app, width);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if let Some(x) = cursor.and_then(|x| u16::try_from(x).ok())
        && x < area.width
    {
        frame.set_cursor_position((area.x + x, area.y));
    }
}

/// The hints that fit, whole, in order; none is cut in half.
fn push_hints(spans: &mut Vec<Span<'static>>, app: &App, width: usize) {
    let theme = &app.theme;
    let mut used: usize = spans.iter().map(|s| s.width()).sum();
    for (key, word) in app.hints() {
        let hint = format!(" {word}  ");
        let needed = width_of(&key) + width_of(&hint);
        if used + needed > width + 2 {
            break;
        }
        used += needed;
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(hint, theme.muted));
    }
}
