//! Where each pane sits for a terminal size. `update` uses it for the mouse and page
//! sizes, the views use it to draw, so both always agree.

use ratatui::layout::{Constraint, Flex, Layout, Rect};

/// Smallest terminal the browser draws in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width on, list and page sit side by side.
pub const SIDE_BY_SIDE_WIDTH: u16 = 100;

/// The rectangles of the browser's panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub list: Rect,
    pub detail: Rect,
    pub status: Rect,
}

impl Areas {
    /// Rows of list entries that fit inside the list's border.
    pub fn list_rows(&self) -> usize {
        usize::from(self.list.height.saturating_sub(2))
    }

    /// Rows of page text that fit inside the page's border.
    pub fn detail_rows(&self) -> usize {
        usize::from(self.detail.height.saturating_sub(2))
    }

    /// The same screen with one pane at a time: list and page both take the whole
    /// middle, and the view draws the one that has the focus.
    pub fn one_pane(self) -> Self {
        let body = self.list.union(self.detail);
        Self {
            list: body,
            detail: body,
            ..self
        }
    }

    /// Columns of page text inside the border, with one column of padding each side.
    pub fn detail_width(&self) -> usize {
        usize::from(self.detail.width.saturating_sub(4)).max(1)
    }
}

/// The panes for a terminal of `area`, or None when it is too small to draw in.
pub fn areas(area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [header, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let [list, detail] = if area.width >= SIDE_BY_SIDE_WIDTH {
        let list_width = (area.width * 2 / 5).clamp(40, 64);
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(20)]).areas(body)
    } else {
        let list_height = (body.height * 2 / 5).max(5);
        Layout::vertical([Constraint::Length(list_height), Constraint::Min(3)]).areas(body)
    };
    Some(Areas {
        header,
        list,
        detail,
        status,
    })
}

/// A `width`×`height` box in the middle of `area` (cut to fit): where popups go.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacks_when_narrow_and_refuses_tiny() {
        let wide = areas(Rect::new(0, 0, 140, 40)).unwrap();
        assert_eq!(wide.list.y, wide.detail.y);
        let narrow = areas(Rect::new(0, 0, 80, 24)).unwrap();
        assert_eq!(narrow.list.x, narrow.detail.x);
        assert!(narrow.detail.y > narrow.list.y);
        assert!(areas(Rect::new(0, 0, 39, 24)).is_none());
        assert!(areas(Rect::new(0, 0, 80, 9)).is_none());
    }
}
