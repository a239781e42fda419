//! `copdeck check`: the loader's diagnostics plus lints for the people who edit pages —
//! no way to join, an address that is not an address, an expired page still weighted
//! visible, and links to pages of the site that do not exist.

use crate::content::fields::key_line;
use crate::content::links::{absolute_url, looks_like_address};
use crate::content::site::site_path;
use crate::content::{Community, Diagnostic, Site, SitePage, read_body};
use crate::document::link_kind;
use crate::markdown::render_markdown;
use crate::theme::Theme;

/// The 1-based line of a page's file where `needle` first appears, if it does.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.find(needle)
        .map(|pos| 1 + text[..pos].matches('\n').count())
}

/// The line of the `nth` occurrence of a front-matter key, counting the opening `---`.
fn field_line(raw: &str, key: &str, nth: usize) -> usize {
    key_line(raw, key, 1, nth).map_or(1, |line| line + 1)
}

/// Lints one community page; `raw` is its file's text, for line numbers.
pub fn lint_community(community: &Community, raw: &str) -> Vec<Diagnostic> {
    let source = community.source.as_str();
    let mut found = Vec::new();
    // Hidden pages in the section (the guidelines, say) are not communities to join.
    if community.channels.is_empty() && community.redirect.is_none() && !community.hidden() {
        found.push(Diagnostic::warning(
            source,
            1,
            "no way to join: no community_list entry and no redirectto",
        ));
    }
    for (nth, channel) in community.channels.iter().enumerate() {
        if let Some(email) = &channel.email
            && !looks_like_address(email)
        {
            found.push(Diagnostic::error(
                source,
                field_line(raw, "subscribe_email", nth),
                format!("subscribe_email {email:?} is not an email address"),
            ));
        }
        if channel.email.is_none() && channel.form.is_none() {
            found.push(Diagnostic::warning(
                source,
                field_line(raw, "platform", nth),
                format!(
                    "channel {} has neither subscribe_email nor subscribe_form",
                    nth + 1
                ),
            ));
        }
    }
    if community.expired && community.weight.is_some_and(|w| w > 0) {
        let day = community.expiry.map(|d| d.to_string()).unwrap_or_default();
        found.push(Diagnostic::warning(
            source,
            field_line(raw, "expirydate", 0),
            format!(
                "expired on {day} but still weighted visible (weight {})",
                community.weight.unwrap_or(0)
            ),
        ));
    }
    found
}

/// Links in a page's body that point into the site but reach no page of this copy.
/// Links to files (`.pdf`, images) are not pages and are left alone.
pub fn lint_links(page: &SitePage, raw: &str, site: &Site) -> Vec<Diagnostic> {
    let Ok(body) = read_body(&page.body) else {
        return Vec::new();
    };
    let classify = |url: &str| link_kind(Some(site), url);
    let rendered = render_markdown(&body, 80, &Theme::mono(), &classify);
    let mut found = Vec::new();
    for link in rendered.links {
        let Some(path) = site_path(&absolute_url(&link.url)) else {
            continue;
        };
        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        if last.contains('.') || site.resolve(&link.url).is_some() {
            continue;
        }
        found.push(Diagnostic::warning(
            &page.source,
            line_of(raw, &link.url).unwrap_or(1),
            format!("link to {path} leads to no page of this site"),
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_lines() {
        let raw =
            "---\ntitle: x\ncommunity_list:\n  - subscribe_email: a\n  - subscribe_email: b\n---\n";
        assert_eq!(field_line(raw, "subscribe_email", 1), 5);
        assert_eq!(line_of(raw, "title"), Some(2));
    }
}
