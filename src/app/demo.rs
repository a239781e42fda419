//! Demo (kiosk) mode: the browser left alone at a booth or on a projector. It never leaves
//! the program or changes a file; links and joins become QR codes to scan; after a while
//! with no one at the keyboard it goes back to the start, and it may play an attract loop
//! through the featured communities. Time arrives as `Action::Tick`, never read here.

use std::time::Duration;

use super::{App, Effect, Focus, Overlay, Scope, Sort, View};
use crate::content::links::{absolute_url, vet_url};
use crate::content::model::percent_encode;

/// How long the attract loop shows a community's page, then its join code.
pub const ATTRACT_PAGE: Duration = Duration::from_secs(6);
pub const ATTRACT_CODE: Duration = Duration::from_secs(6);
/// The second Ctrl-Q must come within this time of the first.
pub const LEAVE_WINDOW: Duration = Duration::from_secs(3);
/// The caption while the attract loop plays.
pub const ATTRACT_CAPTION: &str = "Press any key to find a community of practice";
/// What the status bar says when something is refused, and how to leave.
pub const LEAVE_HINT: &str = "Ctrl-Q twice leaves the demo";

/// How the demo was asked to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// Time without a key before the browser goes back to the start.
    pub idle: Duration,
    /// Whether to loop through the featured communities while no one is there.
    pub attract: bool,
    /// The projector layout: one pane at a time, the join card first.
    pub large: bool,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self {
            idle: Duration::from_secs(90),
            attract: false,
            large: false,
        }
    }
}

/// Where the attract loop is: which featured community, showing its page or its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttractStep {
    /// Place in `App::featured()`.
    pub position: usize,
    pub showing_code: bool,
    /// When this step began.
    pub since: Duration,
}

/// The demo's part of the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demo {
    pub options: DemoOptions,
    /// The time of the last tick, counted from the start of the program.
    pub now: Duration,
    /// When a person (or the script) last did something.
    pub last_input: Duration,
    /// Whether the browser was put back to the start since that input.
    pub reset: bool,
    /// When the first Ctrl-Q of the chord that leaves came.
    pub leave_armed: Option<Duration>,
    /// The attract loop's step, while it plays.
    pub attract: Option<AttractStep>,
    /// The presenter's caption (a script's `say`), shown under the panes.
    pub caption: Option<String>,
    /// The community page last put with its join card first (large layout).
    pub(super) carded: Option<View>,
}

impl Demo {
    pub fn new(options: DemoOptions) -> Self {
        Self {
            options,
            now: Duration::ZERO,
            last_input: Duration::ZERO,
            reset: true,
            leave_armed: None,
            attract: options.attract.then_some(AttractStep {
                position: 0,
                showing_code: false,
                since: Duration::ZERO,
            }),
            caption: None,
            carded: None,
        }
    }
}

/// A code to scan with a phone, shown large with the address under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanCard {
    /// What the code is for: "Join Plain Language", "Open on your phone".
    pub title: String,
    /// What the code holds.
    pub address: String,
    /// What a person reads under the code.
    pub caption: String,
}

impl App {
    /// The same browser as a demo.
    pub fn with_demo(mut self, options: DemoOptions) -> Self {
        self.demo = Some(Demo::new(options));
        self.keymap.adapt_for_demo();
        if options.attract {
            self.show_attract_step();
        }
        self.sync_page();
        self
    }

    /// Where the panes sit in `area`: side by side, stacked, or one at a time (the
    /// demo's large layout).
    pub fn areas_in(&self, area: ratatui::layout::Rect) -> Option<super::layout::Areas> {
        super::layout::areas(area).map(|areas| match self.single_pane() {
            true => areas.one_pane(),
            false => areas,
        })
    }

    /// Whether the panes show one at a time (the demo's large layout).
    pub fn single_pane(&self) -> bool {
        self.demo.as_ref().is_some_and(|d| d.options.large)
    }

    /// The communities the attract loop shows: those the start screen lists that give a
    /// way to join, in the list's order.
    pub fn featured(&self) -> Vec<usize> {
        self.communities
            .iter()
            .enumerate()
            .filter(|(_, c)| c.listed() && !c.moved() && !c.channels.is_empty())
            .map(|(id, _)| id)
            .collect()
    }

    /// `Ctrl-Q`: the first arms the chord, a second within `LEAVE_WINDOW` leaves.
    pub(super) fn leave_demo(&mut self) -> Option<Effect> {
        let demo = self.demo.as_mut()?;
        match demo.leave_armed {
            Some(at) if demo.now.saturating_sub(at) <= LEAVE_WINDOW => Some(Effect::Quit),
            _ => {
                demo.leave_armed = Some(demo.now);
                self.screen.message = Some("Press Ctrl-Q again to leave the demo".into());
                None
            }
        }
    }

    /// The clock moved on: go back to the start after the idle time, move the attract
    /// loop along, forget a stale Ctrl-Q.
    pub(super) fn tick(&mut self, now: Duration) {
        let Some(demo) = &mut self.demo else { return };
        demo.now = now;
        if demo
            .leave_armed
            .is_some_and(|at| now.saturating_sub(at) > LEAVE_WINDOW)
        {
            demo.leave_armed = None;
        }
        if let Some(step) = demo.attract {
            let shown = if step.showing_code {
                ATTRACT_CODE
            } else {
                ATTRACT_PAGE
            };
            if now.saturating_sub(step.since) >= shown {
                demo.attract = Some(AttractStep {
                    position: step.position + usize::from(step.showing_code),
                    showing_code: !step.showing_code,
                    since: now,
                });
                self.show_attract_step();
            }
            return;
        }
        if !demo.reset && now.saturating_sub(demo.last_input) >= demo.options.idle {
            demo.reset = true;
            demo.caption = None;
            let attract = demo.options.attract.then_some(AttractStep {
                position: 0,
                showing_code: false,
                since: now,
            });
            demo.attract = attract;
            self.back_to_start();
            if attract.is_some() {
                self.show_attract_step();
            }
        }
    }

    /// A script's caption, or none for an empty one.
    pub(super) fn set_caption(&mut self, text: String) {
        if let Some(demo) = &mut self.demo {
            demo.caption = (!text.trim().is_empty()).then_some(text);
        }
    }

    /// The start screen: no query, no popup, the communities in site order, the first
    /// one selected.
    pub(super) fn back_to_start(&mut self) {
        self.screen.overlay = None;
        self.screen.message = None;
        self.screen.focus = Focus::List;
        self.page.find = None;
        self.list.query.clear();
        self.list.query_error = None;
        self.list.scope = Scope::Communities;
        self.list.show_all = false;
        self.list.sort = Sort::Site;
        self.list.last_search = None;
        self.page.history.clear();
        self.refilter();
        self.select(0);
    }

    fn show_attract_step(&mut self) {
        let featured = self.featured();
        let Some(step) = self.demo.as_ref().and_then(|d| d.attract) else {
            return;
        };
        let Some(&id) = featured.get(step.position % featured.len().max(1)) else {
            return;
        };
        self.screen.overlay = None;
        if let Some(row) = self.list.hits.iter().position(|hit| hit.id == id) {
            self.select(row);
        }
        self.screen.focus = Focus::Detail;
        if step.showing_code {
            self.show_join_code(1);
        }
    }

    /// The code that joins the shown community through channel `n` (1-based): a mailto
    /// with the subject (the body stays out so the code stays small), or the form.
    pub(super) fn show_join_code(&mut self, n: usize) {
        let Some(community) = self.current() else {
            return;
        };
        let Some(channel) = n.checked_sub(1).and_then(|i| community.channels.get(i)) else {
            return;
        };
        let title = format!("Join {}", community.name());
        let card = match (&channel.email, &channel.form) {
            (Some(email), _) => {
                let mut address = format!("mailto:{}", percent_encode(email, true));
                let mut caption = format!("Email {email}");
                if let Some(subject) = channel.subject.as_deref().filter(|s| !s.is_empty()) {
                    address.push_str(&format!("?subject={}", percent_encode(subject, false)));
                    caption.push_str(&format!(" · subject: {subject}"));
                }
                ScanCard {
                    title,
                    address,
                    caption,
                }
            }
            (None, Some(form)) => ScanCard {
                title,
                address: form.clone(),
                caption: form.clone(),
            },
            (None, None) => {
                self.screen.message = Some("This channel gives no address to join with".into());
                return;
            }
        };
        self.screen.overlay = Some(Overlay::Scan(card));
    }

    pub(super) fn show_code_of(&mut self, url: &str) {
        match vet_url(&absolute_url(url)) {
            Ok(url) => {
                let title = if url.starts_with("mailto:") {
                    "Write this email from your phone"
                } else {
                    "Open this page on your phone"
                };
                self.screen.overlay = Some(Overlay::Scan(ScanCard {
                    title: title.to_string(),
                    caption: url.clone(),
                    address: url,
                }));
            }
            Err(refusal) => self.screen.message = Some(refusal),
        }
    }

    /// In the large layout a community's page opens at its join card.
    pub(super) fn join_card_first(&mut self) {
        // A page still rendering on a worker is carded when it comes.
        if self.page.rendering {
            return;
        }
        let view = self.page.key.as_ref().map(|(view, _, _)| view.clone());
        let Some(demo) = &mut self.demo else { return };
        if demo.carded == view {
            return;
        }
        demo.carded = view.clone();
        if let (Some(View::Community(_)), Some((line, _))) =
            (view, self.page.rendered.headings.first())
        {
            self.page.scroll = line.min(self.max_page_scroll());
        }
    }
}
