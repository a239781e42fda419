//! `copdeck check`: the loader's diagnostics plus lints for the people who edit pages —
//! no way to join, an address that is not an address, an expired page still weighted
//! visible, member counts no community has, invisible characters in titles, refs that
//! name no file, and links to pages this copy of the site lacks or no longer serves.
//! Every lint takes time linear in the page: lines come from one index of line starts.

use std::collections::HashSet;

use crate::content::entities::is_invisible;
use crate::content::fields::key_line;
use crate::content::front_matter::split_page;
use crate::content::links::{absolute_url, looks_like_address};
use crate::content::mojibake::repair_mojibake;
use crate::content::refs::resolve_refs;
use crate::content::site::{normalize_path, site_path};
use crate::content::{Community, Diagnostic, Site, SitePage, Target};
use crate::document::link_kind;
use crate::markdown::render_markdown;
use crate::theme::Theme;

/// More members than this on one channel is a typo, not a community.
pub const MAX_PLAUSIBLE_MEMBERS: u64 = 10_000_000;

/// The start of each line of a text, for turning byte offsets into line numbers.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { starts }
    }

    /// The 0-based line that holds byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }
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
        if let Some(members) = channel.members.filter(|&m| m > MAX_PLAUSIBLE_MEMBERS) {
            let nth_count = community.channels[..nth]
                .iter()
                .filter(|c| c.members.is_some())
                .count();
            found.push(Diagnostic::warning(
                source,
                field_line(raw, "members", nth_count),
                format!("members: {members} is more people than any community has; a typo?"),
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

/// A title with characters a reader cannot see (direction marks, zero-width spaces,
/// controls): copdeck drops them, but the site prints them.
pub fn lint_title(source: &str, raw: &str) -> Option<Diagnostic> {
    let line = key_line(raw, "title", 1, 0)?;
    let text = raw.lines().nth(line)?;
    let hidden: Vec<String> = text
        .chars()
        .filter(|&c| is_invisible(c) || (c.is_control() && c != '\t'))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    (!hidden.is_empty()).then(|| {
        Diagnostic::warning(
            source,
            line + 1,
            format!(
                "title contains invisible characters ({})",
                hidden.join(", ")
            ),
        )
    })
}

/// Refs that name no file (or several), and links that point into the site but reach
/// no page of this copy, or a page the site no longer serves. `raw` is the page's
/// file. Links to files (`.pdf`, images) are not pages and are left alone.
pub fn lint_links(page: &SitePage, raw: &str, site: &Site) -> Vec<Diagnostic> {
    let Ok(split) = split_page(raw) else {
        return Vec::new();
    };
    let body = repair_mojibake(split.body);
    let first = split.body_line;
    let resolved = resolve_refs(&body, Some(page.file_key()), site);
    let mut found = Vec::new();
    // Addresses the site would give unresolved refs: reported once, as refs.
    let mut reported: HashSet<String> = HashSet::new();
    for problem in &resolved.problems {
        let message = if problem.candidates.is_empty() {
            format!("ref {:?} names no file of this site", problem.target)
        } else {
            format!(
                "ref {:?} is ambiguous: {} files have that name ({})",
                problem.target,
                problem.candidates.len(),
                problem.candidates.join(", ")
            )
        };
        found.push(Diagnostic::warning(
            &page.source,
            first + problem.line,
            message,
        ));
        let path = problem.target.split('#').next().unwrap_or("");
        reported.insert(normalize_path(path));
    }
    let text = resolved.body.as_ref();
    let lines = LineIndex::new(text);
    let classify = |url: &str| link_kind(Some(site), url);
    let rendered = render_markdown(text, 80, &Theme::mono(), &classify);
    let mut cursor = 0;
    let mut not_in_text: HashSet<String> = HashSet::new();
    for link in rendered.links.iter() {
        let Some(path) = site_path(&absolute_url(&link.url)) else {
            continue;
        };
        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        if last.contains('.') || reported.contains(&path) {
            continue;
        }
        let message = match site.resolve(&link.url) {
            Some(Target::Page(id)) if site.pages[id].expired => {
                let gone = &site.pages[id];
                let day = gone
                    .expiry
                    .map(|d| format!(" (expired {d})"))
                    .unwrap_or_default();
                format!("link to {path} leads to a page the site no longer serves{day}")
            }
            Some(_) => continue,
            None => format!("link to {path} leads to no page of this site"),
        };
        // Links come in the order of the text, so one forward search finds each.
        let at = if not_in_text.contains(&link.url) {
            None
        } else {
            text[cursor..].find(&link.url).map(|pos| cursor + pos)
        };
        match at {
            Some(pos) => cursor = pos + link.url.len(),
            None => {
                not_in_text.insert(link.url.clone());
            }
        }
        let line = lines.line_of(at.unwrap_or(cursor));
        found.push(Diagnostic::warning(&page.source, first + line, message));
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
        let index = LineIndex::new("ab\ncd\n\nef");
        let lines: Vec<usize> = [0, 2, 3, 6, 7, 9].map(|o| index.line_of(o)).to_vec();
        assert_eq!(lines, vec![0, 0, 1, 2, 3, 3]);
    }

    #[test]
    fn flags_invisible_characters_in_titles() {
        let raw = "---\nsummary: s\ntitle: \"Web\u{200e} content\"\n---\n";
        let found = lint_title("x.md", raw).unwrap();
        assert_eq!(found.line, 3);
        assert!(found.message.contains("U+200E"), "{}", found.message);
        assert!(lint_title("x.md", "---\ntitle: Plain\n---\n").is_none());
    }
}
