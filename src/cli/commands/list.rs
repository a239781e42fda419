//! `copdeck list`, and `copdeck --plain` which starts with the same table.

use std::io::Write;

use crate::cli::pages::print_document;
use crate::cli::text::{many_json, output_width, print_json, print_table, safe, terminal_width};
use crate::cli::{CliError, ShowFormat, load_index, load_site_index, report_load_problems};
use crate::content::{Index, Source};
use crate::document::Document;
use crate::sync::Store;
use crate::sync::choice::source_label;

/// `list`: the communities the site shows (all of them with `all`), as a table or JSON.
pub fn run(out: &mut impl Write, source: &Source, all: bool, json: bool) -> Result<(), CliError> {
    let index = load_index(source)?;
    report_load_problems(source, &index.diagnostics, &[]);
    Ok(print_list(out, source, &index, all, json)?)
}

/// `--plain`: the table, then the first listed community's page as `show --dump` prints it.
pub fn run_plain(out: &mut impl Write, source: &Source) -> Result<(), CliError> {
    let index = load_index(source)?;
    let site = load_site_index(source, &index);
    report_load_problems(source, &index.diagnostics, &site.diagnostics);
    print_list(out, source, &index, false, false)?;
    if let Some(first) = index.communities.iter().find(|c| c.listed()) {
        writeln!(out)?;
        let document = Document::Community {
            community: first,
            site: Some(&site.site),
        };
        print_document(out, &document, ShowFormat::Dump, output_width())?;
    }
    Ok(())
}

/// The line under the table: where the pages come from.
fn footer_of(source: &Source, index: &Index) -> String {
    let store = Store::default_location();
    let label = source_label(source, index, store.as_ref());
    format!("source: {}", safe(&label))
}

fn print_list(
    out: &mut impl Write,
    source: &Source,
    index: &Index,
    all: bool,
    json: bool,
) -> std::io::Result<()> {
    let communities = &index.communities;
    let shown: Vec<usize> = (0..communities.len())
        .filter(|&i| all || communities[i].listed())
        .collect();
    if json {
        print_json(out, &many_json(communities, &shown, None))
    } else {
        print_table(out, communities, &shown, terminal_width())?;
        writeln!(out, "\n{}", footer_of(source, index))
    }
}
