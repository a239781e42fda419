//! Site archives made for the tests, laid out as GitHub's are (one top folder), from
//! pages written here. Headers are written by hand so that hostile entries can be made.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use tar::{EntryType, Header};

pub const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";

/// A tar being built; `gz` finishes it compressed.
pub struct Archive {
    tar: tar::Builder<Vec<u8>>,
}

impl Archive {
    pub fn new() -> Self {
        Self {
            tar: tar::Builder::new(Vec::new()),
        }
    }

    /// A pax global header naming the commit, as `git archive` writes one.
    pub fn commit(self, sha: &str) -> Self {
        let record = format!("52 comment={sha}\n");
        assert_eq!(record.len(), 52);
        self.entry(
            b"pax_global_header",
            EntryType::XGlobalHeader,
            record.as_bytes(),
            None,
        )
    }

    pub fn file(self, name: &str, text: &str) -> Self {
        self.entry(name.as_bytes(), EntryType::Regular, text.as_bytes(), None)
    }

    pub fn dir(self, name: &str) -> Self {
        self.entry(name.as_bytes(), EntryType::Directory, b"", None)
    }

    /// Any entry, its name taken as given (no checks).
    pub fn entry(mut self, name: &[u8], kind: EntryType, data: &[u8], link: Option<&[u8]>) -> Self {
        let mut header = Header::new_gnu();
        header.as_old_mut().name[..name.len()].copy_from_slice(name);
        if let Some(link) = link {
            header.as_old_mut().linkname[..link.len()].copy_from_slice(link);
        }
        header.set_entry_type(kind);
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(1_700_000_000);
        header.set_cksum();
        self.tar.append(&header, data).unwrap();
        self
    }

    pub fn gz(self) -> Vec<u8> {
        let tar = self.tar.into_inner().unwrap();
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(&tar).unwrap();
        encoder.finish().unwrap()
    }
}

/// A community page with this name.
pub fn community(name: &str, members: u32) -> String {
    let slug = name.to_lowercase().replace(' ', "-");
    format!(
        "---\nslug: {slug}\ndate: 2024-02-02\ntitle: {name}\n\
         summary: People who share the work of {name} compare notes.\nweight: 1\n\
         community_list:\n  - platform: listserv\n    type: government\n    \
         subscribe_email: {slug}-request@lists.example.gov\n    members: {members}\n---\n\
         Ask a question, answer one, or just read along.\n"
    )
}

/// A small site with one community, `name`, plus things that are not kept.
pub fn site(name: &str) -> Archive {
    let slug = name.to_lowercase().replace(' ', "-");
    Archive::new()
        .commit(COMMIT)
        .dir("site-main/")
        .dir("site-main/content/")
        .file(
            "site-main/content/communities/_index.md",
            "---\ntitle: Communities\n---\nAll of them.\n",
        )
        .file(
            &format!("site-main/content/communities/{slug}.md"),
            &community(name, 321),
        )
        .file(
            "site-main/content/resources/harbour-guide.md",
            "---\ntitle: Harbour guide\nslug: harbour-guide\n---\nWhere the boats tie up.\n",
        )
        .file("site-main/data/authors.yml", "someone:\n  name: Someone\n")
        .file("site-main/content/images/photo.png", "not kept: not a page")
        .file(
            "site-main/themes/layout.md",
            "not kept: outside content and data",
        )
        .file("site-main/README.md", "not kept either")
}
