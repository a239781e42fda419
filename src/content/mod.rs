//! The content layer: page model, front-matter parsing and the loader.

pub mod bounded;
pub mod cache;
pub mod cache_file;
pub mod cache_frame;
pub mod claim_table;
pub mod community_cache;
pub mod community_pages;
pub mod diagnostic;
pub mod entities;
pub mod fields;
pub mod front_matter;
pub mod lazy_site_data;
pub mod links;
pub mod loader;
pub mod model;
pub mod mojibake;
pub mod page;
pub mod page_words;
pub mod raw_body;
pub mod read_files;
pub mod refs;
pub mod simple_yaml;
pub mod site;
pub mod site_data;
pub mod site_loader;
pub mod site_page;
pub mod walk;

pub use cache::{CacheUse, SiteCache, load_site_cached, load_site_cached_for};
pub use diagnostic::{Diagnostic, Severity};
pub use lazy_site_data::{DataCheck, LazySiteData};
pub use loader::{Index, LoadError, Source, load, load_cached, today};
pub use model::{Audience, Community, Group, JoinChannel, Platform};
pub use read_files::ReadFiles;
pub use site::{Site, SitePage, Target};
pub use site_loader::{SiteIndex, load_site, load_site_for, read_body, read_text};
