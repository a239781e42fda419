//! Property test: any page text at any terminal size draws without panicking and
//! without a control character reaching the screen — checked on what the views draw,
//! before `ui::draw`'s final scrub, which would otherwise hide a view's mistake.

use copdeck::app::{Action, App};
use copdeck::content::{Community, Index};
use copdeck::sanitize::is_unsafe;
use copdeck::theme::Theme;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn page(title: String, body: String) -> Community {
    Community {
        slug: "p".into(),
        title,
        summary: "summary \u{1b}[2J".into(),
        weight: Some(1),
        topics: vec!["t\u{202e}x".into()],
        source: "p.md".into(),
        body,
        ..Default::default()
    }
}

/// Text built from pieces that stress rendering: markup, wide and zero-width characters,
/// combining marks, emoji with joiners, controls, tabs and very long words.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# Heading\n".to_string()),
        Just("- item\n  - nested\n".to_string()),
        Just("> quote > > deeper\n".to_string()),
        Just("| a\t| b |\n|---|---|\n| 日本語\t| x |\n".to_string()),
        Just("```\ncode\tline\n```\n".to_string()),
        Just("[link](https://a.gov) ".to_string()),
        Just("{{< note >}}n{{< /note >}}".to_string()),
        Just("👩‍👩‍👧‍👦 ".to_string()),
        Just("⚠️ 👍🏽 🏳️‍🌈 1️⃣ ".to_string()),
        Just("e\u{301}\u{302}\u{303} ".to_string()),
        Just("\u{200b}\u{200d}\u{feff}".to_string()),
        Just("\u{1b}]0;title\u{7}\u{9b}31m\u{7f}\u{202e}".to_string()),
        Just("&#27;[2J &#x9b; ".to_string()),
        Just("x".repeat(5000)),
        Just("\n\n".to_string()),
        "[a-zA-Z ]{0,40}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_page_at_any_size_draws_safely(
        title in tricky_text(),
        body in tricky_text(),
        width in 0u16..=500,
        height in 0u16..=200,
        scroll in 0usize..50,
    ) {
        let index = Index {
            communities: vec![page(title, body)],
            diagnostics: vec![],
            origin: "test".into(),
        editable: false,
            ..Index::default()
        };
        let mut app = App::new(index, Theme::color(), width, height);
        app.update(Action::FocusNext);
        for _ in 0..scroll {
            app.update(Action::Down);
        }
        // The page's own text is clean before any drawing…
        for line in &app.page.rendered.lines {
            for span in &line.spans {
                prop_assert!(!span.content.chars().any(is_unsafe), "{:?}", span.content);
            }
        }
        // …and so is every cell the views draw, without the final scrub's help.
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| copdeck::ui::draw_unscrubbed(frame, &app))
            .unwrap();
        let buffer = terminal.backend().buffer();
        for cell in &buffer.content {
            prop_assert!(!cell.symbol().chars().any(is_unsafe), "{:?}", cell.symbol());
            // No emoji sequence that terminals draw at different widths is left whole.
            let symbol = cell.symbol();
            let separated = copdeck::text::separate_emoji(symbol).into_owned();
            prop_assert_eq!(separated.as_str(), symbol);
        }
    }
}
