//! Popups over the panes: the key help and the choice of channel to join.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use crate::app::help::{HelpLayout, HelpLine};
use crate::app::layout::centered;
use crate::app::{Action, App, Mode, Overlay};
use crate::sanitize::clean_line;
use crate::text::width_of;

pub fn render(frame: &mut Frame<'_>, app: &App, area: Rect) {
    match &app.screen.overlay {
        Some(Overlay::Help) => help(frame, app, area),
        Some(Overlay::ChooseChannel) => choose_channel(frame, app, area),
        Some(Overlay::Toc(selected)) => toc(frame, app, area, *selected),
        Some(Overlay::Url(url)) => url_popup(frame, app, area, url),
        _ => {}
    }
}

fn help(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let layout = HelpLayout::new(&app.keymap, area);
    let lines: Vec<Line<'_>> = layout
        .lines
        .iter()
        .map(|line| match line {
            HelpLine::Blank => Line::default(),
            HelpLine::Title(title) => Line::styled(*title, theme.heading),
            HelpLine::Entry { key, text } => Line::from(vec![
                Span::styled(key.clone(), theme.key),
                Span::raw(text.clone()),
            ]),
        })
        .collect();
    let close = app.keymap.key_or_name(Mode::Help, &Action::ToggleHelp);
    let title = if layout.max_scroll() > 0 {
        let at = app.screen.help_scroll.min(layout.max_scroll());
        format!(
            " Keys {}–{} of {} · {close} closes ",
            at + 1,
            at + layout.rows(),
            layout.lines.len()
        )
    } else {
        format!(" Keys · {close} closes ")
    };
    let block = Block::bordered()
        .title(title)
        .border_style(theme.focus_border)
        .padding(Padding::horizontal(1));
    frame.render_widget(Clear, layout.area);
    let scroll = app.screen.help_scroll.min(layout.max_scroll());
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        layout.area,
    );
}

fn choose_channel(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let Some(community) = app.current() else {
        return;
    };
    let mut lines = vec![
        Line::raw("Which list do you want to join?"),
        Line::default(),
    ];
    for (i, channel) in community.channels.iter().enumerate() {
        let audience = channel.audience.map_or("", |a| a.label());
        let address = channel
            .email
            .as_deref()
            .or(channel.form.as_deref())
            .unwrap_or("no address");
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", i + 1), theme.key),
            Span::raw(format!("{audience} ")),
            Span::styled(clean_line(address).into_owned(), theme.muted),
        ]));
    }
    lines.push(Line::default());
    let cancel = app.keymap.key_or_name(Mode::ChooseChannel, &Action::Back);
    lines.push(Line::styled(
        format!("Press a number, or {cancel} to cancel"),
        theme.muted,
    ));
    let height = lines.len() as u16 + 2;
    // As wide as the longest address, so none is cut or wrapped (the screen permitting).
    let widest = lines.iter().map(Line::width).max().unwrap_or(0);
    let width = u16::try_from(widest + 4).unwrap_or(u16::MAX).max(40);
    let popup = centered(area, width, height);
    let block = Block::bordered()
        .title(format!(" Join {} ", clean_line(community.name())))
        .border_style(theme.focus_border)
        .padding(Padding::horizontal(1));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

fn toc(frame: &mut Frame<'_>, app: &App, area: Rect, selected: usize) {
    let theme = &app.theme;
    let height = (app.page.rendered.headings.len() as u16 + 2).min(area.height.saturating_sub(2));
    let popup = centered(area, 60, height);
    let rows = usize::from(popup.height.saturating_sub(2)).max(1);
    let first = selected.saturating_sub(rows - 1);
    let lines: Vec<Line<'_>> = app
        .page
        .rendered
        .headings
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, (_, text))| {
            let marker = if i == selected { "› " } else { "  " };
            let line = Line::raw(format!("{marker}{}", clean_line(text)));
            if i == selected {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    let jump = app.keymap.key_or_name(Mode::Toc, &Action::Confirm);
    let close = app.keymap.key_or_name(Mode::Toc, &Action::Back);
    let block = Block::bordered()
        .title(format!(" Contents · {jump} jumps · {close} closes "))
        .border_style(theme.focus_border)
        .padding(Padding::horizontal(1));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

fn url_popup(frame: &mut Frame<'_>, app: &App, area: Rect, url: &str) {
    let theme = &app.theme;
    let url = clean_line(url).into_owned();
    let width = area.width.saturating_sub(4).min(76);
    let inner = usize::from(width.saturating_sub(4)).max(1);
    let mut lines = vec![
        Line::raw("No browser here (no display and no $BROWSER), so here is the link."),
        Line::styled(
            "It was also copied to your clipboard (OSC 52).",
            theme.muted,
        ),
        Line::default(),
    ];
    // The address on one line, never broken inside, so a terminal can still see it as a
    // link; when it is cut, the clipboard holds all of it.
    lines.push(Line::styled(crate::text::fit(&url, inner), theme.link));
    if width_of(&url) > inner {
        lines.push(Line::styled(
            "(cut to fit: the clipboard has the whole address)",
            theme.muted,
        ));
    }
    lines.push(Line::default());
    let code = super::qr::qr_lines(&url).unwrap_or_default();
    let fits = code.first().is_some_and(|l| l.chars().count() <= inner)
        && (code.len() + lines.len() + 2) as u16 <= area.height;
    if fits {
        lines.extend(code.into_iter().map(Line::raw));
    } else {
        lines.push(Line::styled(
            "(make the terminal larger to see a QR code of the link)",
            theme.muted,
        ));
    }
    let popup = centered(area, width, lines.len() as u16 + 2);
    let close = app.keymap.key_or_name(Mode::Popup, &Action::Back);
    let block = Block::bordered()
        .title(format!(" Open on another device · {close} closes "))
        .border_style(theme.focus_border)
        .padding(Padding::horizontal(1));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
