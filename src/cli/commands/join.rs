//! `copdeck join`: how to join one community, and the email that does it.

use std::io::Write;

use super::pick_community;
use crate::cli::text::print_join;
use crate::cli::{CliError, load_index, report_load_problems};
use crate::content::Source;

/// Prints how to join the community called `name` (or whose file or address it is).
pub fn run(out: &mut impl Write, source: &Source, name: &str, json: bool) -> Result<(), CliError> {
    let index = load_index(source)?;
    report_load_problems(source, &index.diagnostics, &[]);
    let id = pick_community(&index.communities, name)?;
    Ok(print_join(out, &index.communities[id], json)?)
}
