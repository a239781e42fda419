//! The search line: prompt, query, and how many communities match, or why the query
//! cannot be run.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Focus, Mode, Scope};
use crate::sanitize::clean_line;
use crate::text::fit;
use crate::text::width_of;

pub fn render(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let searching = app.screen.focus == Focus::Search;
    let what = match app.list.scope {
        Scope::Communities => "communities",
        Scope::Site => "pages",
    };
    let indexing = match (&app.site, app.list.body_search.running) {
        (None, _) => format!("indexing site… {}  ", app.site_progress),
        (Some(_), true) => "searching text…  ".to_string(),
        (Some(_), false) => String::new(),
    };
    // Where the pages come from, when the header has room for it.
    let source = app
        .source_label
        .as_deref()
        .map(|label| format!("· {} ", clean_line(label)))
        .filter(|source| width_of(source) <= usize::from(area.width).saturating_sub(60))
        .unwrap_or_default();
    let count = format!(
        " {indexing}{}/{} {what} {source}",
        app.list.hits.len(),
        app.total()
    );
    let prompt = Span::styled(" / ", if searching { theme.key } else { theme.muted });
    let query = clean_line(&app.list.query).into_owned();
    let placeholder = !searching && query.is_empty();
    let search_key = app
        .keymap
        .key_or_name(Mode::Browse, &crate::app::Action::FocusSearch);
    let shown = if placeholder {
        Span::styled(
            match app.list.scope {
                Scope::Communities => format!("type {search_key} to search communities"),
                Scope::Site => format!("type {search_key} to search every page"),
            },
            theme.muted,
        )
    } else {
        Span::raw(query.clone())
    };
    let title = Span::styled(" copdeck ", theme.title);
    let left_width = width_of(" copdeck ") + 3;
    let right = match &app.list.query_error {
        // Beside the query when it fits, else over its end: the error is what matters.
        Some(error) => {
            let width = usize::from(area.width);
            let room = width
                .saturating_sub(left_width + width_of(&query) + 1)
                .max(width / 2);
            Span::styled(
                fit(&format!(" {} ", clean_line(error)), room),
                theme.warning,
            )
        }
        None => Span::styled(count, theme.muted),
    };
    let right_width = width_of(&right.content);
    let room = usize::from(area.width)
        .saturating_sub(left_width + right_width + 1)
        .max(1);
    // A query longer than its room scrolls: its end, where the cursor is, stays shown.
    let shown = if placeholder {
        Span::styled(fit(&shown.content, room), shown.style)
    } else {
        Span::raw(crate::text::fit_tail(&query, room))
    };
    let typed = width_of(&shown.content);
    let line = Line::from(vec![title, prompt, shown]);
    frame.render_widget(Paragraph::new(line), area);
    let right_x = area.x + area.width.saturating_sub(right_width as u16);
    frame.render_widget(
        Paragraph::new(Line::from(right)),
        Rect::new(
            right_x,
            area.y,
            area.width.saturating_sub(right_x - area.x),
            1,
        ),
    );
    if searching {
        let x = area.x + (left_width + typed) as u16;
        frame.set_cursor_position(Position::new(x.min(right_x.saturating_sub(1)), area.y));
    }
}
