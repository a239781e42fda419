//! Search operators: `topic:`, `audience:`, `platform:`, `members:` and `is:` words in a
//! query narrow the list; the other words stay the fuzzy query. Shared by the browser's
//! search line and `copdeck search`, so both read a query alike.

use crate::content::{Audience, Community, Platform, SitePage};

/// Each operator with an example and what it keeps, for the help overlay.
pub const OPERATORS: &[(&str, &str)] = &[
    (
        "topic:plain-language",
        "pages tagged with this topic (or one starting so)",
    ),
    ("audience:public", "open to the public (or government)"),
    ("platform:slack", "has a Slack channel (or listserv)"),
    ("members:>1000", "member count; also >= < <= = or a number"),
    ("is:open", "can be joined by email now (not moved)"),
    ("is:moved", "moved; also expired, hidden, listed"),
    ("-is:moved", "a leading - excludes what matches"),
];

/// A search line taken apart: the fuzzy words, and the operators every result must pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The words without an operator, joined by single spaces.
    pub text: String,
    pub filters: Vec<Filter>,
}

/// One operator word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// `topic:plain-language`: the page is tagged with this topic (a slug, lowercase).
    Topic(String),
    /// `audience:public`: one of the channels is open to this audience.
    Audience(Audience),
    /// `platform:slack`: one of the channels is on this platform.
    Platform(Platform),
    /// `members:>1000`: the community's known member count compares so.
    Members(Comparison, u64),
    /// `is:moved` and the like.
    Is(Status),
    /// A leading `-`: the page must not pass the filter.
    Not(Box<Filter>),
}

/// How `members:` compares the count with its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Less,
    AtMost,
    Equal,
    AtLeast,
    Greater,
}

/// What `is:` asks about a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The community lives elsewhere now (`redirectto`).
    Moved,
    /// Its `expirydate` has passed.
    Expired,
    /// Weight 0: the site does not list it.
    Hidden,
    /// Neither hidden nor expired.
    Listed,
    /// Not moved, with a list to join by email now.
    Open,
}

/// Why a query cannot be run; the message is written for the person typing it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("{name}: is not an operator (try topic: audience: platform: members: is:)")]
    UnknownOperator { name: String },
    #[error("{operator}: expects {expected}{}", not_value(.value))]
    BadValue {
        operator: &'static str,
        /// The value as typed.
        value: String,
        expected: &'static str,
    },
    /// The operator only makes sense for communities, and the search covers every page.
    #[error("{operator}: works on communities")]
    CommunitiesOnly { operator: &'static str },
}

/// Reads a query. Words that look like `name:value` (letters, then a colon) are
/// operators, and an unknown name or a bad value is an error rather than a silent
/// no-op; other words, links such as `https://…` included, are the fuzzy text.
pub fn parse_query(input: &str) -> Result<Query, QueryError> {
    let mut text = Vec::new();
    let mut filters = Vec::new();
    for word in input.split_whitespace() {
        match operator_parts(word) {
            Some((negated, name, value)) => {
                let filter = parse_filter(name, value)?;
                filters.push(if negated {
                    Filter::Not(Box::new(filter))
                } else {
                    filter
                });
            }
            None => text.push(word),
        }
    }
    Ok(Query {
        text: text.join(" "),
        filters,
    })
}

/// Splits `-name:value` into (negated, name, value) when the word is an operator.
fn operator_parts(word: &str) -> Option<(bool, &str, &str)> {
    let (negated, rest) = match word.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, word),
    };
    let (name, value) = rest.split_once(':')?;
    let lower = name.to_ascii_lowercase();
    let is_name = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic());
    let is_link = lower.starts_with("http") || lower.starts_with("mailto");
    (is_name && !is_link).then_some((negated, name, value))
}

fn not_value(value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        format!(", not {value}")
    }
}

fn parse_filter(name: &str, typed: &str) -> Result<Filter, QueryError> {
    let bad = |operator, expected| QueryError::BadValue {
        operator,
        value: typed.to_string(),
        expected,
    };
    let value = typed.to_ascii_lowercase();
    match name.to_ascii_lowercase().as_str() {
        "topic" if !value.is_empty() => Ok(Filter::Topic(value)),
        "topic" => Err(bad("topic", "a topic like plain-language")),
        "audience" => Audience::parse(&value)
            .map(Filter::Audience)
            .ok_or_else(|| bad("audience", "public or government")),
        "platform" => match value.as_str() {
            "slack" => Ok(Filter::Platform(Platform::Slack)),
            "listserv" => Ok(Filter::Platform(Platform::Listserv)),
            _ => Err(bad("platform", "slack or listserv")),
        },
        "members" => {
            parse_members(&value).ok_or_else(|| bad("members", "a number like >1000 or <=500"))
        }
        "is" => match value.as_str() {
            "moved" => Ok(Filter::Is(Status::Moved)),
            "expired" => Ok(Filter::Is(Status::Expired)),
            "hidden" => Ok(Filter::Is(Status::Hidden)),
            "listed" => Ok(Filter::Is(Status::Listed)),
            "open" => Ok(Filter::Is(Status::Open)),
            _ => Err(bad("is", "open, moved, expired, hidden or listed")),
        },
        _ => Err(QueryError::UnknownOperator {
            name: name.to_string(),
        }),
    }
}

/// `>1000`, `>=1,000`, `<500`, `<=500`, `=71` or `71`.
fn parse_members(value: &str) -> Option<Filter> {
    let (comparison, number) = [
        (">=", Comparison::AtLeast),
        ("<=", Comparison::AtMost),
        (">", Comparison::Greater),
        ("<", Comparison::Less),
        ("=", Comparison::Equal),
    ]
    .into_iter()
    .find_map(|(sign, comparison)| value.strip_prefix(sign).map(|rest| (comparison, rest)))
    .unwrap_or((Comparison::Equal, value));
    parse_count(number).map(|n| Filter::Members(comparison, n))
}

/// A whole number, optionally grouped in thousands with commas (`1,000`, not `1,00`).
fn parse_count(text: &str) -> Option<u64> {
    let mut groups = text.split(',');
    let first = groups.next()?;
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !digits(first) || (text.contains(',') && first.len() > 3) {
        return None;
    }
    let mut number = first.to_string();
    for group in groups {
        if group.len() != 3 || !digits(group) {
            return None;
        }
        number.push_str(group);
    }
    number.parse().ok()
}

impl Comparison {
    fn holds(self, count: u64, number: u64) -> bool {
        match self {
            Self::Less => count < number,
            Self::AtMost => count <= number,
            Self::Equal => count == number,
            Self::AtLeast => count >= number,
            Self::Greater => count > number,
        }
    }
}

impl Filter {
    /// Whether a community passes. A community whose member count is unknown passes no
    /// `members:` comparison (and so passes its negation).
    pub fn accepts(&self, community: &Community) -> bool {
        let channels = &community.channels;
        match self {
            Self::Topic(topic) => has_topic(&community.topics, topic),
            Self::Audience(audience) => channels.iter().any(|c| c.audience == Some(*audience)),
            Self::Platform(platform) => channels.iter().any(|c| c.platform == *platform),
            Self::Members(comparison, number) => community
                .members()
                .is_some_and(|count| comparison.holds(count, *number)),
            Self::Is(Status::Moved) => community.moved(),
            Self::Is(Status::Expired) => community.expired,
            Self::Is(Status::Hidden) => community.hidden(),
            Self::Is(Status::Listed) => community.listed(),
            Self::Is(Status::Open) => {
                !community.moved() && channels.iter().any(|c| c.email.is_some())
            }
            Self::Not(filter) => !filter.accepts(community),
        }
    }

    /// Whether a page of the site passes; a page is listed unless it has expired.
    /// Community-only filters pass nothing (`Query::check_pages` refuses them first).
    pub fn accepts_page(&self, page: &SitePage) -> bool {
        match self {
            Self::Topic(topic) => has_topic(page.topics(), topic),
            Self::Is(Status::Expired) => page.expired,
            Self::Is(Status::Listed) => !page.expired,
            Self::Not(filter) => !filter.accepts_page(page),
            _ => false,
        }
    }

    /// The operator's name when it only applies to communities.
    fn communities_only(&self) -> Option<&'static str> {
        match self {
            Self::Audience(_) => Some("audience"),
            Self::Platform(_) => Some("platform"),
            Self::Members(..) => Some("members"),
            Self::Is(Status::Moved) => Some("is:moved"),
            Self::Is(Status::Hidden) => Some("is:hidden"),
            Self::Is(Status::Open) => Some("is:open"),
            Self::Not(filter) => filter.communities_only(),
            Self::Topic(_) | Self::Is(_) => None,
        }
    }

    /// Asking for hidden or expired pages by name shows them even when the list
    /// otherwise keeps to what the site lists.
    fn reveals_unlisted(&self) -> bool {
        match self {
            Self::Is(Status::Hidden | Status::Expired) => true,
            Self::Not(filter) => matches!(**filter, Self::Is(Status::Listed)),
            _ => false,
        }
    }
}

/// A topic matches by its slug or the start of it, so `topic:plain` finds
/// `plain-language` while it is being typed.
fn has_topic(topics: impl IntoIterator<Item = impl AsRef<str>>, topic: &str) -> bool {
    topics.into_iter().any(|t| {
        let t = t.as_ref();
        t.len() >= topic.len() && t.as_bytes()[..topic.len()].eq_ignore_ascii_case(topic.as_bytes())
    })
}

impl Query {
    /// Whether a community passes every filter.
    pub fn accepts(&self, community: &Community) -> bool {
        self.filters.iter().all(|f| f.accepts(community))
    }

    /// Whether a page of the site passes every filter.
    pub fn accepts_page(&self, page: &SitePage) -> bool {
        self.filters.iter().all(|f| f.accepts_page(page))
    }

    /// The communities the query keeps, in site order: those passing every filter, and
    /// of the hidden and expired ones only when `all` asks for them or the query names
    /// them (`is:hidden`).
    pub fn communities<'a>(
        &'a self,
        communities: &'a [Community],
        all: bool,
    ) -> impl Iterator<Item = usize> + 'a {
        let all = all || self.reveals_unlisted();
        (0..communities.len())
            .filter(move |&i| (all || communities[i].listed()) && self.accepts(&communities[i]))
    }

    /// The pages of the site the query keeps, in site order, alike: pages the site does
    /// not list (`SitePage::listed`) only with `all` or a query that names them.
    pub fn pages<'a>(
        &'a self,
        pages: &'a [SitePage],
        all: bool,
    ) -> impl Iterator<Item = usize> + 'a {
        let all = all || self.reveals_unlisted();
        (0..pages.len())
            .filter(move |&i| (all || pages[i].listed()) && self.accepts_page(&pages[i]))
    }

    /// Refuses filters that cannot apply to the site's pages.
    pub fn check_pages(&self) -> Result<(), QueryError> {
        match self.filters.iter().find_map(Filter::communities_only) {
            Some(operator) => Err(QueryError::CommunitiesOnly { operator }),
            None => Ok(()),
        }
    }

    /// Whether the query asks for hidden or expired pages (`is:hidden`, `is:expired`,
    /// `-is:listed`), which are then searched even when "show all" is off.
    pub fn reveals_unlisted(&self) -> bool {
        self.filters.iter().any(Filter::reveals_unlisted)
    }
}

#[cfg(test)]
mod tests;
