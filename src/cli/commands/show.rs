//! `copdeck show`: one page — a community by name, or any page of the site by address
//! or by file path.

use std::io::Write;

use super::{no_page_at, pick};
use crate::cli::pages::{PageMatch, find_page, is_address_or_path, print_target};
use crate::cli::text::{output_width, print_show};
use crate::cli::{CliError, ShowFormat, load_index, load_site_index, report_load_problems};
use crate::content::Source;

/// Prints the page `name` names in `format`, `width` columns wide.
pub fn run(
    out: &mut impl Write,
    source: &Source,
    name: &str,
    format: ShowFormat,
    width: Option<usize>,
) -> Result<(), CliError> {
    let index = load_index(source)?;
    let site = load_site_index(source);
    report_load_problems(source, &index.diagnostics, &site.diagnostics);
    let width = width.unwrap_or_else(output_width);
    let community = match find_page(&index, &site.site, name) {
        Some(PageMatch::Community(id)) => id,
        Some(PageMatch::Site(target)) => {
            return Ok(print_target(out, &site.site, &target, format, width)?);
        }
        None => match pick(&index.communities, name) {
            Err(CliError::Usage(_)) if is_address_or_path(name) => return Err(no_page_at(name)),
            found => found?,
        },
    };
    Ok(print_show(
        out,
        &index.communities[community],
        format,
        width,
        Some(&site.site),
    )?)
}
