//! `copdeck links`: every link of a community's page, numbered and classified.

use std::io::Write;

use super::pick_community;
use crate::cli::pages::print_links;
use crate::cli::{CliError, load_index, load_site_index, report_load_problems};
use crate::content::Source;

/// Prints the links of the community called `name`.
pub fn run(out: &mut impl Write, source: &Source, name: &str, json: bool) -> Result<(), CliError> {
    let index = load_index(source)?;
    let id = pick_community(&index.communities, name);
    let site = load_site_index(source, &index);
    report_load_problems(source, &index.diagnostics, &site.diagnostics);
    Ok(print_links(out, &index.communities[id?], &site.site, json)?)
}
