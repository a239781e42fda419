//! `copdeck check`: every diagnostic and lint, one line each, and an exit code.

use std::collections::HashMap;
use std::sync::atomic::AtomicUsize;

use crate::cli::CliError;
use crate::cli::text::{print_json, safe};
use crate::content::{
    Community, Diagnostic, Severity, Source, load, load_site_for, read_text, today,
};
use crate::document::lint::{lint_community, lint_links, lint_title};

/// Loads everything under `source`, lints it, prints the findings; fails on any error.
pub fn run(source: &Source, json: bool) -> Result<(), CliError> {
    let index = load(source, today()).map_err(|err| CliError::Failed(err.to_string()))?;
    let site = load_site_for(source, &index, today(), &AtomicUsize::new(0)).unwrap_or_default();
    let mut found: Vec<Diagnostic> = index.diagnostics.clone();
    found.extend(site.diagnostics.iter().cloned());
    let communities: HashMap<&str, &Community> = index
        .communities
        .iter()
        .map(|c| (c.source.as_str(), c))
        .collect();
    for page in &site.site.pages {
        let Ok(raw) = read_text(page.text_source()) else {
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
        return Err(err.into());
    }
    eprintln!(
        "{} pages checked: {errors} error(s), {} warning(s)",
        site.site.pages.len().max(index.communities.len()),
        found.len() - errors
    );
    if errors > 0 {
        return Err(CliError::Reported);
    }
    Ok(())
}
