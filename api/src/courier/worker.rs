//! The delivery worker: claims due outbox rows under a lease, delivers each
//! through its channel's backend, and records the outcome and an audit event.
//!
//! - Retries back off exponentially with jitter: the first within
//!   [`RETRY_BASE_SECS`] seconds, then doubling, [`MAX_ATTEMPTS`] attempts in
//!   all, which spans about an hour.
//! - A code message whose code has expired is dropped, never delivered late.
//! - Every API instance runs one worker; on PostgreSQL they share the queue
//!   (rows are claimed with `FOR UPDATE SKIP LOCKED`, see
//!   `Store::claim_messages`). The lease covers a whole batch at the longest
//!   send timeout, so a live worker never loses a row to another; a worker
//!   that dies mid-send leaves a row that is claimed again when its lease
//!   ends (delivery is at least once in that case, and the SMS gateway gets
//!   the same `Idempotency-Key` both times).

use std::sync::Arc;
use std::time::Duration;

use rand::Rng;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::{Courier, Delivery, SEND_TIMEOUT};
use crate::clock::Clock;
use crate::store::{AuditKind, Finished, OutboxMessage, Store};

/// Attempts before a message is given up as failed.
pub const MAX_ATTEMPTS: i64 = 10;
/// The longest wait before the first retry; each later one doubles it.
pub const RETRY_BASE_SECS: i64 = 7;
/// Rows one claim takes.
const BATCH: i64 = 5;
/// How long a claim holds its rows: a whole batch at the send timeout, and
/// a margin for the store.
const LEASE_SECS: i64 = BATCH * SEND_TIMEOUT.as_secs() as i64 + 60;
/// The longest an idle worker sleeps before looking again (other instances
/// queue messages without ringing this one).
const IDLE_POLL: Duration = Duration::from_secs(1);
/// How long the rows of finished messages stay (the audit trail keeps their
/// outcome for good), and how often the worker clears older ones.
pub const KEEP_FINISHED_SECS: i64 = 30 * 24 * 3600;
const PURGE_EVERY: Duration = Duration::from_secs(3600);
/// The address audit events of deliveries carry (no client is involved).
const AUDIT_ADDRESS: &str = "delivery-worker";

/// The wait before attempt `attempts_done + 1`, scaled by `jitter` in
/// `[0.5, 1.0]` so instances that failed together do not retry together:
/// at most 7 s, 14 s, 28 s, … 1792 s; the nine waits add up to 3577 s.
pub fn retry_delay_secs(attempts_done: i64, jitter: f64) -> i64 {
    let exponent = (attempts_done - 1).clamp(0, 20) as u32;
    let ceiling = RETRY_BASE_SECS * (1i64 << exponent);
    ((ceiling as f64 * jitter.clamp(0.5, 1.0)).round() as i64).max(1)
}

/// A running worker; [`WorkerHandle::stop`] lets it finish the message in
/// hand and waits for it.
pub struct WorkerHandle {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl WorkerHandle {
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

pub struct Worker {
    store: Store,
    courier: Courier,
    clock: Arc<dyn Clock>,
    /// How long audit events are kept, in seconds.
    audit_retention_secs: i64,
    /// Names this worker's leases: random, so two processes never share one.
    owner: String,
}

impl Worker {
    pub fn new(
        store: Store,
        courier: Courier,
        clock: Arc<dyn Clock>,
        audit_retention_days: u32,
    ) -> Worker {
        let owner = format!("worker-{}", crate::domain::token::new_id());
        Worker {
            store,
            courier,
            clock,
            audit_retention_secs: i64::from(audit_retention_days) * 24 * 3600,
            owner,
        }
    }

    pub fn spawn(self) -> WorkerHandle {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(self.run(stopped));
        WorkerHandle { stop, task }
    }

    async fn run(self, mut stopped: watch::Receiver<bool>) {
        tracing::info!(owner = %self.owner, "delivery worker started");
        let mut last_purge: Option<std::time::Instant> = None;
        while !*stopped.borrow() {
            if last_purge.is_none_or(|at| at.elapsed() >= PURGE_EVERY) {
                last_purge = Some(std::time::Instant::now());
                self.purge().await;
            }
            match self.deliver_due().await {
                Ok(0) => {}
                // A full batch may have more behind it: look again at once.
                Ok(_) => continue,
                Err(error) => {
                    tracing::warn!(%error, "delivery worker: the store did not answer")
                }
            }
            // Times are whole seconds, so nothing queued falls due sooner
            // than the next poll; a local queue rings at once.
            tokio::select! {
                _ = self.courier.woken() => {}
                _ = tokio::time::sleep(IDLE_POLL) => {}
                // A dropped handle stops the worker as `stop` does.
                changed = stopped.changed() => if changed.is_err() { break },
            }
        }
        tracing::info!(owner = %self.owner, "delivery worker stopped");
    }

    /// Claims one batch of due messages and settles each; returns how many.
    pub async fn deliver_due(&self) -> Result<usize, sqlx::Error> {
        let now = self.clock.now();
        let batch = self
            .store
            .claim_messages(&self.owner, now, now + LEASE_SECS, BATCH)
            .await?;
        for message in &batch {
            self.settle(message).await?;
        }
        Ok(batch.len())
    }

    /// Housekeeping, once an hour per instance: finished outbox rows after
    /// [`KEEP_FINISHED_SECS`], and whatever else is over (`Store::purge_expired`).
    pub async fn purge(&self) {
        let now = self.clock.now();
        match self.store.purge_messages(now - KEEP_FINISHED_SECS).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(purged, "old outbox rows cleared"),
            Err(error) => tracing::warn!(%error, "clearing old outbox rows failed"),
        }
        match self
            .store
            .purge_expired(now, now - self.audit_retention_secs)
            .await
        {
            Ok(purged) => tracing::info!(?purged, "expired rows cleared"),
            Err(error) => tracing::warn!(%error, "clearing expired rows failed"),
        }
    }

    async fn settle(&self, message: &OutboxMessage) -> Result<(), sqlx::Error> {
        let now = self.clock.now();
        if message
            .code_expires_at
            .is_some_and(|expires| expires <= now)
        {
            return self
                .finish(
                    message,
                    Finished::Dropped,
                    Some("the code expired before it could be delivered"),
                )
                .await;
        }
        let outcome = match self.courier.render(message) {
            Ok(rendered) => self.courier.deliver(message, &rendered).await,
            Err(reason) => Delivery::Failed(reason),
        };
        match outcome {
            Delivery::Sent => self.finish(message, Finished::Sent, None).await,
            Delivery::Failed(reason) => self.finish(message, Finished::Failed, Some(&reason)).await,
            Delivery::Retry(reason) if message.attempts >= MAX_ATTEMPTS => {
                let reason = format!("gave up after {MAX_ATTEMPTS} attempts: {reason}");
                self.finish(message, Finished::Failed, Some(&reason)).await
            }
            Delivery::Retry(reason) => {
                let jitter = rand::thread_rng().gen_range(0.5..=1.0);
                let next = self.clock.now() + retry_delay_secs(message.attempts, jitter);
                tracing::warn!(
                    id = message.id,
                    channel = message.channel.0.as_str(),
                    attempt = message.attempts,
                    %reason,
                    "delivery failed; will retry"
                );
                if self
                    .store
                    .retry_message(message.id, &self.owner, next, &reason)
                    .await?
                {
                    self.audit(message, AuditKind::MessageRetry, &reason)
                        .await?;
                }
                Ok(())
            }
        }
    }

    async fn finish(
        &self,
        message: &OutboxMessage,
        finished: Finished,
        reason: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        let wipe = !(finished == Finished::Sent && self.courier.keeps_code(message));
        let recorded = self
            .store
            .finish_message(
                message.id,
                &self.owner,
                finished,
                reason,
                wipe,
                self.clock.now(),
            )
            .await?;
        if !recorded {
            // The lease ran out and another worker owns the row now.
            tracing::warn!(id = message.id, "delivery outcome not recorded: lease lost");
            return Ok(());
        }
        let (kind, detail) = match finished {
            Finished::Sent => (AuditKind::MessageSent, String::new()),
            Finished::Failed => (AuditKind::MessageFailed, reason.unwrap_or("").to_owned()),
            Finished::Dropped => (AuditKind::MessageDropped, reason.unwrap_or("").to_owned()),
        };
        match finished {
            Finished::Sent => tracing::info!(
                id = message.id,
                channel = message.channel.0.as_str(),
                template = %message.template,
                attempt = message.attempts,
                "message delivered"
            ),
            _ => tracing::warn!(
                id = message.id,
                channel = message.channel.0.as_str(),
                template = %message.template,
                status = ?finished,
                reason = %detail,
                "message not delivered"
            ),
        }
        self.audit(message, kind, &detail).await
    }

    /// The audit event names the message, its channel and attempt, never its
    /// destination or content.
    async fn audit(
        &self,
        message: &OutboxMessage,
        kind: AuditKind,
        reason: &str,
    ) -> Result<(), sqlx::Error> {
        let mut detail = format!(
            "message {} ({} {}), attempt {}",
            message.id,
            message.channel.0.as_str(),
            message.template,
            message.attempts
        );
        if !reason.is_empty() {
            detail.push_str(": ");
            detail.push_str(reason);
        }
        self.store
            .audit(
                kind,
                Some(message.employee_id.as_str()),
                AUDIT_ADDRESS,
                Some(&detail),
                self.clock.now(),
            )
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_retry_comes_within_seconds_and_all_of_them_within_about_an_hour() {
        assert_eq!(retry_delay_secs(1, 1.0), RETRY_BASE_SECS);
        assert!(retry_delay_secs(1, 0.5) >= 3);
        let longest: i64 = (1..MAX_ATTEMPTS)
            .map(|done| retry_delay_secs(done, 1.0))
            .sum();
        let shortest: i64 = (1..MAX_ATTEMPTS)
            .map(|done| retry_delay_secs(done, 0.5))
            .sum();
        assert_eq!(longest, 3577);
        assert!((1700..=1800).contains(&shortest), "{shortest}");
    }

    #[test]
    fn each_wait_doubles_the_one_before() {
        for done in 1..MAX_ATTEMPTS - 1 {
            assert_eq!(
                retry_delay_secs(done + 1, 1.0),
                2 * retry_delay_secs(done, 1.0)
            );
        }
    }

    #[test]
    fn jitter_outside_its_range_is_clamped() {
        assert_eq!(retry_delay_secs(1, 7.0), RETRY_BASE_SECS);
        assert_eq!(retry_delay_secs(1, -1.0), 4);
    }
}
