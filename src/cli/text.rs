//! Printers for the non-interactive commands. Text output is made terminal-safe;
//! JSON keeps the exact text.

use std::io::{self, IsTerminal, Write};

use crate::cli::ShowFormat;
use crate::cli::json::{CommunityJson, links_json};
use crate::content::Community;
use crate::document::{
    community_markdown, group_digits, join_marker, plain_text, render_page, status_words,
};
use crate::sanitize::{clean_block, clean_line};
use crate::text::{fit, width_of};

/// Page text made safe for a terminal.
pub fn safe(text: &str) -> String {
    clean_line(text).into_owned()
}

/// The widest output copdeck lays out, whatever the terminal or `$COLUMNS` says.
pub const MAX_WIDTH: usize = 1000;

/// Columns to wrap text output to: the terminal's, `$COLUMNS`, or 80; at least 20 and
/// at most `MAX_WIDTH`.
pub fn output_width() -> usize {
    terminal_width()
        .unwrap_or_else(|| columns_variable(std::env::var("COLUMNS").ok().as_deref()).unwrap_or(80))
}

/// `$COLUMNS` as a width: a number of at least 20, clamped to `MAX_WIDTH`.
pub fn columns_variable(value: Option<&str>) -> Option<usize> {
    let value = value?.trim();
    if !value.bytes().all(|b| b.is_ascii_digit()) || value.is_empty() {
        return None;
    }
    // Any run of digits, however long, is a width: huge ones are clamped, not overflowed.
    let width = value.parse::<usize>().unwrap_or(usize::MAX);
    (width >= 20).then_some(width.min(MAX_WIDTH))
}

/// The terminal's width when stdout is one; tables are cut to fit only then.
pub fn terminal_width() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    let (cols, _) = crossterm::terminal::size().ok()?;
    Some(usize::from(cols).clamp(20, MAX_WIDTH))
}

/// Members for a table cell: `1,979`, or `—` when unknown.
pub fn members_cell(community: &Community) -> String {
    community
        .members()
        .map_or_else(|| "—".to_string(), group_digits)
}

/// The table of `list` and `search`: name (with its status), members, channels. On a
/// terminal (`width` given) it is as wide as its content, and names are cut to fit only
/// when it is wider than the terminal; piped, every value is printed whole.
pub fn print_table(
    out: &mut impl Write,
    communities: &[Community],
    ids: &[usize],
    width: Option<usize>,
) -> io::Result<()> {
    let rows: Vec<(String, String, String, String)> = ids
        .iter()
        .map(|&i| {
            let c = &communities[i];
            let status = status_words(c);
            let status = if status.is_empty() {
                String::new()
            } else {
                format!(" ({})", status.join(", "))
            };
            (
                safe(c.name()),
                status,
                members_cell(c),
                join_marker(c, false),
            )
        })
        .collect();
    let column =
        |cells: &mut dyn Iterator<Item = usize>, least: usize| cells.max().unwrap_or(0).max(least);
    let members_w = column(&mut rows.iter().map(|r| width_of(&r.2)), 7);
    let channel_w = column(&mut rows.iter().map(|r| width_of(&r.3)), 8);
    let content_w = column(&mut rows.iter().map(|r| width_of(&r.0) + width_of(&r.1)), 9);
    let name_w = match width {
        Some(width) => content_w.min(width.saturating_sub(members_w + channel_w + 4).max(12)),
        None => content_w,
    };
    let line = |name: &str, status: &str, members: &str, channel: &str| {
        // The status is kept whole; the name gives way when the column is too narrow.
        let name = format!(
            "{}{status}",
            fit(name, name_w.saturating_sub(width_of(status)).max(4))
        );
        let pad = name_w.saturating_sub(width_of(&name));
        let mpad = members_w.saturating_sub(width_of(members));
        format!(
            "{name}{}  {}{members}  {channel}",
            " ".repeat(pad),
            " ".repeat(mpad)
        )
    };
    writeln!(
        out,
        "{}",
        line("COMMUNITY", "", "MEMBERS", "JOIN").trim_end()
    )?;
    for (name, status, members, channel) in &rows {
        writeln!(out, "{}", line(name, status, members, channel).trim_end())?;
    }
    Ok(())
}

/// JSON values for several communities, with search scores when given.
pub fn many_json<'a>(
    communities: &'a [Community],
    ids: &[usize],
    scores: Option<&[i64]>,
) -> Vec<CommunityJson<'a>> {
    ids.iter()
        .enumerate()
        .map(|(n, &i)| {
            let mut json = CommunityJson::from(&communities[i]);
            json.score = scores.map(|s| s[n]);
            json
        })
        .collect()
}

/// Pretty JSON, with every character a terminal could act on escaped as `\uXXXX` (serde
/// escapes C0 controls; this adds DEL, C1 controls such as U+009B, and the bidi and line
/// separator characters).
pub fn print_json(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, SafeJson::default());
    value.serialize(&mut serializer)?;
    writeln!(out)
}

/// serde_json's pretty formatter, escaping what `sanitize::is_unsafe` names.
#[derive(Default)]
struct SafeJson<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for SafeJson<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if crate::sanitize::is_unsafe(c) || matches!(c, '\u{2028}' | '\u{2029}') {
                out.write_all(&fragment.as_bytes()[start..at])?;
                write!(out, "\\u{:04x}", c as u32)?;
                start = at + c.len_utf8();
            }
        }
        out.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `join`: each channel on its own lines, with the ready mailto: link.
pub fn print_join(out: &mut impl Write, c: &Community, json: bool) -> io::Result<()> {
    if json {
        return print_json(out, &CommunityJson::from(c));
    }
    writeln!(out, "{}", safe(c.name()))?;
    if let Some(redirect) = &c.redirect {
        writeln!(out, "  This community has moved. It now lives at:")?;
        writeln!(out, "  {}", safe(redirect))?;
    }
    if c.channels.is_empty() && c.redirect.is_none() {
        writeln!(out, "  This page lists no way to join. See {}", c.url())?;
    }
    for channel in &c.channels {
        writeln!(out)?;
        let mut heading = channel.platform.label().to_string();
        if let Some(audience) = channel.audience {
            heading = format!("{heading} · {}", audience.label());
        }
        writeln!(out, "  {}", safe(&heading))?;
        let mut row = |label: &str, value: &str| writeln!(out, "  {label:<9} {}", safe(value));
        if let Some(email) = &channel.email {
            row("Address", email)?;
        }
        if let Some(subject) = &channel.subject {
            row("Subject", subject)?;
        }
        if let Some(body) = &channel.body {
            row("Message", body)?;
        }
        if let Some(form) = &channel.form {
            row("Form", form)?;
        }
        let members = channel
            .members
            .map_or_else(|| "not published".to_string(), group_digits);
        row("Members", &members)?;
        if let Some(per_week) = channel.emails_per_week {
            row("Traffic", &crate::document::traffic(per_week))?;
        }
        if let Some(terms) = &channel.terms {
            row("Who", terms)?;
        }
        if let Some(mailto) = channel.mailto() {
            row("Mailto", &mailto)?;
        }
    }
    Ok(())
}

/// `show`: the whole page as text, Markdown, a lynx-style dump, or JSON with body and links.
pub fn print_show(
    out: &mut impl Write,
    c: &Community,
    format: ShowFormat,
    width: usize,
    site: Option<&crate::content::Site>,
) -> io::Result<()> {
    let render = || render_page(c, width, &format.theme(), site);
    match format {
        ShowFormat::Json => {
            // Only the links are printed: the drawn lines are freed before the JSON is made.
            let links = render().links;
            let mut value = CommunityJson::from(c);
            value.body = Some(&c.body);
            value.links = Some(links_json(&links, site));
            print_json(out, &value)
        }
        ShowFormat::Markdown => out.write_all(clean_block(&community_markdown(c, site)).as_bytes()),
        ShowFormat::Text | ShowFormat::Dump => {
            out.write_all(plain_text(&render().lines).as_bytes())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_every_character_a_terminal_could_act_on() {
        let text = "a\u{9b}b\u{85}c\u{202e}d\u{2066}e\u{2069}f\u{7f}g\u{2028}h";
        let mut out = Vec::new();
        print_json(&mut out, &text).unwrap();
        let json = String::from_utf8(out).unwrap();
        for escape in [
            "\\u009b", "\\u0085", "\\u202e", "\\u2066", "\\u2069", "\\u007f", "\\u2028",
        ] {
            assert!(json.contains(escape), "{json} lacks {escape}");
        }
        assert!(json.is_ascii(), "{json}");
        let back: String = serde_json::from_str(&json).unwrap();
        assert_eq!(back, text);
    }
}
