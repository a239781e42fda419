//! `copdeck cache`: where the site index and the community pages of each content folder
//! are kept between runs, and `--clear` to delete them.

use std::io::Write;

use crate::cli::CliError;
use crate::cli::text::safe;
use crate::content::SiteCache;

/// Lists the cache files with their sizes, or deletes them with `clear`.
pub fn run(out: &mut impl Write, clear: bool) -> Result<(), CliError> {
    // Even under --no-cache: this command is about the cache itself.
    let cache = SiteCache::user();
    let Some(folder) = cache.folder().map(|f| f.to_path_buf()) else {
        eprintln!(
            "copdeck: no cache folder (set XDG_CACHE_HOME or HOME, and leave out --no-cache)"
        );
        return Ok(());
    };
    if clear {
        let removed = cache
            .clear()
            .map_err(|err| CliError::Failed(format!("{}: {err}", folder.display())))?;
        eprintln!(
            "removed {} cache file{} from {}",
            removed.len(),
            if removed.len() == 1 { "" } else { "s" },
            safe(&folder.display().to_string())
        );
        return Ok(());
    }
    eprintln!("# {}", safe(&folder.display().to_string()));
    for (path, bytes) in cache.files() {
        writeln!(out, "{}\t{bytes}", safe(&path.display().to_string()))?;
    }
    Ok(())
}
