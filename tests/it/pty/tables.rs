// Tables on a terminal: as wide as their content, and cut to fit only when wider than
// the terminal, keeping the status markers whole.

use super::session::Session;

fn table_at(cols: u16, args: &[&str]) -> Vec<String> {
    let mut session = Session::start_with_args(cols, 60, args, &[("COLUMNS", "80")]);
    session.wait_for("COMMUNITY");
    assert!(session.wait_exit());
    session
        .screen()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn a_wide_terminal_gets_a_table_as_wide_as_its_content() {
    let wide = table_at(250, &["list"]);
    let widest = wide.iter().map(|l| l.chars().count()).max().unwrap();
    assert!(
        widest < 120,
        "stretched to the terminal: {widest}\n{}",
        wide.join("\n")
    );
    assert!(!wide.iter().any(|l| l.contains('…')));
}

#[test]
fn a_narrow_terminal_cuts_names_but_keeps_markers() {
    let narrow = table_at(60, &["list", "--all"]);
    assert!(narrow.iter().all(|l| l.chars().count() <= 60));
    assert!(
        narrow.iter().any(|l| l.contains('…')),
        "{}",
        narrow.join("\n")
    );
    assert!(
        narrow.iter().any(|l| l.contains("(hidden, expired)")),
        "{}",
        narrow.join("\n")
    );
}
