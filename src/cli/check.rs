//! `copdeck check`: every diagnostic and lint, one line each, and an exit code.

use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::atomic::AtomicUsize;

use super::text::{print_json, safe};
use super::today;
use crate::check::{lint_community, lint_links, lint_title};
use crate::content::{Community, Diagnostic, Severity, Source, load, load_site, read_text};

/// Loads everything under `source`, lints it, prints the findings; exit 1 on any error.
pub fn run_check(source: &Source, json: bool) -> ExitCode {
    let index = match load(source, today()) {
        Ok(index) => index,
        Err(err) => {
            eprintln!("copdeck: {}", safe(&err.to_string()));
            return ExitCode::from(1);
        }
    };
    let site = load_site(source, today(), &AtomicUsize::new(0)).unwrap_or_default();
    let mut found: Vec<Diagnostic> = index.diagnostics.clone();
    found.extend(site.diagnostics.iter().cloned());
    let communities: HashMap<&str, &Community> = index
        .communities
        .iter()
        .map(|c| (c.source.as_str(), c))
        .collect();
    for page in &site.site.pages {
        let Ok(raw) = read_text(&page.body) else {
            continue;
        };
        if let Some(community) = communities.get(page.source.as_str()) {
            found.extend(lint_community(community, &raw));
        }
        found.extend(lint_title(&page.source, &raw));
        found.extend(lint_links(page, &raw, &site.site));
    }
    found.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    found.dedup();
    let errors = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let printed = if json {
        print_json(&mut std::io::stdout().lock(), &found)
    } else {
        found
            .iter()
            .for_each(|d| println!("{}", safe(&d.to_string())));
        Ok(())
    };
    if let Err(err) = printed
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("copdeck: {err}");
        return ExitCode::from(1);
    }
    eprintln!(
        "{} pages checked: {errors} error(s), {} warning(s)",
        site.site.pages.len().max(index.communities.len()),
        found.len() - errors
    );
    ExitCode::from(u8::from(errors > 0))
}
