//! What the commands print for people and programs downstream: ASCII with `--plain`,
//! JSON that carries no terminal controls, widths, addresses and paths copdeck printed,
//! the config file in use, and help that lists only what a command uses.

use predicates::prelude::*;

use crate::support::{copdeck, fixture, stdout_of};

/// A box-drawing, block, arrow or bullet character, or a link marker.
fn is_symbol(c: char) -> bool {
    ('\u{2190}'..='\u{21FF}').contains(&c)
        || ('\u{2500}'..='\u{259F}').contains(&c)
        || "•‣◦▪▸►●○·⌂✉…—".contains(c)
}

#[test]
fn plain_output_is_ascii_for_screen_readers() {
    for args in [
        vec!["--plain"],
        vec!["--plain", "show", "social-media"],
        vec!["--plain", "show", "social-media", "--format", "text"],
        vec!["--plain", "show", "/topics/plain-language/", "--dump"],
        vec!["--plain", "list", "--all"],
        vec!["--plain", "join", "artificial-intelligence"],
        vec!["--plain", "links", "social-media"],
        vec!["--plain", "search", "plain"],
    ] {
        let text = stdout_of(&args);
        let symbols: String = text.chars().filter(|&c| is_symbol(c)).collect();
        assert!(symbols.is_empty(), "{args:?}: {symbols}\n{text}");
    }
    let card = stdout_of(&["--plain", "show", "social-media"]);
    assert!(card.contains("+- How to join -"), "{card}");
    assert!(card.contains("\n* Social media topic[3]\n"), "{card}");
    let list = stdout_of(&["--plain", "list", "--all"]);
    assert!(list.contains("  moved\n"), "{list}");
    // Without --plain the symbols are there, and JSON is never changed.
    assert!(stdout_of(&["show", "social-media"]).contains('╭'));
    assert_eq!(
        stdout_of(&["--plain", "show", "social-media", "--json"]),
        stdout_of(&["show", "social-media", "--json"])
    );
}

#[test]
fn help_says_what_each_format_and_plain_print() {
    let help = stdout_of(&["show", "--help"]);
    for words in [
        "[3⌂] a page of this copy",
        "References",
        "exact body",
        "How to join",
        "no box drawing",
    ] {
        assert!(help.contains(words), "{words}:\n{help}");
    }
}

#[test]
fn help_lists_only_the_options_a_command_uses() {
    let show = stdout_of(&["show", "--help"]);
    assert!(
        show.contains("--plain") && show.contains("--content"),
        "{show}"
    );
    assert!(!show.contains("--theme"), "{show}");
    let config = stdout_of(&["config", "--help"]);
    for unused in ["--theme", "--plain", "--content"] {
        assert!(!config.contains(unused), "{unused}:\n{config}");
    }
    assert!(config.contains("--config"), "{config}");
    let man = stdout_of(&["man", "--help"]);
    assert!(
        !man.contains("--content") && !man.contains("--config"),
        "{man}"
    );
    assert!(stdout_of(&["--help"]).contains("--theme"));
    // Hidden is not refused: a shell alias may pass them anywhere.
    stdout_of(&["list", "--theme", "mono"]);
}

#[test]
fn json_escapes_what_a_terminal_could_act_on() {
    let dir = tempfile::tempdir().unwrap();
    // YAML refuses these characters raw, so the title spells them as YAML escapes.
    let title = r"A\u009B31m B\u0085C \u202ED\u2066E\u2069 F\u007F";
    // The content layer drops bidi controls from front-matter text; the rest reaches JSON.
    let decoded = "A\u{9b}31m B\u{85}C DE F\u{7f}";
    std::fs::write(
        dir.path().join("odd.md"),
        format!("---\nslug: odd\ntitle: \"{title}\"\nweight: 1\n---\nBody\n"),
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    for args in [
        vec!["show", "odd", "--json"],
        vec!["list", "--json"],
        vec!["join", "odd", "--json"],
    ] {
        let out = copdeck()
            .args(["--content", path])
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| c != '\n' && copdeck::sanitize::is_unsafe(c)),
            "{args:?}: {text:?}"
        );
        for escape in ["\\u009b", "\\u0085", "\\u007f"] {
            assert!(text.contains(escape), "{args:?} lacks {escape}: {text}");
        }
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let found = if value.is_array() {
            value[0]["title"].clone()
        } else {
            value["title"].clone()
        };
        assert_eq!(found, decoded, "{args:?}");
    }
}

#[test]
fn widths_are_bounded() {
    for width in ["0", "5", "1001", "lots"] {
        copdeck()
            .args(["show", "social-media", "--width", width])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("--width"));
    }
    for columns in [
        "18446744073709551615",
        "100000000",
        "99999999999999999999999",
    ] {
        let out = copdeck()
            .args(["show", "social-media"])
            .env("COLUMNS", columns)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert!(out.status.success(), "{columns}");
        let text = String::from_utf8(out.stdout).unwrap();
        let widest = text
            .lines()
            .map(unicode_width::UnicodeWidthStr::width)
            .max()
            .unwrap();
        assert!((100..=1000).contains(&widest), "{columns}: {widest}");
    }
}

#[test]
fn links_are_aligned_without_trailing_spaces() {
    let text = stdout_of(&[
        "--content",
        fixture("site").to_str().unwrap(),
        "links",
        "shortcodes-and-mojibake",
    ]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 3, "{text}");
    // Where each word of a line starts: the number, the kind and the address are one
    // word each, so the second and third words start each column.
    let word_starts = |line: &str| -> Vec<usize> {
        let chars: Vec<char> = line.chars().collect();
        (0..chars.len())
            .filter(|&i| chars[i] != ' ' && (i == 0 || chars[i - 1] == ' '))
            .collect()
    };
    for n in [1, 2] {
        let starts: Vec<usize> = lines.iter().map(|l| word_starts(l)[n]).collect();
        assert!(
            starts.windows(2).all(|w| w[0] == w[1]),
            "column {n}: {starts:?}\n{text}"
        );
    }
    assert!(lines.iter().all(|l| *l == l.trim_end()), "{text:?}");
}

#[test]
fn a_source_path_copdeck_printed_finds_its_page() {
    let site = fixture("site");
    let site = site.to_str().unwrap();
    for slug in ["two-channels", "moved-away"] {
        let out = copdeck()
            .args(["--content", site, "join", slug, "--json"])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let source = json["source"].as_str().unwrap().to_string();
        for command in ["show", "join"] {
            let found = stdout_of(&["--content", site, command, &source, "--json"]);
            let found: serde_json::Value = serde_json::from_str(&found).unwrap();
            assert_eq!(found["slug"], slug, "{command} {source}");
        }
    }
    // The paths `check` prints, and the built-in pages' own.
    let page = stdout_of(&["show", "content/communities/social-media.md", "--json"]);
    assert!(page.contains("\"slug\": \"social-media\""));
    let checked = copdeck().args(["check", site]).output().unwrap();
    let checked = String::from_utf8(checked.stdout).unwrap();
    let path = checked
        .lines()
        .find(|l| l.contains("resources/a-resource.md:"))
        .and_then(|l| l.split(':').next())
        .unwrap();
    let text = stdout_of(&["--content", site, "show", path]);
    assert!(text.starts_with("A Resource"), "{text}");
}

#[test]
fn a_bad_address_or_path_is_no_page() {
    for name in [
        "/resources/no-such-page/",
        "https://digital.gov/no/such/page/",
        "content/communities/no-such.md",
    ] {
        for command in ["show", "join"] {
            copdeck()
                .args([command, name])
                .assert()
                .code(2)
                .stdout("")
                .stderr(format!("copdeck: no page at {name}\n"));
        }
    }
}

#[test]
fn config_with_a_file_prints_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    let text = "# mine\ntheme = \"light\"\n";
    std::fs::write(&file, text).unwrap();
    copdeck()
        .args(["--config", file.to_str().unwrap(), "config"])
        .assert()
        .success()
        .stdout(text)
        .stderr(format!("# {}\n", file.display()));
    // Found where XDG_CONFIG_HOME says, without --config.
    let home = dir.path().join("xdg");
    std::fs::create_dir_all(home.join("copdeck")).unwrap();
    std::fs::write(home.join("copdeck/config.toml"), "theme = \"mono\"\n").unwrap();
    copdeck()
        .env("XDG_CONFIG_HOME", &home)
        .arg("config")
        .assert()
        .success()
        .stdout("theme = \"mono\"\n");
    std::fs::write(home.join("copdeck/config.toml"), "colour = 1\n").unwrap();
    copdeck()
        .env("XDG_CONFIG_HOME", &home)
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "config.toml:1: unknown setting `colour`",
        ));
}

#[test]
fn content_in_the_config_expands_home() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(
        site.join("one.md"),
        "---\ntitle: Home Page One\nweight: 1\n---\nx\n",
    )
    .unwrap();
    let config = dir.path().join("config.toml");
    for written in ["~/site", "$HOME/site"] {
        std::fs::write(&config, format!("content = \"{written}\"\n")).unwrap();
        copdeck()
            .env("HOME", dir.path())
            .args(["--config", config.to_str().unwrap(), "list"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Home Page One"));
    }
}

#[test]
fn yaml_errors_name_the_line_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "---\ntitle: A\nweight: 1\nsummary: \"x\" y\nslug: a\n---\nbody\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.md"),
        "---\ntitle: A\nweight: 1\nsummary: [unclosed\n\n---\nbody\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        "\u{feff}---\ntitle: \"x\" y\n---\nbody\n",
    )
    .unwrap();
    let out = copdeck()
        .args(["check", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("a.md:4: error: YAML"), "{text}");
    assert!(text.contains("b.md:2: error: YAML"), "{text}");
    assert!(text.contains("c.md:4: error: YAML"), "{text}");
}

#[test]
fn invisible_characters_in_addresses_are_shown_encoded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bidi.md"),
        "---\nslug: bidi\ntitle: Bidi\nweight: 1\n---\nSee [the file](https://example.gov/\u{202E}fdp.exe) now.\n",
    )
    .unwrap();
    let text = stdout_of(&["--content", dir.path().to_str().unwrap(), "links", "bidi"]);
    assert!(
        text.contains("https://example.gov/%E2%80%AEfdp.exe"),
        "{text}"
    );
    assert!(!text.contains('\u{202E}'), "{text}");
}
