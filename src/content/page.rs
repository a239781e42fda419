//! Turns one community file into a `Community`, collecting what is wrong with it.

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use super::diagnostic::Diagnostic;
use super::fields::{self, FieldError, clean_text, key_line};
use super::front_matter::{PageError, SplitPage, decode_text, split_page};
use super::model::{Audience, Community, JoinChannel, Platform};
use super::mojibake::repair_mojibake;

/// The result of reading one file: the page if it could be read, and every problem found.
#[derive(Debug, Default)]
pub struct ParsedPage {
    pub community: Option<Community>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a community file's bytes. `source` names the file in messages; `stem` is the
/// file name without `.md`, the slug when the page has none.
pub fn parse_community(source: &str, stem: &str, bytes: &[u8], today: NaiveDate) -> ParsedPage {
    let text = decode_text(bytes);
    let split = text.as_deref().map_err(Clone::clone).and_then(split_page);
    community_of_split(source, stem, split.as_ref(), today)
}

/// A community from its file's text split into front matter and body, or the reason
/// the file could not be read or split.
pub fn community_of_split(
    source: &str,
    stem: &str,
    split: Result<&SplitPage<'_>, &PageError>,
    today: NaiveDate,
) -> ParsedPage {
    let page = match split {
        Ok(page) => page,
        Err(err) => {
            return ParsedPage {
                community: None,
                diagnostics: vec![Diagnostic::error(source, err.line, err.message.clone())],
            };
        }
    };
    let mut reader = FieldReader {
        source,
        page,
        diagnostics: duplicate_warnings(source, page),
    };
    let community = reader.community(stem, today);
    ParsedPage {
        community: Some(community),
        diagnostics: reader.diagnostics,
    }
}

/// A warning for each front-matter key given twice (the page still loads).
pub fn duplicate_warnings(source: &str, page: &SplitPage<'_>) -> Vec<Diagnostic> {
    page.duplicates
        .iter()
        .map(|(line, key)| {
            Diagnostic::warning(
                source,
                *line,
                format!(
                    "`{key}` is given again; the later value is used, as the site's build does"
                ),
            )
        })
        .collect()
}

struct FieldReader<'a> {
    source: &'a str,
    page: &'a SplitPage<'a>,
    diagnostics: Vec<Diagnostic>,
}

impl FieldReader<'_> {
    /// Keeps the value, or records the field's error at its line and falls back to empty.
    fn take<T: Default>(&mut self, result: Result<T, FieldError>, nth: usize) -> T {
        result.unwrap_or_else(|err| {
            self.report(&err.key, nth, err.message);
            T::default()
        })
    }

    fn report(&mut self, key: &str, nth: usize, message: String) {
        let line = key_line(self.page.yaml, key, 0, nth).unwrap_or(0) + self.page.yaml_line;
        self.diagnostics
            .push(Diagnostic::error(self.source, line, message));
    }

    fn community(&mut self, stem: &str, today: NaiveDate) -> Community {
        let map = &self.page.fields;
        let slug = self.take(fields::text(map, "slug"), 0);
        let slug = slug.unwrap_or_else(|| stem.to_string());
        let title = self.take(fields::display_text(map, "title"), 0);
        let title = title.unwrap_or_else(|| {
            self.diagnostics.push(Diagnostic::warning(
                self.source,
                self.page.yaml_line,
                "page has no `title`; showing its slug",
            ));
            slug.clone()
        });
        let expiry = self.take(fields::date(map, "expirydate"), 0);
        let channels = self.channels();
        Community {
            summary: self
                .take(fields::display_text(map, "summary"), 0)
                .unwrap_or_default(),
            deck: self.take(fields::display_text(map, "deck"), 0),
            date: self.take(fields::date(map, "date"), 0),
            weight: self.take(fields::integer(map, "weight"), 0),
            expiry,
            redirect: self.take(fields::text(map, "redirectto"), 0),
            aliases: self.take(fields::list(map, "aliases"), 0),
            topics: self.take(fields::list(map, "topics"), 0),
            authors: self.take(fields::list(map, "authors"), 0),
            event_cop: self.take(fields::list(map, "event_cop"), 0),
            short_name: self.take(fields::display_text(map, "dg_shortname"), 0),
            acronym: self.take(fields::text(map, "dg_acronym"), 0),
            highlight: fields::flag(map, "dg_highlight"),
            channels,
            source: self.source.to_string(),
            body: repair_mojibake(self.page.body).into_owned(),
            body_line: self.page.body_line,
            expired: expiry.is_some_and(|day| day < today),
            slug,
            title,
        }
    }

    fn channels(&mut self) -> Vec<JoinChannel> {
        let entries = match self.page.fields.get("community_list") {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Sequence(items)) => items.clone(),
            Some(other) => {
                let message = format!(
                    "`community_list` should be a list of channels, found {}",
                    super::fields::describe(other)
                );
                self.report("community_list", 0, message);
                return Vec::new();
            }
        };
        let mut channels = Vec::new();
        for (nth, entry) in entries.iter().enumerate() {
            match entry {
                Value::Mapping(map) => channels.push(self.channel(map, nth)),
                Value::Null => {}
                other => {
                    let message = format!(
                        "`community_list` entry {} should be a map of channel fields, found {}",
                        nth + 1,
                        super::fields::describe(other)
                    );
                    self.report("community_list", 0, message);
                }
            }
        }
        channels
    }

    fn channel(&mut self, map: &Mapping, nth: usize) -> JoinChannel {
        let platform = self.take(fields::text(map, "platform"), nth);
        let kind = self.take(fields::text(map, "type"), nth);
        let audience = kind.as_deref().and_then(Audience::parse);
        if let (Some(kind), None) = (&kind, audience) {
            let message =
                format!("channel type {kind:?} is not one of government, government_only, public");
            self.report("type", nth, message);
        }
        let email = self.take(fields::text(map, "subscribe_email"), nth);
        JoinChannel {
            platform: Platform::parse(platform.as_deref().unwrap_or_default()),
            audience,
            email: email.map(|e| clean_text(&e)),
            subject: self.take(fields::text(map, "subscribe_email_subject"), nth),
            body: self.take(fields::text(map, "subscribe_email_body"), nth),
            form: self.take(fields::text(map, "subscribe_form"), nth),
            members: self.take(fields::count(map, "members"), nth),
            emails_per_week: self.take(fields::decimal(map, "emails_per_week"), nth),
            terms: self.take(fields::text(map, "terms"), nth),
            button: self.take(fields::text(map, "join_cop_button"), nth),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn parse(text: &str) -> ParsedPage {
        parse_community("communities/x.md", "x", text.as_bytes(), today())
    }

    #[test]
    fn reads_a_full_page() {
        let page = parse(
            "---\ntitle: \"Join the Social Media\"\nsummary: Reach people.\nweight: 1\n\
             date: 2019-12-12 19:00:00 -0500\nexpirydate: 2021-12-10\nevent_cop: social-media\n\
             community_list:\n  - platform: \"listserv\"\n    type: government only\n\
             \x20   subscribe_email: \"SM@LISTSERV.GSA.GOV \"\n    members: 1,979\n    emails_per_week: .5\n\
             ---\nSome challenges â€“ and answers.\n",
        );
        assert!(page.diagnostics.is_empty(), "{:?}", page.diagnostics);
        let c = page.community.unwrap();
        assert_eq!(c.slug, "x");
        assert_eq!(c.name(), "Social Media");
        assert!(c.expired);
        assert_eq!(c.event_cop, vec!["social-media"]);
        let ch = &c.channels[0];
        assert_eq!(ch.audience, Some(Audience::Government));
        assert_eq!(ch.email.as_deref(), Some("SM@LISTSERV.GSA.GOV"));
        assert_eq!(ch.members, Some(1979));
        assert_eq!(ch.emails_per_week, Some(0.5));
        assert_eq!(c.body, "Some challenges – and answers.\n");
        assert_eq!(c.body_line, 15);
    }

    #[test]
    fn wrong_types_are_reported_at_their_line_and_the_page_still_loads() {
        let page = parse(
            "---\ntitle: A\ncommunity_list:\n  - type: public\n    members: lots\n  - members: -5\n---\n",
        );
        let lines: Vec<_> = page.diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![5, 6]);
        let c = page.community.unwrap();
        assert_eq!(c.channels.len(), 2);
        assert_eq!(c.members(), None);
    }
}
