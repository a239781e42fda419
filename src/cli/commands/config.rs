//! `copdeck config`: the defaults, or where the user's file is and what it holds.

use std::io::Write;

use crate::cli::CliError;
use crate::config::{default_file, default_path};

/// Prints the config file in use (or the defaults); where it is goes to stderr.
pub fn run(out: &mut impl Write, default: bool) -> Result<(), CliError> {
    let path = default_path();
    let text = match (&path, default) {
        (Some(path), false) if path.exists() => std::fs::read_to_string(path).unwrap_or_default(),
        _ => default_file(),
    };
    if !default {
        match &path {
            Some(path) if path.exists() => eprintln!("# {}", path.display()),
            Some(path) => eprintln!("# no file at {}; these are the defaults", path.display()),
            None => eprintln!("# no config folder known; these are the defaults"),
        }
    }
    Ok(out.write_all(text.as_bytes())?)
}
