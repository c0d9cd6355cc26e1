//! The single writer behind [`SqliteStore`](super::SqliteStore), and its group commit.
//!
//! SQLite commits one transaction at a time, and with `synchronous=FULL` every commit waits
//! for the disk (one fsync, ≈ 3–4 ms on the development machine). One transaction per inquiry
//! therefore caps the server at a few hundred acknowledged inquiries per second, however idle
//! the CPU. Instead, one thread owns the store's only write connection and is fed through a
//! channel of jobs, each with a one-shot reply. It takes whatever arrived while the previous
//! commit was on its way to disk (at most [`MAX_BATCH`] inquiries; nothing is held back to
//! wait for more, so a lone request is written at once), writes them in one
//! `BEGIN IMMEDIATE` transaction with a savepoint per inquiry, commits once, and only then
//! answers every caller:
//!
//! - an inquiry that fails on its own (a constraint, a value SQLite refuses) is rolled back
//!   to its savepoint and answered with its error; the others are committed;
//! - if the transaction cannot begin (another process holds the lock past the busy
//!   timeout), SQLite rolls the whole transaction back (disk full, I/O error), or COMMIT
//!   fails, every inquiry of the batch gets that error: none is acknowledged, none is kept;
//! - a repeated idempotency key finds the first copy even inside the same batch (it is
//!   already written in the open transaction), so both callers get the same inquiry.
//!
//! Every other write of the store (accounts, sessions, listings, answers) goes through the
//! same thread as a closure, in its own transaction, so no write of this process ever waits
//! for another one in SQLite's busy handler (which polls with sleeps and could starve behind
//! a writer that commits back to back). Reads use the store's other connection and never wait
//! for a commit.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;

use rusqlite::Connection;
use tokio::sync::oneshot;

use super::inquiries::insert_inquiry;
use super::write_transaction;
use crate::store::{NewInquiry, StoreError, StoredInquiry};

/// Most inquiries committed in one transaction. Bounds the time a batch holds the write
/// lock (≈ 256 × 50 µs of inserts) and the memory of answers waiting for one fsync.
pub const MAX_BATCH: usize = 256;

type Reply<T> = oneshot::Sender<Result<T, StoreError>>;

enum Job {
    /// Batched with whatever else is waiting.
    Inquiry(NewInquiry, Reply<StoredInquiry>),
    /// Any other write, run alone; it sends its own reply.
    Exec(Box<dyn FnOnce(&mut Connection) + Send>),
}

/// What the writer has done so far, for tests and diagnostics.
#[derive(Debug, Default)]
struct Counters {
    batches: AtomicU64,
    inquiries: AtomicU64,
    largest: AtomicU64,
}

/// A copy of the writer's counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupCommitStats {
    /// Transactions that wrote inquiries (committed or not).
    pub batches: u64,
    /// Inquiries those transactions carried.
    pub inquiries: u64,
    /// The most inquiries one transaction carried.
    pub largest_batch: u64,
}

/// A handle on the writer thread; cheap to clone. The thread ends, closing its connection
/// (and so checkpointing the WAL), when the last handle is dropped.
#[derive(Clone)]
pub struct Writer {
    inner: Arc<Inner>,
}

struct Inner {
    /// `None` only while dropping.
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<JoinHandle<()>>,
    counters: Arc<Counters>,
}

impl Writer {
    /// Starts the thread; `conn` becomes its write connection.
    pub fn start(conn: Connection) -> Result<Writer, StoreError> {
        let (jobs, queue) = mpsc::channel();
        let counters = Arc::new(Counters::default());
        let thread = std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn({
                let counters = Arc::clone(&counters);
                move || run(conn, &queue, &counters)
            })
            .map_err(|e| {
                StoreError::Database(format!("cannot start the database writer thread: {e}"))
            })?;
        Ok(Writer {
            inner: Arc::new(Inner {
                jobs: Some(jobs),
                thread: Some(thread),
                counters,
            }),
        })
    }

    /// Stores one inquiry in the next group commit; answers once that commit is on disk.
    pub async fn create_inquiry(&self, inquiry: NewInquiry) -> Result<StoredInquiry, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.send(Job::Inquiry(inquiry, reply))?;
        answer.await.unwrap_or_else(|_| Err(dropped()))
    }

    /// Runs `f` on the write connection, between group commits. `f` opens and commits its
    /// own transaction (see [`write_transaction`]).
    pub async fn exec<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        self.send(Job::Exec(Box::new(move |conn: &mut Connection| {
            // The caller may have gone (a cancelled request): the write stands all the same.
            let _ = reply.send(f(conn));
        })))?;
        answer.await.unwrap_or_else(|_| Err(dropped()))
    }

    pub fn stats(&self) -> GroupCommitStats {
        let c = &self.inner.counters;
        GroupCommitStats {
            batches: c.batches.load(Ordering::Relaxed),
            inquiries: c.inquiries.load(Ordering::Relaxed),
            largest_batch: c.largest.load(Ordering::Relaxed),
        }
    }

    fn send(&self, job: Job) -> Result<(), StoreError> {
        self.inner
            .jobs
            .as_ref()
            .and_then(|jobs| jobs.send(job).ok())
            .ok_or_else(|| StoreError::Task("the database writer has stopped".into()))
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop once the queue is empty; waiting for it
        // closes the write connection before the process goes on (a clean WAL checkpoint).
        drop(self.jobs.take());
        if let Some(thread) = self.thread.take() {
            if thread.thread().id() != std::thread::current().id() {
                let _ = thread.join();
            }
        }
        let c = &self.counters;
        let (batches, inquiries) = (
            c.batches.load(Ordering::Relaxed),
            c.inquiries.load(Ordering::Relaxed),
        );
        if batches > 0 {
            tracing::info!(
                batches,
                inquiries,
                mean_batch = format_args!("{:.1}", inquiries as f64 / batches as f64),
                largest_batch = c.largest.load(Ordering::Relaxed),
                "group commit: database writer stopped"
            );
        }
    }
}

/// A reply sender dropped unanswered: only a panic inside the writer does that.
fn dropped() -> StoreError {
    StoreError::Task("the database writer failed while handling this write".into())
}

/// The writer thread: wait for a job, take whatever else is queued (up to a batch of
/// inquiries), write, repeat. Ends when every handle is gone.
fn run(mut conn: Connection, queue: &mpsc::Receiver<Job>, counters: &Counters) {
    let mut batch: Vec<(NewInquiry, Reply<StoredInquiry>)> = Vec::with_capacity(MAX_BATCH);
    while let Ok(first) = queue.recv() {
        let mut job = Some(first);
        while let Some(next) = job.take() {
            match next {
                Job::Inquiry(inquiry, reply) => batch.push((inquiry, reply)),
                Job::Exec(f) => exec_guarded(&mut conn, f),
            }
            if batch.len() == MAX_BATCH {
                break;
            }
            job = queue.try_recv().ok();
        }
        if !batch.is_empty() {
            commit_batch(&mut conn, &mut batch, counters);
        }
    }
}

/// Runs one closure; a panic in it drops its reply (the caller gets a task error) and
/// leaves the connection outside any transaction, ready for the next job. (The release
/// profile has `panic = "abort"`: there a panic ends the process, as anywhere else in it.)
fn exec_guarded(conn: &mut Connection, f: Box<dyn FnOnce(&mut Connection) + Send>) {
    if catch_unwind(AssertUnwindSafe(|| f(conn))).is_err() {
        tracing::error!("a database write panicked; it was rolled back");
    }
    roll_back_leftovers(conn);
}

/// Writes, commits and answers one batch.
fn commit_batch(
    conn: &mut Connection,
    batch: &mut Vec<(NewInquiry, Reply<StoredInquiry>)>,
    counters: &Counters,
) {
    let size = batch.len() as u64;
    let written = catch_unwind(AssertUnwindSafe(|| write_batch(conn, batch)))
        .unwrap_or_else(|_| Err(StoreError::Task("panic while writing inquiries".into())));
    roll_back_leftovers(conn);
    counters.batches.fetch_add(1, Ordering::Relaxed);
    counters.inquiries.fetch_add(size, Ordering::Relaxed);
    counters.largest.fetch_max(size, Ordering::Relaxed);
    match written {
        Ok(outcomes) => {
            for ((_, reply), outcome) in batch.drain(..).zip(outcomes) {
                let _ = reply.send(outcome);
            }
        }
        Err(err) => {
            tracing::warn!(inquiries = size, error = %err, "group commit failed; none of its inquiries was stored");
            for (_, reply) in batch.drain(..) {
                let _ = reply.send(Err(err.clone()));
            }
        }
    }
}

/// One transaction for the whole batch, one savepoint per inquiry. `Err`: nothing of the
/// batch is stored. `Ok`: committed to disk; each inquiry's own outcome, in order.
#[allow(clippy::type_complexity)]
fn write_batch(
    conn: &mut Connection,
    batch: &[(NewInquiry, Reply<StoredInquiry>)],
) -> Result<Vec<Result<StoredInquiry, StoreError>>, StoreError> {
    let mut tx = write_transaction(conn)?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for (inquiry, _) in batch {
        let savepoint = tx.savepoint()?;
        match insert_inquiry(&savepoint, inquiry) {
            Ok(stored) => {
                savepoint.commit()?;
                outcomes.push(Ok(stored));
            }
            Err(err) => {
                // ROLLBACK TO and RELEASE: this inquiry leaves no trace.
                drop(savepoint);
                if tx.is_autocommit() {
                    // SQLite rolled back the whole transaction (disk full, I/O error): the
                    // inquiries written before this one are gone too.
                    return Err(err);
                }
                outcomes.push(Err(err));
            }
        }
    }
    tx.commit()?;
    Ok(outcomes)
}

/// After a panic or a failed COMMIT, make sure no transaction stays open on the connection.
fn roll_back_leftovers(conn: &Connection) {
    if !conn.is_autocommit() {
        if let Err(e) = conn.execute_batch("ROLLBACK") {
            tracing::error!(error = %e, "could not roll back a failed write");
        }
    }
}
