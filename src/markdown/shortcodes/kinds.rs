//! What each shortcode of the digital.gov site shows, as Markdown: the site's
//! `layouts/shortcodes/` define them; this says the same in text. A shortcode not known
//! here keeps its inner text and the words of its arguments.

use super::markup::{CDN, escape, link};
use super::terms_tables;
use super::{Tag, site_url};
use crate::content::LazySiteData;
use crate::content::site_data::SiteData;

/// How a paired shortcode holds its inner text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wrap {
    /// Inside a box: every line is part of a quote.
    Quote,
    /// As it is.
    Plain,
}

/// What an opening (or lone) tag writes, and, for a paired one, how its inner text is
/// held and what its closing tag writes.
pub(super) struct Expansion {
    pub text: String,
    pub wrap: Option<Wrap>,
    pub close: String,
    /// What a box nested deeper than quotes are drawn writes instead of `text`: its
    /// heading as words before its inner text, opening no quote.
    pub deep: String,
}

impl Expansion {
    fn lone(text: String) -> Self {
        Self {
            text,
            wrap: None,
            close: String::new(),
            deep: String::new(),
        }
    }

    fn paired(text: String, wrap: Wrap, close: &str) -> Self {
        Self {
            text,
            wrap: Some(wrap),
            close: close.to_string(),
            deep: String::new(),
        }
    }
}

/// A picture as its alt text, with its caption (and credit) under it.
fn picture(alt: &str, caption: &str, credit: &str) -> String {
    let mut out = format!("\n\n![{}]()\n\n", escape(alt.trim()));
    let caption = caption.trim();
    let credit = credit.trim();
    match (caption.is_empty(), credit.is_empty()) {
        (false, false) => out.push_str(&format!("{caption} — {credit}\n\n")),
        (false, true) => out.push_str(&format!("{caption}\n\n")),
        (true, false) => out.push_str(&format!("— {credit}\n\n")),
        (true, true) => {}
    }
    out
}

/// Words for a slug: `topics/social-media` → "Social media".
fn words_of(path: &str) -> String {
    let last = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path);
    let words = last.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// An image named by its data file: alt text and caption from `data/images/`.
fn data_image(tag: &Tag<'_>, data: &SiteData) -> String {
    let src = tag.arg("src").or(tag.first_positional()).unwrap_or("");
    let info = data.image(src);
    let alt = tag
        .arg("alt")
        .filter(|a| !a.trim().is_empty())
        .or(info.map(|i| i.alt.as_str()).filter(|a| !a.is_empty()))
        .map_or_else(|| words_of(src), str::to_string);
    let (caption, credit) = info.map_or(("", ""), |i| (i.caption.as_str(), i.credit.as_str()));
    picture(&alt, caption, credit)
}

/// A pair whose inner text goes in a box under a heading line.
fn boxed(heading: &str) -> Expansion {
    let text = if heading.is_empty() {
        "\n\n> ".to_string()
    } else {
        format!("\n\n> **{heading}**\n> \n> ")
    };
    let mut expansion = Expansion::paired(text, Wrap::Quote, "");
    if !heading.is_empty() {
        expansion.deep = format!("{heading}: ");
    }
    expansion
}

/// A card: a heading (a kicker before the title), then the inner text.
fn card(tag: &Tag<'_>, close: &str) -> Expansion {
    let title = tag.arg("title").unwrap_or("").trim();
    let heading = match tag.arg("kicker").map(str::trim).filter(|k| !k.is_empty()) {
        Some(kicker) if !title.is_empty() => format!("{kicker}: {title}"),
        Some(kicker) => kicker.to_string(),
        None => title.to_string(),
    };
    let text = if heading.is_empty() {
        "\n\n".to_string()
    } else {
        format!("\n\n### {}\n\n", heading.replace('\n', " "))
    };
    Expansion::paired(text, Wrap::Plain, &format!("\n\n{close}\n\n"))
}

fn note_heading(variant: Option<&str>) -> String {
    match variant.map(str::trim).filter(|v| !v.is_empty()) {
        None => "Note".to_string(),
        Some("join") => "Who can join?".to_string(),
        Some(variant) => words_of(variant),
    }
}

fn video(title: Option<&str>, fallback: &str, url: &str) -> String {
    let title = title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(fallback);
    format!("\n\n▶ {}\n\n", link(title, url))
}

/// Words an unknown shortcode's arguments carry, so that it never shows nothing.
fn argument_words(tag: &Tag<'_>) -> String {
    let words: Vec<&str> = ["title", "text", "label", "caption", "alt"]
        .iter()
        .filter_map(|key| tag.arg(key))
        .filter(|v| !v.trim().is_empty())
        .collect();
    let mut text = words
        .iter()
        .map(|w| escape(w))
        .collect::<Vec<_>>()
        .join(" ");
    if !text.is_empty() {
        text.push(' ');
    }
    text
}

/// The Markdown for one opening or lone tag of a shortcode the site uses. `data` is
/// read only by the shortcodes that need it.
pub(super) fn expand_known(name: &str, tag: &Tag<'_>, data: &LazySiteData) -> Expansion {
    let text = match name {
        "img" | "img-right" | "img-left" | "img-flexible" | "img-bw" | "figure" | "image" => {
            data_image(tag, data.get())
        }
        "legacy-img" | "legacy-img-right" => {
            let caption = tag.arg("caption").unwrap_or("");
            let alt = tag.arg("alt").filter(|a| !a.trim().is_empty());
            let src = tag.arg("src").unwrap_or("");
            let alt = alt.map_or_else(
                || {
                    if caption.is_empty() {
                        words_of(src)
                    } else {
                        String::new()
                    }
                },
                str::to_string,
            );
            picture(&alt, caption, "")
        }
        "asset-img" | "theme-img" => {
            let path = tag.arg("path").unwrap_or("");
            let alt = tag.arg("alt").filter(|a| !a.trim().is_empty());
            picture(&alt.map_or_else(|| words_of(path), str::to_string), "", "")
        }
        "featured-resource" => {
            let target = tag.arg("link").unwrap_or("");
            let kicker = tag.arg("kicker").unwrap_or("Featured");
            let title = tag
                .arg("title")
                .map_or_else(|| words_of(target), str::to_string);
            format!("\n\n**{kicker}:** {}\n\n", link(&title, &site_url(target)))
        }
        "asset-static" => {
            let file = tag.arg("file").unwrap_or("file");
            let label = tag.arg("label").filter(|l| !l.is_empty()).unwrap_or(file);
            link(
                label,
                &format!("{CDN}/static/{}", file.trim_start_matches('/')),
            )
        }
        "legacy-file" => {
            let file = tag.first_positional().unwrap_or("");
            format!("{CDN}/_legacy-img/{}", file.trim().trim_start_matches('/'))
        }
        "tos-file" => {
            let file = tag.first_positional().unwrap_or("");
            format!(
                "{CDN}/_terms-of-service/{}",
                file.trim().trim_start_matches('/')
            )
        }
        "tmp" => site_url(tag.first_positional().unwrap_or("")),
        "button" => {
            let text = tag.arg("text").unwrap_or("").trim();
            let href = tag.arg("href").unwrap_or("").trim_matches('"');
            link(if text.is_empty() { href } else { text }, href)
        }
        "tweet" => {
            let user = tag.arg("user").unwrap_or("").trim();
            let id = tag
                .arg("id")
                .or(tag.first_positional())
                .unwrap_or("")
                .trim();
            let (text, url) = if user.is_empty() {
                (
                    "A post on X".to_string(),
                    format!("https://twitter.com/i/status/{id}"),
                )
            } else {
                (
                    format!("A post by @{user} on X"),
                    format!("https://twitter.com/{user}/status/{id}"),
                )
            };
            format!("\n\n{}\n\n", link(&text, &url))
        }
        "youtube" => {
            let id = tag
                .arg("id")
                .or(tag.first_positional())
                .unwrap_or("")
                .trim();
            let start = tag
                .arg("start_time")
                .map(str::trim)
                .filter(|s| !s.is_empty());
            let at = start.map(|s| format!("&t={s}s")).unwrap_or_default();
            let url = format!("https://www.youtube.com/watch?v={id}{at}");
            video(tag.arg("title"), "Video on YouTube", &url)
        }
        "fb-video" => video(
            None,
            "Video on Facebook",
            tag.first_positional().unwrap_or(""),
        ),
        "cspan-iframe" => video(
            tag.arg("title"),
            "Video on C-SPAN",
            tag.arg("src").unwrap_or(""),
        ),
        "quote-block" => {
            let text = tag.arg("text").unwrap_or("").trim();
            let cite = tag.arg("cite").map(str::trim).filter(|c| !c.is_empty());
            let cite = cite.map(|c| format!("\n>\n> — {c}")).unwrap_or_default();
            format!("\n\n> “{text}”{cite}\n\n")
        }
        "termsofservice-compatible" => terms_tables::compatible(data.get()),
        "termsofservice-inactive" => terms_tables::inactive(data.get()),
        "termsofservice-poc-cabinet" => terms_tables::contacts(&data.get().cabinet),
        "termsofservice-poc-noncabinet" => terms_tables::contacts(&data.get().noncabinet),
        "do-row" => return Expansion::paired("\n\n**✓ Do:** ".into(), Wrap::Plain, "\n\n"),
        "dont-row" => return Expansion::paired("\n\n**✗ Don’t:** ".into(), Wrap::Plain, "\n\n"),
        "do-dont-table" => {
            let caption = tag.arg("caption").map(str::trim).filter(|c| !c.is_empty());
            let text = caption
                .map(|c| format!("\n\n**{c}**\n\n"))
                .unwrap_or("\n\n".into());
            return Expansion::paired(text, Wrap::Plain, "\n\n");
        }
        "note" | "alert" | "callout" => return boxed(&note_heading(tag.arg("variant"))),
        "box" | "footnote" => return boxed(""),
        "ring" => return boxed(tag.arg("title").unwrap_or("").trim()),
        "highlight" => return Expansion::paired("<mark>".into(), Wrap::Plain, "</mark>"),
        "accordion" => return card(tag, ""),
        "card-policy" => {
            let src = tag.arg("src").unwrap_or("");
            let more = if src.is_empty() {
                String::new()
            } else {
                link("Read the full text", src)
            };
            return card(tag, &more);
        }
        "card-prompt" => {
            let intro = tag.arg("intro").unwrap_or("").trim();
            let button = match (tag.arg("button-text"), tag.arg("button-url")) {
                (Some(text), Some(url)) => link(text, url),
                _ => String::new(),
            };
            return Expansion::paired(
                format!("\n\n{intro}\n\n"),
                Wrap::Plain,
                &format!("\n\n{button}\n\n"),
            );
        }
        "checkbox" => return Expansion::paired("\n\n☐ ".into(), Wrap::Plain, "\n\n"),
        "checkbox-sublist-item" => {
            return Expansion::paired("\n\n  ◦ ".into(), Wrap::Plain, "\n\n");
        }
        "checklist" | "checklist-sublist" | "row" => {
            return Expansion::paired("\n\n".into(), Wrap::Plain, "\n\n");
        }
        _ => return Expansion::paired(argument_words(tag), Wrap::Plain, ""),
    };
    Expansion::lone(text)
}
