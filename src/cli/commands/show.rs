//! `copdeck show`: one page — a community by name, or any page of the site by address
//! or by file path.

use std::io::Write;

use super::{no_page_at, pick};
use crate::cli::pages::{find_page, is_address_or_path, print_document};
use crate::cli::text::output_width;
use crate::cli::{CliError, ShowFormat, load_index, load_site_index, report_load_problems};
use crate::content::Source;
use crate::document::{Document, View};

/// Prints the page `name` names in `format`, `width` columns wide.
pub fn run(
    out: &mut impl Write,
    source: &Source,
    name: &str,
    format: ShowFormat,
    width: Option<usize>,
) -> Result<(), CliError> {
    let index = load_index(source)?;
    let site = load_site_index(source, &index);
    report_load_problems(source, &index.diagnostics, &site.diagnostics);
    let width = width.unwrap_or_else(output_width);
    let view = match find_page(&index, &site.site, name) {
        Some(view) => view,
        None => match pick(&index.communities, name) {
            Err(CliError::Usage(_)) if is_address_or_path(name) => return Err(no_page_at(name)),
            found => View::Community(found?),
        },
    };
    let community = view.community(&index.communities);
    let document =
        Document::open(&view, community, Some(&site.site)).ok_or_else(|| no_page_at(name))?;
    Ok(print_document(out, &document, format, width)?)
}
