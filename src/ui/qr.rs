//! QR codes drawn with half-block characters by the `qrcode` crate's own unicode renderer,
//! so a phone can open a link shown on screen. Light modules are the drawn ones, which
//! suits the dark background terminals mostly have.

use qrcode::render::unicode::Dense1x2;
use qrcode::{EcLevel, QrCode};

/// Columns of light border around the code (rows get half as many), which scanners need.
const QUIET_COLUMNS: usize = 2;

/// The code for `text` at its smallest: one column and half a row per module.
pub fn qr_lines(text: &str) -> Option<Vec<String>> {
    scaled(&QrCode::new(text.as_bytes()).ok()?, 1)
}

/// The code for `text` as large as fits in `columns`×`rows` cells, or None when even the
/// smallest does not fit. Low error correction keeps the modules few and so large.
pub fn qr_lines_within(text: &str, columns: usize, rows: usize) -> Option<Vec<String>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
    let modules = code.width();
    let fits = |scale: usize| {
        modules * scale + 2 * QUIET_COLUMNS <= columns && (modules * scale).div_ceil(2) + 2 <= rows
    };
    let scale = (1..=8).rev().find(|&scale| fits(scale))?;
    scaled(&code, scale)
}

/// The code with each module `scale` columns wide and `scale` half-rows high, so it stays
/// square on a terminal whose cells are twice as high as wide.
fn scaled(code: &QrCode, scale: usize) -> Option<Vec<String>> {
    let scale = u32::try_from(scale).ok()?;
    let drawn = code
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(false)
        .module_dimensions(scale, scale)
        .build();
    let margin = "█".repeat(QUIET_COLUMNS);
    let mut lines: Vec<String> = drawn.lines().map(str::to_string).collect();
    // An odd number of module rows leaves the last text row's lower half undrawn, which
    // would read as a dark row against the code: it is quiet zone, so light.
    if (code.width() * scale as usize) % 2 == 1
        && let Some(last) = lines.last_mut()
    {
        *last = last
            .chars()
            .map(|c| if c == '▀' { '█' } else { '▄' })
            .collect();
    }
    let mut lines: Vec<String> = lines
        .iter()
        .map(|line| format!("{margin}{line}{margin}"))
        .collect();
    let width = lines.first()?.chars().count();
    let border = "█".repeat(width);
    lines.insert(0, border.clone());
    lines.push(border);
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_square_code_with_a_border() {
        let lines = qr_lines("https://digital.gov/communities/").unwrap();
        let width = lines[0].chars().count();
        assert!(width >= 25, "{width}");
        assert!(lines[0].chars().all(|c| c == '█'), "quiet zone on top");
        assert!(lines.iter().all(|l| l.chars().count() == width));
        // Square: modules across equal twice the rows (two modules a row) give or take
        // the odd half row and the border rows.
        let modules = width - 2 * QUIET_COLUMNS;
        assert_eq!(lines.len(), modules.div_ceil(2) + 2);
    }

    #[test]
    fn grows_to_fill_the_room_it_is_given() {
        let address = "mailto:someone@example.gov?subject=join";
        let small = qr_lines_within(address, 40, 22).unwrap();
        let large = qr_lines_within(address, 160, 60).unwrap();
        assert!(small[0].chars().count() <= 40 && small.len() <= 22);
        assert!(large[0].chars().count() <= 160 && large.len() <= 60);
        assert!(large[0].chars().count() >= 2 * small[0].chars().count() - 4);
        assert_eq!(qr_lines_within(address, 20, 10), None);
    }
}
