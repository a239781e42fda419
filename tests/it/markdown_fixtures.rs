//! Every fixture under `tests/fixtures/markdown/` rendered with the fixture site's data
//! files, checked against its `.expect` file (the format is in that folder's README).

use std::fs;
use std::path::Path;

use copdeck::content::site_data::load_site_data;
use copdeck::markdown::{LinkKind, Rendered, render_with_data};
use copdeck::theme::Theme;

fn check(name: &str, rendered: &Rendered, expect: &str) -> Vec<String> {
    let lines: Vec<String> = rendered
        .lines
        .iter()
        .map(|l| l.to_string().trim_end().to_string())
        .collect();
    let mut problems = Vec::new();
    let mut next = 0;
    for check in expect.lines() {
        if let Some(want) = check.strip_prefix("= ").or((check == "=").then_some("")) {
            let want = want.trim_end();
            match lines[next..].iter().position(|l| l == want) {
                Some(at) => next += at + 1,
                None => problems.push(format!("{name}: no line `{want}` after line {next}")),
            }
        } else if let Some(want) = check.strip_prefix("~ ") {
            if !lines.iter().any(|l| l.contains(want)) {
                problems.push(format!("{name}: no line contains `{want}`"));
            }
        } else if let Some(unwanted) = check.strip_prefix("! ") {
            if lines.iter().any(|l| l.contains(unwanted)) {
                problems.push(format!("{name}: a line contains `{unwanted}`"));
            }
        } else if let Some(spec) = check.strip_prefix("link ") {
            let (number, rest) = spec.split_once(' ').unwrap_or((spec, ""));
            let (text, url) = rest.split_once(" | ").unwrap_or((rest, ""));
            let index: usize = number.parse().expect("link number");
            match rendered.links.get(index - 1) {
                Some(link) if link.text == text && link.url == url => {}
                other => problems.push(format!("{name}: link {index} is {other:?}")),
            }
        } else if let Some(id) = check.strip_prefix("anchor ")
            && !rendered.anchors.iter().any(|(_, a)| a == id)
        {
            problems.push(format!("{name}: no anchor {id} in {:?}", rendered.anchors));
        }
    }
    if !problems.is_empty() {
        problems.push(format!("{name} rendered as:\n{}", lines.join("\n")));
    }
    problems
}

#[test]
fn every_fixture_renders_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markdown");
    let (data, diagnostics) = load_site_data(&dir.join("data"));
    let data = copdeck::content::LazySiteData::ready(data);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    names.sort();
    assert!(names.len() >= 30, "{} fixtures", names.len());
    let theme = Theme::mono();
    let mut problems = Vec::new();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let body = fs::read_to_string(&path).unwrap();
        let expect = fs::read_to_string(path.with_extension("expect"))
            .unwrap_or_else(|_| panic!("{name} has no .expect file"));
        let rendered = render_with_data(&body, 80, &theme, &LinkKind::without_site, &data);
        problems.extend(check(&name, &rendered, &expect));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
