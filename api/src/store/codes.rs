//! One-time PINs of flows: one live code per flow; a resend replaces it.

use super::contacts::ChannelColumn;
use super::outbox::queue_messages;
use super::{NewMessage, Store, on_store};
use crate::domain::otp::{MAX_FAILURES_PER_CODE, MAX_SENDS_PER_FLOW};

/// A one-time PIN as stored; `failures` counts tries taken, right or wrong.
#[derive(Clone, sqlx::FromRow)]
pub struct CodeRecord {
    #[sqlx(try_from = "String")]
    pub channel: ChannelColumn,
    pub code_hash: Vec<u8>,
    pub expires_at: i64,
    pub failures: i64,
    pub used: i64,
}

/// Whether a flow may send a code now.
#[derive(Debug, PartialEq, Eq)]
pub enum SendGate {
    Allowed,
    TooSoon { retry_after_secs: u64 },
    TooMany,
}

impl Store {
    /// Atomically claims a send for the flow: at most [`MAX_SENDS_PER_FLOW`],
    /// and `resend_secs` after the flow's last send.
    pub async fn claim_send(
        &self,
        flow_id: &str,
        now: i64,
        resend_secs: u64,
    ) -> Result<SendGate, sqlx::Error> {
        const CLAIM: &str = "
            UPDATE flows SET sends = sends + 1, last_sent_at = $2
            WHERE flow_id = $1 AND sends < $3 AND (last_sent_at IS NULL OR last_sent_at + $4 <= $2)";
        let claimed = on_store!(self, |pool| {
            sqlx::query(CLAIM)
                .bind(flow_id)
                .bind(now)
                .bind(MAX_SENDS_PER_FLOW)
                .bind(resend_secs as i64)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        if claimed == 1 {
            return Ok(SendGate::Allowed);
        }
        let flow = self.find_flow(flow_id).await?;
        Ok(match flow {
            Some(flow) if flow.sends >= MAX_SENDS_PER_FLOW => SendGate::TooMany,
            Some(flow) => SendGate::TooSoon {
                retry_after_secs: (flow.last_sent_at.unwrap_or(now) + resend_secs as i64 - now)
                    .max(1) as u64,
            },
            None => SendGate::TooMany,
        })
    }

    /// Stores a new code for the flow, replacing any previous one, and queues
    /// its message in the same transaction. A message of the replaced code
    /// still waiting is dropped: it would only deliver a dead code.
    pub async fn put_code(
        &self,
        flow_id: &str,
        channel: &str,
        code_hash: &[u8],
        now: i64,
        expires_at: i64,
        message: Option<&NewMessage>,
    ) -> Result<(), sqlx::Error> {
        const DROP_OLDER: &str = "
            UPDATE outbox SET status = 'dropped', sealed_code = NULL, finished_at = $2,
                last_error = 'a newer code replaced it', lease_owner = NULL, lease_until = NULL
            WHERE flow_id = $1 AND status = 'queued'";
        const SQL: &str = "
            INSERT INTO one_time_codes (flow_id, channel, code_hash, sent_at, expires_at, failures, used)
            VALUES ($1, $2, $3, $4, $5, 0, 0)
            ON CONFLICT (flow_id) DO UPDATE SET channel = $2, code_hash = $3, sent_at = $4,
                expires_at = $5, failures = 0, used = 0";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            sqlx::query(DROP_OLDER)
                .bind(flow_id)
                .bind(now)
                .execute(&mut *transaction)
                .await?;
            sqlx::query(SQL)
                .bind(flow_id)
                .bind(channel)
                .bind(code_hash)
                .bind(now)
                .bind(expires_at)
                .execute(&mut *transaction)
                .await?;
            queue_messages!(transaction, message.into_iter());
            transaction.commit().await
        })
    }

    pub async fn find_code(&self, flow_id: &str) -> Result<Option<CodeRecord>, sqlx::Error> {
        const SQL: &str = "SELECT channel, code_hash, expires_at, failures, used FROM one_time_codes WHERE flow_id = $1";
        on_store!(self, |pool| {
            sqlx::query_as::<_, CodeRecord>(SQL)
                .bind(flow_id)
                .fetch_optional(pool)
                .await
        })
    }

    /// Takes one of the code's tries before it is compared, in one statement:
    /// a try counts as wrong until the code is spent by being right, so
    /// concurrent guesses never get more than [`MAX_FAILURES_PER_CODE`]
    /// comparisons. `None` when no try is left (no code, expired, used or
    /// out of tries); the record then says which.
    pub async fn take_code_try(
        &self,
        flow_id: &str,
        now: i64,
    ) -> Result<Option<CodeRecord>, sqlx::Error> {
        const SQL: &str = "
            UPDATE one_time_codes SET failures = failures + 1
            WHERE flow_id = $1 AND used = 0 AND expires_at > $2 AND failures < $3
            RETURNING channel, code_hash, expires_at, failures, used";
        on_store!(self, |pool| {
            sqlx::query_as::<_, CodeRecord>(SQL)
                .bind(flow_id)
                .bind(now)
                .bind(MAX_FAILURES_PER_CODE)
                .fetch_optional(pool)
                .await
        })
    }

    /// Spends the code after a right try (which holds one of its tries);
    /// false when it was already used (single use under races).
    pub async fn use_code(&self, flow_id: &str, now: i64) -> Result<bool, sqlx::Error> {
        const SQL: &str = "
            UPDATE one_time_codes SET used = 1
            WHERE flow_id = $1 AND used = 0 AND expires_at > $2";
        let done = on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(flow_id)
                .bind(now)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(done == 1)
    }
}
