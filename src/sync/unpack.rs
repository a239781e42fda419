//! Unpacks a site archive (`.tar.gz`, one top folder as GitHub makes them) into a
//! folder, keeping only the pages and data copdeck reads and refusing anything that
//! could write outside the folder or cost without bound.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;
use tar::{Archive, EntryType};

/// The two folders of the site that are kept.
const AREAS: [&str; 2] = ["content", "data"];
/// The kinds of file that are kept, by extension.
const KEPT_EXTENSIONS: [&str; 4] = ["md", "yml", "yaml", "json"];

/// What an archive may hold before it is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Entries of any kind, kept or not.
    pub entries: u64,
    /// Bytes of all entries together, once unpacked.
    pub bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            entries: 100_000,
            bytes: 1 << 30,
        }
    }
}

/// What one archive held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unpacked {
    /// Files written.
    pub files: usize,
    /// Markdown pages among them (under `content/`).
    pub pages: usize,
    /// The commit the archive was made from, when it says (GitHub's archives do).
    pub commit: Option<String>,
}

/// Why an archive could not be unpacked.
#[derive(Debug)]
pub enum UnpackError {
    /// The archive asks for something copdeck never does; says what.
    Refused(String),
    /// The archive could not be read: truncated, corrupt, or its download failed.
    Unreadable(io::Error),
    /// A file could not be written here.
    Write(PathBuf, io::Error),
}

/// Unpacks a gzip-compressed tar stream into `into` (which must exist and be empty),
/// reading it once, front to back.
pub fn unpack(stream: impl Read, into: &Path, limits: &Limits) -> Result<Unpacked, UnpackError> {
    let mut archive = Archive::new(GzDecoder::new(stream));
    let mut unpacked = Unpacked::default();
    let (mut entries, mut bytes) = (0u64, 0u64);
    // Folders made so far: creating each file's folder again costs a system call or two
    // per file, which on a slow file system is most of the time an unpack takes.
    let mut folders: HashSet<PathBuf> = HashSet::new();
    let mut buffer = vec![0u8; 64 * 1024];
    for entry in archive.entries().map_err(UnpackError::Unreadable)? {
        let mut entry = entry.map_err(UnpackError::Unreadable)?;
        entries += 1;
        if entries > limits.entries {
            return Err(refused(format!(
                "it holds more than {} entries",
                limits.entries
            )));
        }
        bytes = bytes.saturating_add(entry.size());
        if bytes > limits.bytes {
            return Err(refused(format!(
                "it unpacks to more than {}",
                size_in_words(limits.bytes)
            )));
        }
        let kind = entry.header().entry_type();
        if kind == EntryType::XGlobalHeader {
            unpacked.commit = commit_of(&mut entry).or(unpacked.commit);
            continue;
        }
        let name = entry.path_bytes().into_owned();
        let Some(kept) = kept_path(&name)? else {
            continue;
        };
        match kind {
            EntryType::Regular | EntryType::Continuous => {}
            EntryType::Directory => continue,
            EntryType::Symlink => return Err(refused_entry(&name, "a symbolic link")),
            EntryType::Link => return Err(refused_entry(&name, "a hard link")),
            EntryType::Char | EntryType::Block | EntryType::Fifo => {
                return Err(refused_entry(&name, "a device or pipe"));
            }
            _ => return Err(refused_entry(&name, "an entry of an unusual kind")),
        }
        if !has_kept_extension(&kept) {
            continue;
        }
        let path = into.join(&kept);
        if let Some(parent) = path.parent()
            && !folders.contains(parent)
        {
            fs::create_dir_all(parent)
                .map_err(|err| UnpackError::Write(parent.to_path_buf(), err))?;
            folders.insert(parent.to_path_buf());
        }
        write_file(&mut entry, &path, &mut buffer)?;
        unpacked.files += 1;
        if kept.starts_with("content") && kept.extension().is_some_and(|e| e == "md") {
            unpacked.pages += 1;
        }
    }
    // Read what follows the tar's end, so that gzip checks its length and checksum:
    // a truncated or corrupt stream fails here rather than passing for a short archive.
    let mut rest = archive.into_inner().take(limits.bytes);
    io::copy(&mut rest, &mut io::sink()).map_err(UnpackError::Unreadable)?;
    Ok(unpacked)
}

/// The path under the target for an entry's name, or None when the entry is not
/// kept (outside `content/` and `data/`). Names that could leave the folder are
/// refused wherever they are; other bad names only where they would be written.
fn kept_path(name: &[u8]) -> Result<Option<PathBuf>, UnpackError> {
    if name.first() == Some(&b'/') || name.first() == Some(&b'\\') {
        return Err(refused_entry(name, "an absolute path"));
    }
    let parts: Vec<&[u8]> = name
        .split(|&b| b == b'/')
        .filter(|part| !part.is_empty() && *part != b".")
        .collect();
    if parts.iter().any(|part| *part == b"..") {
        return Err(refused_entry(name, "a path that leaves its folder (..)"));
    }
    // parts[0] is the archive's top folder (`<repo>-<branch>/`).
    let wanted = parts.len() >= 3 && AREAS.iter().any(|area| parts[1] == area.as_bytes());
    if !wanted {
        return Ok(None);
    }
    let mut path = PathBuf::new();
    for part in &parts[1..] {
        let text = std::str::from_utf8(part)
            .map_err(|_| refused_entry(name, "a name that is not valid UTF-8"))?;
        if text.chars().any(|c| c.is_control() || c == '\\') || text.len() > 255 {
            return Err(refused_entry(name, "a name that is not a valid file name"));
        }
        path.push(text);
    }
    Ok(Some(path))
}

fn has_kept_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| KEPT_EXTENSIONS.iter().any(|k| ext.eq_ignore_ascii_case(k)))
}

/// Copies one entry's bytes to a new file, telling read errors (a bad archive) from
/// write errors (a full disk, say).
fn write_file(entry: &mut impl Read, path: &Path, buffer: &mut [u8]) -> Result<(), UnpackError> {
    let fail = |err| UnpackError::Write(path.to_path_buf(), err);
    let mut file = File::create(path).map_err(fail)?;
    loop {
        let read = match entry.read(buffer) {
            Ok(0) => return Ok(()),
            Ok(read) => read,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(UnpackError::Unreadable(err)),
        };
        file.write_all(&buffer[..read]).map_err(fail)?;
    }
}

/// The commit named in a pax global header (`git archive` writes it as `comment`).
fn commit_of(entry: &mut tar::Entry<'_, impl Read>) -> Option<String> {
    let extensions = entry.pax_extensions().ok()??;
    for extension in extensions.flatten() {
        if extension.key() == Ok("comment") {
            let value = extension.value().ok()?.trim();
            if value.len() == 40 && value.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Some(value.to_string());
            }
        }
    }
    None
}

fn refused(why: String) -> UnpackError {
    UnpackError::Refused(why)
}

fn refused_entry(name: &[u8], what: &str) -> UnpackError {
    let shown = crate::sanitize::clean_line(&String::from_utf8_lossy(name)).into_owned();
    UnpackError::Refused(format!("entry {shown:?} is {what}"))
}

/// `1 GiB`, `64 KiB`, `100 bytes`.
pub fn size_in_words(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, unit) in UNITS {
        if bytes >= size && bytes.is_multiple_of(size) {
            return format!("{} {unit}", bytes / size);
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_and_data_under_the_top_folder_are_kept() {
        let kept = |name: &str| kept_path(name.as_bytes()).ok().flatten();
        assert_eq!(
            kept("site-main/content/communities/a.md"),
            Some(PathBuf::from("content/communities/a.md"))
        );
        assert_eq!(
            kept("./site-main/data/x.yml"),
            Some(PathBuf::from("data/x.yml"))
        );
        assert_eq!(kept("site-main/themes/a.md"), None);
        assert_eq!(kept("site-main/content"), None);
        assert_eq!(kept("content/a.md"), None, "no top folder: not the layout");
    }

    #[test]
    fn names_that_escape_or_are_not_names_are_refused() {
        for name in [
            "/etc/a.md",
            "site-main/../../x.md",
            "site-main/content/../../x.md",
            "site-main/themes/../../../x",
        ] {
            assert!(
                matches!(kept_path(name.as_bytes()), Err(UnpackError::Refused(_))),
                "{name}"
            );
        }
        assert!(matches!(
            kept_path(b"site-main/content/\xff.md"),
            Err(UnpackError::Refused(_))
        ));
        assert!(matches!(
            kept_path(b"site-main/content/a\x1b[31m.md"),
            Err(UnpackError::Refused(_))
        ));
    }

    #[test]
    fn sizes_read_as_words() {
        assert_eq!(size_in_words(1 << 30), "1 GiB");
        assert_eq!(size_in_words(4096), "4 KiB");
        assert_eq!(size_in_words(1000), "1000 bytes");
    }
}
