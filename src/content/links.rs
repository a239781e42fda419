//! Which links copdeck will open, and in what form: http, https and mailto only, with
//! mailto links cut down to an address, a subject and a body.

use crate::content::model::{SITE, percent_encode};

/// Makes a page's link absolute: site-relative paths (`/resources/x/`) are on digital.gov.
pub fn absolute_url(url: &str) -> String {
    let url = url.trim();
    if url.starts_with('/') && !url.starts_with("//") {
        format!("{SITE}{url}")
    } else {
        url.to_string()
    }
}

/// The URL to hand to a browser, or the sentence that says why not.
pub fn vet_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    if url.is_empty() {
        return Err("Can't open an empty link".into());
    }
    if url.starts_with('-') {
        return Err("Can't open a link that starts with '-'".into());
    }
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("Can't open a link with spaces or control characters in it".into());
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err(format!("Can't open {}: not a full address", shorten(url)));
    };
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => {
            let host = rest.strip_prefix("//").unwrap_or("");
            let host = host.split(['/', '?', '#']).next().unwrap_or("");
            if host.is_empty() || host.starts_with('-') {
                return Err(format!("Can't open {}: no host", shorten(url)));
            }
            Ok(url.to_string())
        }
        "mailto" => vet_mailto(rest),
        other => Err(format!("Can't open {}: links", shorten(other))),
    }
}

/// Keeps one plausible address and only the `subject` and `body` fields.
fn vet_mailto(rest: &str) -> Result<String, String> {
    let (address, query) = rest.split_once('?').unwrap_or((rest, ""));
    let decoded = percent_decode(address);
    if !looks_like_address(&decoded) {
        return Err(format!(
            "Can't write to {}: not an email address",
            shorten(&decoded)
        ));
    }
    let mut url = format!("mailto:{}", percent_encode(&decoded, true));
    let mut sep = '?';
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key.eq_ignore_ascii_case("subject") || key.eq_ignore_ascii_case("body") {
            let mut value = percent_decode(value);
            if key.eq_ignore_ascii_case("subject") {
                // A line break in a header would start another header (`Bcc:`).
                value = value.replace(['\r', '\n'], " ");
            }
            let value = percent_encode(&value, false);
            url.push_str(&format!("{sep}{}={value}", key.to_ascii_lowercase()));
            sep = '&';
        }
    }
    Ok(url)
}

/// One address: `name@example.gov`, no spaces, commas or second `@`.
pub fn looks_like_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !local.starts_with('-')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "@.-_+'".contains(c))
        && text.matches('@').count() == 1
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

fn shorten(text: &str) -> String {
    let clean = crate::sanitize::clean_line(text);
    if clean.chars().count() > 40 {
        format!("{}…", clean.chars().take(39).collect::<String>())
    } else {
        clean.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_web_and_mail_links_only() {
        assert!(vet_url("https://digital.gov/communities/").is_ok());
        assert!(vet_url("HTTP://example.gov").is_ok());
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "resources/x",
            "-oProxyCommand=x",
            "ssh://host",
            "https://",
            "https://-x",
            "",
        ] {
            assert!(vet_url(bad).is_err(), "{bad}");
        }
        assert_eq!(
            vet_url("javascript:x").unwrap_err(),
            "Can't open javascript: links"
        );
    }

    #[test]
    fn mailto_keeps_only_subject_and_body() {
        let url = vet_url(
            "mailto:a@b.gov?cc=x@y.gov&subject=Hi%20there&attach=/etc/passwd&body=yes&bcc=z@y.gov",
        )
        .unwrap();
        assert_eq!(url, "mailto:a@b.gov?subject=Hi%20there&body=yes");
        assert!(vet_url("mailto:not-an-address").is_err());
        assert!(vet_url("mailto:a@b.gov,c@d.gov").is_err());
        assert!(vet_url("mailto:a%40b.gov%2Cc@d.gov").is_err());
    }

    #[test]
    fn site_paths_become_absolute() {
        assert_eq!(
            absolute_url("/resources/x/"),
            "https://digital.gov/resources/x/"
        );
        assert_eq!(absolute_url("//evil.example/x"), "//evil.example/x");
        assert_eq!(absolute_url("https://a.gov"), "https://a.gov");
    }
}
