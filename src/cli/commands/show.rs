//! `copdeck show`: one page — a community by name, or any page of the site by address.

use std::io::Write;

use super::pick;
use crate::cli::pages::{PageMatch, find_page, print_target};
use crate::cli::text::{output_width, print_show};
use crate::cli::{CliError, ShowFormat, load_index, load_site_index};
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
    let width = width.unwrap_or_else(output_width);
    let community = match find_page(&index, &site.site, name) {
        Some(PageMatch::Community(id)) => id,
        Some(PageMatch::Site(target)) => {
            return Ok(print_target(out, &site.site, &target, format, width)?);
        }
        None => pick(&index.communities, name)?,
    };
    Ok(print_show(
        out,
        &index.communities[community],
        format,
        width,
        Some(&site.site),
    )?)
}
