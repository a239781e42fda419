//! A QR code drawn with half-block characters, two modules a text row, so a phone can
//! open a link shown over SSH.

use qrcode::{Color, QrCode};

/// Modules of empty border around the code, which scanners need.
const QUIET: usize = 2;

/// The code for `text` as lines of `█▀▄ `, light modules drawn (for dark terminals).
pub fn qr_lines(text: &str) -> Option<Vec<String>> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let light = |x: usize, y: usize| -> bool {
        if x < QUIET || y < QUIET || x >= width + QUIET || y >= width + QUIET {
            return true;
        }
        colors[(y - QUIET) * width + (x - QUIET)] == Color::Light
    };
    let mut lines = Vec::new();
    for y in (0..size).step_by(2) {
        let line: String = (0..size)
            .map(|x| match (light(x, y), y + 1 < size && light(x, y + 1)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            })
            .collect();
        lines.push(line);
    }
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
        assert_eq!(lines.len(), width.div_ceil(2));
        assert!(lines[0].chars().all(|c| c == '█'), "quiet zone on top");
        assert!(lines.iter().all(|l| l.chars().count() == width));
    }
}
