//! A page as Markdown, for `copdeck show --format markdown`: a `# Title`, the summary,
//! how to join a community, then the body with its Hugo shortcodes expanded. The text is
//! exact; the printer makes it safe for a terminal.

use super::community::status_line;
use super::join::{JOIN_FORM, JoinField, channel_heading, channel_rows, join_form_choice};
use super::listing::{Listing, meta_line};
use super::tags_markdown;
use crate::content::model::SITE;
use crate::content::{Community, JoinChannel, Site, SitePage};
use crate::markdown::shortcodes::expand_shortcodes;

/// A community's page as Markdown.
pub fn community_markdown(c: &Community, site: Option<&Site>) -> String {
    let mut intro = Vec::new();
    if let Some(status) = status_line(c) {
        intro.push(format!("*{status}*"));
    }
    intro.push(c.summary.clone());
    intro.extend(c.deck.clone());
    let mut out = head(c.name(), &intro);
    out.push_str(&join_section(c));
    let text = super::with_refs(&c.body, site, Some(&super::community_key(c)));
    out.push_str(&body(&text, &tags_markdown(site, &c.topics, &c.authors)));
    out.push_str(&foot(&c.url()));
    out
}

/// Any other page of the site as Markdown, given its body as read from its file.
pub fn site_page_markdown(page: &SitePage, text: &str, site: Option<&Site>) -> String {
    let mut intro = vec![format!("*{}*", meta_line(page, site))];
    intro.extend(super::listing::expired_banner(page).map(|b| format!("**{b}**")));
    intro.push(page.summary().to_string());
    let mut out = head(page.title(), &intro);
    let text = super::with_refs(text, site, Some(page.file_key()));
    out.push_str(&body(
        &text,
        &tags_markdown(site, page.topics(), page.authors()),
    ));
    out.push_str(&foot(&page.url()));
    out
}

/// A topic's or author's listing as Markdown.
pub fn listing_markdown(listing: &Listing<'_>, site: &Site) -> String {
    let mut out = head(&listing.title, &[listing.summary.to_string()]);
    let text = super::with_refs(&listing.markdown, Some(site), listing.file_key.as_deref());
    out.push_str(&body(&text, ""));
    out.push_str(&foot(&listing.url));
    out
}

/// The title as a heading, then each non-empty paragraph of the introduction.
fn head(title: &str, intro: &[String]) -> String {
    let mut out = format!("# {}\n", one_line(title));
    for paragraph in intro.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        out.push_str(&format!("\n{paragraph}\n"));
    }
    out
}

/// "How to join": one list per channel, ending with the ready mailto: link.
fn join_section(c: &Community) -> String {
    let mut out = String::from("\n## How to join\n");
    if let Some(redirect) = &c.redirect {
        out.push_str(&format!(
            "\nThis community has moved. It now lives at <{}>.\n",
            redirect.trim()
        ));
    }
    if c.channels.is_empty() && c.redirect.is_none() {
        out.push_str(&format!(
            "\nThis page lists no way to join. See <{}>.\n",
            c.url()
        ));
    }
    for channel in &c.channels {
        out.push_str(&channel_markdown(channel));
    }
    if let Some(choice) = join_form_choice(c) {
        out.push_str(&format!(
            "\n### Digital.gov join form\n\n- **Form:** <{}>\n- **Choose:** {}\n",
            JOIN_FORM,
            one_line(choice)
        ));
    }
    out
}

fn channel_markdown(channel: &JoinChannel) -> String {
    let mut out = format!("\n### {}\n\n", one_line(&channel_heading(channel)));
    for row in channel_rows(channel) {
        let value = match row.field {
            JoinField::Form => format!("<{}>", row.value.trim()),
            JoinField::Mailto => format!("<{}>", row.value),
            _ => row.value,
        };
        out.push_str(&format!(
            "- **{}:** {}\n",
            row.field.label(),
            one_line(&value)
        ));
    }
    out
}

/// The body with every shortcode rewritten, then the topic and author links.
fn body(text: &str, tags: &str) -> String {
    let text = tidy(&format!("{}{tags}", expand_shortcodes(text)));
    let text = text.trim();
    if text.is_empty() {
        String::new()
    } else {
        format!("\n{text}\n")
    }
}

/// Outside code blocks: one blank line at most between blocks (expanded shortcodes leave
/// several), and site-relative links made full so that they work away from the site.
fn tidy(text: &str) -> String {
    let absolute = format!("]({SITE}/");
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    let mut blank = false;
    for line in text.lines() {
        let marker = ["```", "~~~"]
            .into_iter()
            .find(|m| line.trim_start().starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m)) if open == m => fence = None,
            _ => {}
        }
        if fence.is_some() || marker.is_some() {
            out.push_str(line);
        } else if line.trim().is_empty() {
            if blank {
                continue;
            }
        } else {
            out.push_str(
                &line
                    .replace("](/", &absolute)
                    .replace(&format!("{absolute}/"), "](//"),
            );
        }
        blank = fence.is_none() && line.trim().is_empty();
        out.push('\n');
    }
    out
}

fn foot(url: &str) -> String {
    format!("\n**Page:** <{url}>\n")
}

/// Text for a heading or a list item, where a line break would end it early.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_joins_broken_text() {
        assert_eq!(one_line(" a\n b\tc "), "a b c");
    }

    #[test]
    fn tidy_keeps_code_and_makes_links_full() {
        let text = "a [x](/t/y/) [z](//cdn/q)\n\n\n\nb\n```\n[c](/d/)\n\n\n```\n";
        assert_eq!(
            tidy(text),
            "a [x](https://digital.gov/t/y/) [z](//cdn/q)\n\nb\n```\n[c](/d/)\n\n\n```\n"
        );
    }

    #[test]
    fn body_expands_shortcodes_and_skips_nothing() {
        let out = body("See {{< ref \"/topics/x.md\" >}}.", "");
        assert_eq!(out, "\nSee https://digital.gov/topics/x/.\n");
        assert_eq!(body("  \n", ""), "");
    }
}
