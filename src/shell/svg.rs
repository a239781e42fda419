//! A screen as an SVG picture: each run of same-styled cells one `<text>`, stretched to its
//! cells so wide characters keep the grid; backgrounds as rectangles. The colours are a
//! dark terminal's (xterm's palette), since the default theme is drawn for one.

use std::fmt::Write;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

const CELL_WIDTH: f64 = 8.4;
const CELL_HEIGHT: f64 = 17.0;
const FONT_SIZE: f64 = 14.0;
const FOREGROUND: &str = "#d0d0d0";
const BACKGROUND: &str = "#1c1c1c";

/// The picture of `buffer`.
pub fn svg_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    let (width, height) = (
        f64::from(area.width) * CELL_WIDTH,
        f64::from(area.height) * CELL_HEIGHT,
    );
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.1} {height:.1}\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" \
         font-size=\"{FONT_SIZE}\">\n<rect width=\"100%\" height=\"100%\" fill=\"{BACKGROUND}\"/>\n"
    );
    for y in 0..area.height {
        let cells = row_cells(buffer, y);
        for (x, columns, cell) in &cells {
            let (_, bg) = colors(cell);
            if bg != BACKGROUND {
                let _ = writeln!(
                    out,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{CELL_HEIGHT}\" fill=\"{bg}\"/>",
                    f64::from(*x) * CELL_WIDTH,
                    f64::from(y) * CELL_HEIGHT,
                    f64::from(*columns) * CELL_WIDTH,
                );
            }
        }
        for run in runs(&cells) {
            text_run(&mut out, y, &run);
        }
    }
    out.push_str("</svg>\n");
    out
}

/// The row's cells that start a character, with their column and width.
fn row_cells(buffer: &Buffer, y: u16) -> Vec<(u16, u16, &Cell)> {
    let mut cells = Vec::new();
    let mut x = 0;
    while x < buffer.area.width {
        let cell = &buffer[(buffer.area.x + x, buffer.area.y + y)];
        let columns = (cell.symbol().width() as u16).max(1);
        cells.push((x, columns, cell));
        x += columns;
    }
    cells
}

/// Cells in a row that share a style, with the column the run starts at.
struct Run<'a> {
    x: u16,
    columns: u16,
    text: String,
    cell: &'a Cell,
}

fn runs<'a>(cells: &[(u16, u16, &'a Cell)]) -> Vec<Run<'a>> {
    let mut runs: Vec<Run<'a>> = Vec::new();
    for (x, columns, cell) in cells {
        match runs.last_mut() {
            Some(run) if same_look(run.cell, cell) => {
                run.columns += columns;
                run.text.push_str(cell.symbol());
            }
            _ => runs.push(Run {
                x: *x,
                columns: *columns,
                text: cell.symbol().to_string(),
                cell,
            }),
        }
    }
    runs
}

fn same_look(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg && a.bg == b.bg && a.modifier == b.modifier
}

fn text_run(out: &mut String, y: u16, run: &Run<'_>) {
    if run.text.trim().is_empty() && !run.cell.modifier.contains(Modifier::UNDERLINED) {
        return;
    }
    let (fg, _) = colors(run.cell);
    let mut attributes = format!("fill=\"{fg}\"");
    let modifier = run.cell.modifier;
    for (flag, attribute) in [
        (Modifier::BOLD, " font-weight=\"bold\""),
        (Modifier::ITALIC, " font-style=\"italic\""),
        (Modifier::UNDERLINED, " text-decoration=\"underline\""),
        (Modifier::DIM, " opacity=\"0.6\""),
    ] {
        if modifier.contains(flag) {
            attributes.push_str(attribute);
        }
    }
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" textLength=\"{:.1}\" lengthAdjust=\"spacingAndGlyphs\" \
         xml:space=\"preserve\" {attributes}>{}</text>",
        f64::from(run.x) * CELL_WIDTH,
        (f64::from(y) + 0.78) * CELL_HEIGHT,
        f64::from(run.columns) * CELL_WIDTH,
        escape(&run.text),
    );
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The cell's text and background colours, reverse video applied.
fn colors(cell: &Cell) -> (String, String) {
    let fg = hex(cell.fg).unwrap_or_else(|| FOREGROUND.to_string());
    let bg = hex(cell.bg).unwrap_or_else(|| BACKGROUND.to_string());
    match cell.modifier.contains(Modifier::REVERSED) {
        true => (bg, fg),
        false => (fg, bg),
    }
}

/// xterm's first sixteen colours.
const PALETTE: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (59, 120, 255),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

fn hex(color: Color) -> Option<String> {
    let (r, g, b) = match color {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(n) => indexed(n),
        named => {
            PALETTE[match named {
                Color::Black => 0,
                Color::Red => 1,
                Color::Green => 2,
                Color::Yellow => 3,
                Color::Blue => 4,
                Color::Magenta => 5,
                Color::Cyan => 6,
                Color::Gray => 7,
                Color::DarkGray => 8,
                Color::LightRed => 9,
                Color::LightGreen => 10,
                Color::LightYellow => 11,
                Color::LightBlue => 12,
                Color::LightMagenta => 13,
                Color::LightCyan => 14,
                _ => 15,
            }]
        }
    };
    Some(format!("#{r:02x}{g:02x}{b:02x}"))
}

/// The 256-colour palette: sixteen named, a 6×6×6 cube, 24 greys.
fn indexed(n: u8) -> (u8, u8, u8) {
    match n {
        0..=15 => PALETTE[usize::from(n)],
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            let n = n - 16;
            (level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        _ => {
            let grey = 8 + (n - 232) * 10;
            (grey, grey, grey)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    #[test]
    fn draws_text_runs_backgrounds_and_escapes() {
        let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, 12, 2));
        buffer.set_string(0, 0, "a<b", Style::new().fg(Color::Cyan));
        buffer.set_string(4, 0, "x", Style::new().bg(Color::Indexed(196)));
        buffer.set_string(0, 1, "漢z", Style::new().add_modifier(Modifier::BOLD));
        let svg = svg_of(&buffer);
        assert!(svg.contains(">a&lt;b</text>"), "{svg}");
        assert!(svg.contains("fill=\"#00cdcd\""), "{svg}");
        assert!(
            svg.contains("fill=\"#ff0000\""),
            "the red background: {svg}"
        );
        // The wide character takes two columns, so the run spans three.
        assert!(
            svg.contains("textLength=\"25.2\"") && svg.contains(">漢z"),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>\n"));
    }
}
