//! The whole site's sections as the list shows them: by their own names, without the
//! pages Hugo does not publish.

use super::App;

impl App {
    /// A section's name as the site shows it: the title of its own page
    /// (`news/_index.md` says "Blogs"), or the folder's name capitalised.
    pub fn section_name(&self, section: &str) -> String {
        crate::document::section_name(self.site.as_ref().map(|s| &s.site), section)
    }
}
