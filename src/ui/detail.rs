//! The page pane: the selected community's rendered page, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

use crate::app::{App, Focus, Scope};
use crate::sanitize::clean_line;
use crate::text::fit;
use crate::text::width_of;

pub fn render(frame: &mut Frame<'_>, app: &App, area: Rect) {
    if app.view().is_none() {
        nothing_shown(frame, app, area);
        return;
    }
    let theme = &app.theme;
    let focused = app.screen.focus == Focus::Detail;
    let trail = app.breadcrumb();
    let room = usize::from(area.width.saturating_sub(6));
    let title = format!(" {} ", fit_trail(&trail, room));
    let rows = usize::from(area.height.saturating_sub(2));
    let total = app.page.rendered.lines.len();
    let mut position = if total > rows {
        let end = (app.page.scroll + rows).min(total);
        format!(" {}–{end} of {total} ", app.page.scroll + 1)
    } else {
        String::new()
    };
    if let Some(find) = app.page.find.as_ref().filter(|f| !f.query.is_empty()) {
        let count = match find.hits.len() {
            0 => "no match".to_string(),
            n => format!("{}/{n}", find.current + 1),
        };
        let rest = if position.is_empty() {
            " ".to_string()
        } else {
            format!(" ·{position}")
        };
        position = format!(" find {:?}: {count}{rest}", clean_line(&find.query));
    }
    let block = Block::bordered()
        .title(title)
        .title_bottom(Line::from(position).right_aligned())
        .padding(Padding::horizontal(1))
        .border_style(if focused {
            theme.focus_border
        } else {
            theme.border
        });
    // Only the lines on screen are made into `Line`s.
    let lines = &app.page.rendered.lines;
    let shown = app.page.scroll.min(total)..(app.page.scroll + rows).min(total);
    let visible: Vec<Line<'_>> = shown
        .map(|index| (index, lines.line(index)))
        .map(|(index, line)| match &app.page.find {
            Some(find) => {
                let ranges: Vec<(usize, usize, bool)> = find
                    .hits
                    .iter()
                    .enumerate()
                    .filter(|(_, (hit_line, _, _))| *hit_line == index)
                    .map(|(n, (_, start, len))| (*start, *len, n == find.current))
                    .collect();
                highlight(&line, &ranges, theme)
            }
            None => line,
        })
        .collect();
    frame.render_widget(Paragraph::new(visible).block(block), area);
}

/// The page pane when the list is empty: what was searched and where to look instead.
fn nothing_shown(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let what = match app.list.scope {
        Scope::Communities => "community",
        Scope::Site => "page",
    };
    let query = clean_line(app.list.query.trim()).into_owned();
    let mut lines = Vec::new();
    if !query.is_empty() {
        lines.push(Line::styled(
            format!("No {what} matches “{query}”."),
            theme.strong,
        ));
        lines.push(Line::default());
    }
    // The list's own words, less its first line when the heading above says it.
    let skip = usize::from(!query.is_empty());
    lines.extend(
        super::list::empty_list_text(app)
            .into_iter()
            .skip(skip)
            .map(|text| Line::styled(text, theme.muted)),
    );
    if !query.is_empty() {
        let clear = app
            .keymap
            .key_or_name(crate::app::Mode::Browse, &crate::app::Action::Back);
        lines.push(Line::styled(
            format!("{clear} in the list clears the search."),
            theme.muted,
        ));
    }
    let block = Block::bordered()
        .title(" Nothing to show ")
        .padding(Padding::horizontal(1))
        .border_style(theme.border);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
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
        if width_of(&text) <= room {
            return text;
        }
    }
    fit(clean.last().map_or("", String::as_str), room)
}

/// A line with find matches marked: every match underlined and emphasised, the current
/// one reversed as well, so they show without colour too.
fn highlight<'a>(
    line: &Line<'a>,
    ranges: &[(usize, usize, bool)],
    theme: &crate::theme::Theme,
) -> Line<'a> {
    if ranges.is_empty() {
        return line.clone();
    }
    let mut spans = Vec::new();
    let mut index = 0;
    for span in &line.spans {
        let mut piece = String::new();
        let mut piece_style = None;
        for c in span.content.chars() {
            let mark = ranges
                .iter()
                .find(|(start, len, _)| index >= *start && index < start + len)
                .map(|(_, _, current)| *current);
            let style = match mark {
                Some(true) => span
                    .style
                    .patch(theme.matched)
                    .add_modifier(Modifier::REVERSED),
                Some(false) => span.style.patch(theme.matched),
                None => span.style,
            };
            if piece_style.is_some_and(|s| s != style) {
                spans.push(Span::styled(
                    std::mem::take(&mut piece),
                    piece_style.unwrap_or_default(),
                ));
            }
            piece_style = Some(style);
            piece.push(c);
            index += 1;
        }
        if !piece.is_empty() {
            spans.push(Span::styled(piece, piece_style.unwrap_or_default()));
        }
    }
    Line::from(spans)
}
