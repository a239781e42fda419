//! The page pane: the selected community's rendered page, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Padding, Paragraph};

use crate::app::{App, Focus};
use crate::sanitize::clean_line;

pub fn render(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Detail;
    let title = app
        .current()
        .map(|c| format!(" {} ", clean_line(c.name())))
        .unwrap_or_default();
    let rows = usize::from(area.height.saturating_sub(2));
    let total = app.page.lines.len();
    let position = if total > rows {
        let end = (app.page_scroll + rows).min(total);
        format!(" {}–{end} of {total} ", app.page_scroll + 1)
    } else {
        String::new()
    };
    let block = Block::bordered()
        .title(title)
        .title_bottom(Line::from(position).right_aligned())
        .padding(Padding::horizontal(1))
        .border_style(if focused {
            theme.focus_border
        } else {
            theme.border
        });
    let visible: Vec<Line<'_>> = app
        .page
        .lines
        .iter()
        .skip(app.page_scroll)
        .take(rows)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(visible).block(block), area);
}
