//! The transactional outbox. A message is a row written in the same
//! transaction as the state change that causes it (a new code, a PIN reset, a
//! completed registration), so a change never commits without its message and
//! a message never goes out for a change that rolled back. Workers claim due
//! rows under a lease and record how each delivery ended (`courier::worker`).

use super::contacts::ChannelColumn;
use super::{Store, on_store};
use crate::domain::EmployeeId;

/// The row of a message to queue. What it says is rendered at delivery from
/// `template` and `language` (`courier::templates`); a code travels sealed.
#[derive(Clone, Debug)]
pub struct NewMessage {
    pub channel: &'static str,
    pub destination: String,
    pub employee_id: String,
    /// The flow of a code message: a newer code for the flow drops this one.
    pub flow_id: Option<String>,
    pub template: &'static str,
    pub language: &'static str,
    pub sealed_code: Option<Vec<u8>>,
    pub code_expires_at: Option<i64>,
    pub ttl_minutes: i64,
    pub created_at: i64,
}

/// A queued message as a worker (or the dev outbox) reads it.
#[derive(Clone, sqlx::FromRow)]
pub struct OutboxMessage {
    pub id: i64,
    pub created_at: i64,
    #[sqlx(try_from = "String")]
    pub channel: ChannelColumn,
    pub destination: String,
    #[sqlx(try_from = "String")]
    pub employee_id: EmployeeId,
    pub template: String,
    pub language: String,
    pub sealed_code: Option<Vec<u8>>,
    pub code_expires_at: Option<i64>,
    pub ttl_minutes: i64,
    pub attempts: i64,
    pub status: String,
}

impl std::fmt::Debug for OutboxMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxMessage")
            .field("id", &self.id)
            .field("channel", &self.channel.0)
            .field("template", &self.template)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// How a claimed message ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finished {
    Sent,
    /// A permanent refusal, or every attempt used.
    Failed,
    /// Not delivered on purpose: the code expired or a newer one replaced it.
    Dropped,
}

impl Finished {
    fn status(self) -> &'static str {
        match self {
            Finished::Sent => "sent",
            Finished::Failed => "failed",
            Finished::Dropped => "dropped",
        }
    }
}

/// Counts per channel and status, for `/metrics`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeliveryHealth {
    /// `(channel, status, count)`.
    pub counts: Vec<(String, String, i64)>,
    /// Creation time of the oldest message not yet delivered.
    pub oldest_waiting_created_at: Option<i64>,
}

/// The insert every writer of messages runs inside its own transaction.
/// A `decoy` row stands for a code to a channel that is not registered: it is
/// written (dropped at once, never sent, never listed) so that a reset for
/// an unknown ID does the same work as one for a known ID.
pub(super) const INSERT_MESSAGE: &str = "
    INSERT INTO outbox (created_at, channel, destination, employee_id, flow_id, template,
        language, sealed_code, code_expires_at, ttl_minutes, next_attempt_at, status,
        finished_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $1,
        CASE WHEN $6 = 'decoy' THEN 'dropped' ELSE 'queued' END,
        CASE WHEN $6 = 'decoy' THEN $1 END)";

/// The template of decoy rows.
pub const DECOY_TEMPLATE: &str = "decoy";

/// Queues `$messages` (an iterator of `&NewMessage`) on `$transaction`.
macro_rules! queue_messages {
    ($transaction:expr, $messages:expr) => {
        for message in $messages {
            sqlx::query($crate::store::outbox::INSERT_MESSAGE)
                .bind(message.created_at)
                .bind(message.channel)
                .bind(&message.destination)
                .bind(&message.employee_id)
                .bind(&message.flow_id)
                .bind(message.template)
                .bind(message.language)
                .bind(&message.sealed_code)
                .bind(message.code_expires_at)
                .bind(message.ttl_minutes)
                .execute(&mut *$transaction)
                .await?;
        }
    };
}
pub(super) use queue_messages;

const COLUMNS: &str = "id, created_at, channel, destination, employee_id, template, language, \
                       sealed_code, code_expires_at, ttl_minutes, attempts, status";

impl Store {
    /// Queues messages outside any other change (admin tools, tests).
    pub async fn queue_messages(&self, messages: &[NewMessage]) -> Result<(), sqlx::Error> {
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            queue_messages!(transaction, messages);
            transaction.commit().await
        })
    }

    /// Claims up to `limit` due messages for `owner` until `lease_until`: queued
    /// ones whose time has come, and ones whose last worker's lease ran out.
    /// Each claim counts as an attempt. On PostgreSQL, `SKIP LOCKED` lets
    /// workers of several instances claim side by side without waiting on or
    /// taking each other's rows; SQLite has a single writer, so the statement
    /// is atomic there as it stands.
    pub async fn claim_messages(
        &self,
        owner: &str,
        now: i64,
        lease_until: i64,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>, sqlx::Error> {
        let sql = |lock: &str| {
            format!(
                "UPDATE outbox SET status = 'sending', lease_owner = $2, lease_until = $3,
                     attempts = attempts + 1
                 WHERE id IN (
                     SELECT id FROM outbox
                     WHERE (status = 'queued' AND next_attempt_at <= $1)
                        OR (status = 'sending' AND lease_until <= $1)
                     ORDER BY next_attempt_at, id LIMIT $4 {lock})
                 RETURNING {COLUMNS}"
            )
        };
        let sql = match self {
            Store::Sqlite(_) => sql(""),
            Store::Postgres(_) => sql("FOR UPDATE SKIP LOCKED"),
        };
        let mut claimed = on_store!(self, |pool| {
            sqlx::query_as::<_, OutboxMessage>(&sql)
                .bind(now)
                .bind(owner)
                .bind(lease_until)
                .bind(limit)
                .fetch_all(pool)
                .await
        })?;
        claimed.sort_by_key(|message| message.id);
        Ok(claimed)
    }

    /// Records how a claimed message ended; false when `owner` no longer holds
    /// it (its lease ran out and another worker took it). `wipe` removes the
    /// sealed code (kept only by the dev outbox, which shows it).
    pub async fn finish_message(
        &self,
        id: i64,
        owner: &str,
        finished: Finished,
        error: Option<&str>,
        wipe: bool,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "
            UPDATE outbox SET status = $3, finished_at = $4, last_error = $5,
                sealed_code = CASE WHEN $6 = 1 THEN NULL ELSE sealed_code END,
                lease_owner = NULL, lease_until = NULL
            WHERE id = $1 AND lease_owner = $2 AND status = 'sending'";
        let done = on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(id)
                .bind(owner)
                .bind(finished.status())
                .bind(now)
                .bind(error)
                .bind(i64::from(wipe))
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(done == 1)
    }

    /// Puts a claimed message back in the queue for another attempt at
    /// `next_attempt_at`.
    pub async fn retry_message(
        &self,
        id: i64,
        owner: &str,
        next_attempt_at: i64,
        error: &str,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "
            UPDATE outbox SET status = 'queued', next_attempt_at = $3, last_error = $4,
                lease_owner = NULL, lease_until = NULL
            WHERE id = $1 AND lease_owner = $2 AND status = 'sending'";
        let done = on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(id)
                .bind(owner)
                .bind(next_attempt_at)
                .bind(error)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(done == 1)
    }

    /// Deletes the rows of messages that ended before `before`; the audit
    /// trail keeps what happened to them. Returns how many went.
    pub async fn purge_messages(&self, before: i64) -> Result<u64, sqlx::Error> {
        const SQL: &str = "
            DELETE FROM outbox
            WHERE status IN ('sent', 'failed', 'dropped') AND finished_at < $1";
        on_store!(self, |pool| sqlx::query(SQL)
            .bind(before)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))
    }

    pub async fn delivery_health(&self) -> Result<DeliveryHealth, sqlx::Error> {
        const COUNTS: &str =
            "SELECT channel, status, COUNT(*) FROM outbox WHERE template <> 'decoy'
             GROUP BY channel, status ORDER BY 1, 2";
        const OLDEST: &str =
            "SELECT MIN(created_at) FROM outbox WHERE status IN ('queued', 'sending')";
        on_store!(self, |pool| {
            let counts = sqlx::query_as::<_, (String, String, i64)>(COUNTS)
                .fetch_all(pool)
                .await?;
            let oldest_waiting_created_at = sqlx::query_scalar::<_, Option<i64>>(OLDEST)
                .fetch_one(pool)
                .await?;
            Ok(DeliveryHealth {
                counts,
                oldest_waiting_created_at,
            })
        })
    }

    /// The newest messages on `channels`, newest first, whatever their state
    /// (the dev outbox lists the channels it stands in for).
    pub async fn recent_messages(
        &self,
        channels: &[&str],
        limit: i64,
    ) -> Result<Vec<OutboxMessage>, sqlx::Error> {
        let sms = channels.contains(&"sms");
        let email = channels.contains(&"email");
        let sql = format!(
            "SELECT {COLUMNS} FROM outbox
             WHERE ((channel = 'sms' AND $2 = 1) OR (channel = 'email' AND $3 = 1))
                 AND template <> 'decoy'
             ORDER BY id DESC LIMIT $1"
        );
        on_store!(self, |pool| sqlx::query_as::<_, OutboxMessage>(&sql)
            .bind(limit)
            .bind(i64::from(sms))
            .bind(i64::from(email))
            .fetch_all(pool)
            .await)
    }
}
