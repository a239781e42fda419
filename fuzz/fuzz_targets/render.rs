//! Any text as a page body, drawn at a size taken from the input: rendering must never
//! panic and no control character may reach a screen cell, even before `ui::draw`'s
//! final scrub.
#![no_main]

use copdeck::app::{Action, App};
use copdeck::content::{Community, Index};
use copdeck::sanitize::is_unsafe;
use copdeck::theme::Theme;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn page(body: String) -> Community {
    Community {
        slug: "fuzz".into(),
        title: body.chars().take(40).collect(),
        weight: Some(1),
        source: "fuzz.md".into(),
        body,
        ..Default::default()
    }
}

fuzz_target!(|data: &[u8]| {
    let (size, text) = data.split_at(data.len().min(2));
    let width = 20 + u16::from(*size.first().unwrap_or(&60)) % 200;
    let height = 5 + u16::from(*size.get(1).unwrap_or(&30)) % 60;
    let body = String::from_utf8_lossy(text).into_owned();
    let index = Index {
        communities: vec![page(body)],
        diagnostics: vec![],
        origin: "fuzz".into(),
        editable: false,
        ..Index::default()
    };
    let mut app = App::new(index, Theme::color(), width, height);
    app.update(Action::FocusNext);
    app.update(Action::PageDown);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    // What the views draw, before the final scrub that would hide their mistakes.
    terminal
        .draw(|frame| copdeck::ui::draw_unscrubbed(frame, &app))
        .unwrap();
    for cell in terminal.backend().buffer().content.iter() {
        assert!(!cell.symbol().chars().any(is_unsafe), "{:?}", cell.symbol());
    }
});
