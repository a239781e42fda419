//! The whole site's sections as the list shows them: by their own names, without the
//! pages Hugo does not publish.

use super::App;
use crate::content::SitePage;

/// Pages that are the site's machinery rather than pages to read: its error page, the
/// folders Hugo leaves out (`_archived`), and the files at the top of `content/` (the
/// home page's empty layout stub, the redirect and feed stubs). The whole-site list
/// shows them with `a`.
pub(super) fn unlisted_page(page: &SitePage) -> bool {
    page.section.is_empty() || page.section.starts_with('_') || page.section == "404"
}

impl App {
    /// A section's name as the site shows it: the title of its own page
    /// (`news/_index.md` says "Blogs"), or the folder's name capitalised.
    pub fn section_name(&self, section: &str) -> String {
        crate::document::section_name(self.site.as_ref().map(|s| &s.site), section)
    }
}
