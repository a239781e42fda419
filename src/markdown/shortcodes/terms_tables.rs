//! The terms-of-service tables the site builds from its data files, as Markdown tables.

use super::markup::{CDN, escape, link};
use crate::content::site_data::{Contact, ServiceTerms, SiteData};

/// A tool's name linked to its site, with its description.
fn tool_cell(terms: &ServiceTerms) -> String {
    let mut cell = if terms.url.is_empty() {
        escape(&terms.name)
    } else {
        link(&terms.name, &terms.url)
    };
    if !terms.description.is_empty() {
        cell.push_str(&format!(" — {}", escape(&terms.description)));
    }
    cell
}

/// The agreement: a link to its file or page, and when it was last updated.
fn agreement_cell(terms: &ServiceTerms) -> String {
    let address = match terms.kind.as_str() {
        "PDF" | "Word Doc" => format!("{CDN}/_legacy-img/{}", terms.uri.trim_start_matches('/')),
        _ => terms.uri.clone(),
    };
    let label = if terms.kind.is_empty() {
        "Agreement"
    } else {
        terms.kind.as_str()
    };
    let mut cell = if address.is_empty() {
        escape(label)
    } else {
        link(label, &address)
    };
    if !terms.updated.is_empty() {
        cell.push_str(&format!(" (updated {})", escape(&terms.updated)));
    }
    cell
}

fn table(head: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = format!("\n\n| {} |\n|", head.join(" | "));
    out.push_str(&"---|".repeat(head.len()));
    out.push('\n');
    for row in rows {
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out.push('\n');
    out
}

/// Tools with an agreement federal agencies may use.
pub(super) fn compatible(data: &SiteData) -> String {
    let rows = data
        .terms
        .iter()
        .filter(|t| !matches!(t.status.as_str(), "closed" | "not-compatible" | "inactive"))
        .map(|t| vec![tool_cell(t), agreement_cell(t)])
        .collect();
    table(&["Tool / Service", "Agreement"], rows)
}

/// Tools whose agreement no longer holds.
pub(super) fn inactive(data: &SiteData) -> String {
    let rows = data
        .terms
        .iter()
        .filter(|t| t.status == "inactive")
        .map(|t| vec![tool_cell(t)])
        .collect();
    table(&["Tool / Service"], rows)
}

/// Each agency's person to ask about terms of service.
pub(super) fn contacts(contacts: &[Contact]) -> String {
    let rows = contacts
        .iter()
        .map(|c| {
            let email = if c.email.is_empty() {
                String::new()
            } else {
                format!(" — {}", link(&c.email, &format!("mailto:{}", c.email)))
            };
            vec![escape(&c.agency), format!("{}{email}", escape(&c.person))]
        })
        .collect();
    table(&["Agency", "Point of Contact"], rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_tables_from_data() {
        let data = SiteData {
            terms: vec![
                ServiceTerms {
                    name: "Mapmaker".into(),
                    url: "https://maps.example/".into(),
                    description: "Draws maps | charts".into(),
                    uri: "2015/01/mapmaker.pdf".into(),
                    kind: "PDF".into(),
                    updated: "01-2015".into(),
                    status: String::new(),
                },
                ServiceTerms {
                    name: "Oldchat".into(),
                    status: "inactive".into(),
                    ..ServiceTerms::default()
                },
            ],
            cabinet: vec![Contact {
                agency: "Parks".into(),
                person: "Ann Lee".into(),
                email: "ann@parks.example".into(),
            }],
            ..SiteData::default()
        };
        let table = compatible(&data);
        assert!(table.contains(
            "| [Mapmaker](<https://maps.example/>) — Draws maps \\| charts | \
             [PDF](<https://s3.amazonaws.com/digitalgov/_legacy-img/2015/01/mapmaker.pdf>) (updated 01-2015) |"
        ), "{table}");
        assert!(!table.contains("Oldchat"));
        assert!(inactive(&data).contains("| Oldchat |"));
        assert!(
            contacts(&data.cabinet)
                .contains("Ann Lee — [ann@parks.example](<mailto:ann@parks.example>)")
        );
    }
}
