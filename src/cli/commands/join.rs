//! `copdeck join`: how to join one community, and the email that does it.

use std::io::Write;

use super::pick;
use crate::cli::text::print_join;
use crate::cli::{CliError, load_index};
use crate::content::Source;

/// Prints how to join the community called `name`.
pub fn run(out: &mut impl Write, source: &Source, name: &str, json: bool) -> Result<(), CliError> {
    let index = load_index(source)?;
    let id = pick(&index.communities, name)?;
    Ok(print_join(out, &index.communities[id], json)?)
}
