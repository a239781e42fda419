//! Printers for the non-interactive commands. Text output is made terminal-safe;
//! JSON keeps the exact text.

use std::io::{self, IsTerminal, Write};

use crate::cli::ShowFormat;
use crate::cli::json::{CommunityJson, links_json};
use crate::content::Community;
use crate::document::{community_markdown, group_digits, plain_text, render_page, status_words};
use crate::sanitize::{clean_block, clean_line};
use crate::text::{fit, width_of};

/// Page text made safe for a terminal.
pub fn safe(text: &str) -> String {
    clean_line(text).into_owned()
}

/// Columns to fit text output to: the terminal's, `$COLUMNS`, or 80.
pub fn output_width() -> usize {
    if io::stdout().is_terminal()
        && let Ok((cols, _)) = crossterm::terminal::size()
    {
        return usize::from(cols).max(20);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&c: &usize| c >= 20)
        .unwrap_or(80)
}

/// How a community is joined, in a word or two: "list", "list + list", "Slack", "moved ↗".
pub fn channel_marker(community: &Community) -> String {
    if community.moved() {
        return "moved ↗".to_string();
    }
    let kinds: Vec<&str> = community
        .channels
        .iter()
        .map(|c| match (&c.platform, c.audience) {
            (crate::content::Platform::Slack, _) => "Slack",
            (_, _) if c.email.is_none() && c.form.is_some() => "form",
            (_, Some(crate::content::Audience::Government)) => "gov list",
            (_, Some(crate::content::Audience::Public)) => "public list",
            (_, None) => "list",
        })
        .collect();
    if kinds.is_empty() {
        "—".to_string()
    } else {
        kinds.join(" + ")
    }
}

/// Members for a table cell: `1,979`, or `—` when unknown.
pub fn members_cell(community: &Community) -> String {
    community
        .members()
        .map_or_else(|| "—".to_string(), group_digits)
}

/// The table of `list` and `search`: name, members, channels (and status with --all).
pub fn print_table(
    out: &mut impl Write,
    communities: &[Community],
    ids: &[usize],
    width: usize,
) -> io::Result<()> {
    let rows: Vec<(String, String, String)> = ids
        .iter()
        .map(|&i| {
            let c = &communities[i];
            let mut name = safe(c.name());
            let status = status_words(c);
            if !status.is_empty() {
                name = format!("{name} ({})", status.join(", "));
            }
            (name, members_cell(c), channel_marker(c))
        })
        .collect();
    let members_w = rows
        .iter()
        .map(|r| width_of(&r.1))
        .max()
        .unwrap_or(0)
        .max(7);
    let channel_w = rows
        .iter()
        .map(|r| width_of(&r.2))
        .max()
        .unwrap_or(0)
        .max(8);
    let name_w = width.saturating_sub(members_w + channel_w + 4).max(12);
    let line = |name: &str, members: &str, channel: &str| {
        let name = fit(name, name_w);
        let pad = name_w - width_of(&name);
        let mpad = members_w.saturating_sub(width_of(members));
        format!(
            "{name}{}  {}{members}  {channel}",
            " ".repeat(pad),
            " ".repeat(mpad)
        )
    };
    writeln!(out, "{}", line("COMMUNITY", "MEMBERS", "JOIN").trim_end())?;
    for (name, members, channel) in &rows {
        writeln!(out, "{}", line(name, members, channel).trim_end())?;
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

pub fn print_json(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
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
            let rendered = render();
            let mut value = CommunityJson::from(c);
            value.body = Some(&c.body);
            value.links = Some(links_json(&rendered.links, site));
            print_json(out, &value)
        }
        ShowFormat::Markdown => out.write_all(clean_block(&community_markdown(c, site)).as_bytes()),
        ShowFormat::Text | ShowFormat::Dump => {
            out.write_all(plain_text(&render().lines).as_bytes())
        }
    }
}
