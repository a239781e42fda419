//! Markdown written by the shortcodes: literal text, link destinations, links, and where
//! the site keeps its files.

/// Where the site keeps uploaded files and pictures.
pub(super) const CDN: &str = "https://s3.amazonaws.com/digitalgov";

/// Text made literal inside Markdown: punctuation that means something is escaped.
/// Entities stay, to be decoded as the site's HTML attributes are.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// An address made safe as a Markdown link destination.
pub(super) fn destination(url: &str) -> String {
    let url: String = url
        .trim()
        .chars()
        .filter(|c| !matches!(c, '<' | '>' | '\n' | '\r'))
        .collect();
    format!("<{}>", url.replace(' ', "%20"))
}

/// A Markdown link.
pub(super) fn link(text: &str, url: &str) -> String {
    format!("[{}]({})", escape(text), destination(url))
}
