//! The shell: the terminal loop, the effects it performs, the link opener and the folder
//! watcher. Everything here touches the world; the decisions are made in `app`.

pub mod demo;
pub mod effects;
pub mod kiosk;
pub mod opener;
pub mod record;
pub mod svg;
pub mod terminal;
pub mod watcher;
