//! The shell: the terminal loop, the effects it performs, the link opener and the folder
//! watcher. Everything here touches the world; the decisions are made in `app`.

pub mod effects;
pub mod opener;
pub mod terminal;
pub mod watcher;
