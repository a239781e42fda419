use super::*;

fn render(body: &str, width: usize) -> (Vec<String>, Vec<Link>) {
    let rendered = render_markdown(body, width, &Theme::mono(), &LinkKind::without_site);
    let lines = rendered.lines.iter().map(|l| l.to_string()).collect();
    (lines, rendered.links)
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
