//! copdeck: a terminal browser for digital.gov's Communities of Practice.

pub mod content;
