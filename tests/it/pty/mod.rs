//! The real binary in a pseudo-terminal, read through a vt100 parser.

mod browse;
mod demo;
mod handover;
mod hostile;
mod log;
mod responsive;
mod session;
mod settings;
mod signals;
mod sync;
mod sync_events;
mod tables;
