//! What a person may do in the demo: the gate an action passes before `update` applies
//! it, and the filter the effects pass after — background work goes on, while leaving,
//! launching a program and writing anywhere are refused (an address becomes a code).

use super::demo::LEAVE_HINT;
use super::{Action, App, Effect, Focus, Overlay};

/// Whether an action comes from a person (or a script acting as one), as opposed to the
/// clock or the background workers.
fn from_person(action: &Action) -> bool {
    !matches!(
        action,
        Action::Tick(_)
            | Action::Settle
            | Action::SiteProgress(_)
            | Action::SiteLoaded(_)
            | Action::Reloaded(_)
            | Action::BodyHits(_)
            | Action::Notify(_)
            | Action::Resize(..)
            | Action::ShowUrl(_)
            | Action::Caption(_)
            | Action::SiteFailed(_)
            | Action::Ranked(_)
            | Action::Rendered(_)
            | Action::Syncing(_)
            | Action::Synced { .. }
    )
}

impl App {
    /// Before an action in the demo: a person's first key stops the attract loop (and
    /// does nothing else); joins become codes. `Err` ends the update with that effect.
    pub(super) fn demo_gate(&mut self, action: Action) -> Result<Action, Option<Effect>> {
        let Some(demo) = &mut self.demo else {
            return Ok(action);
        };
        if !from_person(&action) {
            return Ok(action);
        }
        demo.last_input = demo.now;
        demo.reset = false;
        if action != Action::LeaveDemo {
            demo.leave_armed = None;
        }
        if demo.attract.take().is_some() {
            if matches!(self.screen.overlay, Some(Overlay::Scan(_))) {
                self.screen.overlay = None;
            }
            self.screen.focus = Focus::List;
            self.screen.message = Some("Your turn: type to search the communities".into());
            return Err(None);
        }
        match action {
            Action::LeaveDemo => Err(self.leave_demo()),
            Action::Join if self.current().is_some_and(|c| c.channels.len() == 1) => {
                self.show_join_code(1);
                Err(None)
            }
            Action::JoinChannel(n) => {
                self.screen.overlay = None;
                self.show_join_code(n);
                Err(None)
            }
            action => Ok(action),
        }
    }

    /// After an action in the demo: nothing leaves the program, launches a program or
    /// writes anywhere; an address to open is shown as a code instead.
    pub(super) fn demo_finish(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let Some(demo) = self.demo.as_ref() else {
            return effects;
        };
        if demo.options.large {
            self.join_card_first();
        }
        effects
            .into_iter()
            .filter_map(|effect| self.demo_effect(effect))
            .collect()
    }

    /// One effect in the demo: background work goes ahead, writes and leaving are
    /// refused with a message.
    fn demo_effect(&mut self, effect: Effect) -> Option<Effect> {
        let refusal = match effect {
            Effect::SearchBodies { .. } | Effect::Rank(_) | Effect::Render(_) => {
                return Some(effect);
            }
            Effect::Many(effects) => {
                let kept: Vec<Effect> = effects
                    .into_iter()
                    .filter_map(|effect| self.demo_effect(effect))
                    .collect();
                return (!kept.is_empty()).then_some(Effect::Many(kept));
            }
            Effect::Open(url) => {
                self.show_code_of(&url);
                return None;
            }
            Effect::Quit => format!("This is a demo: it stays open ({LEAVE_HINT})"),
            Effect::Edit(_) => "Pages can't be edited in the demo".to_string(),
            Effect::Copy { .. } => "Nothing is copied in the demo: m shows a code to scan".into(),
            Effect::Sync => "The demo shows the pages it has; it does not download".into(),
        };
        self.screen.message = Some(refusal);
        None
    }
}
