//! The site's data files that shortcodes read: `data/images/<name>.yml` (an image's alt
//! text, caption and credit) and the terms-of-service tables
//! (`data/termsofservice.yml`, `data/termsofservicepoc.yml`).

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use include_dir::{Dir, include_dir};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_yaml::Value;

use super::cache_file::Stamp;

use super::diagnostic::Diagnostic;

/// Data files of copdeck's own pages, in the site's layout.
static EMBEDDED_DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data");

/// A data file larger than this is not read (a data file is a few hundred bytes).
const MAX_DATA_FILE: u64 = 4 * 1024 * 1024;

/// What the site knows about one image.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageInfo {
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

/// A tool's terms-of-service agreement, one row of `termsofservice.yml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceTerms {
    pub name: String,
    pub url: String,
    pub description: String,
    /// The agreement file or page.
    pub uri: String,
    /// `PDF`, `Word Doc`, `Google Doc` or `Website`.
    pub kind: String,
    pub updated: String,
    /// Empty, `compatible`, `inactive`, `closed` or `not-compatible`.
    pub status: String,
}

/// An agency's point of contact for terms of service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub agency: String,
    pub person: String,
    pub email: String,
}

/// Everything shortcodes read from the site's `data/` folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteData {
    /// By lower-case file stem, as the site looks them up.
    pub images: HashMap<String, ImageInfo>,
    pub terms: Vec<ServiceTerms>,
    pub cabinet: Vec<Contact>,
    pub noncabinet: Vec<Contact>,
}

impl SiteData {
    /// The image a shortcode's `src` names: lower case, without a picture extension.
    pub fn image(&self, src: &str) -> Option<&ImageInfo> {
        let key = src.trim().to_lowercase();
        let key = [".jpeg", ".jpg", ".png"]
            .iter()
            .find_map(|ext| key.strip_suffix(ext))
            .unwrap_or(&key);
        self.images.get(key)
    }
}

/// A field of a YAML mapping as text (numbers and dates included); empty when absent.
fn field(map: &Value, key: &str) -> String {
    match map.get(key) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn parse(text: &str, source: &str) -> Result<Value, Diagnostic> {
    serde_yaml::from_str(text).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line());
        Diagnostic::warning(source, line, format!("data file not read: {e}"))
    })
}

fn image_info(value: &Value) -> ImageInfo {
    ImageInfo {
        alt: field(value, "alt"),
        caption: field(value, "caption"),
        credit: field(value, "credit"),
    }
}

fn terms_of(value: &Value) -> Vec<ServiceTerms> {
    let Some(rows) = value.get("termsofservice").and_then(Value::as_sequence) else {
        return Vec::new();
    };
    rows.iter()
        .map(|row| ServiceTerms {
            name: field(row, "name"),
            url: field(row, "url"),
            description: field(row, "description"),
            uri: field(row, "uri"),
            kind: field(row, "type"),
            updated: field(row, "updated"),
            status: field(row, "status"),
        })
        .collect()
}

fn contacts_of(value: &Value, key: &str) -> Vec<Contact> {
    let Some(rows) = value.get(key).and_then(Value::as_sequence) else {
        return Vec::new();
    };
    rows.iter()
        .map(|row| Contact {
            agency: field(row, "agency"),
            person: field(row, "person"),
            email: field(row, "email"),
        })
        .collect()
}

/// Fills the data from files given as (name relative to `data/`, text, shown source).
fn build(files: Vec<(String, String, String)>) -> (SiteData, Vec<Diagnostic>) {
    let mut data = SiteData::default();
    let mut diagnostics = Vec::new();
    let parsed: Vec<(String, Result<Value, Diagnostic>)> = files
        .into_par_iter()
        .map(|(name, text, source)| (name, parse(&text, &source)))
        .collect();
    for (name, value) in parsed {
        let value = match value {
            Ok(value) => value,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        if let Some(stem) = name
            .strip_prefix("images/")
            .and_then(|n| n.strip_suffix(".yml").or(n.strip_suffix(".yaml")))
        {
            data.images.insert(stem.to_lowercase(), image_info(&value));
        } else if name == "termsofservice.yml" {
            data.terms = terms_of(&value);
        } else if name == "termsofservicepoc.yml" {
            data.cabinet = contacts_of(&value, "cabinet");
            data.noncabinet = contacts_of(&value, "noncabinet");
        }
    }
    (data, diagnostics)
}

/// The data files shortcodes read, as (name under `data/`, path, stamp): the two
/// terms tables when present and every `images/*.yml`, by name.
fn data_files(dir: &Path) -> Vec<(String, std::path::PathBuf, Option<Stamp>)> {
    let mut wanted: Vec<_> = ["termsofservice.yml", "termsofservicepoc.yml"]
        .iter()
        .map(|name| (name.to_string(), dir.join(name)))
        .filter(|(_, path)| path.is_file())
        .map(|(name, path)| {
            let stamp = Stamp::of_path(&path);
            (name, path, stamp)
        })
        .collect();
    if let Ok(entries) = fs::read_dir(dir.join("images")) {
        let mut images: Vec<_> = entries
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                (name.ends_with(".yml") || name.ends_with(".yaml")).then(|| {
                    (
                        format!("images/{name}"),
                        entry.path(),
                        Stamp::of_entry(&entry),
                    )
                })
            })
            .collect();
        images.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        wanted.append(&mut images);
    }
    wanted
}

/// Reads the `data/` folder of a site checkout; a folder that is not there is no data.
pub fn load_site_data(dir: &Path) -> (SiteData, Vec<Diagnostic>) {
    read_data_files(data_files(dir))
}

fn read_data_files(
    wanted: Vec<(String, std::path::PathBuf, Option<Stamp>)>,
) -> (SiteData, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for (name, path, stamp) in wanted {
        let source = path.display().to_string();
        if stamp.is_some_and(|s| s.size > MAX_DATA_FILE) {
            diagnostics.push(Diagnostic::warning(
                &source,
                1,
                "data file too large to read",
            ));
            continue;
        }
        match fs::read_to_string(&path) {
            Ok(text) => files.push((name, text, source)),
            Err(e) => diagnostics.push(Diagnostic::warning(&source, 1, e.to_string())),
        }
    }
    let (data, mut more) = build(files);
    diagnostics.append(&mut more);
    (data, diagnostics)
}

/// The site's data as the cache keeps it: what was read, from which files as they
/// were then (name and stamp), with the problems reading them gave.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataRecord {
    files: Vec<(String, Stamp)>,
    data: SiteData,
    problems: Vec<Diagnostic>,
}

impl DataRecord {
    /// What was read.
    pub fn data(&self) -> &SiteData {
        &self.data
    }

    /// What was read, for a record no longer kept.
    pub fn into_data(self) -> SiteData {
        self.data
    }

    /// The problems reading it gave.
    pub fn problems(&self) -> &[Diagnostic] {
        &self.problems
    }
}

/// The `data/` folder through the cache: `old` when every data file is still the one
/// it was read from (same names, same stamps), else the folder read again. Also says
/// whether the record differs from `old`.
pub fn load_site_data_cached(dir: &Path, old: Option<DataRecord>) -> (DataRecord, bool) {
    let wanted = data_files(dir);
    let unchanged = |old: &DataRecord| {
        old.files.len() == wanted.len()
            && old
                .files
                .iter()
                .zip(&wanted)
                .all(|((name, stamp), (now, _, stamp_now))| {
                    name == now && Some(*stamp) == *stamp_now
                })
    };
    let old = match old {
        Some(old) if unchanged(&old) => return (old, false),
        old => old,
    };
    // A file without a stamp cannot be checked next time: keep nothing, read again.
    let files = wanted
        .iter()
        .map(|(name, _, stamp)| stamp.map(|s| (name.clone(), s)))
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    let (data, problems) = read_data_files(wanted);
    let record = DataRecord {
        files,
        data,
        problems,
    };
    let changed = old.as_ref() != Some(&record);
    (record, changed)
}

/// The data of copdeck's own pages.
pub fn embedded_site_data() -> SiteData {
    let mut files = Vec::new();
    collect_embedded(&EMBEDDED_DATA, &mut files);
    build(files).0
}

fn collect_embedded(dir: &'static Dir<'static>, files: &mut Vec<(String, String, String)>) {
    for file in dir.files() {
        if let Some(text) = file.contents_utf8() {
            let name = file.path().to_string_lossy().replace('\\', "/");
            files.push((name.clone(), text.to_string(), format!("data/{name}")));
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_images_and_tables_and_reports_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let images = dir.path().join("images");
        fs::create_dir(&images).unwrap();
        fs::write(
            images.join("Harbor-Boats.yml"),
            "uid: harbor-boats\nwidth: 800\nalt: \"Two boats in a small harbor\"\ncaption: At dawn\ncredit:\n",
        )
        .unwrap();
        fs::write(images.join("broken.yml"), "uid: broken\nalt: \"one\" two\n").unwrap();
        fs::write(
            dir.path().join("termsofservice.yml"),
            "termsofservice:\n  - name: Sketchpad\n    url: https://sketch.example/\n    type: PDF\n    updated: 07-2015\n    status: inactive\n",
        )
        .unwrap();
        fs::write(
            dir.path().join("termsofservicepoc.yml"),
            "cabinet:\n  - agency: Parks\n    person: Ann Lee\n    email: ann@parks.example\nnoncabinet: []\n",
        )
        .unwrap();
        let (data, diagnostics) = load_site_data(dir.path());
        let image = data.image("harbor-boats.JPG").unwrap();
        assert_eq!(image.alt, "Two boats in a small harbor");
        assert_eq!(image.caption, "At dawn");
        assert_eq!(data.terms[0].name, "Sketchpad");
        assert_eq!(data.terms[0].updated, "07-2015");
        assert_eq!(data.cabinet[0].person, "Ann Lee");
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert!(diagnostics[0].path.ends_with("broken.yml"));
        assert_eq!(diagnostics[0].line, 2);
    }

    #[test]
    fn a_missing_folder_is_no_data() {
        let dir = tempfile::tempdir().unwrap();
        let (data, diagnostics) = load_site_data(&dir.path().join("none"));
        assert!(data.images.is_empty() && diagnostics.is_empty());
    }

    fn image_sources(dir: &'static Dir<'static>, found: &mut Vec<String>) {
        for file in dir.files() {
            let text = file.contents_utf8().unwrap_or("");
            for part in text.split("{{< img src=\"").skip(1) {
                found.push(part.split('"').next().unwrap_or("").to_string());
            }
        }
        for sub in dir.dirs() {
            image_sources(sub, found);
        }
    }

    #[test]
    fn copdeck_pages_have_the_images_they_name() {
        let data = embedded_site_data();
        let mut sources = Vec::new();
        image_sources(&super::super::loader::EMBEDDED, &mut sources);
        assert!(!sources.is_empty());
        for src in sources {
            let image = data.image(&src);
            assert!(
                image.is_some_and(|i| !i.alt.is_empty()),
                "{src} has no alt text"
            );
        }
    }

    #[test]
    fn an_unchanged_data_folder_is_not_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let images = dir.path().join("images");
        fs::create_dir(&images).unwrap();
        fs::write(
            images.join("kite.yml"),
            "alt: A red kite
",
        )
        .unwrap();
        let (record, changed) = load_site_data_cached(dir.path(), None);
        let data = record.data();
        assert!(changed, "nothing was kept before");
        assert_eq!(data.image("kite.png").unwrap().alt, "A red kite");
        // A record for the same files and stamps is taken as it is: the files are not
        // read (its made-up text shows through).
        let mut kept = record.clone();
        kept.data.images.get_mut("kite").unwrap().alt = "kept, not read".into();
        let (again, changed) = load_site_data_cached(dir.path(), Some(kept.clone()));
        let data = again.data();
        assert!(!changed);
        assert_eq!(again, kept);
        assert_eq!(data.image("kite.png").unwrap().alt, "kept, not read");
        // A new file: everything is read again.
        fs::write(
            images.join("owl.yml"),
            "alt: An owl
",
        )
        .unwrap();
        let (record, changed) = load_site_data_cached(dir.path(), Some(kept));
        let data = record.data();
        assert!(changed);
        assert_eq!(data.image("kite.png").unwrap().alt, "A red kite");
        assert_eq!(data.image("owl").unwrap().alt, "An owl");
    }
}
