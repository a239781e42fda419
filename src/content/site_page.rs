//! One file's page of the site, made from its front matter: the rules both the site
//! walk and the community loader (for the files it reads) follow, and where a file
//! sits under the content root.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::cache_file::Stamp;
use super::diagnostic::Diagnostic;
use super::fields;
use super::front_matter::{PageError, SplitPage};
use super::page_words::{PageFields, PageWords};
use super::site::{BodySource, SitePage, address_of, normalize_path};

/// One file indexed: its page and warnings about it, or the error that kept it out
/// (None when the community loader reports it).
pub(super) type Indexed = Result<(SitePage, Vec<Diagnostic>), Option<Diagnostic>>;

/// The page of `indexed` marked with the stamp its file had when it was read (see
/// `SitePage::indexed_as`); a page whose stamp is not known is left unmarked.
pub(super) fn stamped(mut indexed: Indexed, stamp: Option<Stamp>) -> Indexed {
    if let (Ok((page, _)), Some(stamp)) = (&mut indexed, stamp) {
        page.indexed_as = stamp.fingerprint();
    }
    indexed
}

/// One file to index: where it sits under the content root, and how to read it.
pub(super) struct PageFile {
    pub(super) folders: Vec<String>,
    pub(super) stem: String,
    pub(super) source: String,
    pub(super) body: BodySource,
}

/// The content root above a communities folder: its parent when it is named
/// `communities`, else the folder itself (a loose folder of pages).
pub(super) fn content_root(communities: &Path) -> PathBuf {
    match (communities.file_name(), communities.parent()) {
        (Some(name), Some(parent)) if name == "communities" => parent.to_path_buf(),
        _ => communities.to_path_buf(),
    }
}

/// The folders above a file, from its path under the content root.
pub(super) fn folders_of(relative: &Path) -> Vec<String> {
    relative
        .parent()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// A file's page from its text split into front matter and body (or why it could not
/// be read or split). A broken file outside `communities/` is a diagnostic; inside it,
/// the community loader reports it (and its warnings).
pub(super) fn index_split(
    file: PageFile,
    split: Result<&SplitPage<'_>, &PageError>,
    today: NaiveDate,
) -> Indexed {
    let in_communities = file.folders.first().is_some_and(|f| f == "communities");
    let report = |line: usize, message: String| {
        (!in_communities).then(|| Diagnostic::error(&file.source, line, message))
    };
    let page = split.map_err(|err| report(err.line, err.message.clone()))?;
    let warnings = if in_communities {
        Vec::new()
    } else {
        super::page::duplicate_warnings(&file.source, page)
    };
    let map = &page.fields;
    let text = |key: &str| fields::text(map, key).ok().flatten();
    let shown = |key: &str| fields::display_text(map, key).ok().flatten();
    let list = |key: &str| fields::list(map, key).unwrap_or_default();
    let date = fields::date(map, "date").ok().flatten();
    let folders: Vec<&str> = file.folders.iter().map(String::as_str).collect();
    let section = folders.first().copied().unwrap_or("");
    let title = shown("title").or_else(|| person_name(&shown));
    // Hugo's `:slug` falls back to the title, urlized, where a section's addresses use it.
    let slug = text("slug").or_else(|| {
        matches!(section, "news" | "events")
            .then(|| title.as_deref().map(urlize))
            .flatten()
    });
    let is_section = file.stem == "_index";
    let address = match text("url") {
        Some(url) => normalize_path(&url),
        None => address_of(&folders, &file.stem, slug.as_deref(), date),
    };
    let own_slug = text("slug").unwrap_or_else(|| {
        if is_section || file.stem == "index" {
            folders.last().copied().unwrap_or("").to_string()
        } else {
            file.stem.clone()
        }
    });
    let expiry = fields::date(map, "expirydate").ok().flatten();
    let mut key_parts = folders.clone();
    key_parts.push(&file.stem);
    let title = title.unwrap_or_else(|| own_slug.clone());
    let summary = shown("summary").unwrap_or_default();
    let site_page = SitePage {
        words: PageWords::of(PageFields {
            section,
            slug: &own_slug,
            title: &title,
            summary: &summary,
            address: &address,
            file_key: &key_parts.join("/"),
            topics: &list("topics"),
            authors: &list("authors"),
            aliases: &list("aliases"),
            event_cop: &list("event_cop"),
        }),
        date,
        is_section,
        expired: expiry.is_some_and(|d| d < today),
        expiry,
        gone_notice: text("layout").is_some_and(|l| l.eq_ignore_ascii_case("redirect")),
        source: file.source,
        body: file.body,
        community: None,
        indexed_as: 0,
    };
    Ok((site_page, warnings))
}

/// An author page's name: `display_name`, else first and last name.
fn person_name(shown: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    shown("display_name").or_else(|| {
        let parts: Vec<String> = ["first_name", "last_name"]
            .into_iter()
            .filter_map(shown)
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    })
}

/// A title as Hugo makes it part of an address: lower case, spaces as `-`, and only
/// letters, digits and `.` `_` `-` `+` `~` `#` kept.
pub fn urlize(title: &str) -> String {
    title
        .trim()
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some('-'),
            c if c.is_alphanumeric() || "._-+~#".contains(c) => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlizes_titles_as_hugo_does() {
        assert_eq!(
            urlize("Increase Your Impact: Plain Language"),
            "increase-your-impact-plain-language"
        );
        assert_eq!(urlize("What's new in 2024?"), "whats-new-in-2024");
        assert_eq!(urlize("A – B"), "a--b");
    }
}
