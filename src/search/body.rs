//! Full-text search of page bodies, on other threads: bodies are not kept in memory, so
//! they are read from their files and the pages holding every word of the query are
//! sent back in batches, in site order. A newer search makes an older one stop at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::content::SiteIndex;
use crate::search::body_match::BodyQuery;

/// How often results are sent while a search runs, after the first match (sent at once).
const BATCH_EVERY: Duration = Duration::from_millis(40);

/// One batch of results: the search it belongs to, page ids, and whether it is the last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyHits {
    pub generation: u64,
    pub ids: Vec<usize>,
    pub done: bool,
}

/// Pages a reader takes at a time: few enough that the first match is not held back
/// (a block of cached pages is read in under a millisecond), enough that handing each
/// block on costs little: every block wakes the thread that puts them in order, and
/// blocks of 16 pages made a scan of 100,000 pages about a tenth slower. A newer search
/// stops a reader within its block, at the next page.
const BLOCK: usize = 64;

/// Looks for `words` in every page's body, calling `send` with batches in site order.
/// Stops early (without a last batch) as soon as `current` moves past `generation`.
///
/// One reader per core takes the next block of pages until none are left; this thread
/// puts the blocks back in order as they come in.
pub fn search_bodies(
    site: &SiteIndex,
    words: &str,
    generation: u64,
    current: &AtomicU64,
    mut send: impl FnMut(BodyHits),
) {
    let pages = &site.site.pages;
    let query = BodyQuery::new(words);
    let blocks = pages.len().div_ceil(BLOCK);
    let next_block = AtomicUsize::new(0);
    let stopped = || current.load(Ordering::Relaxed) != generation;
    let readers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(blocks)
        .max(1);
    let (found_sender, found) = mpsc::channel::<(usize, Vec<usize>)>();
    std::thread::scope(|scope| {
        for _ in 0..readers {
            let found_sender = found_sender.clone();
            let (query, next_block, stopped) = (&query, &next_block, &stopped);
            scope.spawn(move || {
                yield_to_the_screen();
                let mut buf = Vec::new();
                while !stopped() {
                    let block = next_block.fetch_add(1, Ordering::Relaxed);
                    if block >= blocks {
                        return;
                    }
                    let ids: Vec<usize> = (block * BLOCK..pages.len().min((block + 1) * BLOCK))
                        .take_while(|_| !stopped())
                        .filter(|&id| {
                            match query.matches(
                                pages[id].text_source(),
                                pages[id].indexed_as,
                                &mut buf,
                            ) {
                                Ok(found) => found,
                                Err(err) => {
                                    tracing::warn!(
                                        "text search: cannot read {}: {err}",
                                        pages[id].address()
                                    );
                                    false
                                }
                            }
                        })
                        .collect();
                    if stopped() || found_sender.send((block, ids)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(found_sender);
        let mut in_order = InOrder::new(blocks);
        let mut batch = Vec::new();
        let mut last_send = Instant::now();
        // The first match goes out at once; later ones are batched.
        let mut sent_any = false;
        for (block, ids) in found {
            if stopped() {
                return;
            }
            in_order.put(block, ids, &mut batch);
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
        if stopped() {
            return;
        }
        send(BodyHits {
            generation,
            ids: batch,
            done: true,
        });
    });
}

/// Lowers this reader thread's priority: on a machine with few cores, a scan of every
/// page competes with the thread that draws the screen, and typing must not wait for
/// it. Alone on the machine, the scan still gets all of it.
fn yield_to_the_screen() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: plain calls on the calling thread's own id, with no pointers.
        let lowered = unsafe {
            let thread = libc::syscall(libc::SYS_gettid) as libc::id_t;
            libc::setpriority(libc::PRIO_PROCESS, thread, 10)
        };
        if lowered != 0 {
            tracing::debug!("text search: could not lower a reader's priority");
        }
    }
}

/// Blocks of results that arrive in any order, handed on in block order.
struct InOrder {
    waiting: Vec<Option<Vec<usize>>>,
    next: usize,
}

impl InOrder {
    fn new(blocks: usize) -> Self {
        Self {
            waiting: vec![None; blocks],
            next: 0,
        }
    }

    /// Takes one block's ids, and appends to `out` every block now next in order.
    fn put(&mut self, block: usize, ids: Vec<usize>, out: &mut Vec<usize>) {
        self.waiting[block] = Some(ids);
        while let Some(ids) = self.waiting.get_mut(self.next).and_then(Option::take) {
            out.extend(ids);
            self.next += 1;
        }
    }
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
    use crate::content::read_body;
    use crate::search::rank::contains_words;

    fn shipped_site() -> SiteIndex {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let progress = std::sync::atomic::AtomicUsize::new(0);
        crate::content::load_site(&crate::content::Source::Embedded, today, &progress).unwrap()
    }

    /// The shipped pages again, as files of a tree on disk (each page read from its file).
    fn site_on_disk(dir: &std::path::Path) -> SiteIndex {
        for page in shipped_site().site.pages {
            let crate::content::site::BodySource::Embedded(text) = page.body else {
                panic!("a shipped page not built in");
            };
            let path = dir.join(page.source.trim_start_matches('/'));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let progress = std::sync::atomic::AtomicUsize::new(0);
        let source = crate::content::Source::Dir(dir.to_path_buf());
        crate::content::load_site(&source, today, &progress).unwrap()
    }

    /// A tree on disk of `count` small pages, each of which holds "the".
    fn many_pages_on_disk(dir: &std::path::Path, count: usize) -> SiteIndex {
        let news = dir.join("content/news");
        std::fs::create_dir_all(&news).unwrap();
        std::fs::create_dir_all(dir.join("content/communities")).unwrap();
        for n in 0..count {
            let page = format!("---\ntitle: Page {n}\n---\nThe note numbered {n}.\n");
            std::fs::write(news.join(format!("page-{n:04}.md")), page).unwrap();
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let progress = std::sync::atomic::AtomicUsize::new(0);
        let source = crate::content::Source::Dir(dir.to_path_buf());
        crate::content::load_site(&source, today, &progress).unwrap()
    }

    fn all_ids(site: &SiteIndex, words: &str) -> Vec<usize> {
        let current = AtomicU64::new(1);
        let mut batches = Vec::new();
        search_bodies(site, words, 1, &current, |b| batches.push(b));
        assert!(batches.last().unwrap().done);
        assert_eq!(batches.iter().filter(|b| b.done).count(), 1);
        batches.into_iter().flat_map(|b| b.ids).collect()
    }

    #[test]
    fn finds_words_only_in_the_text_and_stops_when_told() {
        let site = shipped_site();
        let current = AtomicU64::new(7);
        let mut batches = Vec::new();
        search_bodies(&site, "hashtag", 7, &current, |b| batches.push(b));
        assert!(batches.last().unwrap().done);
        let ids: Vec<usize> = batches.iter().flat_map(|b| b.ids.clone()).collect();
        assert!(!ids.is_empty());
        for id in &ids {
            let body = read_body(site.site.pages[*id].text_source()).unwrap();
            assert!(body.to_lowercase().contains("hashtag"));
        }
        let mut stopped = Vec::new();
        search_bodies(&site, "hashtag", 6, &current, |b| stopped.push(b));
        assert!(
            stopped.is_empty(),
            "a search that is not the current one sends nothing"
        );
    }

    #[test]
    fn sends_the_pages_in_site_order_as_reading_each_body_finds_them() {
        let dir = tempfile::tempdir().unwrap();
        let on_disk = site_on_disk(dir.path());
        let shipped = shipped_site();
        assert_eq!(on_disk.site.pages.len(), shipped.site.pages.len());
        for words in [
            "hashtag",
            "the",
            "Community practice",
            "zyzzyva",
            "caf\u{e9}",
        ] {
            for site in [&on_disk, &shipped] {
                let expected: Vec<usize> = (0..site.site.pages.len())
                    .filter(|&id| {
                        read_body(site.site.pages[id].text_source())
                            .is_ok_and(|body| contains_words(&body, words))
                    })
                    .collect();
                assert_eq!(all_ids(site, words), expected, "{words:?}");
            }
        }
    }

    #[test]
    fn the_first_match_is_not_held_back_for_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let site = many_pages_on_disk(dir.path(), 5 * BLOCK);
        let ids = all_ids(&site, "the");
        assert!(ids.len() > 2 * BLOCK, "a word on most pages");
        let current = AtomicU64::new(3);
        let mut first = None;
        search_bodies(&site, "the", 3, &current, |b| {
            first.get_or_insert(b);
        });
        let first = first.unwrap();
        assert!(!first.done, "the first batch comes before the scan ends");
        assert_eq!(first.ids, ids[..first.ids.len()], "it starts the results");
    }

    #[test]
    fn a_newer_search_stops_an_older_one_part_way() {
        let dir = tempfile::tempdir().unwrap();
        let site = many_pages_on_disk(dir.path(), 5 * BLOCK);
        let current = AtomicU64::new(1);
        let mut batches = Vec::new();
        search_bodies(&site, "the", 1, &current, |b| {
            batches.push(b);
            // A newer search starts as soon as this one's first results arrive.
            current.store(2, Ordering::Relaxed);
        });
        assert_eq!(batches.len(), 1, "nothing is sent once a newer search runs");
        assert!(!batches[0].done);
    }

    #[test]
    fn blocks_that_arrive_out_of_order_are_handed_on_in_order() {
        let mut in_order = InOrder::new(4);
        let mut out = Vec::new();
        in_order.put(2, vec![20, 21], &mut out);
        in_order.put(1, vec![10], &mut out);
        assert!(out.is_empty(), "block 0 is not in yet");
        in_order.put(0, vec![], &mut out);
        assert_eq!(out, [10, 20, 21]);
        in_order.put(3, vec![30], &mut out);
        assert_eq!(out, [10, 20, 21, 30]);
    }
}
