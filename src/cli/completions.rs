//! Shell integration: completion scripts and the man page, both generated from the real
//! clap command so that they cannot drift from it.

use std::io::{self, Write};

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap_complete::Shell;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, roman};

use super::args::{command, hide_args};
use crate::app::keymap::Keymap;
use crate::content::Community;

/// The arguments that take a community's name, by subcommand.
const COMMUNITY_ARGS: [(&str, &str); 3] = [
    ("join", "community"),
    ("show", "page"),
    ("links", "community"),
];

/// Options every subcommand inherits; the man page describes them once, at the top
/// (and `--help` too).
const GLOBAL_ARGS: [&str; 4] = ["content", "config", "theme", "plain"];

/// A community a completion script offers: its slug, and its name as a hint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Completion {
    pub slug: String,
    pub name: Option<String>,
}

/// What the script offers for community names: each slug made only of letters, digits,
/// `-`, `_` and `.` (anything else could mean something to the shell that reads the
/// script), with the community's name as a hint where the shell shows one.
pub fn completions_of(communities: &[Community]) -> Vec<Completion> {
    let mut out: Vec<Completion> = communities
        .iter()
        .filter(|c| is_plain_word(&c.slug))
        .map(|c| Completion {
            slug: c.slug.clone(),
            name: hint(c.name()),
        })
        .collect();
    out.sort();
    out.dedup_by(|a, b| a.slug == b.slug);
    out
}

fn is_plain_word(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with(['-', '.'])
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A name as a hint: letters, digits, spaces and harmless punctuation kept, the rest
/// (quotes, `$`, backslashes, controls) dropped.
fn hint(name: &str) -> Option<String> {
    let kept: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '/' | ',' | '.' | '(' | ')'))
        .collect();
    let kept = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    (!kept.is_empty()).then_some(kept)
}

/// The command as a completion script sees it: the real one, with the community slugs
/// offered for the arguments that take a community. The parser never sees these values,
/// so any name, address or path is still accepted, and `--help` does not list them.
pub fn completion_command(communities: &[Completion]) -> clap::Command {
    let values: Vec<PossibleValue> = communities
        .iter()
        .map(|c| {
            let value = PossibleValue::new(c.slug.clone());
            match &c.name {
                Some(name) => value.help(name.clone()),
                None => value,
            }
        })
        .collect();
    let mut cmd = command();
    for (sub, arg) in COMMUNITY_ARGS {
        let parser = PossibleValuesParser::new(values.clone());
        cmd = cmd.mut_subcommand(sub, |s| {
            s.mut_args(|a| {
                if a.get_id() == arg {
                    a.value_parser(parser.clone())
                } else {
                    a
                }
            })
        });
    }
    cmd
}

/// `completions`: the script for `shell`.
pub fn print_completions(
    out: &mut impl Write,
    shell: Shell,
    communities: &[Completion],
) -> io::Result<()> {
    let mut cmd = completion_command(communities);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "copdeck", &mut script);
    let script = String::from_utf8_lossy(&script).into_owned();
    let script = match shell {
        Shell::Fish => script + &fish_positionals(communities),
        Shell::PowerShell => with_names(&script, "'copdeck;{sub}' {\n", communities, |c| {
            format!(
                "            [CompletionResult]::new('{slug}', '{slug}', [CompletionResultType]::ParameterValue, '{hint}')\n",
                slug = c.slug,
                hint = c.name.as_deref().unwrap_or(&c.slug)
            )
        }),
        Shell::Elvish => with_names(&script, "&'copdeck;{sub}'= {\n", communities, |c| {
            format!(
                "            cand {} '{}'\n",
                c.slug,
                c.name.as_deref().unwrap_or(&c.slug)
            )
        }),
        _ => script,
    };
    out.write_all(script.as_bytes())
}

/// clap_complete's PowerShell and Elvish scripts complete only options: the community
/// names are added at the start of the block `opening` begins for each subcommand that
/// takes one (`{sub}` in `opening` stands for its name).
fn with_names(
    script: &str,
    opening: &str,
    communities: &[Completion],
    line: impl Fn(&Completion) -> String,
) -> String {
    let names: String = communities.iter().map(line).collect();
    let mut script = script.to_string();
    for (sub, _) in COMMUNITY_ARGS {
        let opening = opening.replace("{sub}", sub);
        if let Some(at) = script.find(&opening) {
            script.insert_str(at + opening.len(), &names);
        }
    }
    script
}

/// clap_complete's fish script completes only options, so the community names of
/// `join`, `show` and `links` are added here, with the script's own subcommand test.
fn fish_positionals(communities: &[Completion]) -> String {
    let mut out = String::from("\n# Community names\n");
    for (sub, _) in COMMUNITY_ARGS {
        for c in communities {
            out.push_str(&format!(
                "complete -c copdeck -n \"__fish_copdeck_using_subcommand {sub}\" -f -a \"{}\"",
                c.slug
            ));
            if let Some(name) = &c.name {
                out.push_str(&format!(" -d '{name}'"));
            }
            out.push('\n');
        }
    }
    out
}

/// `man`: one page with the main command, then a section for each subcommand.
pub fn man_page() -> io::Result<String> {
    let cmd = command();
    let man = Man::new(cmd.clone()).title("COPDECK");
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    let mut commands = Roff::new();
    commands.control("SH", ["COMMANDS"]);
    commands.to_writer(&mut page)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        subcommand_section(&mut page, sub)?;
    }
    extra_sections().to_writer(&mut page)?;
    man.render_version_section(&mut page)?;
    Ok(with_one_preamble(&String::from_utf8_lossy(&page)))
}

/// A subcommand under its own `.SS` heading: synopsis, description and options, without
/// the options every command shares.
fn subcommand_section(page: &mut Vec<u8>, sub: &clap::Command) -> io::Result<()> {
    let sub = hide_args(sub.clone(), &[&GLOBAL_ARGS[..], &["help"]].concat());
    let name = sub
        .get_bin_name()
        .map_or_else(|| format!("copdeck {}", sub.get_name()), str::to_string);
    let mut heading = Roff::new();
    heading.control("SS", [name.as_str()]);
    heading.to_writer(page)?;
    let man = Man::new(sub);
    let mut body = Vec::new();
    man.render_synopsis_section(&mut body)?;
    man.render_description_section(&mut body)?;
    man.render_options_section(&mut body)?;
    // Each part comes with its own `.SH` heading; under `.SS` they run on as paragraphs.
    for line in String::from_utf8_lossy(&body).lines() {
        let line = if line.starts_with(".SH") { ".PP" } else { line };
        writeln!(page, "{line}")?;
    }
    Ok(())
}

/// The browser's keys, the config file, exit status and environment, which clap does
/// not know about.
fn extra_sections() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["INTERACTIVE KEYS"]);
    roff.text([roman(
        "With no command, copdeck opens the browser. These are its default keys; the config file can rebind them.",
    )]);
    for (section, keys) in Keymap::default().help_sections() {
        roff.control("SS", [section]);
        for (key, help) in keys {
            roff.control("TP", [])
                .text([roman(key)])
                .text([roman(help)]);
        }
    }
    roff.control("SH", ["FILES"]);
    roff.control("TP", [])
        .text([roman("$XDG_CONFIG_HOME/copdeck/config.toml")])
        .text([roman(
            "The config file (~/.config/copdeck/config.toml when XDG_CONFIG_HOME is not set; --config FILE reads another). It sets content (the folder to read; ~ and $HOME are expanded), theme, browser (a command; %s stands for the address), terminal (true when the browser runs in the terminal) and a [keys] table that rebinds actions by name. copdeck config --default prints the whole file, commented; copdeck config prints the one in use. A mistake stops copdeck with file:line: what is wrong.",
        )]);
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in [
        ("0", "Success."),
        (
            "1",
            "The content could not be read, or check found an error.",
        ),
        (
            "2",
            "A usage error, a community name that is unknown or ambiguous, or the browser started without a terminal.",
        ),
    ] {
        roff.control("TP", [])
            .text([roman(code)])
            .text([roman(meaning)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in [
        (
            "COPDECK_CONTENT",
            "Folder to read pages from, as --content.",
        ),
        (
            "BROWSER",
            "Programs that open links when the config names none: a list separated by colons, the first that can start wins. A %s in one stands for the address. lynx, w3m, links, elinks and browsh get the terminal until they quit.",
        ),
        (
            "VISUAL, EDITOR",
            "The editor e starts on a page's file: VISUAL, else EDITOR, else vi.",
        ),
        (
            "NO_COLOR",
            "When set and not empty, the browser draws without colour (--theme wins).",
        ),
        (
            "XDG_CONFIG_HOME",
            "Where the config file is looked for (default ~/.config).",
        ),
        (
            "COLUMNS",
            "Width to wrap show's text to when the output is not a terminal (20 to 1000).",
        ),
        (
            "DISPLAY, WAYLAND_DISPLAY",
            "Without either (and without a browser set), a link is shown with a QR code instead of opened.",
        ),
        (
            "TMUX",
            "Inside tmux, copying is also passed through to the outer terminal.",
        ),
    ] {
        roff.control("TP", [])
            .text([roman(name)])
            .text([roman(meaning)]);
    }
    roff
}

/// Every part rendered on its own repeats roff's apostrophe preamble; keep the first.
fn with_one_preamble(page: &str) -> String {
    let preamble = Roff::new().render();
    let mut out = preamble.clone();
    out.push_str(&page.replace(&preamble, ""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_slugs_are_offered() {
        assert!(is_plain_word("social-media"));
        assert!(is_plain_word("a_b.c2"));
        for slug in ["", "-rf", "$(x)", "a b", "a\"b", "é", ".hidden"] {
            assert!(!is_plain_word(slug), "{slug}");
        }
    }

    #[test]
    fn hints_lose_what_a_shell_could_read() {
        assert_eq!(
            hint("Women in Tech's \"Group\" $HOME\x1b[0m"),
            Some("Women in Techs Group HOME0m".to_string())
        );
        assert_eq!(hint("\"\""), None);
    }

    #[test]
    fn the_real_parser_takes_any_name() {
        let completion = Completion {
            slug: "social-media".to_string(),
            name: None,
        };
        let strict = completion_command(&[completion]);
        assert!(
            strict
                .clone()
                .try_get_matches_from(["copdeck", "join", "nope"])
                .is_err()
        );
        assert!(
            command()
                .try_get_matches_from(["copdeck", "join", "nope"])
                .is_ok()
        );
    }
}
