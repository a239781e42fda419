use super::*;
use crate::content::JoinChannel;

fn parsed(input: &str) -> Query {
    parse_query(input).unwrap_or_else(|err| panic!("{input}: {err}"))
}

fn filter(input: &str) -> Filter {
    match parsed(input).filters.as_slice() {
        [one] => one.clone(),
        other => panic!("{input}: {other:?}"),
    }
}

fn error(input: &str) -> String {
    parse_query(input).expect_err(input).to_string()
}

fn channel(platform: Platform, audience: Option<Audience>, members: Option<u64>) -> JoinChannel {
    JoinChannel {
        platform,
        audience,
        email: None,
        subject: None,
        body: None,
        form: None,
        members,
        emails_per_week: None,
        terms: None,
        button: None,
    }
}

fn community(topics: &[&str], channels: Vec<JoinChannel>) -> Community {
    Community {
        slug: "x".into(),
        title: "X".into(),
        weight: Some(1),
        topics: topics.iter().map(|t| t.to_string()).collect(),
        channels,
        ..Default::default()
    }
}

#[test]
fn every_operator_parses() {
    assert_eq!(
        filter("topic:plain-language"),
        Filter::Topic("plain-language".into())
    );
    assert_eq!(
        filter("audience:public"),
        Filter::Audience(Audience::Public)
    );
    assert_eq!(
        filter("audience:government"),
        Filter::Audience(Audience::Government)
    );
    assert_eq!(filter("platform:slack"), Filter::Platform(Platform::Slack));
    assert_eq!(
        filter("platform:listserv"),
        Filter::Platform(Platform::Listserv)
    );
    assert_eq!(filter("is:moved"), Filter::Is(Status::Moved));
    assert_eq!(filter("is:expired"), Filter::Is(Status::Expired));
    assert_eq!(filter("is:hidden"), Filter::Is(Status::Hidden));
    assert_eq!(filter("is:listed"), Filter::Is(Status::Listed));
    assert_eq!(
        filter("-is:moved"),
        Filter::Not(Box::new(Filter::Is(Status::Moved)))
    );
}

#[test]
fn members_comparisons_and_separators() {
    use Comparison::*;
    for (input, comparison, number) in [
        ("members:>1000", Greater, 1000),
        ("members:>=1000", AtLeast, 1000),
        ("members:<50", Less, 50),
        ("members:<=50", AtMost, 50),
        ("members:=71", Equal, 71),
        ("members:71", Equal, 71),
        ("members:>1,000", Greater, 1000),
        ("members:>=1,234,567", AtLeast, 1_234_567),
    ] {
        assert_eq!(
            filter(input),
            Filter::Members(comparison, number),
            "{input}"
        );
    }
    for input in [
        "members:>lots",
        "members:",
        "members:>",
        "members:1,00",
        "members:1000,000",
        "members:,100",
        "members:>>5",
        "members:-5",
        "members:99999999999999999999999",
    ] {
        assert!(
            error(input).starts_with("members: expects a number"),
            "{input}"
        );
    }
}

#[test]
fn names_and_values_ignore_case() {
    assert_eq!(filter("IS:Moved"), Filter::Is(Status::Moved));
    assert_eq!(
        filter("Audience:PUBLIC"),
        Filter::Audience(Audience::Public)
    );
    assert_eq!(
        filter("TOPIC:Plain-Language"),
        Filter::Topic("plain-language".into())
    );
    assert_eq!(filter("Platform:Slack"), Filter::Platform(Platform::Slack));
}

#[test]
fn fuzzy_words_and_operators_mix() {
    let query = parsed("web  members:>1000 analytics -is:moved");
    assert_eq!(query.text, "web analytics");
    assert_eq!(query.filters.len(), 2);
    assert_eq!(parsed("").text, "");
    assert!(parsed("plain language").filters.is_empty());
}

#[test]
fn links_and_other_colons_stay_fuzzy_words() {
    for input in [
        "https://digital.gov/communities/",
        "http://x",
        "HTTPS://X",
        "mailto:someone@gsa.gov",
        "3:30",
        ":",
        "a2:b",
        "-",
    ] {
        let query = parsed(input);
        assert!(query.filters.is_empty(), "{input}");
        assert_eq!(query.text, input);
    }
}

#[test]
fn unknown_operators_and_bad_values_are_errors() {
    assert_eq!(
        parse_query("plain colour:red"),
        Err(QueryError::UnknownOperator {
            name: "colour".into()
        })
    );
    assert!(error("-colour:red").starts_with("colour: is not an operator"));
    assert_eq!(
        error("audience:aliens"),
        "audience: expects public or government, not aliens"
    );
    assert_eq!(
        error("platform:irc"),
        "platform: expects slack or listserv, not irc"
    );
    assert_eq!(
        error("is:"),
        "is: expects open, moved, expired, hidden or listed"
    );
    assert_eq!(
        error("topic:"),
        "topic: expects a topic like plain-language"
    );
}

#[test]
fn filters_test_communities() {
    let mut big = community(
        &["plain-language"],
        vec![
            channel(Platform::Listserv, Some(Audience::Government), Some(1500)),
            channel(Platform::Slack, Some(Audience::Public), Some(600)),
        ],
    );
    let unknown = community(&[], vec![channel(Platform::Listserv, None, None)]);
    let passes = |input: &str, c: &Community| parsed(input).accepts(c);
    assert!(passes("topic:Plain-Language", &big));
    assert!(
        passes("topic:plain", &big),
        "a topic matches by the start of its slug"
    );
    assert!(!passes("topic:language", &big));
    assert!(passes("audience:public platform:slack", &big));
    assert!(!passes("platform:slack", &unknown));
    assert!(passes("members:2100 members:>2,000", &big));
    assert!(!passes("members:<2100", &big));
    assert!(
        !passes("members:<10", &unknown),
        "unknown counts never compare"
    );
    assert!(passes("-members:>10", &unknown));
    assert!(passes("is:listed -is:moved -is:hidden -is:expired", &big));
    big.weight = Some(0);
    big.redirect = Some("https://example.gov/".into());
    assert!(passes("is:hidden is:moved -is:listed", &big));
    big.expired = true;
    assert!(passes("is:expired", &big));
}

#[test]
fn hidden_and_expired_asked_for_by_name_are_revealed() {
    for input in ["is:hidden", "is:expired", "plain -is:listed"] {
        assert!(parsed(input).reveals_unlisted(), "{input}");
    }
    for input in ["is:moved", "-is:hidden", "is:listed", "plain"] {
        assert!(!parsed(input).reveals_unlisted(), "{input}");
    }
}

#[test]
fn site_pages_take_topics_and_expiry_only() {
    assert!(
        parsed("topic:x is:expired -is:listed")
            .check_pages()
            .is_ok()
    );
    for (input, operator) in [
        ("audience:public", "audience"),
        ("platform:slack", "platform"),
        ("members:>5", "members"),
        ("-is:moved", "is:moved"),
        ("is:hidden", "is:hidden"),
    ] {
        assert_eq!(
            parsed(input).check_pages(),
            Err(QueryError::CommunitiesOnly { operator }),
            "{input}"
        );
    }
    assert_eq!(
        QueryError::CommunitiesOnly {
            operator: "audience"
        }
        .to_string(),
        "audience: works on communities"
    );
}

#[test]
fn is_open_keeps_communities_joinable_by_email_now() {
    let slack_only = community(&[], vec![channel(Platform::Slack, None, None)]);
    let mut list = channel(Platform::Listserv, None, None);
    list.email = Some("join@list.example.gov".into());
    let mut open = community(&[], vec![list]);
    let passes = |input: &str, c: &Community| parsed(input).accepts(c);
    assert!(passes("is:open", &open));
    assert!(!passes("is:open", &slack_only));
    assert!(passes("-is:open", &slack_only));
    open.redirect = Some("https://example.gov/".into());
    assert!(
        !passes("is:open", &open),
        "a moved community is joined elsewhere"
    );
    assert_eq!(
        parsed("is:open").check_pages(),
        Err(QueryError::CommunitiesOnly {
            operator: "is:open"
        })
    );
}
