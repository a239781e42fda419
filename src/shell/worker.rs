//! A worker thread that runs only the newest job: a job handed in while another waits
//! replaces it, so a burst of keystrokes ranks the last query, not every one.

use std::sync::{Arc, Condvar, Mutex};

/// The job waiting to run, and whether the worker is to stop.
struct Slot<J> {
    job: Option<J>,
    closed: bool,
}

/// A thread running jobs one at a time, newest first, dropping the ones overtaken.
pub struct LatestWorker<J> {
    slot: Arc<(Mutex<Slot<J>>, Condvar)>,
}

impl<J: Send + 'static> LatestWorker<J> {
    /// Starts the thread; `run` does a job (and sends its result wherever it goes).
    pub fn spawn(name: &str, run: impl Fn(J) + Send + 'static) -> Self {
        let slot = Arc::new((
            Mutex::new(Slot {
                job: None,
                closed: false,
            }),
            Condvar::new(),
        ));
        let shared = slot.clone();
        let spawned = std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                while let Some(job) = next_job(&shared) {
                    run(job);
                }
            });
        if let Err(err) = spawned {
            tracing::error!("cannot start the {name} worker: {err}");
        }
        Self { slot }
    }

    /// Hands in a job; one still waiting is dropped for it.
    pub fn submit(&self, job: J) {
        let (lock, ready) = &*self.slot;
        let mut slot = lock.lock().unwrap_or_else(|e| e.into_inner());
        if slot.job.replace(job).is_some() {
            tracing::trace!("a newer job replaced one that had not started");
        }
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
fn next_job<J>(shared: &(Mutex<Slot<J>>, Condvar)) -> Option<J> {
    let (lock, ready) = shared;
    let mut slot = lock.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if slot.closed {
            return None;
        }
        if let Some(job) = slot.job.take() {
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
        let worker = LatestWorker::spawn("test", move |job: u32| {
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
}
