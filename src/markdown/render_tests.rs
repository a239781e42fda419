use super::*;
use crate::markdown::rendered::Link;

fn render(body: &str, width: usize) -> (Vec<String>, Vec<Link>) {
    let rendered = render_markdown(body, width, &Theme::mono(), &LinkKind::without_site);
    let lines = rendered.lines.iter().map(|l| l.to_string()).collect();
    (lines, rendered.links.iter().collect())
}

#[test]
fn renders_blocks_and_numbers_links() {
    let body = "## What we do\n\nWe [meet](https://a.gov/) and [talk](/b/).\n\n\
                - one\n  - nested\n- two\n\n> quoted\n\n1. first\n2. second\n";
    let (lines, links) = render(body, 40);
    assert_eq!(
        lines,
        vec![
            "What we do",
            "",
            "We meet[1↗] and talk[2↗].",
            "",
            "• one",
            "  ◦ nested",
            "• two",
            "",
            "│ quoted",
            "",
            "1. first",
            "2. second",
        ]
    );
    assert_eq!(
        links[1],
        Link {
            text: "talk".into(),
            url: "/b/".into(),
            kind: LinkKind::External,
        }
    );
}

#[test]
fn renders_tables_code_and_rules() {
    let body = "| a | bb |\n|---|---:|\n| x | 1 |\n\n```\nfn x() {}\n  y\n```\n\n---\n";
    let (lines, _) = render(body, 20);
    assert_eq!(lines[0], "a │ bb");
    assert_eq!(lines[1], "──┼───");
    assert_eq!(lines[2], "x │  1");
    assert!(lines.contains(&"  fn x() {}".to_string()), "{lines:?}");
    assert!(lines.contains(&"    y".to_string()), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("────")));
}

#[test]
fn escapes_from_entities_are_made_visible() {
    let (lines, _) = render("bad &#27;[2J and &#x9b; here", 80);
    assert_eq!(lines, vec!["bad ␛[2J and � here"]);
}

#[test]
fn deep_nesting_is_bounded() {
    let body = format!("{}deep", "> ".repeat(500));
    let (lines, _) = render(&body, 40);
    assert!(
        lines
            .iter()
            .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 40)
    );
    assert!(lines.iter().any(|l| l.ends_with("deep")));
}

#[test]
fn many_shortcodes_expand_in_one_pass() {
    // Quadratic expansion took seconds here; a linear pass takes milliseconds.
    let closed = "{{<x>}}".repeat(100_000);
    let out = super::super::shortcodes::expand_shortcodes(&closed);
    assert!(!out.contains("{{"));
    let unclosed = "{{< a ".repeat(100_000);
    let out = super::super::shortcodes::expand_shortcodes(&unclosed);
    assert_eq!(out.matches(" a ").count(), 100_000);
    let notes = "{{< note >}}x\n".repeat(20_000);
    let (lines, _) = render(&notes, 40);
    assert!(lines.iter().all(|l| l.chars().count() <= 40));
}

#[test]
fn deep_list_and_quote_nesting_renders_every_level() {
    // `- > ` a hundred thousand times: each level costs the same, however deep.
    let body = format!("{}deep", "- > ".repeat(100_000));
    let (lines, _) = render(&body, 60);
    assert!(lines.iter().any(|l| l.ends_with("deep")), "{lines:?}");
    assert!(
        lines
            .iter()
            .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 60)
    );
}

#[test]
fn deep_html_nesting_and_stray_end_tags_render() {
    let body = format!(
        "<div>{}words{}</div>",
        "<blockquote><ul><li>".repeat(20_000),
        "</x>".repeat(50_000)
    );
    let (lines, _) = render(&body, 60);
    assert!(lines.iter().any(|l| l.ends_with("words")), "{lines:?}");
}

#[test]
fn links_in_table_cells_are_numbered_in_place() {
    let body =
        "| a | b |\n|---|---|\n| [one](https://1.example/) | two |\n| x | [![pic](p.png)](/p/) |\n";
    let (lines, links) = render(body, 60);
    assert!(lines.iter().any(|l| l.contains("one[1↗]")), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("[image: pic][2↗]")),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l.trim() == "[1↗]"), "{lines:?}");
    assert_eq!(links[0].text, "one");
    assert_eq!(links[1].text, "pic");
    assert!(links.iter().all(|l| !l.text.is_empty()));
}

#[test]
fn a_link_around_an_image_keeps_it() {
    let (lines, links) = render("[![A map of the park](map.png)](https://park.example/)", 80);
    assert_eq!(lines, vec!["[image: A map of the park][1↗]"]);
    assert_eq!(links[0].text, "A map of the park");
}

#[test]
fn a_big_table_keeps_one_line_per_row() {
    let rows = 50_000;
    let mut body = String::from("| name | value |\n|---|---|\n");
    for i in 0..rows {
        body.push_str(&format!("| row{i} | {i} |\n"));
    }
    let rendered = render_markdown(&body, 80, &Theme::mono(), &LinkKind::without_site);
    // The head, its rule, then one line per row; each row's cells are few spans.
    assert_eq!(rendered.lines.len(), rows + 2);
    assert!(rendered.lines.iter().all(|l| l.spans.len() <= 4));
}

#[test]
fn tables_drawn_after_the_page_keep_their_place_among_other_blocks() {
    let body = "| one |\n|---|\n\n# Between\n\n| a | b |\n|---|---|\n| 1 | 22 |\n| 333 | 4 |\n\n\
                After [x](https://a.gov/).\n\n| last |\n|---|\n| row |\n";
    let rendered = render_markdown(body, 40, &Theme::mono(), &LinkKind::without_site);
    let lines: Vec<String> = rendered.lines.iter().map(|l| l.to_string()).collect();
    assert_eq!(
        lines,
        vec![
            "one",
            "───",
            "",
            "Between",
            "",
            "a   │ b",
            "────┼───",
            "1   │ 22",
            "333 │ 4",
            "",
            "After x[1↗].",
            "",
            "last",
            "────",
            "row",
        ]
    );
    assert_eq!(
        rendered.headings.iter().collect::<Vec<_>>(),
        [(3, "Between")]
    );
}

#[test]
fn a_line_nested_past_the_cap_shows_the_rest_as_text() {
    let body = "- > ".repeat(10_000) + "deep";
    let (lines, _) = render(&body, 60);
    assert!(
        lines.last().is_some_and(|l| l.ends_with("deep")),
        "{lines:?}"
    );
    // The markers past the cap are words of the page, wrapped like any paragraph.
    assert!(lines.iter().any(|l| l.contains("- > - > - >")));
    assert!(lines.len() < 2_000, "{}", lines.len());
}

#[test]
fn nesting_within_the_cap_is_read_as_blocks() {
    // 15 lists and 15 quotes: every marker opens a block, none shows as text.
    let body = "- > ".repeat(15) + "x\n";
    let (lines, _) = render(&body, 200);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].ends_with(" x"), "{lines:?}");
    assert!(
        !lines[0].contains('-') && !lines[0].contains('>'),
        "{lines:?}"
    );
}
