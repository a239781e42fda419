//! The list of communities: name with matched letters, status, members, how to join.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::{Action, App, Elsewhere, Focus, Mode, Scope};
use crate::content::{Community, SitePage};
use crate::document::{group_digits, join_marker, status_words};
use crate::sanitize::clean_line;
use crate::text::fit;
use crate::text::width_of;

/// Columns for the members and join columns at the right of each row (`public list`).
const MEMBERS_WIDTH: usize = 6;
const MARKER_WIDTH: usize = 11;

pub fn render(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let focused = app.screen.focus != Focus::Detail;
    let mut title = String::from(match app.list.scope {
        Scope::Communities => " Communities ",
        Scope::Site => " All pages ",
    });
    if app.list.show_all {
        title.push_str("· all ");
    }
    if app.list.sort != crate::app::Sort::Site {
        title.push_str(&format!("· by {} ", app.list.sort.label()));
    }
    let rows = usize::from(area.height.saturating_sub(2));
    // Where the selection is, when the list is longer than its pane.
    let position = if app.list.hits.len() > rows {
        format!(" {}/{} ", app.list.selected + 1, app.list.hits.len())
    } else {
        String::new()
    };
    let block = Block::bordered()
        .title(title)
        .title_bottom(Line::from(position).right_aligned())
        .border_style(if focused {
            theme.focus_border
        } else {
            theme.border
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    if app.list.hits.is_empty() {
        let lines: Vec<Line<'_>> = empty_list_text(app)
            .into_iter()
            .map(|text| Line::styled(text, theme.muted))
            .collect();
        // One column in from the border, as the page pane's text is.
        let text_area = inner.inner(ratatui::layout::Margin::new(1, 0));
        frame.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
            text_area,
        );
        return;
    }
    let lines: Vec<Line<'_>> = app
        .list
        .hits
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(rows)
        .map(|(row, hit)| {
            let selected = row == app.list.selected;
            let cells = match (app.list.scope, &app.site) {
                (Scope::Site, Some(site)) => {
                    let page = &site.site.pages[hit.id];
                    let section = app.section_name(page.section());
                    page_cells(page, &section, hit.score == crate::app::TEXT_ONLY)
                }
                _ => community_cells(&app.communities[hit.id]),
            };
            // Highlights are worked out only for the rows on screen.
            let positions = app.matched_positions(&cells.name);
            row_line(app, cells, &positions, selected, width)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    // The terminal's own cursor sits on the selected row, so screen readers follow it.
    let row = app.list.selected.saturating_sub(app.list.offset);
    if app.screen.focus == Focus::List && app.screen.overlay.is_none() && row < rows {
        frame.set_cursor_position((inner.x, inner.y + row as u16));
    }
}

/// What the list says when nothing is in it: why, and where the query would find
/// something ("14 pages of the site match — Ctrl-A").
pub fn empty_list_text(app: &App) -> Vec<String> {
    let key = |action: Action| app.keymap.key_or_name(Mode::Browse, &action);
    if app.list.query.trim().is_empty() {
        return vec![match app.list.scope {
            Scope::Communities => "No communities to show".to_string(),
            Scope::Site if app.site.is_none() => "The site is still being indexed".to_string(),
            Scope::Site => "No pages to show".to_string(),
        }];
    }
    let mut lines = vec![format!(
        "Nothing matches: {} clears the search",
        key(Action::Back)
    )];
    let Elsewhere { hidden, site } = app.list.elsewhere;
    if hidden > 0 {
        let what = if hidden == 1 {
            "hidden community matches"
        } else {
            "hidden communities match"
        };
        lines.push(format!("{hidden} {what} — {}", key(Action::ToggleAll)));
    }
    if site > 0 {
        let what = if site == 1 {
            "page of the site matches"
        } else {
            "pages of the site match"
        };
        lines.push(format!("{site} {what} — {}", key(Action::ToggleScope)));
    }
    lines
}

/// What one row shows: a name, status words after it, and a column at the right.
struct Cells {
    name: String,
    status: String,
    right: String,
}

fn community_cells(community: &Community) -> Cells {
    let members = community.members().map_or_else(String::new, group_digits);
    Cells {
        name: clean_line(community.name()).into_owned(),
        status: status_words(community)
            .iter()
            .map(|w| format!(" [{w}]"))
            .collect(),
        right: format!(
            " {members:>MEMBERS_WIDTH$} {:<MARKER_WIDTH$}",
            join_marker(community, true)
        ),
    }
}

fn page_cells(page: &SitePage, section: &str, in_text_only: bool) -> Cells {
    Cells {
        name: clean_line(crate::content::model::display_title(page.title())).into_owned(),
        status: match (page.expired, in_text_only) {
            (true, _) => " [expired]".into(),
            (false, true) => " [in text]".into(),
            (false, false) => String::new(),
        },
        right: format!(" {:<12}", fit(&clean_line(section), 12)),
    }
}

fn row_line<'a>(
    app: &App,
    cells: Cells,
    positions: &[usize],
    selected: bool,
    width: usize,
) -> Line<'a> {
    let theme = &app.theme;
    let Cells {
        name,
        status,
        right,
    } = cells;
    let name_room = width.saturating_sub(2 + width_of(&right) + width_of(&status));
    let mut spans = vec![Span::styled(
        if selected { "› " } else { "  " },
        theme.accent,
    )];
    let mut used = 0;
    let total = width_of(&name);
    for (i, c) in name.chars().enumerate() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if total > name_room && used + w + 1 > name_room {
            spans.push(Span::raw("…"));
            used += 1;
            break;
        }
        let style = if positions.contains(&i) {
            theme.matched
        } else {
            Style::new()
        };
        spans.push(Span::styled(c.to_string(), style));
        used += w;
    }
    spans.push(Span::styled(status, theme.warning));
    let pad = name_room.saturating_sub(used);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(right, theme.muted));
    let line = Line::from(spans);
    if selected {
        let style = if app.screen.focus == Focus::Detail {
            theme.strong
        } else {
            theme.selected
        };
        line.patch_style(style)
    } else {
        line
    }
}
