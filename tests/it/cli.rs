//! The non-interactive commands, run as a user would run them.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{copdeck, fixture, stdout_of};

fn json_of(args: &[&str]) -> Value {
    let out = copdeck().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn list_shows_what_the_site_lists() {
    copdeck()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("Social Media"))
        .stdout(predicate::str::contains("1,979"))
        .stdout(predicate::str::contains("Agile/Lean").not())
        .stderr("");
}

#[test]
fn list_all_marks_hidden_and_expired_pages() {
    copdeck()
        .args(["list", "--all"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Agile/Lean (hidden, expired)"))
        .stdout(predicate::str::contains("moved ↗"));
}

#[test]
fn piped_tables_print_every_name_whole_with_its_markers() {
    let narrow = stdout_of_env(&["list", "--all"], "60");
    assert_eq!(narrow, stdout_of_env(&["list", "--all"], "300"));
    assert!(!narrow.contains('…'), "{narrow}");
    let all = json_of(&["list", "--all", "--json"]);
    let all = all.as_array().unwrap();
    assert!(all.len() > 20);
    for community in all {
        let name = community["name"].as_str().unwrap();
        let line = narrow
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} is not whole:\n{narrow}"));
        if community["hidden"] == true {
            assert!(line.contains("hidden"), "{line}");
        }
    }
    assert!(
        narrow
            .lines()
            .any(|l| l.len() > 60 && l.contains("(hidden, expired)"))
    );
    assert!(narrow.lines().all(|l| l == l.trim_end()));
}

fn stdout_of_env(args: &[&str], columns: &str) -> String {
    let out = copdeck()
        .args(args)
        .env("COLUMNS", columns)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn list_json_has_the_documented_fields() {
    let list = json_of(&["list", "--json"]);
    let items = list.as_array().unwrap();
    assert!(items.iter().all(|c| !c["hidden"].as_bool().unwrap()));
    let sm = items.iter().find(|c| c["slug"] == "social-media").unwrap();
    for field in [
        "slug", "title", "summary", "url", "members", "hidden", "expired", "redirect", "topics",
        "source", "join",
    ] {
        assert!(sm.get(field).is_some(), "missing {field}");
    }
    assert_eq!(sm["members"], 1979);
    assert_eq!(sm["url"], "https://digital.gov/communities/social-media/");
    let channel = &sm["join"][0];
    for field in [
        "platform",
        "audience",
        "email",
        "subject",
        "body",
        "form",
        "members",
        "emails_per_week",
        "terms",
        "mailto",
    ] {
        assert!(channel.get(field).is_some(), "missing join.{field}");
    }
    assert_eq!(channel["audience"], "government");
    assert_eq!(channel["platform"], "listserv");
    assert_eq!(
        channel["mailto"],
        "mailto:sm-cop-request@listserv.gsa.gov?subject=Join%20the%20Social%20Media%20Community"
    );
}

#[test]
fn join_prints_address_subject_members_and_mailto() {
    copdeck()
        .args(["join", "social-media"])
        .assert()
        .success()
        .stdout(predicate::str::contains("sm-cop-request@listserv.gsa.gov"))
        .stdout(predicate::str::contains("Join the Social Media Community"))
        .stdout(predicate::str::contains("1,979"))
        .stdout(predicate::str::contains(
            "mailto:sm-cop-request@listserv.gsa.gov?subject=",
        ));
}

#[test]
fn join_finds_by_acronym_short_name_alias_and_prefix() {
    for name in [
        "SM",
        "social media",
        "Social-Media",
        "/communities/plain-language-community-of-practice/",
        "plain-language-community-of-practice",
        "web-ana",
    ] {
        let expected = match name {
            "SM" | "social media" | "Social-Media" => "Social Media\n",
            "web-ana" => "Web Analytics",
            _ => "Plain Language\n",
        };
        copdeck()
            .args(["join", name])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(expected));
    }
}

#[test]
fn join_two_channels_and_moved() {
    let ai = json_of(&["join", "artificial-intelligence", "--json"]);
    assert_eq!(ai["join"].as_array().unwrap().len(), 2);
    assert_eq!(ai["join"][1]["audience"], "public");
    assert_eq!(ai["members"], 1118 + 357);
    copdeck()
        .args(["join", "apis"])
        .assert()
        .success()
        .stdout(predicate::str::contains("moved"))
        .stdout(predicate::str::contains("https://groups.google.com/"));
}

#[test]
fn unknown_and_ambiguous_names_exit_2_with_help() {
    copdeck()
        .args(["join", "plian"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no community called \"plian\""))
        .stderr(predicate::str::contains("did you mean"));
    copdeck()
        .args(["show", "federal"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("could mean any of"))
        .stderr(predicate::str::contains("federal-evidence-and-evaluation"));
}

#[test]
fn show_prints_the_page_with_numbered_links() {
    let out = copdeck().args(["show", "plain-language"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Plain Language\n"), "{text}");
    assert!(text.contains("How to join"));
    assert!(text.contains("pl-cop-main-request@listserv.gsa.gov"));
    assert!(text.contains("\nLinks\n[1] "), "{text}");
    assert!(!text.contains("{{<"));
    let json = json_of(&["show", "plain-language", "--json"]);
    assert!(json["body"].as_str().unwrap().len() > 100);
    assert_eq!(json["links"][0]["number"], 1);
}

#[test]
fn search_ranks_the_best_match_first() {
    let out = copdeck().args(["search", "plain"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().nth(1).unwrap().starts_with("Plain Language"),
        "{text}"
    );
    let hits = json_of(&["search", "web", "analytics", "--json"]);
    assert_eq!(hits[0]["slug"], "web-analytics-and-optimization");
    assert!(hits[0]["score"].as_i64().unwrap() > 0);
    copdeck()
        .args(["search", "zzzzqqq"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("copdeck: nothing matches \"zzzzqqq\"\n");
    copdeck()
        .args(["search", "--site", "zzzzqqq"])
        .assert()
        .code(1)
        .stdout("");
    copdeck()
        .args(["search", "--json", "zzzzqqq"])
        .assert()
        .code(1)
        .stdout("[]\n");
}

#[test]
fn content_folder_from_option_or_environment() {
    let site = fixture("site");
    copdeck()
        .args(["--content", site.to_str().unwrap(), "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Quoted Values"));
    copdeck()
        .env("COPDECK_CONTENT", fixture("site/content"))
        .args(["join", "qv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("QV-REQUEST@LISTSERV.GSA.GOV\n"));
}

#[test]
fn missing_folder_is_a_one_line_error_and_exit_1() {
    copdeck()
        .args(["--content", "/no/such/place", "list"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("copdeck: /no/such/place: no such folder\n");
}

#[test]
fn broken_pages_are_reported_and_the_good_one_listed() {
    let out = copdeck()
        .args([
            "--content",
            fixture("broken").to_str().unwrap(),
            "list",
            "--all",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("The Good Page"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    // Every file but the good page, the two that only warn, and the one with a key
    // given twice (the later value wins, as in the site's build) cannot be read.
    let unread = std::fs::read_dir(fixture("broken/communities"))
        .unwrap()
        .count()
        - 4;
    assert_eq!(
        stderr,
        format!(
            "copdeck: {unread} pages could not be read; `copdeck check --content {}` lists them\n",
            fixture("broken").display()
        )
    );
}

#[test]
fn load_problems_are_counted_once_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("content/communities");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(
        pages.join("good.md"),
        "---\ntitle: Good\nweight: 1\ncommunity_list:\n  - platform: listserv\n    subscribe_email: good@list.gov\n---\nBody.\n",
    )
    .unwrap();
    std::fs::write(pages.join("bad.md"), "---\ntitle: [\n---\n").unwrap();
    let path = dir.path().to_str().unwrap();
    for args in [
        vec!["list"],
        vec!["show", "good"],
        vec!["links", "good"],
        vec!["join", "good"],
        vec!["search", "--site", "good"],
    ] {
        let out = copdeck()
            .args(["--content", path])
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            stderr,
            format!(
                "copdeck: 1 page could not be read; `copdeck check --content {path}` lists them\n"
            ),
            "{args:?}"
        );
    }
    let out = copdeck().args(["check", path]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("bad.md:2: error:"), "{text}");
}

#[test]
fn text_output_is_terminal_safe_and_json_exact() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.md"),
        "---\nslug: evil\ntitle: \"Evil \\e]0;pwned\\a title\"\nsummary: \"\\e[2J\\u202Eclear\"\nweight: 1\n---\nBody \u{1b}[31mred &#27;[1m\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    for args in [
        vec!["list"],
        vec!["show", "evil"],
        vec!["show", "evil", "--format", "markdown"],
        vec!["show", "evil", "--dump"],
        vec!["join", "evil"],
        vec!["search", "evil"],
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
                .filter(|c| *c != '\n')
                .any(copdeck::sanitize::is_unsafe),
            "{args:?}: {text:?}"
        );
        assert!(text.contains("␛"), "{args:?}: {text}");
    }
    let json = json_of(&["--content", path, "show", "evil", "--json"]);
    assert_eq!(json["title"], "Evil \u{1b}]0;pwned\u{7} title");
}

#[test]
fn browser_without_a_terminal_says_what_to_do() {
    copdeck()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn help_explains_the_commands() {
    copdeck()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("join"))
        .stdout(predicate::str::contains("--content"));
}

#[test]
fn show_any_page_by_address_or_path() {
    for name in [
        "/resources/plain-language-checklist/",
        "https://digital.gov/resources/plain-language-checklist/",
        "resources/plain-language-checklist.md",
    ] {
        copdeck()
            .args(["show", name])
            .assert()
            .success()
            .stdout(predicate::str::contains("Plain Language Checklist"));
    }
    copdeck()
        .args(["show", "/topics/plain-language/"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Communities"))
        .stdout(predicate::str::contains("Plain Language["));
    let page = json_of(&["show", "/resources/plain-language-checklist/", "--json"]);
    assert_eq!(page["address"], "/resources/plain-language-checklist/");
    assert!(page["body"].as_str().unwrap().len() > 50);
}

#[test]
fn links_says_which_resolve_locally() {
    let links = json_of(&["links", "social-media", "--json"]);
    let links = links.as_array().unwrap();
    let toolkit = links
        .iter()
        .find(|l| {
            l["url"]
                .as_str()
                .unwrap()
                .contains("social-media-accessibility-toolkit")
        })
        .unwrap();
    assert_eq!(toolkit["kind"], "local");
    assert_eq!(
        toolkit["resolves_to"],
        "/resources/social-media-accessibility-toolkit/"
    );
    assert!(
        links
            .iter()
            .any(|l| l["kind"] == "external" && l["resolves_to"].is_null())
    );
    let site = fixture("site");
    copdeck()
        .args([
            "--content",
            site.to_str().unwrap(),
            "links",
            "shortcodes-and-mojibake",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "→ /resources/a-resource/ (A Resource)",
        ))
        .stdout(predicate::str::contains("mail"));
    let out = copdeck()
        .args([
            "--content",
            site.to_str().unwrap(),
            "show",
            "/resources/a-resource/",
            "--width",
            "200",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("(not in this copy of the site)"), "{text}");
}

#[test]
fn search_the_whole_site() {
    copdeck()
        .args(["search", "--site", "checklist"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "/resources/plain-language-checklist/",
        ))
        .stdout(predicate::str::contains("Resources"));
}

#[test]
fn check_names_every_broken_file_and_exits_1() {
    let out = copdeck()
        .args(["check", fixture("broken").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    for file in std::fs::read_dir(fixture("broken/communities")).unwrap() {
        let name = file.unwrap().file_name().into_string().unwrap();
        if ["good.md", "bom.md", "crlf.md"].contains(&name.as_str()) {
            let named = format!("/{name}:");
            assert!(
                !text
                    .lines()
                    .any(|l| l.contains(&named) && l.contains(": error:")),
                "{name} has an error:\n{text}"
            );
            continue;
        }
        assert!(
            text.contains(&format!("/{name}:")),
            "{name} not named:\n{text}"
        );
    }
    let out = copdeck()
        .args(["check", fixture("site").to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = json.as_array().unwrap();
    assert!(found.iter().any(|d| d["severity"] == "error"
        && d["path"].as_str().unwrap().ends_with("broken.md")
        && d["line"] == 2));
}

#[test]
fn check_reports_lints_with_lines() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lint.md"),
        "---\ntitle: Lint\nweight: 1\nexpirydate: 2020-01-01\ncommunity_list:\n  - platform: listserv\n    subscribe_email: not-an-address\n---\nSee [gone](/resources/gone/).\n",
    )
    .unwrap();
    let out = copdeck()
        .args(["check", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("lint.md:4: warning: expired on 2020-01-01 but still weighted visible"),
        "{text}"
    );
    assert!(
        text.contains(
            "lint.md:7: error: subscribe_email \"not-an-address\" is not an email address"
        ),
        "{text}"
    );
    assert!(
        text.contains("lint.md:9: warning: link to /resources/gone/ leads to no page"),
        "{text}"
    );
    copdeck().arg("check").assert().success();
}

#[test]
fn config_default_prints_a_file_that_reads_back() {
    let out = copdeck()
        .args(["config", "--default"])
        .env("XDG_CONFIG_HOME", "/nonexistent/copdeck")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("[keys]") && text.contains("join = [\"m\"]"),
        "{text}"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, &text).unwrap();
    copdeck()
        .args(["--config", file.to_str().unwrap(), "list"])
        .assert()
        .success();
}

#[test]
fn a_bad_config_names_file_and_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "theme = \"dark\"\n[keys]\nteleport = \"t\"\n").unwrap();
    copdeck()
        .args(["--config", file.to_str().unwrap(), "list"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "{}:3: unknown action \"teleport\"",
            file.display()
        )));
    copdeck()
        .args(["--config", "/no/such/config.toml", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"));
}

#[test]
fn the_config_file_sets_the_content_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(
        &file,
        format!("content = {:?}\n", fixture("site").to_str().unwrap()),
    )
    .unwrap();
    copdeck()
        .args(["--config", file.to_str().unwrap(), "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Quoted Values"));
}

#[test]
fn search_operators_filter_communities() {
    let hits = json_of(&["search", "members:>2000", "--json"]);
    let mut slugs: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    slugs.sort();
    assert_eq!(
        slugs,
        [
            "communicators",
            "federal-leadership-professional-development",
            "plain-language",
            "user-experience",
            "web-content-managers",
        ]
    );
    let public = json_of(&["search", "audience:public", "--json"]);
    let public = public.as_array().unwrap();
    assert!(public.iter().any(|c| c["slug"] == "plain-language"));
    assert!(public.iter().all(|c| {
        c["join"]
            .as_array()
            .unwrap()
            .iter()
            .any(|j| j["audience"] == "public")
    }));
    copdeck()
        .args(["search", "plain", "Audience:Public"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Plain Language"))
        .stdout(predicate::str::contains("Communicators").not());
}

#[test]
fn search_operators_reveal_hidden_and_negate_after_dashes() {
    let hidden = json_of(&["search", "is:hidden", "--json"]);
    let hidden = hidden.as_array().unwrap();
    assert!(!hidden.is_empty());
    assert!(hidden.iter().all(|c| c["hidden"] == true));
    let unmoved = json_of(&["search", "--json", "--", "members:>1,000", "-is:moved"]);
    let unmoved = unmoved.as_array().unwrap();
    assert!(unmoved.len() >= 3, "{unmoved:?}");
    assert!(
        unmoved
            .iter()
            .all(|c| c["redirect"].is_null() && c["members"].as_u64().unwrap() > 1000)
    );
}

#[test]
fn search_operator_errors_exit_2() {
    copdeck()
        .args(["search", "plain", "colour:red"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "copdeck: colour: is not an operator",
        ));
    copdeck()
        .args(["search", "members:>lots"])
        .assert()
        .code(2)
        .stderr("copdeck: members: expects a number like >1000 or <=500, not >lots\n");
    copdeck()
        .args(["search", "--site", "audience:public"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "audience: works on communities; leave out --site",
        ));
    copdeck()
        .args(["search", "--site", "checklist", "topic:plain-language"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "/resources/plain-language-checklist/",
        ));
}

#[test]
fn show_formats_text_json_and_their_aliases() {
    assert_eq!(
        stdout_of(&["show", "plain-language", "--format", "text"]),
        stdout_of(&["show", "plain-language"])
    );
    for page in ["plain-language", "/resources/plain-language-checklist/"] {
        let json = stdout_of(&["show", page, "--json"]);
        assert_eq!(stdout_of(&["show", page, "--format", "json"]), json);
        serde_json::from_str::<Value>(&json).unwrap();
    }
    assert_eq!(
        stdout_of(&["show", "social-media", "--format", "dump"]),
        stdout_of(&["show", "social-media", "--dump"])
    );
}

#[test]
fn show_markdown_has_title_summary_join_and_expanded_body() {
    let text = stdout_of(&["show", "plain-language", "--format", "markdown"]);
    assert!(
        text.starts_with("# Plain Language\n\nHelp government write clearly"),
        "{text}"
    );
    assert!(text.contains("\n## How to join\n"), "{text}");
    assert!(text.contains("- **Address:** pl-cop-main-request@listserv.gsa.gov\n"));
    assert!(text.contains("- **Subject:** Join the Plain Language Community\n"));
    assert!(text.contains("<mailto:pl-cop-main-request@listserv.gsa.gov?subject=Join%20the"));
    assert!(text.contains("## What we do"), "{text}");
    assert!(!text.contains("{{"), "{text}");
    assert!(!text.contains("\n\n\n"), "{text}");
    let site = fixture("site");
    let site = site.to_str().unwrap();
    let text = stdout_of(&[
        "--content",
        site,
        "show",
        "shortcodes-and-mojibake",
        "--format",
        "markdown",
    ]);
    assert!(!text.contains("{{"), "{text}");
    assert!(text.contains("> **Note**"), "{text}");
    assert!(text.contains("This page lists no way to join."), "{text}");
    let text = stdout_of(&[
        "--content",
        site,
        "show",
        "moved-away",
        "--format",
        "markdown",
    ]);
    assert!(text.contains("It now lives at <https://example.gov/communities/moved-away>"));
    let text = stdout_of(&[
        "show",
        "/resources/plain-language-checklist/",
        "--format",
        "markdown",
    ]);
    assert!(text.starts_with("# Plain Language Checklist\n"), "{text}");
    let text = stdout_of(&["show", "/topics/plain-language/", "--format", "markdown"]);
    assert!(
        text.contains("\n## Communities\n\n- [Communicators]("),
        "{text}"
    );
}

#[test]
fn show_dump_numbers_links_like_lynx() {
    let text = stdout_of(&["show", "social-media", "--dump"]);
    assert!(text.contains("Social media topic[3]"), "{text}");
    assert!(!text.contains('⌂') && !text.contains('↗'), "{text}");
    let (_, references) = text.split_once("\nReferences\n\n").unwrap();
    let lines: Vec<&str> = references.lines().collect();
    assert_eq!(lines[0], "   1. https://digital.gov/topics/social-media/");
    assert_eq!(lines[4], "   5. https://www.section508.gov/");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("   ") && l.contains(". http"))
    );
    let text = stdout_of(&["show", "/topics/plain-language/", "--dump"]);
    assert!(
        text.contains("\nReferences\n\n   1. https://digital.gov/"),
        "{text}"
    );
}

#[test]
fn show_format_conflicts_are_usage_errors() {
    for args in [
        vec!["show", "plain-language", "--json", "--format", "markdown"],
        vec!["show", "plain-language", "--json", "--dump"],
        vec!["show", "plain-language", "--dump", "--format", "text"],
        vec!["show", "plain-language", "--format", "html"],
    ] {
        copdeck().args(&args).assert().code(2).stdout("");
    }
}

fn script_for(shell: &str, content: Option<&str>) -> String {
    let mut cmd = copdeck();
    if let Some(dir) = content {
        cmd.args(["--content", dir]);
    }
    let out = cmd.args(["completions", shell]).output().unwrap();
    assert!(out.status.success(), "{shell}");
    String::from_utf8(out.stdout).unwrap()
}

const SUBCOMMANDS: [&str; 8] = [
    "list",
    "join",
    "show",
    "search",
    "check",
    "links",
    "completions",
    "man",
];

#[test]
fn completions_name_subcommands_and_communities() {
    for shell in ["bash", "fish", "zsh"] {
        let script = script_for(shell, None);
        for word in SUBCOMMANDS
            .iter()
            .chain(&["social-media", "plain-language"])
        {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let powershell = script_for("powershell", None);
    let (_, join) = powershell.split_once("'copdeck;join' {\n").unwrap();
    let join = &join[..join.find("break").unwrap()];
    assert!(
        join.contains("            [CompletionResult]::new('social-media', 'social-media', [CompletionResultType]::ParameterValue, 'Social Media')\n"),
        "{join}"
    );
    let elvish = script_for("elvish", None);
    assert!(
        elvish
            .contains("&'copdeck;show'= {\n            cand a-b-testing-community 'A/B Testing'\n"),
        "{elvish}"
    );
    assert!(elvish.contains("cand plain-language 'Plain Language'\n"));
    for script in [&powershell, &elvish] {
        assert!(script.contains("--content"));
    }
    let fish = script_for("fish", None);
    assert!(fish.contains(
        "complete -c copdeck -n \"__fish_copdeck_using_subcommand join\" -f -a \"social-media\" -d 'Social Media'"
    ));
    copdeck()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn bash_accepts_the_bash_script() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copdeck.bash");
    std::fs::write(&path, script_for("bash", None)).unwrap();
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn completions_take_names_from_the_content_folder_and_keep_shell_words_out() {
    let site = fixture("site");
    let script = script_for("bash", Some(site.to_str().unwrap()));
    assert!(script.contains("two-channels"));
    assert!(!script.contains("social-media"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.md"),
        "---\nslug: \"x$(touch pwned)\"\ntitle: Evil\nweight: 1\n---\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("quotes.md"),
        "---\nslug: quotes\ntitle: \"It's \\\"quoted\\\" `cmd` $HOME\"\nweight: 1\n---\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let bash = script_for("bash", Some(path));
    assert!(!bash.contains("pwned"), "{bash}");
    assert!(bash.contains("quotes"));
    let fish = script_for("fish", Some(path));
    assert!(
        fish.contains("-f -a \"quotes\" -d 'Its quoted cmd HOME'"),
        "{fish}"
    );
}

#[test]
fn completion_values_are_not_in_help_and_do_not_limit_names() {
    copdeck()
        .args(["join", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("social-media").not());
    copdeck()
        .args(["show", "plain"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Plain Language\n"));
}

#[test]
fn man_prints_one_roff_page_with_every_command() {
    let out = copdeck().arg("man").output().unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains("\n.TH COPDECK 1"), "{page}");
    assert_eq!(page.matches("\n.TH ").count(), 1, "{page}");
    for command in SUBCOMMANDS {
        assert!(
            page.contains(&format!(".SS \"copdeck {command}\"")),
            "{command}"
        );
    }
    assert!(page.contains("\\-\\-format"));
    assert!(page.contains(".SH \"EXIT STATUS\""));
    assert!(page.contains("COPDECK_CONTENT"));
    for heading in [".SH \"INTERACTIVE KEYS\"", ".SH FILES", ".SH ENVIRONMENT"] {
        assert!(page.contains(&format!("\n{heading}\n")), "{heading}");
    }
    for words in [
        "write the email that joins",
        "config.toml",
        "VISUAL, EDITOR",
        "NO_COLOR",
        "XDG_CONFIG_HOME",
    ] {
        assert!(page.contains(words), "{words}");
    }
}

#[test]
fn plain_prints_the_list_then_the_first_page_without_a_terminal() {
    let text = stdout_of(&["--plain"]);
    let list = copdeck::cli::ascii::to_ascii(&stdout_of(&["list"])).into_owned();
    assert!(text.starts_with(&list), "{text}");
    let page = &text[list.len()..];
    assert!(page.starts_with("\nCommunicators\n"), "{page}");
    assert!(page.contains("How to join"));
    assert!(page.contains("\nReferences\n\n   1. "), "{page}");
    assert!(!page.contains('⌂'));
    let site = fixture("site");
    let site = site.to_str().unwrap();
    let text = stdout_of(&["--content", site, "--plain"]);
    assert!(text.starts_with("COMMUNITY"), "{text}");
    copdeck()
        .args(["--content", "/no/such/place", "--plain"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn plain_show_prints_as_dump() {
    assert_eq!(
        stdout_of(&["--plain", "show", "social-media"]),
        copdeck::cli::ascii::to_ascii(&stdout_of(&["show", "social-media", "--dump"]))
    );
    assert_eq!(
        stdout_of(&["show", "social-media", "--plain", "--format", "text"]),
        copdeck::cli::ascii::to_ascii(&stdout_of(&["show", "social-media"]))
    );
}

#[test]
fn search_site_keeps_to_the_pages_the_browser_lists_unless_all() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let write = |path: &str, title: &str| {
        let file = content.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, format!("---\ntitle: \"{title}\"\n---\nBody.\n")).unwrap();
    };
    write("communities/one.md", "One");
    write("resources/zebra-guide.md", "Zebra Guide");
    write("_archived/zebra-notes.md", "Zebra Notes");
    let path = dir.path().to_str().unwrap();
    let listed = copdeck()
        .args(["--content", path, "search", "--site", "zebra"])
        .assert()
        .success();
    let listed = String::from_utf8(listed.get_output().stdout.clone()).unwrap();
    assert!(listed.contains("Zebra Guide"), "{listed}");
    assert!(!listed.contains("Zebra Notes"), "{listed}");
    let all = copdeck()
        .args(["--content", path, "search", "--site", "--all", "zebra"])
        .assert()
        .success();
    let all = String::from_utf8(all.get_output().stdout.clone()).unwrap();
    assert!(
        all.contains("Zebra Guide") && all.contains("Zebra Notes"),
        "{all}"
    );
}
