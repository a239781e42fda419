//! Drawing: one function per pane, each reading `App` and nothing else.

mod detail;
mod header;
pub mod hyperlink;
mod list;
mod overlay;
pub mod qr;
mod scan;
mod status;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Focus, Overlay};
use crate::sanitize::{clean_line, is_unsafe};

/// Draws the whole screen for the app's current state.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    draw_unscrubbed(frame, app);
    scrub(frame);
    if app.hyperlinks
        && let Some(panes) = app.areas_in(frame.area())
    {
        hyperlink::link_addresses(frame.buffer_mut(), app, panes.detail);
    }
}

/// The screen as the views draw it, before the last line of defence: tests check that
/// no view lets a control character through on its own.
pub fn draw_unscrubbed(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    match app.areas_in(area) {
        Some(panes) => {
            header::render(frame, app, panes.header);
            // In the demo's large layout the panes share the middle: the focused one shows.
            let one_pane = app.single_pane();
            if !one_pane || app.screen.focus != Focus::Detail {
                list::render(frame, app, panes.list);
            }
            if !one_pane || app.screen.focus == Focus::Detail {
                detail::render(frame, app, panes.detail);
            }
            status::render(frame, app, panes.status);
            if let Some(caption) = app.demo.as_ref().and_then(|demo| match demo.attract {
                Some(_) => Some(crate::app::demo::ATTRACT_CAPTION),
                None => demo.caption.as_deref(),
            }) {
                scan::render_caption(frame, app, area, caption);
            }
            match &app.screen.overlay {
                Some(Overlay::Scan(card)) => scan::render_card(frame, app, area, card),
                _ => overlay::render(frame, app, area),
            }
        }
        None => too_small(frame, area),
    }
}

/// The terminal is below the smallest size: say so, wrapped to whatever width there is.
fn too_small(frame: &mut Frame<'_>, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!(
        "Terminal too small: {}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}",
        area.width, area.height
    );
    let paragraph = Paragraph::new(text)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    // About the middle: the message takes at most four lines at the widths it wraps at.
    let top = area.height.saturating_sub(4) / 2;
    let rest = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(paragraph, rest);
}

/// The last line of defence: no cell may hold a control character, whatever a view
/// forgot to clean.
fn scrub(frame: &mut Frame<'_>) {
    for cell in frame.buffer_mut().content.iter_mut() {
        if cell.symbol().chars().any(is_unsafe) {
            let clean = clean_line(cell.symbol()).into_owned();
            cell.set_symbol(&clean);
        }
    }
}
