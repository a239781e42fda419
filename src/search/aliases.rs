//! Abbreviations people type for what the site spells out: `a11y` finds Accessibility,
//! `cx` Customer Experience. A query that is one of these is also searched as its long
//! form.

/// Each abbreviation, lowercase, with the words it stands for.
pub const ALIASES: &[(&str, &str)] = &[
    ("a11y", "accessibility"),
    ("508", "accessibility"),
    ("i18n", "multilingual"),
    ("l10n", "multilingual"),
    ("ai", "artificial intelligence"),
    ("ml", "artificial intelligence"),
    ("api", "application programming interfaces"),
    ("cx", "customer experience"),
    ("ux", "user experience"),
    ("ar", "augmented reality"),
    ("vr", "virtual reality"),
    ("xr", "virtual and augmented reality"),
    ("rpa", "robotic process automation"),
    ("pm", "project management"),
    ("opensource", "open source"),
    ("oss", "open source"),
    ("foia", "open government"),
    ("dataviz", "data visualization"),
    ("sm", "social media"),
];

/// The long form of a query that is an abbreviation, ignoring case and spaces around it.
pub fn expand(query: &str) -> Option<&'static str> {
    let query = query.trim();
    ALIASES
        .iter()
        .find(|(short, _)| short.eq_ignore_ascii_case(query))
        .map(|(_, long)| *long)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_expand_whole_and_ignore_case() {
        assert_eq!(expand("a11y"), Some("accessibility"));
        assert_eq!(expand(" CX "), Some("customer experience"));
        assert_eq!(expand("a11y design"), None);
        assert_eq!(expand("plain"), None);
        for (short, long) in ALIASES {
            assert_eq!(*short, short.to_lowercase(), "{short}");
            assert_eq!(*long, long.to_lowercase(), "{long}");
        }
    }
}
