//! The typed community page: what copdeck shows and prints.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The site's base address; page addresses hang off it.
pub const SITE: &str = "https://digital.gov";

/// Who may join a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Federal employees and contractors with a .gov or .mil address.
    Government,
    /// Anyone.
    Public,
}

impl Audience {
    /// Reads the site's `type` spellings: `government`, `government_only`, `government only`, `public`.
    pub fn parse(text: &str) -> Option<Self> {
        let key: String = text
            .trim()
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c == '_' || c == '-' { ' ' } else { c })
            .collect();
        match key
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str()
        {
            "government" | "government only" | "gov" | "federal" => Some(Self::Government),
            "public" | "open" => Some(Self::Public),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Government => "Government only",
            Self::Public => "Open to the public",
        }
    }
}

/// Where a channel's conversation happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Listserv,
    Slack,
    #[serde(untagged)]
    Other(String),
}

impl Platform {
    pub fn parse(text: &str) -> Self {
        match text.trim().to_ascii_lowercase().as_str() {
            "listserv" | "" => Self::Listserv,
            "slack" => Self::Slack,
            other => Self::Other(other.to_string()),
        }
    }

    pub fn label(&self) -> &str {
        match self {
            Self::Listserv => "Mailing list",
            Self::Slack => "Slack",
            Self::Other(name) => name,
        }
    }
}

/// One way to join a community: an entry of `community_list`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JoinChannel {
    pub platform: Platform,
    pub audience: Option<Audience>,
    pub email: Option<String>,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub form: Option<String>,
    pub members: Option<u64>,
    pub emails_per_week: Option<f64>,
    pub terms: Option<String>,
    pub button: Option<String>,
}

impl JoinChannel {
    /// The ready `mailto:` link (RFC 6068), with only subject and body.
    pub fn mailto(&self) -> Option<String> {
        let email = self.email.as_deref()?;
        let mut url = format!("mailto:{}", percent_encode(email, true));
        let mut sep = '?';
        for (key, value) in [("subject", &self.subject), ("body", &self.body)] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                url.push(sep);
                url.push_str(key);
                url.push('=');
                url.push_str(&percent_encode(value, false));
                sep = '&';
            }
        }
        Some(url)
    }
}

/// What a `mailto:` value keeps as it is: letters, digits and `-._~` (RFC 3986's
/// unreserved characters).
const MAILTO_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What an address keeps besides: `@` and the sub-delimiters addresses use.
const MAILTO_ADDRESS: &percent_encoding::AsciiSet = &MAILTO_VALUE
    .remove(b'@')
    .remove(b'+')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'*')
    .remove(b'=');

/// Percent-encodes for a `mailto:` URL; `address` keeps `@`.
pub fn percent_encode(text: &str, address: bool) -> String {
    let set = if address {
        MAILTO_ADDRESS
    } else {
        MAILTO_VALUE
    };
    percent_encoding::utf8_percent_encode(text, set).to_string()
}

/// A community's title without the site's "Join the" call to action.
pub fn display_title(title: &str) -> &str {
    let title = title.trim();
    for prefix in ["Join the ", "Join "] {
        if let Some(rest) = title.strip_prefix(prefix)
            && !rest.is_empty()
        {
            return rest;
        }
    }
    title
}

/// Where the site's communities page lists a community.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// "Digital.gov Communities of Practice": the ones the site runs (`dg_highlight`).
    DigitalGov,
    /// "Other Communities of Practice".
    Other,
    /// Not on the communities page: weight 0 or none, or expired.
    Unlisted,
}

impl Group {
    /// The heading the site gives the group.
    pub fn label(self) -> &'static str {
        match self {
            Self::DigitalGov => "Digital.gov Communities of Practice",
            Self::Other => "Other Communities of Practice",
            Self::Unlisted => "Not listed on the site",
        }
    }
}

/// A community page, normalised from its front matter.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Community {
    pub slug: String,
    /// The title as written (often "Join the …").
    pub title: String,
    pub summary: String,
    pub deck: Option<String>,
    pub date: Option<NaiveDate>,
    pub weight: Option<i64>,
    pub expiry: Option<NaiveDate>,
    pub redirect: Option<String>,
    pub aliases: Vec<String>,
    pub topics: Vec<String>,
    pub authors: Vec<String>,
    pub event_cop: Vec<String>,
    pub short_name: Option<String>,
    pub acronym: Option<String>,
    pub highlight: bool,
    pub channels: Vec<JoinChannel>,
    /// Where the page came from, as shown in diagnostics.
    pub source: String,
    pub body: String,
    /// 1-based line of the source file where the body starts.
    pub body_line: usize,
    /// Whether `expiry` was before the day the page was loaded.
    pub expired: bool,
}

impl Community {
    /// The title as a list shows it: "Join the Social Media" reads "Social Media".
    pub fn name(&self) -> &str {
        display_title(&self.title)
    }

    /// The page's own address on digital.gov.
    pub fn url(&self) -> String {
        format!("{SITE}/communities/{}/", self.slug)
    }

    /// A copy with only what `url` reads: for the site's indexer, which links each
    /// community to its page by address, without a second copy of every body.
    pub fn address_only(&self) -> Community {
        Community {
            slug: self.slug.clone(),
            ..Community::default()
        }
    }

    /// The group the site's communities page puts this page in: the site lists pages
    /// weighted 1 or more that have not expired.
    pub fn group(&self) -> Group {
        match (
            self.weight.is_some_and(|w| w >= 1) && !self.expired,
            self.highlight,
        ) {
            (true, true) => Group::DigitalGov,
            (true, false) => Group::Other,
            (false, _) => Group::Unlisted,
        }
    }

    /// Weight 0 hides a page from the site's lists.
    pub fn hidden(&self) -> bool {
        self.weight == Some(0)
    }

    /// The community now lives elsewhere.
    pub fn moved(&self) -> bool {
        self.redirect.is_some()
    }

    /// Whether the site lists this page (not hidden, not expired).
    pub fn listed(&self) -> bool {
        !self.hidden() && !self.expired
    }

    /// Sum of the channels' known member counts, or None when none is known. The sum
    /// stops at `u64::MAX` instead of wrapping (absurd counts are `check`'s to flag).
    pub fn members(&self) -> Option<u64> {
        self.channels
            .iter()
            .filter_map(|c| c.members)
            .reduce(u64::saturating_add)
    }

    /// Where `o` goes: the page, or where a moved community lives now.
    pub fn home_url(&self) -> String {
        self.redirect.clone().unwrap_or_else(|| self.url())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_totals_saturate() {
        let channel = |members| JoinChannel {
            platform: Platform::Listserv,
            audience: None,
            email: None,
            subject: None,
            body: None,
            form: None,
            members: Some(members),
            emails_per_week: None,
            terms: None,
            button: None,
        };
        let community = Community {
            channels: vec![channel(u64::MAX), channel(2)],
            ..Community::default()
        };
        assert_eq!(community.members(), Some(u64::MAX));
    }

    #[test]
    fn an_address_only_copy_keeps_the_address_and_leaves_the_body() {
        let community = Community {
            slug: "plain-language".into(),
            title: "Join the Plain Language community".into(),
            body: "Plain words, short sentences. ".repeat(200),
            topics: vec!["writing".into()],
            ..Community::default()
        };
        let copy = community.address_only();
        assert_eq!(copy.url(), community.url());
        assert!(copy.body.is_empty() && copy.title.is_empty() && copy.topics.is_empty());
    }

    #[test]
    fn audience_spellings() {
        for text in [
            "government",
            "government_only",
            "government only",
            " Government ",
        ] {
            assert_eq!(Audience::parse(text), Some(Audience::Government), "{text}");
        }
        assert_eq!(Audience::parse("public"), Some(Audience::Public));
        assert_eq!(Audience::parse("members"), None);
    }

    #[test]
    fn mailto_encodes_subject_and_body() {
        let channel = JoinChannel {
            platform: Platform::Listserv,
            audience: None,
            email: Some("listserv@listserv.gsa.gov".into()),
            subject: Some("Join the Social Media Community".into()),
            body: Some("subscribe agile-lean-cop & more".into()),
            form: None,
            members: None,
            emails_per_week: None,
            terms: None,
            button: None,
        };
        assert_eq!(
            channel.mailto().unwrap(),
            "mailto:listserv@listserv.gsa.gov?subject=Join%20the%20Social%20Media%20Community&body=subscribe%20agile-lean-cop%20%26%20more"
        );
    }
}
