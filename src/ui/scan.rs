//! The demo's screens of its own: a code to scan, as large as the screen allows with the
//! address under it, and the presenter's caption.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};

use super::qr::qr_lines_within;
use crate::app::{App, ScanCard};
use crate::sanitize::clean_line;

/// Draws the card over the whole screen, with no border to spend rows on: the title, the
/// code, the address. At 80x24 a mailto of about a hundred characters just fits.
pub fn render_card(frame: &mut Frame<'_>, app: &App, area: Rect, card: &ScanCard) {
    let theme = &app.theme;
    let caption = clean_line(&card.caption).into_owned();
    let width = usize::from(area.width).max(1);
    // The address under the code takes the lines it needs, cut at the width.
    let caption_rows = crate::text::width_of(&caption).div_ceil(width).max(1);
    let room = usize::from(area.height).saturating_sub(caption_rows + 1);
    let title = format!("{} · Esc closes", clean_line(&card.title));
    let mut lines = vec![Line::styled(title, theme.heading)];
    match qr_lines_within(&card.address, width, room) {
        Some(code) => {
            let spare = room - code.len();
            lines.extend(code.into_iter().map(Line::raw));
            if spare > 0 {
                lines.push(Line::default());
            }
        }
        None => lines.push(Line::styled(
            "(the screen is too small for a code: here is the address)",
            theme.muted,
        )),
    }
    lines.push(Line::styled(caption, theme.link));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// The caption, in a box over the bottom of the panes.
pub fn render_caption(frame: &mut Frame<'_>, app: &App, area: Rect, text: &str) {
    let text = clean_line(text).into_owned();
    let width = area.width.saturating_sub(4).max(1);
    let rows = (crate::text::width_of(&text) as u16)
        .div_ceil(width.saturating_sub(4).max(1))
        .max(1);
    let height = (rows + 2).min(area.height);
    let at = Rect::new(
        area.x + 2,
        area.bottom().saturating_sub(height + 1),
        width,
        height,
    );
    frame.render_widget(Clear, at);
    frame.render_widget(
        Paragraph::new(text)
            .style(app.theme.strong)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .block(
                Block::bordered()
                    .border_style(app.theme.focus_border)
                    .padding(Padding::horizontal(1)),
            ),
        at,
    );
}
