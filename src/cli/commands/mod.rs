//! One file per command; each returns `Result<(), CliError>` and leaves the exit code to
//! `CliError::report`.

pub mod cache;
pub mod check;
pub mod config;
pub mod join;
pub mod links;
pub mod list;
pub mod search;
pub mod show;

use crate::cli::CliError;
use crate::cli::text::safe;
use crate::content::Community;
use crate::search::lookup::{LookupError, find_community};

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
