//! The shell: the terminal loop and the one event channel it reads, the effects it
//! performs, the workers, the link opener, the folder watcher and reloads, signals and
//! the log. Everything here touches the world; the decisions are made in `app`.

pub mod demo;
pub mod effects;
pub mod event;
pub mod input;
pub mod log;
pub mod opener;
pub mod record;
pub mod reload;
#[cfg(unix)]
pub mod signals;
pub mod svg;
pub mod sync;
pub mod terminal;
pub mod terminal_mode;
pub mod watcher;
pub mod worker;
