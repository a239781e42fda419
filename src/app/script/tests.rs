use super::*;

fn error_of(text: &str) -> String {
    parse_script("tour.demo", text).unwrap_err().to_string()
}

#[test]
fn reads_every_kind_of_step() {
    let text = "# a tour\n\nsay \"Find # fast\"  # caption\nsearch plain language\nwait 1.5s\nwait 250ms\nopen\njoin\nkey t\nkey ctrl-a\nsay\n";
    let steps = parse_script("tour.demo", text).unwrap();
    assert_eq!(
        steps,
        vec![
            Step::Say("Find # fast".into()),
            Step::Search("plain language".into()),
            Step::Wait(Duration::from_millis(1500)),
            Step::Wait(Duration::from_millis(250)),
            Step::Open,
            Step::Join,
            Step::Key(Key::parse("t").unwrap()),
            Step::Key(Key::parse("ctrl-a").unwrap()),
            Step::Say(String::new()),
        ]
    );
}

#[test]
fn bad_steps_are_reported_at_file_and_line() {
    assert_eq!(
        error_of("open\n\nfly away\n"),
        "tour.demo:3: unknown step `fly` (steps: search, wait, open, join, key, say)"
    );
    assert_eq!(
        error_of("wait 2\n"),
        "tour.demo:1: `wait` needs a time such as 2s or 500ms, not \"2\""
    );
    assert_eq!(
        error_of("# x\nwait -1s\n"),
        "tour.demo:2: `wait`: \"-1s\" is not a time"
    );
    assert_eq!(
        error_of("wait 11000s"),
        "tour.demo:1: `wait`: 11000s is longer than ten minutes"
    );
    assert_eq!(
        error_of("search\n"),
        "tour.demo:1: `search` needs the words to type"
    );
    assert_eq!(
        error_of("say hello\n"),
        "tour.demo:1: `say` needs its caption in double quotes"
    );
    assert_eq!(
        error_of("open now\n"),
        "tour.demo:1: `open` takes nothing after it"
    );
    assert_eq!(
        error_of("open\nkey hyper-x\n"),
        "tour.demo:2: unknown key name \"hyper-x\""
    );
}

#[test]
fn typing_takes_time_and_waits_move_the_clock() {
    let steps = parse_script("t", "search ab\nwait 2s\nopen\n").unwrap();
    let line = timeline(&steps);
    let typed: Vec<_> = line
        .cues
        .iter()
        .filter(|(_, cue)| matches!(cue, Cue::Act(Action::Input(_))))
        .collect();
    assert_eq!(typed[0].1, Cue::Act(Action::Input('a')));
    assert_eq!(typed[1].0 - typed[0].0, TYPING);
    let confirms: Vec<_> = line
        .cues
        .iter()
        .filter(|(_, cue)| *cue == Cue::Act(Action::Confirm))
        .collect();
    assert_eq!(confirms.len(), 2);
    assert_eq!(confirms[0].0, 2 * TYPING + BEAT + Duration::from_secs(2));
    assert_eq!(line.end, confirms[1].0 + BEAT);
}
