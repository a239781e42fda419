//! The site's data files as the shortcodes see them: read already, or checked against
//! the folder (through the cache's record of it) the first time a shortcode asks.
//!
//! Checking the folder stats every data file in it: on the real site, 1,058 image
//! files, about 4 ms of the processor. Few pages have a shortcode that reads the data
//! (294 of the real site's 4,041), so a command that looks up one page, or only titles,
//! leaves the check to the first shortcode that needs it (`DataCheck::WhenRead`).

use std::sync::{Arc, LazyLock};

use super::site_data::SiteData;

/// How the data is made when first asked for.
type Read = Box<dyn FnOnce() -> SiteData + Send>;

/// The site's data, read now or when first asked for; clones share one reading.
#[derive(Debug, Clone)]
pub struct LazySiteData(Arc<LazyLock<SiteData, Read>>);

impl LazySiteData {
    /// Data already read.
    pub fn ready(data: SiteData) -> Self {
        Self::when_read(move || data)
    }

    /// Data that `read` makes, the first time any clone is asked for it.
    pub fn when_read(read: impl FnOnce() -> SiteData + Send + 'static) -> Self {
        Self(Arc::new(LazyLock::new(Box::new(read))))
    }

    /// The data, read now if it was not yet.
    pub fn get(&self) -> &SiteData {
        &self.0
    }
}

impl Default for LazySiteData {
    fn default() -> Self {
        Self::ready(SiteData::default())
    }
}

impl From<SiteData> for LazySiteData {
    fn from(data: SiteData) -> Self {
        Self::ready(data)
    }
}

/// When a cached load checks the site's data folder against the cache's record of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataCheck {
    /// While the tree is walked: the browser, which shows any page, and whose load
    /// keeps the record up to date in the cache file.
    Now,
    /// When a shortcode first reads the data (a command's lookup). A changed data folder
    /// is then read again, but not kept, unless the load writes the cache file anyway.
    WhenRead,
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::content::site_data::ImageInfo;

    #[test]
    fn the_data_is_read_once_on_first_use_and_shared_by_clones() {
        static READS: AtomicUsize = AtomicUsize::new(0);
        let lazy = LazySiteData::when_read(|| {
            READS.fetch_add(1, Ordering::SeqCst);
            let mut data = SiteData::default();
            data.images.insert(
                "harbor".into(),
                ImageInfo {
                    alt: "A harbor at dusk".into(),
                    ..ImageInfo::default()
                },
            );
            data
        });
        let clone = lazy.clone();
        assert_eq!(
            READS.load(Ordering::SeqCst),
            0,
            "not read before it is asked for"
        );
        assert_eq!(
            clone.get().image("Harbor.png").unwrap().alt,
            "A harbor at dusk"
        );
        assert_eq!(lazy.get().images.len(), 1);
        assert_eq!(READS.load(Ordering::SeqCst), 1, "read once for both clones");
    }
}
