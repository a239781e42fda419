//! Full-text search of page bodies, on another thread: bodies are not kept in memory, so
//! they are read from their files in site order and the pages holding every word of the
//! query are sent back in batches. A newer search makes an older one stop at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::content::{SiteIndex, read_body};
use crate::search::rank::contains_words;

/// How often results are sent while a search runs, after the first match (sent at once).
const BATCH_EVERY: Duration = Duration::from_millis(40);

/// One batch of results: the search it belongs to, page ids, and whether it is the last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyHits {
    pub generation: u64,
    pub ids: Vec<usize>,
    pub done: bool,
}

/// Pages read at once, on every core; a newer search stops this one within a chunk.
const CHUNK: usize = 32;

/// Looks for `words` in every page's body, in site order, calling `send` with batches.
/// Stops early (without a last batch) as soon as `current` moves past `generation`.
pub fn search_bodies(
    site: &SiteIndex,
    words: &str,
    generation: u64,
    current: &AtomicU64,
    mut send: impl FnMut(BodyHits),
) {
    use rayon::prelude::*;
    let pages = &site.site.pages;
    let mut batch = Vec::new();
    let mut last_send = Instant::now();
    // The first match goes out at once; later ones are batched.
    let mut sent_any = false;
    for start in (0..pages.len()).step_by(CHUNK) {
        if current.load(Ordering::Relaxed) != generation {
            return;
        }
        let end = (start + CHUNK).min(pages.len());
        let found: Vec<usize> = (start..end)
            .into_par_iter()
            .filter(|&id| match read_body(&pages[id].body) {
                Ok(body) => contains_words(&body, words),
                Err(err) => {
                    tracing::warn!("text search: cannot read {}: {err}", pages[id].address);
                    false
                }
            })
            .collect();
        batch.extend(found);
        if !batch.is_empty() && (!sent_any || last_send.elapsed() >= BATCH_EVERY) {
            sent_any = true;
            send(BodyHits {
                generation,
                ids: std::mem::take(&mut batch),
                done: false,
            });
            last_send = Instant::now();
        }
    }
    send(BodyHits {
        generation,
        ids: batch,
        done: true,
    });
}

/// Starts a search on its own thread; results come back through `send`.
pub fn spawn_search(
    site: Arc<SiteIndex>,
    words: String,
    generation: u64,
    current: Arc<AtomicU64>,
    send: impl FnMut(BodyHits) + Send + 'static,
) {
    current.store(generation, Ordering::Relaxed);
    std::thread::spawn(move || search_bodies(&site, &words, generation, &current, send));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_site() -> SiteIndex {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let progress = std::sync::atomic::AtomicUsize::new(0);
        crate::content::load_site(&crate::content::Source::Embedded, today, &progress).unwrap()
    }

    #[test]
    fn finds_words_only_in_the_text_and_stops_when_told() {
        let site = shipped_site();
        let current = AtomicU64::new(7);
        let mut batches = Vec::new();
        search_bodies(&site, "hashtag", 7, &current, |b| batches.push(b));
        assert!(batches.last().unwrap().done);
        assert_eq!(
            batches[0].ids.len(),
            1,
            "the first match is sent on its own, at once"
        );
        let ids: Vec<usize> = batches.iter().flat_map(|b| b.ids.clone()).collect();
        assert!(!ids.is_empty());
        for id in &ids {
            let body = read_body(&site.site.pages[*id].body).unwrap();
            assert!(body.to_lowercase().contains("hashtag"));
        }
        let mut stopped = Vec::new();
        search_bodies(&site, "hashtag", 6, &current, |b| stopped.push(b));
        assert!(
            stopped.is_empty(),
            "a search that is not the current one sends nothing"
        );
    }
}
