//! The demo's feed into the terminal loop: the clock's ticks, and a script's cues when
//! their time comes. What they do is decided in `App::update`.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crate::app::script::{Cue, Timeline};
use crate::app::{Action, App, DemoOptions};

/// How the demo was asked to run, from the command line.
#[derive(Debug, Clone)]
pub struct DemoSetup {
    pub options: DemoOptions,
    /// The scripted tour to play, if any.
    pub script: Option<Timeline>,
    /// How many times faster than written the script plays.
    pub speed: f64,
    /// Leave when the script is over (for recordings and tests).
    pub exit_at_end: bool,
}

/// How often the clock ticks, and so the longest the loop waits for a key.
pub const TICK: Duration = Duration::from_millis(250);

/// The ticks and cues still to come.
pub struct DemoFeed {
    started: Instant,
    last_tick: Instant,
    cues: VecDeque<(Duration, Cue)>,
    end: Duration,
    speed: f64,
    exit_at_end: bool,
}

impl DemoFeed {
    pub fn new(setup: &DemoSetup) -> Self {
        let now = Instant::now();
        let (cues, end) = setup
            .script
            .clone()
            .map_or((Vec::new(), Duration::ZERO), |t| (t.cues, t.end));
        Self {
            started: now,
            last_tick: now,
            cues: cues.into(),
            end,
            speed: setup.speed.max(0.01),
            exit_at_end: setup.exit_at_end && setup.script.is_some(),
        }
    }

    /// Where the script is, in its own (sped up) time.
    fn script_time(&self) -> Duration {
        self.started.elapsed().mul_f64(self.speed)
    }

    /// The next action for the app, if one is due: a cue of the script, else a tick.
    pub fn next(&mut self, app: &App) -> Option<Action> {
        if self
            .cues
            .front()
            .is_some_and(|(at, _)| *at <= self.script_time())
        {
            let (_, cue) = self.cues.pop_front()?;
            return match cue {
                Cue::Act(action) => Some(action),
                Cue::Press(key) => app.keymap.action_for(app.mode(), key.event()),
            };
        }
        if self.last_tick.elapsed() >= TICK {
            self.last_tick = Instant::now();
            return Some(Action::Tick(self.started.elapsed()));
        }
        None
    }

    /// A person pressed a key: the script stops and leaves the rest to them.
    pub fn interrupt(&mut self) {
        self.cues.clear();
        self.exit_at_end = false;
    }

    /// Whether the script is over and the program should leave.
    pub fn finished(&self) -> bool {
        self.exit_at_end && self.cues.is_empty() && self.script_time() >= self.end
    }
}
