//! Hugo shortcodes (`{{< name args >}}`) rewritten into the Markdown they stand for,
//! so that no raw `{{<` ever reaches the screen.

use crate::content::model::SITE;

/// One parsed shortcode tag.
#[derive(Debug, PartialEq)]
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    args: Vec<(Option<&'a str>, &'a str)>,
}

impl Tag<'_> {
    fn arg(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| *k == Some(key))
            .map(|(_, v)| *v)
    }

    fn first_positional(&self) -> Option<&str> {
        self.args.iter().find(|(k, _)| k.is_none()).map(|(_, v)| *v)
    }
}

/// Rewrites every shortcode in a page body into plain Markdown.
pub fn expand_shortcodes(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    let mut in_note = false;
    while let Some(start) = find_open(rest) {
        copy_text(&mut out, &rest[..start], in_note);
        let after = &rest[start + 3..];
        let close = if rest[start..].starts_with("{{%") {
            "%}}"
        } else {
            ">}}"
        };
        let Some(end) = after.find(close) else {
            // An unclosed tag: drop the opening braces, keep the text.
            rest = after;
            continue;
        };
        let tag = parse_tag(&after[..end]);
        out.push_str(&replacement(&tag, &mut in_note));
        rest = &after[end + 3..];
    }
    copy_text(&mut out, rest, in_note);
    out
}

fn find_open(text: &str) -> Option<usize> {
    match (text.find("{{<"), text.find("{{%")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Copies literal text; inside a note every line becomes part of a block quote.
fn copy_text(out: &mut String, text: &str, in_note: bool) {
    if in_note {
        out.push_str(&text.replace('\n', "\n> "));
    } else {
        out.push_str(text);
    }
}

fn parse_tag(inner: &str) -> Tag<'_> {
    let inner = inner.trim();
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, inner),
    };
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = &inner[..name_end];
    let mut args = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let (key, after_key) = match rest.find('=') {
            Some(eq) if !rest[..eq].contains(['"', ' ', '\'']) => {
                (Some(rest[..eq].trim()), rest[eq + 1..].trim_start())
            }
            _ => (None, rest),
        };
        let (value, after_value) = take_value(after_key);
        args.push((key, value));
        rest = after_value.trim_start();
    }
    Tag {
        name,
        closing,
        args,
    }
}

/// Reads one quoted or bare value from the front of `text`.
fn take_value(text: &str) -> (&str, &str) {
    for quote in ['"', '\'', '`'] {
        if let Some(body) = text.strip_prefix(quote) {
            return match body.find(quote) {
                Some(end) => (&body[..end], &body[end + 1..]),
                None => (body, ""),
            };
        }
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    (&text[..end], &text[end..])
}

/// A site path as a full address: `/communities/x.md` → `https://digital.gov/communities/x/`.
pub fn site_url(path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") {
        return path.to_string();
    }
    let path = path.trim().trim_start_matches('/');
    let (path, anchor) = match path.split_once('#') {
        Some((p, a)) => (p, format!("#{a}")),
        None => (path, String::new()),
    };
    let path = path.strip_suffix(".md").unwrap_or(path);
    let path = path.strip_suffix("_index").unwrap_or(path);
    let path = path.strip_suffix("/index").unwrap_or(path);
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        format!("{SITE}/{anchor}")
    } else {
        format!("{SITE}/{path}/{anchor}")
    }
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

fn replacement(tag: &Tag<'_>, in_note: &mut bool) -> String {
    let name = tag.name.to_ascii_lowercase();
    match (name.as_str(), tag.closing) {
        // The content layer has already written the page a ref names as its address
        // (`content::refs`); what is left is a site path or a full address.
        ("ref" | "relref" | "link", false) => site_url(tag.first_positional().unwrap_or("")),
        ("featured-resource", false) => {
            let link = tag.arg("link").unwrap_or("");
            let kicker = tag.arg("kicker").unwrap_or("Featured");
            let title = tag
                .arg("title")
                .map_or_else(|| words_of(link), str::to_string);
            format!("\n\n**{kicker}:** [{title}]({})\n\n", site_url(link))
        }
        ("img" | "img-right" | "img-left" | "figure" | "image", false) => {
            let src = tag.arg("src").or(tag.first_positional()).unwrap_or("image");
            let alt = tag.arg("alt").map(|a| format!(" {a}")).unwrap_or_default();
            format!("*[image: {src}{alt}]*")
        }
        ("note" | "alert" | "callout" | "box" | "highlight", false) => {
            *in_note = true;
            "\n\n> **Note:** ".to_string()
        }
        ("note" | "alert" | "callout" | "box" | "highlight", true) => {
            *in_note = false;
            "\n\n".to_string()
        }
        ("asset-static" | "asset", false) => {
            let file = tag.arg("file").unwrap_or("file");
            let label = tag.arg("label").unwrap_or(file);
            format!("*{label}* (file: `{file}`)")
        }
        ("do-row", false) => "\n\n**✓ Do:** ".to_string(),
        ("dont-row", false) => "\n\n**✗ Don’t:** ".to_string(),
        ("youtube", false) => {
            let id = tag.arg("id").or(tag.first_positional()).unwrap_or("");
            format!("[Video on YouTube](https://www.youtube.com/watch?v={id})")
        }
        _ => "\n\n".to_string().repeat(usize::from(is_block(&name))),
    }
}

/// Tags whose start or end separates blocks.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "do-dont-table" | "row" | "do-row" | "dont-row" | "card-policy" | "accordion"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_each_kind() {
        let body = "See [this]({{< ref \"/communities/social-media.md\" >}}).\n\
            {{< featured-resource link=\"topics/social-media\" kicker=\"Featured topic\" >}}\n\
            {{< img src=\"logo\" >}}\n\
            {{< note >}}\nBe kind.\nReally.\n{{< /note >}}\nAfter.\n\
            {{< asset-static file=\"guide.pdf\" label=\"Guide\" >}} {{< unknown x=1 >}}";
        let out = expand_shortcodes(body);
        assert!(!out.contains("{{"), "{out}");
        assert!(out.contains("[this](https://digital.gov/communities/social-media/)"));
        assert!(out.contains(
            "**Featured topic:** [Social media](https://digital.gov/topics/social-media/)"
        ));
        assert!(out.contains("*[image: logo]*"));
        assert!(
            out.contains("> **Note:** \n> Be kind.\n> Really.\n"),
            "{out}"
        );
        assert!(out.contains("\nAfter."));
        assert!(out.contains("*Guide* (file: `guide.pdf`)"));
    }

    #[test]
    fn survives_broken_tags() {
        assert_eq!(expand_shortcodes("a {{< b"), "a  b");
        assert_eq!(
            expand_shortcodes("{{% note %}}x{{% /note %}}"),
            "\n\n> **Note:** x\n\n"
        );
    }

    #[test]
    fn builds_site_urls() {
        assert_eq!(site_url("topics/x"), "https://digital.gov/topics/x/");
        assert_eq!(
            site_url("/resources/_index.md"),
            "https://digital.gov/resources/"
        );
        assert_eq!(site_url("/a/b#c"), "https://digital.gov/a/b/#c");
    }
}
