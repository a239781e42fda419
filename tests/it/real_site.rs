//! Checks against a real checkout of the digital.gov site, skipped unless the
//! environment variable COPDECK_REAL_SITE names one: every page loads, every address
//! opens a page, refs to files that exist resolve, and authors have names.

use std::path::PathBuf;
use std::sync::atomic::AtomicUsize;

use chrono::NaiveDate;
use copdeck::content::refs::resolve_refs;
use copdeck::content::site::{alias_path, normalize_path};
use copdeck::content::{Severity, Source, Target, load, load_site, read_body};

fn real_site() -> Option<PathBuf> {
    std::env::var_os("COPDECK_REAL_SITE").map(PathBuf::from)
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[test]
fn every_page_loads_and_every_address_opens_a_page() {
    let Some(dir) = real_site() else {
        eprintln!("COPDECK_REAL_SITE is not set; skipped");
        return;
    };
    let source = Source::Dir(dir);
    let communities = load(&source, today()).unwrap();
    let index = load_site(&source, today(), &AtomicUsize::new(0)).unwrap();
    let errors: Vec<String> = communities
        .diagnostics
        .iter()
        .chain(&index.diagnostics)
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{} pages rejected: {errors:#?}",
        errors.len()
    );
    let site = &index.site;
    let mut unanswered = Vec::new();
    for page in &site.pages {
        let aliases = page.aliases().map(|a| alias_path(page.address(), a));
        for address in std::iter::once(page.address().to_string()).chain(aliases) {
            if site.resolve(&address).is_none() {
                unanswered.push(format!("{address} ({})", page.source));
            }
        }
    }
    assert!(unanswered.is_empty(), "{unanswered:#?}");
    // Each page's own address opens it, unless a live page holds the address.
    for (id, page) in site.pages.iter().enumerate() {
        let Some(Target::Page(found)) = site.resolve(page.address()) else {
            continue;
        };
        let holder = &site.pages[found];
        assert!(
            found == id || !holder.expired,
            "{} opens {} instead of {}",
            page.address(),
            holder.source,
            page.source
        );
    }
}

#[test]
fn refs_to_files_that_exist_resolve_and_authors_have_names() {
    let Some(dir) = real_site() else {
        eprintln!("COPDECK_REAL_SITE is not set; skipped");
        return;
    };
    let index = load_site(&Source::Dir(dir), today(), &AtomicUsize::new(0)).unwrap();
    let site = &index.site;
    let names: std::collections::HashSet<String> = site
        .pages
        .iter()
        .map(|p| {
            let last = p.file_key().rsplit('/').next().unwrap_or("");
            last.to_lowercase()
        })
        .collect();
    let mut broken = Vec::new();
    for page in &site.pages {
        let Ok(body) = read_body(page.text_source()) else {
            continue;
        };
        for problem in resolve_refs(&body, Some(page.file_key()), site).problems {
            let path = problem.target.split('#').next().unwrap_or("");
            let name = normalize_path(path);
            let name = name.trim_matches('/').rsplit('/').next().unwrap_or("");
            if problem.candidates.is_empty() && names.contains(name) {
                broken.push(format!("{}: {}", page.source, problem.target));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
    let unnamed: Vec<&str> = site
        .pages
        .iter()
        .filter(|p| p.term().is_some_and(|(t, _)| t == "authors") && p.title() == p.slug())
        .map(|p| p.source.as_str())
        .collect();
    assert!(unnamed.is_empty(), "{unnamed:#?}");
}
