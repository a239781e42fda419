//! The page pane: the selected community's rendered page, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Padding, Paragraph};

use crate::app::{App, Focus};
use crate::cli::text::fit;
use crate::markdown::wrap::text_width;
use crate::sanitize::clean_line;

pub fn render(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Detail;
    let trail = app.breadcrumb();
    let room = usize::from(area.width.saturating_sub(6));
    let title = format!(" {} ", fit_trail(&trail, room));
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

/// The breadcrumb `A › B › C`, dropping the oldest steps (shown as `…`) to fit `room`.
fn fit_trail(trail: &[String], room: usize) -> String {
    let clean: Vec<String> = trail.iter().map(|t| clean_line(t).into_owned()).collect();
    for skip in 0..clean.len() {
        let mut parts: Vec<&str> = clean[skip..].iter().map(String::as_str).collect();
        if skip > 0 {
            parts.insert(0, "…");
        }
        let text = parts.join(" › ");
        if text_width(&text) <= room {
            return text;
        }
    }
    fit(clean.last().map_or("", String::as_str), room)
}
