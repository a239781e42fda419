//! A worker thread that runs only the newest job: a job handed in while another waits
//! replaces it, so a burst of keystrokes ranks the last query, not every one, and a job
//! that is running can ask whether a newer one waits, to give up early.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};

/// The job waiting to run, and whether the worker is to stop.
struct Slot<J> {
    job: Option<J>,
    closed: bool,
}

/// A thread running jobs one at a time, newest first, dropping the ones overtaken.
pub struct LatestWorker<J> {
    slot: Arc<(Mutex<Slot<J>>, Condvar)>,
    /// Set when a job is handed in, cleared when the worker takes it: a running job
    /// reads it to learn that it has been overtaken.
    waiting: Arc<AtomicBool>,
}

/// What a running job asks to learn whether a newer job waits for the worker.
#[derive(Clone)]
pub struct Overtaken(Arc<AtomicBool>);

impl Overtaken {
    /// Whether a newer job has been handed in since this one started.
    pub fn now(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl<J: Send + 'static> LatestWorker<J> {
    /// Starts the thread; `run` does a job (and sends its result wherever it goes), and
    /// may stop early when its `Overtaken` says a newer job waits.
    pub fn spawn(name: &str, run: impl Fn(J, &Overtaken) + Send + 'static) -> Self {
        let slot = Arc::new((
            Mutex::new(Slot {
                job: None,
                closed: false,
            }),
            Condvar::new(),
        ));
        let waiting = Arc::new(AtomicBool::new(false));
        let shared = slot.clone();
        let overtaken = Overtaken(waiting.clone());
        let spawned = std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                while let Some(job) = next_job(&shared, &overtaken.0) {
                    run(job, &overtaken);
                }
            });
        if let Err(err) = spawned {
            tracing::error!("cannot start the {name} worker: {err}");
        }
        Self { slot, waiting }
    }

    /// Hands in a job; one still waiting is dropped for it, and one running is told.
    pub fn submit(&self, job: J) {
        let (lock, ready) = &*self.slot;
        let mut slot = lock.lock().unwrap_or_else(|e| e.into_inner());
        if slot.job.replace(job).is_some() {
            tracing::trace!("a newer job replaced one that had not started");
        }
        self.waiting.store(true, Ordering::Relaxed);
        ready.notify_one();
    }
}

impl<J> Drop for LatestWorker<J> {
    fn drop(&mut self) {
        let (lock, ready) = &*self.slot;
        lock.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        ready.notify_one();
    }
}

/// Waits for the next job; None once the worker is dropped.
fn next_job<J>(shared: &(Mutex<Slot<J>>, Condvar), waiting: &AtomicBool) -> Option<J> {
    let (lock, ready) = shared;
    let mut slot = lock.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if slot.closed {
            return None;
        }
        if let Some(job) = slot.job.take() {
            // Under the lock: a job handed in after this sets it again.
            waiting.store(false, Ordering::Relaxed);
            return Some(job);
        }
        slot = ready.wait(slot).unwrap_or_else(|e| e.into_inner());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;
    use std::time::Duration;

    #[test]
    fn jobs_overtaken_while_one_runs_are_dropped_for_the_newest() {
        let (started, running) = channel();
        let (release, gate) = channel::<()>();
        let gate = Mutex::new(gate);
        let (done, finished) = channel();
        let worker = LatestWorker::spawn("test", move |job: u32, _: &Overtaken| {
            started.send(job).unwrap();
            if job == 1 {
                // Hold the first job until the test has queued the others.
                gate.lock().unwrap().recv().unwrap();
            }
            done.send(job).unwrap();
        });
        worker.submit(1);
        assert_eq!(running.recv_timeout(Duration::from_secs(5)), Ok(1));
        for job in 2..=5 {
            worker.submit(job);
        }
        release.send(()).unwrap();
        let ran: Vec<u32> = (0..2)
            .map(|_| finished.recv_timeout(Duration::from_secs(5)).unwrap())
            .collect();
        assert_eq!(ran, [1, 5], "only the newest waiting job runs");
        assert!(finished.recv_timeout(Duration::from_millis(100)).is_err());
    }

    #[test]
    fn a_running_job_learns_that_a_newer_one_was_handed_in() {
        let (started, running) = channel();
        let (done, finished) = channel();
        let worker = LatestWorker::spawn("test", move |job: u32, overtaken: &Overtaken| {
            started.send((job, overtaken.now())).unwrap();
            if job == 1 {
                // The first job runs until it is overtaken, as a long ranking would.
                while !overtaken.now() {
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
            done.send(job).unwrap();
        });
        worker.submit(1);
        assert_eq!(running.recv_timeout(Duration::from_secs(5)), Ok((1, false)));
        worker.submit(2);
        assert_eq!(finished.recv_timeout(Duration::from_secs(5)), Ok(1));
        assert_eq!(
            running.recv_timeout(Duration::from_secs(5)),
            Ok((2, false)),
            "the newer job starts with nothing newer waiting"
        );
        assert_eq!(finished.recv_timeout(Duration::from_secs(5)), Ok(2));
    }
}
