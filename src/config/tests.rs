use super::*;
use crate::app::{Action, Mode};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn the_default_file_reads_back_as_the_defaults() {
    let config = parse_config(&default_file(), "default.toml").unwrap();
    assert_eq!(config.theme.as_deref(), Some("dark"));
    assert!(!config.terminal);
    assert!(
        config
            .keys
            .iter()
            .any(|(name, keys)| name == "join" && keys == &["m"])
    );
}

#[test]
fn user_settings_are_read() {
    let config = parse_config(
        "theme = \"light\"\nbrowser = \"w3m %s\"\nterminal = true\ncontent = \"/srv/site\"\n[keys]\njoin = \"J\"\nquit = [\"q\", \"ctrl-q\"]\n",
        "c.toml",
    )
    .unwrap();
    assert_eq!(config.theme.as_deref(), Some("light"));
    assert_eq!(config.browser.as_deref(), Some("w3m %s"));
    assert!(config.terminal);
    assert_eq!(config.content, Some(PathBuf::from("/srv/site")));
    assert_eq!(config.keys[0], ("join".to_string(), vec!["J".to_string()]));
    assert_eq!(config.keys[1].0, "quit");
}

#[test]
fn bad_files_name_the_line() {
    for (text, line, words) in [
        ("theme = \"dark\"\ntheme = \"light\"\n", 2, "duplicate key"),
        (
            "theme = \"dark\"\ntheme = ",
            2,
            "string values must be quoted",
        ),
        ("theme = \"purple\"\n", 1, "unknown theme"),
        ("\n\ncolour = \"x\"\n", 3, "unknown setting `colour`"),
        ("terminal = \"yes\"\n", 1, "invalid type"),
        (
            "theme = \"dark\"\n\n[keys]\nfly = \"x\"\n",
            4,
            "unknown action \"fly\"",
        ),
        ("[keys]\njoin = \"hyper-j\"\n", 2, "unknown key name"),
        (
            "[keys]\nquit = \"q\"\njoin = \"q\"\n",
            3,
            "key q is bound to both quit and join",
        ),
        ("[keys]\njoin = 5\n", 2, "should be a key"),
        (
            "[keys]\nhelp = \"?\"\nquit = \"1\"\n",
            3,
            "`quit` can never be key 1: digits 1-9 always open links",
        ),
    ] {
        let err = parse_config(text, "c.toml").unwrap_err();
        assert_eq!(err.line, line, "{text}: {err}");
        assert!(
            err.to_string().starts_with(&format!("c.toml:{line}: ")),
            "{err}"
        );
        assert!(err.message.contains(words), "{text}: {err}");
    }
}

#[test]
fn an_escape_sequence_in_an_unknown_name_is_shown_not_sent() {
    let err = parse_config("\"\\u001b]0;pwned\\u0007x\" = 1\n", "c.toml").unwrap_err();
    assert!(
        !err.message.chars().any(crate::sanitize::is_unsafe),
        "{err:?}"
    );
    assert!(err.message.contains("␛]0;pwned␇x"), "{err:?}");
}

#[test]
fn the_readme_sample_keeps_ctrl_c_quitting() {
    let readme = include_str!("../../README.md");
    let (_, rest) = readme
        .split_once("```toml\n")
        .expect("the README has a sample config");
    let (sample, _) = rest.split_once("```").unwrap();
    let config = parse_config(sample, "README.md").unwrap();
    let keymap = config.keymap();
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keymap.action_for(Mode::Browse, ctrl_c), Some(Action::Quit));
    let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert_eq!(keymap.action_for(Mode::Browse, ctrl_q), Some(Action::Quit));
}

#[test]
fn home_is_expanded_in_paths() {
    let home = Path::new("/home/pat");
    for (written, expanded) in [
        ("~", "/home/pat"),
        ("~/src/site", "/home/pat/src/site"),
        ("$HOME/src/site", "/home/pat/src/site"),
        ("${HOME}/site", "/home/pat/site"),
        ("/srv/~/x", "/srv/~/x"),
        ("~other/x", "~other/x"),
        ("$HOMEWORK/x", "$HOMEWORK/x"),
    ] {
        assert_eq!(
            expand_home(written, Some(home)),
            PathBuf::from(expanded),
            "{written}"
        );
    }
    assert_eq!(expand_home("~/x", None), PathBuf::from("~/x"));
}

#[test]
fn only_small_regular_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    std::fs::write(&big, "#".repeat(MAX_CONFIG_BYTES as usize + 1)).unwrap();
    let err = Config::load(Some(&big)).unwrap_err();
    assert!(err.message.contains("larger than"), "{err}");
    let err = Config::load(Some(dir.path())).unwrap_err();
    assert!(err.message.contains("not a regular file"), "{err}");
    #[cfg(unix)]
    {
        let err = Config::load(Some(Path::new("/dev/zero"))).unwrap_err();
        assert!(err.message.contains("not a regular file"), "{err}");
        let fifo = dir.path().join("fifo.toml");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        // Nothing ever writes to it: reading it would wait forever.
        let err = Config::load(Some(&fifo)).unwrap_err();
        assert!(err.message.contains("not a regular file"), "{err}");
    }
}

#[test]
fn hyperlinks_are_a_switch_left_unset_by_default() {
    assert_eq!(parse_config("", "c.toml").unwrap().hyperlinks, None);
    let off = parse_config("hyperlinks = false\n", "c.toml").unwrap();
    assert_eq!(off.hyperlinks, Some(false));
    let err = parse_config("\nhyperlinks = \"yes\"\n", "c.toml").unwrap_err();
    assert_eq!(err.line, 2, "{err}");
}
