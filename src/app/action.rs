//! What can happen in the browser (`Action`) and what it asks the shell to do (`Effect`).

use std::sync::Arc;

use strum::{EnumIter, EnumString, IntoEnumIterator, IntoStaticStr};

use crate::content::SiteIndex;
use crate::search::rank::PageTexts;

/// The whole site, indexed in the background and handed to the app in one piece, with
/// its titles and summaries laid out for the matcher.
#[derive(Debug, Clone)]
pub struct LoadedSite {
    site: Arc<SiteIndex>,
    texts: Arc<PageTexts>,
}

impl LoadedSite {
    /// The site, with its titles and summaries laid out for the matcher here: on the
    /// thread that indexed it, not in the app's `update` (at 100,000 pages that took
    /// 25-35 ms, a frame the browser would have waited for).
    pub fn new(site: Arc<SiteIndex>) -> Self {
        let texts = Arc::new(PageTexts::new(&site.site.pages));
        Self { site, texts }
    }

    /// A site and the texts already laid out for it.
    pub(super) fn with_texts(site: Arc<SiteIndex>, texts: Arc<PageTexts>) -> Self {
        Self { site, texts }
    }

    pub fn site(&self) -> &Arc<SiteIndex> {
        &self.site
    }

    pub(super) fn texts(&self) -> &Arc<PageTexts> {
        &self.texts
    }

    /// The site and its texts, taken out: the site then has no other holder here, so
    /// linking it to the communities changes it in place rather than copying it.
    pub(super) fn into_parts(self) -> (Arc<SiteIndex>, Arc<PageTexts>) {
        (self.site, self.texts)
    }
}

impl Action {
    /// The name the config file uses for this action, if it can be bound.
    pub fn name(&self) -> Option<String> {
        // Only the bindable actions have names; asking a disabled one would panic.
        Self::bindable()
            .any(|action| action == *self)
            .then(|| <&'static str>::from(self).to_string())
    }

    /// The bindable action with this config name.
    pub fn named(name: &str) -> Option<Self> {
        name.parse().ok()
    }

    /// Every action a key may be bound to in the config, in the enum's order.
    pub fn bindable() -> impl Iterator<Item = Self> {
        Self::iter()
    }
}

impl PartialEq for LoadedSite {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.site, &other.site)
    }
}

impl Eq for LoadedSite {}

/// The communities and the site read again after a change on disk.
#[derive(Debug, Clone)]
pub struct Reloaded {
    pub index: Arc<crate::content::Index>,
    pub site: LoadedSite,
    /// The number of the tree read, in the order reloads started (the first indexing
    /// is 0); the app drops a tree older than the one it has.
    pub tree: u64,
}

impl PartialEq for Reloaded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.index, &other.index) && self.site == other.site && self.tree == other.tree
    }
}

impl Eq for Reloaded {}

/// Every change to the browser's state. Keys, mouse and the shell's reports all become one.
/// The snake_case names of the variants without data are what the config's `[keys]`
/// table binds; the variants with data are `disabled` for those names.
#[derive(Debug, Clone, PartialEq, Eq, EnumString, IntoStaticStr, EnumIter)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    /// Move the selection or scroll up one line.
    Up,
    /// Move the selection or scroll down one line.
    Down,
    /// Move up one page.
    PageUp,
    /// Move down one page.
    PageDown,
    /// Go to the top.
    Home,
    /// Go to the bottom.
    End,
    /// Put the cursor in the search line.
    FocusSearch,
    /// Type a character into the focused input.
    #[strum(disabled)]
    Input(char),
    /// Delete the character before the cursor of the focused input.
    DeleteBack,
    /// Delete the whole word before the cursor of the search line.
    DeleteWord,
    /// Clear the search line (or the word being found in the page).
    ClearLine,
    /// Leave the search line, close a popup, or clear the query.
    Back,
    /// Confirm: go to the first match, or open the typed link number.
    Confirm,
    /// Move focus to the next pane.
    FocusNext,
    /// Move focus to the previous pane.
    FocusPrev,
    /// Open link number N of the page.
    #[strum(disabled)]
    OpenLink(usize),
    /// Ask for a link number to open.
    PromptLink,
    /// Open the page on digital.gov, or the community's new home when it moved.
    OpenPage,
    /// Write the e-mail that joins the community.
    Join,
    /// Join through channel N (1-based) when a community has several.
    #[strum(disabled)]
    JoinChannel(usize),
    /// Copy the join address and subject.
    CopyJoin,
    /// Copy the page address.
    CopyPage,
    /// Show or hide hidden, expired and moved pages.
    ToggleAll,
    /// Cycle the list order: site order, name, members.
    CycleSort,
    /// Show or hide the key help.
    ToggleHelp,
    /// Leave copdeck.
    Quit,
    /// The terminal now has this many columns and rows.
    #[strum(disabled)]
    Resize(u16, u16),
    /// A mouse click at a column and row.
    #[strum(disabled)]
    Click(u16, u16),
    /// The mouse wheel turned over a column and row; negative is up.
    #[strum(disabled)]
    Scroll(u16, u16, i8),
    /// Show a one-line message in the status bar.
    #[strum(disabled)]
    Notify(String),
    /// Go back to the page shown before.
    HistoryBack,
    /// Go forward again after going back.
    HistoryForward,
    /// Switch the search between communities and every page of the site.
    ToggleScope,
    /// The background indexer has read this many pages so far.
    #[strum(disabled)]
    SiteProgress(usize),
    /// The background indexer is done.
    #[strum(disabled)]
    SiteLoaded(LoadedSite),
    /// The background indexer could not read the site; why.
    #[strum(disabled)]
    SiteFailed(String),
    /// Typing paused: show the selected page.
    #[strum(disabled)]
    Settle,
    /// Find the next match of the find-in-page search.
    FindNext,
    /// Find the previous match of the find-in-page search.
    FindPrev,
    /// Show the page's headings to jump to one.
    ShowToc,
    /// Open the shown page's file in $VISUAL or $EDITOR.
    Edit,
    /// The pages changed on disk and were read again.
    #[strum(disabled)]
    Reloaded(Reloaded),
    /// There is no browser to open a link with: show it, with a QR code.
    #[strum(disabled)]
    ShowUrl(String),
    /// Pages whose text holds the query, found by the background search.
    #[strum(disabled)]
    BodyHits(crate::search::body::BodyHits),
    /// Download the current site in the background (`copdeck sync`), then reload.
    Sync,
    /// How far the background sync has come, for the status bar.
    #[strum(disabled)]
    Syncing(String),
    /// The background sync ended: its message, and the new source's label when the
    /// pages now come from a new copy.
    #[strum(disabled)]
    Synced {
        message: String,
        label: Option<String>,
    },
    /// The clock, as time since the program started (the demo's idle time and attract
    /// loop run on it).
    #[strum(disabled)]
    Tick(std::time::Duration),
    /// In the demo: Ctrl-Q; twice in a row leaves.
    #[strum(disabled)]
    LeaveDemo,
    /// In the demo: a presenter's caption under the panes (empty clears it).
    #[strum(disabled)]
    Caption(String),
    /// A worker ranked the site for a query (see `Effect::Rank`).
    #[strum(disabled)]
    Ranked(super::jobs::Ranked),
    /// A worker rendered a page (see `Effect::Render`).
    #[strum(disabled)]
    Rendered(super::jobs::RenderedPage),
}

/// Work for the shell, returned by `App::update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open a link in the browser or mail program.
    Open(String),
    /// Put text on the clipboard (OSC 52); `what` says what it is, for the message.
    Copy { text: String, what: String },
    /// Hand the terminal to the editor for this file, then take it back.
    Edit(std::path::PathBuf),
    /// Run `copdeck sync` in the background, reporting with `Action::Syncing`.
    Sync,
    /// Search the text of every page of `site` for these words in the background
    /// (stopping any earlier search); results come back as `Action::BodyHits` of this
    /// generation. Empty words (or no site) only stop the earlier search.
    SearchBodies {
        words: String,
        generation: u64,
        site: Option<LoadedSite>,
    },
    /// Rank the site for a query on a worker; the hits come back as `Action::Ranked`.
    Rank(super::jobs::RankJob),
    /// Render a page on a worker; it comes back as `Action::Rendered`.
    Render(Box<super::jobs::PageJob>),
    /// Several of the above, in order.
    Many(Vec<Effect>),
    /// Leave the program.
    Quit,
}

impl Effect {
    /// The effects this one stands for, `Many` taken apart, in order.
    pub fn into_list(self) -> Vec<Effect> {
        match self {
            Effect::Many(effects) => effects.into_iter().flat_map(Effect::into_list).collect(),
            effect => vec![effect],
        }
    }
}
