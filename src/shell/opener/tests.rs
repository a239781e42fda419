use super::*;

fn args(command: &Command) -> Vec<String> {
    command
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

#[test]
fn browser_gets_the_url_as_one_argument() {
    let command = browser_command("firefox --new-tab", "https://a.gov/?q=1 2").unwrap();
    assert_eq!(command.get_program(), "firefox");
    assert_eq!(args(&command), vec!["--new-tab", "https://a.gov/?q=1 2"]);
    let command = browser_command("w3m -o x=%s -y", "https://a.gov").unwrap();
    assert_eq!(args(&command), vec!["-o", "x=https://a.gov", "-y"]);
    assert!(browser_command("  ", "x").is_err());
}

#[test]
fn commands_split_with_shell_word_rules_and_no_shell() {
    let command = browser_command(
        "'/opt/My Browser/browser' --profile \"work one\" %s",
        "https://a.gov/$(id)",
    )
    .unwrap();
    assert_eq!(command.get_program(), "/opt/My Browser/browser");
    assert_eq!(
        args(&command),
        vec!["--profile", "work one", "https://a.gov/$(id)"]
    );
    let err = browser_command("firefox 'unclosed", "https://a.gov").unwrap_err();
    assert!(err.contains("firefox 'unclosed"), "{err}");
}

#[test]
fn browser_variable_is_a_list_and_the_config_wins() {
    assert_eq!(
        browser_candidates(None, Some("lynx:w3m -dump::firefox")),
        vec!["lynx", "w3m -dump", "firefox"]
    );
    assert_eq!(
        browser_candidates(Some("elinks"), Some("lynx")),
        vec!["elinks"]
    );
    assert!(browser_candidates(None, None).is_empty());
    assert!(browser_candidates(Some(" "), Some("")).is_empty());
}

#[test]
fn text_mode_browsers_are_known_by_name() {
    for program in ["lynx", "/usr/bin/w3m", "links", "elinks", "browsh"] {
        assert!(is_terminal_browser(program), "{program}");
    }
    for program in ["firefox", "lynx-wrapper", "/opt/w3m/chrome"] {
        assert!(!is_terminal_browser(program), "{program}");
    }
}

#[cfg(unix)]
fn program_in(dir: &Path, name: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, "#!/bin/sh\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn the_first_browser_that_is_there_wins_and_missing_ones_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let w3m = program_in(dir.path(), "w3m");
    let firefox = program_in(dir.path(), "firefox");
    let config = BrowserConfig::default();
    let env = format!("no-such-browser:{}:{}", w3m.display(), firefox.display());
    match plan_launch("https://a.gov/", &config, Some(&env)).unwrap() {
        Launch::InTerminal(command) => assert_eq!(command.get_program(), w3m.as_os_str()),
        other => panic!("{other:?}"),
    }
    let env = format!("nope:{}", firefox.display());
    assert!(matches!(
        plan_launch("https://a.gov/", &config, Some(&env)).unwrap(),
        Launch::Detached(_)
    ));
    let forced = BrowserConfig {
        command: Some(firefox.display().to_string()),
        terminal: true,
    };
    assert!(matches!(
        plan_launch("https://a.gov/", &forced, None).unwrap(),
        Launch::InTerminal(_)
    ));
    let err = plan_launch("https://a.gov/", &config, Some("no-such-browser-xyz")).unwrap_err();
    assert_eq!(err, "no program `no-such-browser-xyz` on PATH");
    let missing = dir.path().join("gone");
    let err = find_program(missing.to_str().unwrap(), None).unwrap_err();
    assert_eq!(err, format!("no program at `{}`", missing.display()));
    std::fs::write(dir.path().join("data"), "x").unwrap();
    let err = find_program(dir.path().join("data").to_str().unwrap(), None).unwrap_err();
    assert!(err.ends_with("` is not an executable program"), "{err}");
    let path = std::env::join_paths([dir.path()]).unwrap();
    assert_eq!(find_program("firefox", Some(&path)).unwrap(), firefox);
}

#[test]
fn start_errors_name_the_program() {
    let not_found = std::io::Error::from(std::io::ErrorKind::NotFound);
    assert_eq!(start_error("foo", &not_found), "no program `foo` on PATH");
    assert_eq!(start_error("/x/foo", &not_found), "no program at `/x/foo`");
    let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    assert_eq!(
        start_error("foo", &denied),
        "`foo` is not an executable program"
    );
}
