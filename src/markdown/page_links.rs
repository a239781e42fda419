//! The numbered links of a page, kept compactly: all their words and addresses in one
//! string, each link two end offsets and its kind. A page of many links holds one of
//! these; as `Link`s (two strings each) they cost about 120 bytes a link, here 12 and
//! the text. `get(i)` makes the `Link` a caller asks for.

use std::fmt;

use super::rendered::{Link, LinkKind};

/// A page's links, numbered from 1 by their order.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PageLinks {
    /// Each link's words then its address, one link after the other.
    text: String,
    /// Each link: where its words end, where its address ends, and where it leads.
    entries: Vec<(u32, u32, LinkKind)>,
}

impl PageLinks {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds a link; one that would take the text past 4 GiB is dropped (no page comes
    /// near it).
    pub fn push(&mut self, text: &str, url: &str, kind: LinkKind) {
        let (Ok(text_end), Ok(url_end)) = (
            u32::try_from(self.text.len() + text.len()),
            u32::try_from(self.text.len() + text.len() + url.len()),
        ) else {
            return;
        };
        self.text.push_str(text);
        self.text.push_str(url);
        self.entries.push((text_end, url_end, kind));
    }

    /// Link `i` (numbered `i + 1` on the page).
    pub fn get(&self, i: usize) -> Option<Link> {
        (i < self.len()).then(|| self.link(i))
    }

    /// Link `i`, which is there.
    fn link(&self, i: usize) -> Link {
        let (text_end, url_end, kind) = self.entries[i];
        let start = match i {
            0 => 0,
            _ => self.entries[i - 1].1 as usize,
        };
        Link {
            text: self.text[start..text_end as usize].to_string(),
            url: self.text[text_end as usize..url_end as usize].to_string(),
            kind,
        }
    }

    pub fn last(&self) -> Option<Link> {
        self.len().checked_sub(1).map(|i| self.link(i))
    }

    /// Every link, first to last, each made as it is reached.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Link> + '_ {
        (0..self.len()).map(|i| self.link(i))
    }

    /// Frees what the vectors hold beyond the links.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.entries.shrink_to_fit();
    }
}

impl FromIterator<Link> for PageLinks {
    fn from_iter<I: IntoIterator<Item = Link>>(links: I) -> Self {
        let mut out = Self::new();
        for link in links {
            out.push(&link.text, &link.url, link.kind);
        }
        out
    }
}

impl fmt::Debug for PageLinks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_come_back_as_added() {
        let links = vec![
            Link {
                text: "Start".into(),
                url: "/a/".into(),
                kind: LinkKind::Local,
            },
            Link {
                text: String::new(),
                url: "mailto:x@example.gov".into(),
                kind: LinkKind::Mail,
            },
            Link {
                text: "Café".into(),
                url: String::new(),
                kind: LinkKind::External,
            },
        ];
        let page: PageLinks = links.iter().cloned().collect();
        assert_eq!(page.len(), 3);
        assert_eq!(page.iter().collect::<Vec<_>>(), links);
        assert_eq!(page.get(1), Some(links[1].clone()));
        assert_eq!(page.get(3), None);
        assert_eq!(page.last(), links.last().cloned());
    }
}
