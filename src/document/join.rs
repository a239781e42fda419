//! How to join a community: the rows of a channel that every printer of a join shows
//! (the page's card, Markdown, `copdeck join`), the site's join form, and the marker the
//! lists show.

use super::{group_digits, traffic};
use crate::content::{Community, JoinChannel};

/// What one row of a channel says; each printer styles or wraps it by this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinField {
    Address,
    Subject,
    Message,
    Form,
    Members,
    Traffic,
    Who,
    /// The ready `mailto:` link.
    Mailto,
}

impl JoinField {
    /// The row's label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Address => "Address",
            Self::Subject => "Subject",
            Self::Message => "Message",
            Self::Form => "Form",
            Self::Members => "Members",
            Self::Traffic => "Traffic",
            Self::Who => "Who",
            Self::Mailto => "Mailto",
        }
    }
}

/// One row of a channel: what it is, and its value as the page gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinRow {
    pub field: JoinField,
    pub value: String,
}

/// A channel's heading: its platform, and its audience when it names one.
pub fn channel_heading(channel: &JoinChannel) -> String {
    match channel.audience {
        Some(audience) => format!("{} · {}", channel.platform.label(), audience.label()),
        None => channel.platform.label().to_string(),
    }
}

/// Every row of a channel, in the order each printer shows them.
pub fn channel_rows(channel: &JoinChannel) -> Vec<JoinRow> {
    let members = channel
        .members
        .map_or_else(|| "not published".to_string(), group_digits);
    let rows = [
        (JoinField::Address, channel.email.clone()),
        (JoinField::Subject, channel.subject.clone()),
        (JoinField::Message, channel.body.clone()),
        (JoinField::Form, channel.form.clone()),
        (JoinField::Members, Some(members)),
        (JoinField::Traffic, channel.emails_per_week.map(traffic)),
        (JoinField::Who, channel.terms.clone()),
        (JoinField::Mailto, channel.mailto()),
    ];
    rows.into_iter()
        .filter_map(|(field, value)| {
            Some(JoinRow {
                field,
                value: value?,
            })
        })
        .collect()
}

/// The form the site's community pages offer for joining (its "Connect with us" box).
pub const JOIN_FORM: &str = "https://feedback.gsa.gov/jfe/form/SV_3dwvggn0tq8HIzk";

/// The choice to make on the join form: the subject of the community's last listed
/// channel, as the site's page takes it. None when the page offers no channel, or the
/// community has moved (the site sends its readers elsewhere instead).
pub fn join_form_choice(community: &Community) -> Option<&str> {
    if community.moved() {
        return None;
    }
    community
        .channels
        .iter()
        .filter_map(|c| c.subject.as_deref())
        .next_back()
        .filter(|s| !s.trim().is_empty())
}

/// How a community is joined, in the words every list uses: `moved ↗`, `Slack`, `form`,
/// `gov list`, `public list` or `list`. `compact` (a narrow column) names one channel and
/// counts the rest (`2 lists`); otherwise every channel is named (`gov list + public list`).
pub fn join_marker(community: &Community, compact: bool) -> String {
    if community.moved() {
        return "moved ↗".to_string();
    }
    let kinds: Vec<&str> = community.channels.iter().map(channel_kind).collect();
    match kinds.as_slice() {
        [] if compact => String::new(),
        [] => "—".to_string(),
        [one] => (*one).to_string(),
        many if compact => format!("{} lists", many.len()),
        many => many.join(" + "),
    }
}

/// The kind of one way to join, as the lists name it.
fn channel_kind(channel: &crate::content::JoinChannel) -> &'static str {
    use crate::content::{Audience, Platform};
    match (&channel.platform, channel.audience) {
        (Platform::Slack, _) => "Slack",
        _ if channel.email.is_none() && channel.form.is_some() => "form",
        (_, Some(Audience::Government)) => "gov list",
        (_, Some(Audience::Public)) => "public list",
        (_, None) => "list",
    }
}

#[cfg(test)]
mod tests {
    use super::join_marker;
    use crate::content::{Audience, Community, JoinChannel, Platform};

    fn list(audience: Audience) -> JoinChannel {
        JoinChannel {
            platform: Platform::Listserv,
            audience: Some(audience),
            email: Some("x-request@listserv.gsa.gov".into()),
            subject: None,
            body: None,
            form: None,
            members: None,
            emails_per_week: None,
            terms: None,
            button: None,
        }
    }

    #[test]
    fn the_list_pane_and_the_tables_use_the_same_words() {
        let one = Community {
            channels: vec![list(Audience::Government)],
            ..Community::default()
        };
        assert_eq!(join_marker(&one, true), "gov list");
        assert_eq!(join_marker(&one, false), "gov list");
        let two = Community {
            channels: vec![list(Audience::Government), list(Audience::Public)],
            ..Community::default()
        };
        assert_eq!(join_marker(&two, true), "2 lists");
        assert_eq!(join_marker(&two, false), "gov list + public list");
        let none = Community::default();
        assert_eq!(join_marker(&none, true), "");
        assert_eq!(join_marker(&none, false), "—");
    }
}
