//! `copdeck config`: the defaults, or where the user's file is and what it holds.

use std::io::Write;
use std::path::Path;

use crate::cli::CliError;
use crate::cli::text::safe;
use crate::config::{Config, default_file, default_path, read_config_file};

/// Prints the config file in use — `--config FILE` when given, else the one at the
/// default path — or the defaults; where it is goes to stderr.
pub fn run(out: &mut impl Write, default: bool, explicit: Option<&Path>) -> Result<(), CliError> {
    if default {
        return Ok(out.write_all(default_file().as_bytes())?);
    }
    let text = match Config::path_in_use(explicit) {
        Some(path) => {
            // The file was read and checked at start-up; read it again to print it.
            let text = read_config_file(&path)
                .map_err(|err| CliError::Failed(format!("{}: {err}", path.display())))?;
            eprintln!("# {}", safe(&path.display().to_string()));
            text
        }
        None => {
            match default_path() {
                Some(path) => eprintln!(
                    "# no file at {}; these are the defaults",
                    safe(&path.display().to_string())
                ),
                None => eprintln!("# no config folder known; these are the defaults"),
            }
            default_file()
        }
    };
    Ok(out.write_all(text.as_bytes())?)
}
