//! One file per command; each returns `Result<(), CliError>` and leaves the exit code to
//! `CliError::report`.

pub mod cache;
pub mod check;
pub mod config;
pub mod demo;
pub mod join;
pub mod links;
pub mod list;
pub mod search;
pub mod show;
pub mod sync;

use crate::cli::CliError;
use crate::cli::pages::{community_by_source, is_address_or_path};
use crate::cli::text::safe;
use crate::content::Community;
use crate::search::lookup::{LookupError, find_community};

/// Looks a community up by name, or by the file copdeck printed as its `source`. A name
/// that can only be an address or a path and finds nothing is "no page at …".
pub fn pick_community(communities: &[Community], name: &str) -> Result<usize, CliError> {
    if let Some(id) = community_by_source(communities, name) {
        return Ok(id);
    }
    match pick(communities, name) {
        Err(CliError::Usage(_)) if is_address_or_path(name) => Err(no_page_at(name)),
        found => found,
    }
}

/// The error for an address or path that leads to no page.
pub fn no_page_at(name: &str) -> CliError {
    CliError::Usage(format!("no page at {}", safe(name)))
}

/// Looks a community up by name; a name that finds none or several is a usage error.
pub fn pick(communities: &[Community], name: &str) -> Result<usize, CliError> {
    match find_community(communities, name) {
        Ok(id) => Ok(id),
        Err(LookupError::Unknown { suggestions }) => {
            let mut message = format!("no community called {:?}", safe(name));
            if !suggestions.is_empty() {
                message.push_str(&format!(
                    "\ndid you mean: {}",
                    safe(&suggestions.join(", "))
                ));
            }
            Err(CliError::Usage(message))
        }
        Err(LookupError::Ambiguous { candidates }) => Err(CliError::Usage(format!(
            "{:?} could mean any of: {}",
            safe(name),
            safe(&candidates.join(", "))
        ))),
    }
}
