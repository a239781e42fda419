use super::*;
use crossterm::event::KeyModifiers;
use strum::IntoEnumIterator;

fn press(mode: Mode, code: KeyCode) -> Option<Action> {
    Keymap::default().action_for(mode, KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn letters_act_while_browsing_and_type_while_searching() {
    assert_eq!(press(Mode::Browse, KeyCode::Char('m')), Some(Action::Join));
    assert_eq!(
        press(Mode::Search, KeyCode::Char('m')),
        Some(Action::Input('m'))
    );
    assert_eq!(
        press(Mode::Browse, KeyCode::Char('7')),
        Some(Action::OpenLink(7))
    );
    assert_eq!(
        press(Mode::Search, KeyCode::Char('7')),
        Some(Action::Input('7'))
    );
    assert_eq!(
        press(Mode::ChooseChannel, KeyCode::Char('2')),
        Some(Action::JoinChannel(2))
    );
    assert_eq!(press(Mode::LinkPrompt, KeyCode::Char('x')), None);
    assert_eq!(
        press(Mode::Find, KeyCode::Char('n')),
        Some(Action::Input('n'))
    );
}

#[test]
fn shifted_letters_and_control_keys() {
    let keymap = Keymap::default();
    let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(keymap.action_for(Mode::Browse, shifted), Some(Action::End));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for mode in Mode::iter() {
        assert_eq!(
            keymap.action_for(mode, ctrl_c),
            Some(Action::Quit),
            "{mode:?}"
        );
    }
}

#[test]
fn no_key_is_bound_twice_in_a_mode() {
    let keymap = Keymap::default();
    for mode in Mode::iter() {
        let mut seen = Vec::new();
        for binding in keymap.bindings(mode) {
            for key in &binding.keys {
                assert!(!seen.contains(key), "{key:?} twice in {mode:?}");
                seen.push(*key);
            }
        }
    }
}

#[test]
fn overrides_rebind_and_refuse_conflicts() {
    let rebound = Keymap::with_overrides(&[("join".into(), vec!["J".into()])]).unwrap();
    let j = KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT);
    assert_eq!(rebound.action_for(Mode::Browse, j), Some(Action::Join));
    let m = KeyEvent::new(KeyCode::Char('m'), KeyModifiers::NONE);
    assert_eq!(rebound.action_for(Mode::Browse, m), None);
    assert!(
        rebound
            .hints(Mode::Browse)
            .contains(&("J".to_string(), "join"))
    );
    let clash = Keymap::with_overrides(&[("join".into(), vec!["q".into()])]).unwrap_err();
    assert_eq!(
        clash,
        KeymapError::BoundTwice {
            key: "q".into(),
            first: "quit".into(),
            second: "join".into()
        }
    );
    assert!(matches!(
        Keymap::with_overrides(&[("fly".into(), vec!["x".into()])]),
        Err(KeymapError::UnknownAction(_))
    ));
    assert!(matches!(
        Keymap::with_overrides(&[("input".into(), vec!["x".into()])]),
        Err(KeymapError::UnknownAction(_))
    ));
    assert!(matches!(
        Keymap::with_overrides(&[("join".into(), vec!["hyper-j".into()])]),
        Err(KeymapError::UnknownKey { .. })
    ));
}

#[test]
fn action_names_round_trip() {
    assert_eq!(Action::Join.name().as_deref(), Some("join"));
    assert_eq!(Action::named("history_back"), Some(Action::HistoryBack));
    assert_eq!(Action::Input('x').name(), None);
    assert_eq!(Action::named("input"), None);
    assert_eq!(Action::ShowToc.name().as_deref(), Some("show_toc"));
    assert_eq!(Action::named("page_up"), Some(Action::PageUp));
    for action in Action::bindable() {
        let name = action.name().expect("a bindable action has a name");
        assert_eq!(Action::named(&name), Some(action), "{name}");
    }
    assert!(
        default_bindings()
            .iter()
            .any(|(name, keys, _)| name == "quit" && keys == &["q", "ctrl-c"])
    );
}
