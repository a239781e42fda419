//! Hugo's link rules: what a `ref`, `relref` or `link` shortcode names, and a pass that
//! writes the page each one names into a body before it is rendered.
//!
//! A `ref` names a content file: by its path from `content/` (`/guides/x.md`), by a
//! path relative to the page's own folder, or by its bare file name anywhere in the
//! tree when only one file has it. `.md`, `index.md`/`_index.md` and a `#part` are
//! optional; a name that is missing or that several files share is a problem.

use std::borrow::Cow;

use super::model::SITE;
use super::site::Site;

/// What a `ref` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefTarget {
    /// Page `id` of the site, with the `#part` when one was given.
    Page { id: usize, anchor: Option<String> },
    /// A part of the page the ref is on (`#part`).
    Here(String),
    /// A full address elsewhere, used as it is.
    Address(String),
    /// Several files have this name: their page ids.
    Ambiguous(Vec<usize>),
    /// No file has this name.
    Missing,
}

impl Site {
    /// Resolves a `ref` written on the page whose file is `from` (its path under
    /// `content/` without `.md`, like `guides/rpa/index`).
    pub fn find_ref(&self, from: Option<&str>, target: &str) -> RefTarget {
        let target = target.trim();
        let lower = target.to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            return RefTarget::Address(target.to_string());
        }
        let (path, anchor) = match target.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor.to_string())),
            None => (target, None),
        };
        let path = path.trim();
        if path.is_empty() {
            return RefTarget::Here(anchor.unwrap_or_default());
        }
        let path = strip_md(path.trim_end_matches('/'));
        let found = |key: &str| self.page_of_file(&dot_segments(key));
        let by_path = if path.starts_with('/') {
            found(path)
        } else {
            let folder = from.map_or("", |f| f.rsplit_once('/').map_or("", |(dir, _)| dir));
            found(&format!("{folder}/{path}")).or_else(|| found(path))
        };
        let by_address = || self.page_at(path).filter(|_| path.starts_with('/'));
        if let Some(id) = by_path.or_else(by_address) {
            return RefTarget::Page { id, anchor };
        }
        if path.contains('/') {
            return RefTarget::Missing;
        }
        match self.pages_named(&path.to_lowercase()).as_slice() {
            [id] => RefTarget::Page { id: *id, anchor },
            [] => RefTarget::Missing,
            ids => RefTarget::Ambiguous(ids.to_vec()),
        }
    }
}

fn strip_md(path: &str) -> &str {
    match path.len().checked_sub(3) {
        Some(cut) if path.is_char_boundary(cut) && path[cut..].eq_ignore_ascii_case(".md") => {
            &path[..cut]
        }
        _ => path,
    }
}

/// `a/./b/../c` → `a/c`.
fn dot_segments(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// A `ref` that names no page, or more than one, at a line of the body (0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefProblem {
    pub line: usize,
    pub target: String,
    /// The pages that share the name, when it is ambiguous.
    pub candidates: Vec<String>,
}

/// A body with its refs written out as full addresses, and the refs that could not be.
#[derive(Debug)]
pub struct ResolvedBody<'a> {
    pub body: Cow<'a, str>,
    pub problems: Vec<RefProblem>,
}

/// Longest a shortcode's text may run before its `>}}`; anything longer is not one.
const MAX_TAG: usize = 1024;

/// Writes the page each `ref`, `relref` and `link` shortcode of `body` names into the
/// shortcode, as a full address. Refs that name no page, or several, are left as
/// written and reported with their line. One pass over the body.
pub fn resolve_refs<'a>(body: &'a str, from: Option<&str>, site: &Site) -> ResolvedBody<'a> {
    let mut out = String::new();
    let mut problems = Vec::new();
    let mut copied = 0;
    let mut line = 0;
    let mut counted = 0;
    let mut search = 0;
    let here = from.and_then(|f| site.page_of_file(f));
    while let Some(found) = body[search..].find("{{") {
        let start = search + found;
        search = start + 2;
        let Some((value, value_end, name)) = ref_value(&body[start..]) else {
            continue;
        };
        let value_start = start + (value.as_ptr() as usize - body[start..].as_ptr() as usize);
        line += body[counted..start].matches('\n').count();
        counted = start;
        let written = match (name, site.find_ref(from, value)) {
            (RefKind::Link, _) if !is_content_path(value) => None,
            (_, RefTarget::Page { id, anchor }) => {
                let hash = anchor.map(|a| format!("#{a}")).unwrap_or_default();
                Some(format!("{SITE}{}{hash}", site.pages[id].address()))
            }
            (_, RefTarget::Here(anchor)) => {
                here.map(|id| format!("{SITE}{}#{anchor}", site.pages[id].address()))
            }
            (_, RefTarget::Address(_)) => None,
            (_, RefTarget::Ambiguous(ids)) => {
                problems.push(RefProblem {
                    line,
                    target: value.to_string(),
                    candidates: ids.iter().map(|&i| site.pages[i].source.clone()).collect(),
                });
                None
            }
            (_, RefTarget::Missing) => {
                problems.push(RefProblem {
                    line,
                    target: value.to_string(),
                    candidates: Vec::new(),
                });
                None
            }
        };
        if let Some(written) = written {
            out.push_str(&body[copied..value_start]);
            out.push_str(&written);
            copied = start + value_end;
        }
        search = start + value_end;
    }
    let body = if copied == 0 {
        Cow::Borrowed(body)
    } else {
        out.push_str(&body[copied..]);
        Cow::Owned(out)
    };
    ResolvedBody { body, problems }
}

/// The `link` shortcode resolves content paths (`x.md`, `x.md#part`) as `relref` does
/// and takes any other value as an address.
fn is_content_path(value: &str) -> bool {
    let path = value.split('#').next().unwrap_or("");
    let lower = path.trim().to_ascii_lowercase();
    !lower.starts_with("http") && lower.ends_with(".md")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RefKind {
    Ref,
    Link,
}

/// For text starting with `{{`: when it is a `ref`, `relref` or `link` shortcode, its
/// first value (borrowed from `text`), the offset just after that value, and the kind.
fn ref_value(text: &str) -> Option<(&str, usize, RefKind)> {
    let window = &text[..floor_boundary(text, MAX_TAG)];
    let rest = window.strip_prefix("{{")?;
    let close = match rest.as_bytes().first()? {
        b'<' => ">}}",
        b'%' => "%}}",
        _ => return None,
    };
    let inner = rest[1..].trim_start_matches('-').trim_start();
    let name_end = inner.find(|c: char| !c.is_ascii_alphanumeric())?;
    let kind = match &inner[..name_end] {
        "ref" | "relref" => RefKind::Ref,
        "link" => RefKind::Link,
        _ => return None,
    };
    // `ref-card` is another shortcode: the name ends at a space or a quote.
    if !inner[name_end..].starts_with(|c: char| c.is_whitespace() || "\"'`".contains(c)) {
        return None;
    }
    let args = inner[name_end..].trim_start();
    let (value, after) = match args.chars().next()? {
        quote @ ('"' | '\'' | '`') => {
            let body = &args[1..];
            let end = body.find(quote)?;
            (&body[..end], &body[end + 1..])
        }
        _ => {
            let end = args.find(|c: char| c.is_whitespace() || c == '>' || c == '%')?;
            (&args[..end], &args[end..])
        }
    };
    if value.contains('\n') || !after.contains(close) {
        return None;
    }
    let value_end = value.as_ptr() as usize + value.len() - text.as_ptr() as usize;
    Some((value, value_end, kind))
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
