//! Why a command failed, and the exit code each reason maps to.

use std::process::ExitCode;

use super::text::safe;

/// A command's failure. Each variant has one exit code; `report` prints it.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The user asked for something that is not there or cannot be read so: exit 2.
    #[error("{0}")]
    Usage(String),
    /// The pages or a file could not be read: exit 1.
    #[error("{0}")]
    Failed(String),
    /// The command has said on stderr what went wrong, or found what it was asked to
    /// report as a failure (`check` finding errors): exit 1 with nothing more.
    #[error("failed; said so already")]
    Reported,
    /// A search that found nothing, as grep: exit 1 with the message on stderr.
    #[error("{0}")]
    NothingFound(String),
    /// Output could not be written.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl CliError {
    /// Prints the failure on stderr (once, cleaned) and gives the exit code.
    pub fn report(self) -> ExitCode {
        match self {
            Self::Usage(message) => {
                eprintln!("copdeck: {}", safe_lines(&message));
                ExitCode::from(2)
            }
            Self::Failed(message) | Self::NothingFound(message) => {
                eprintln!("copdeck: {}", safe_lines(&message));
                ExitCode::from(1)
            }
            Self::Reported => ExitCode::from(1),
            // A closed pipe (`| head`) is not an error worth a message.
            Self::Io(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Self::Io(err) => {
                eprintln!("copdeck: {err}");
                ExitCode::from(1)
            }
        }
    }
}

/// Cleans each line of a message on its own, keeping the line breaks a message may carry.
fn safe_lines(message: &str) -> String {
    message.lines().map(safe).collect::<Vec<_>>().join("\n")
}

/// The exit code of a command's result.
pub fn exit_code(result: Result<(), CliError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => err.report(),
    }
}
