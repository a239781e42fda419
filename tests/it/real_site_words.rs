//! On a real checkout of the digital.gov site (env `COPDECK_REAL_SITE`), every page's
//! rendered body keeps at least 95% of the words of its source text, and no raw HTML
//! entity or `{#id}` heading attribute is printed. Skipped when the variable is unset.
//! Run with `-- --nocapture` to see the numbers.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicUsize;

use chrono::NaiveDate;
use copdeck::content::{Source, load_site, read_body};
use copdeck::document::link_kind;
use copdeck::markdown::render_with_data;
use copdeck::theme::Theme;

/// The words a reader of the source sees: markup, shortcode tags, HTML tags, link
/// addresses and entities are not words.
fn source_words(body: &str) -> Vec<String> {
    let mut text = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        let skip_to = |rest: &str, open: &str, close: &str| -> Option<usize> {
            rest.strip_prefix(open)?;
            Some(rest.find(close).map_or(rest.len(), |i| i + close.len()))
        };
        let skipped = skip_to(rest, "{{", "}}")
            .or_else(|| skip_to(rest, "<!--", "-->"))
            .or_else(|| skip_to(rest, "<script", "</script>"))
            .or_else(|| skip_to(rest, "<style", "</style>"))
            .or_else(|| skip_to(rest, "<svg", "</svg>"))
            .or_else(|| skip_to(rest, "](", ")"))
            .or_else(|| skip_to(rest, "][", "]"))
            .or_else(|| reference_definition(rest))
            .or_else(|| skip_to(rest, "{#", "}"))
            .or_else(|| {
                let after = rest.strip_prefix('<')?;
                let first = after.chars().next()?;
                (first.is_ascii_alphabetic() || first == '/' || first == '!')
                    .then(|| rest.find('>').map_or(rest.len(), |i| i + 1))
            })
            .or_else(|| {
                let after = rest.strip_prefix('&')?;
                let end = after.find(';')?;
                let name = &after[..end];
                (end <= 10
                    && !name.is_empty()
                    && name.chars().all(|c| c.is_alphanumeric() || c == '#'))
                .then_some(end + 2)
            });
        match skipped {
            Some(n) => {
                text.push(' ');
                rest = &rest[n..];
            }
            None => {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    // `**A**ssess` is one word on screen.
    words(&text.replace('*', ""))
}

/// A link reference definition (`[label]: address "title"`) at the start of a line is
/// not shown: its length.
fn reference_definition(rest: &str) -> Option<usize> {
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let line = &rest[..line_end];
    let trimmed = line.trim_start();
    let starts_line = line.len() - trimmed.len() <= 3;
    (starts_line && trimmed.starts_with('[') && trimmed.contains("]:")).then_some(line_end)
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How many of the source's words the rendered text has (each counted as often as the
/// source has it).
fn kept(source: &[String], rendered: &[String]) -> usize {
    let mut have: HashMap<&str, usize> = HashMap::new();
    for word in rendered {
        *have.entry(word.as_str()).or_default() += 1;
    }
    source
        .iter()
        .filter(|w| match have.get_mut(w.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count()
}

/// The raw entities left in text: `&name;` or `&#123;`, each without its `&`.
fn raw_entities(line: &str) -> Vec<&str> {
    line.match_indices('&')
        .filter_map(|(i, _)| {
            let after = &line[i + 1..];
            let end = after.find(';')?;
            let name = &after[..end];
            let named = name.chars().all(|c| c.is_ascii_alphabetic());
            let numeric = name
                .strip_prefix('#')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric()));
            ((2..=10).contains(&end) && (named || numeric)).then(|| &after[..=end])
        })
        .collect()
}

fn has_raw_entity(line: &str) -> bool {
    !raw_entities(line).is_empty()
}

#[test]
fn real_pages_keep_their_words() {
    let Some(root) = std::env::var_os("COPDECK_REAL_SITE").map(PathBuf::from) else {
        eprintln!("COPDECK_REAL_SITE is not set: skipped");
        return;
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let index = load_site(&Source::Dir(root), today, &AtomicUsize::new(0)).unwrap();
    let site = &index.site;
    // Colours tell code apart; a wide pane keeps words from being cut by wrapping.
    let theme = Theme::color();
    let classify = |url: &str| link_kind(Some(site), url);
    let mut ratios = Vec::new();
    let mut printed = Vec::new();
    // Code shows its text as written, entities included, as the site's code blocks do.
    let mut in_code = 0;
    for page in &site.pages {
        let Ok(body) = read_body(page.text_source()) else {
            continue;
        };
        let rendered = render_with_data(&body, 1000, &theme, &classify, &site.data);
        let lines: Vec<String> = rendered.lines.iter().map(|l| l.to_string()).collect();
        for line in &rendered.lines {
            for span in &line.spans {
                // `&amp;#225;` in the source shows `&#225;` on purpose.
                let raw = raw_entities(&span.content)
                    .iter()
                    .any(|e| !body.contains(&format!("&amp;{e}")))
                    || span.content.contains("{#");
                match (raw, span.style == theme.code) {
                    (true, false) => printed.push(format!("{}: {}", page.source, span.content)),
                    (true, true) => in_code += 1,
                    _ => {}
                }
            }
        }
        let source = source_words(&body);
        if source.len() < 20 {
            continue;
        }
        let have = words(&lines.join("\n"));
        let ratio = kept(&source, &have) as f64 / source.len() as f64;
        if std::env::var("COPDECK_WORDS_PAGE").is_ok_and(|p| page.source.ends_with(&p)) {
            let mut have_set: HashMap<&str, usize> = HashMap::new();
            for w in &have {
                *have_set.entry(w).or_default() += 1;
            }
            let missing: Vec<&String> = source
                .iter()
                .filter(|w| match have_set.get_mut(w.as_str()) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                })
                .collect();
            eprintln!("missing from {}: {missing:?}", page.source);
        }
        ratios.push((ratio, page.source.clone()));
    }
    ratios.sort_by(|a, b| a.0.total_cmp(&b.0));
    let below: Vec<_> = ratios.iter().filter(|(r, _)| *r < 0.95).collect();
    let mean = ratios.iter().map(|(r, _)| r).sum::<f64>() / ratios.len().max(1) as f64;
    eprintln!(
        "{} pages with 20+ words; mean kept {:.2}%; lowest {:.2}%; {} below 95%; {} raw entities or {{#id}} printed outside code, {} inside code",
        ratios.len(),
        mean * 100.0,
        ratios.first().map_or(100.0, |r| r.0 * 100.0),
        below.len(),
        printed.len(),
        in_code
    );
    for (ratio, source) in ratios.iter().take(15) {
        eprintln!("  {:.1}%  {source}", ratio * 100.0);
    }
    for line in printed.iter().take(15) {
        eprintln!("  printed: {line}");
    }
    assert!(
        below.is_empty(),
        "{} pages keep less than 95% of their words",
        below.len()
    );
    assert!(
        printed.is_empty(),
        "{} lines print a raw entity or {{#id}}",
        printed.len()
    );
}

#[test]
fn the_word_count_skips_markup() {
    let words = source_words(
        "Hi <b class=\"x\">there</b> {{< img src=\"a\" >}} [go](https://x.gov/y) &amp; done {#top}",
    );
    assert_eq!(words, vec!["hi", "there", "go", "done"]);
    assert!(has_raw_entity("a &amp; b") && has_raw_entity("&#8211;"));
    assert!(!has_raw_entity("fish & chips; more"));
}
