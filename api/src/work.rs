//! Work accounting, for the equal-work tests: how many store operations and
//! argon2 hashes each request performed. Enumeration resistance needs equal
//! *work* for known and unknown IDs, not only equal answers, and counting is
//! exact where timing is noisy.
//!
//! Counting happens only inside a request that [`record_work`] wraps (tests
//! add it with `Application::record_work`); elsewhere the counters are not
//! in scope and counting is a no-op.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

#[derive(Default)]
struct Counts {
    store_operations: AtomicU64,
    hashes: AtomicU64,
}

tokio::task_local! {
    static WORK: Arc<Counts>;
}

/// One request's work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    /// `METHOD /path` as requested.
    pub request: String,
    pub status: u16,
    pub store_operations: u64,
    pub hashes: u64,
}

/// Every request's work, in the order the requests finished.
#[derive(Clone, Default)]
pub struct WorkLog(Arc<Mutex<Vec<Work>>>);

impl WorkLog {
    pub fn entries(&self) -> Vec<Work> {
        self.0.lock().expect("work log").clone()
    }

    pub fn last(&self) -> Option<Work> {
        self.0.lock().expect("work log").last().cloned()
    }
}

/// A store operation (one call of a `Store` method) began.
pub fn count_store_operation() {
    let _ = WORK.try_with(|counts| counts.store_operations.fetch_add(1, Ordering::Relaxed));
}

/// An argon2 hash or verification began.
pub fn count_hash() {
    let _ = WORK.try_with(|counts| counts.hashes.fetch_add(1, Ordering::Relaxed));
}

/// Middleware: runs the request with fresh counters and logs its work.
pub async fn record_work(log: WorkLog, request: Request, next: Next) -> Response {
    let counts = Arc::new(Counts::default());
    let described = format!("{} {}", request.method(), request.uri().path());
    let response = WORK.scope(counts.clone(), next.run(request)).await;
    log.0.lock().expect("work log").push(Work {
        request: described,
        status: response.status().as_u16(),
        store_operations: counts.store_operations.load(Ordering::Relaxed),
        hashes: counts.hashes.load(Ordering::Relaxed),
    });
    response
}
