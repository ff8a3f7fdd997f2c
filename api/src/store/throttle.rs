//! Lockout counters per submitted Employee ID, and failure counts per client
//! address. See `domain::lockout` for the rule these statements implement.

use super::{Store, on_store};
use crate::domain::lockout::Throttle;

impl Store {
    /// Atomically reserves one attempt for `employee_id` before anything is
    /// checked: a locked row is returned unchanged (locked attempts neither
    /// count nor extend the lock); an expired lock starts over at one.
    pub async fn reserve_attempt(
        &self,
        employee_id: &str,
        now: i64,
    ) -> Result<Throttle, sqlx::Error> {
        const SQL: &str = "
            INSERT INTO login_throttle (employee_id, attempts, locked_until) VALUES ($1, 1, NULL)
            ON CONFLICT (employee_id) DO UPDATE SET
                attempts = CASE
                    WHEN login_throttle.locked_until IS NULL THEN login_throttle.attempts + 1
                    WHEN login_throttle.locked_until <= $2 THEN 1
                    ELSE login_throttle.attempts
                END,
                locked_until = CASE
                    WHEN login_throttle.locked_until <= $2 THEN NULL
                    ELSE login_throttle.locked_until
                END
            RETURNING attempts, locked_until";
        let (attempts, locked_until) = on_store!(self, |pool| {
            sqlx::query_as::<_, (i64, Option<i64>)>(SQL)
                .bind(employee_id)
                .bind(now)
                .fetch_one(pool)
                .await
        })?;
        Ok(Throttle {
            attempts,
            locked_until,
        })
    }

    /// The row as it stands, without reserving anything.
    pub async fn read_throttle(&self, employee_id: &str) -> Result<Throttle, sqlx::Error> {
        const SQL: &str =
            "SELECT attempts, locked_until FROM login_throttle WHERE employee_id = $1";
        let row = on_store!(self, |pool| {
            sqlx::query_as::<_, (i64, Option<i64>)>(SQL)
                .bind(employee_id)
                .fetch_optional(pool)
                .await
        })?;
        let (attempts, locked_until) = row.unwrap_or((0, None));
        Ok(Throttle {
            attempts,
            locked_until,
        })
    }

    /// A reserved attempt failed: it stays counted, and when the count has
    /// reached `max_failures` the lock starts now.
    pub async fn record_failure(
        &self,
        employee_id: &str,
        now: i64,
        max_failures: u32,
        lockout_secs: u64,
    ) -> Result<Throttle, sqlx::Error> {
        const SQL: &str = "
            UPDATE login_throttle SET locked_until = CASE
                WHEN locked_until IS NULL AND attempts >= $2 THEN $3
                ELSE locked_until
            END
            WHERE employee_id = $1
            RETURNING attempts, locked_until";
        let row = on_store!(self, |pool| {
            sqlx::query_as::<_, (i64, Option<i64>)>(SQL)
                .bind(employee_id)
                .bind(i64::from(max_failures))
                .bind(now + lockout_secs as i64)
                .fetch_optional(pool)
                .await
        })?;
        let (attempts, locked_until) = row.unwrap_or((i64::from(max_failures), None));
        Ok(Throttle {
            attempts,
            locked_until,
        })
    }

    /// A reserved attempt succeeded part-way (the PIN was right, the second
    /// factor is still to come): give the slot back without clearing failures.
    pub async fn release_attempt(&self, employee_id: &str) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            UPDATE login_throttle SET attempts = attempts - 1
            WHERE employee_id = $1 AND attempts > 0 AND locked_until IS NULL";
        on_store!(self, |pool| sqlx::query(SQL)
            .bind(employee_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(())
    }

    /// A completed sign-in (or, later, a PIN reset) clears the count and any lock.
    pub async fn clear_throttle(&self, employee_id: &str) -> Result<(), sqlx::Error> {
        const SQL: &str = "DELETE FROM login_throttle WHERE employee_id = $1";
        on_store!(self, |pool| sqlx::query(SQL)
            .bind(employee_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(())
    }

    /// Seconds until `address` may try again, when it has used up its failures
    /// for the current window.
    pub async fn address_retry_after(
        &self,
        address: &str,
        now: i64,
        max_failures: u32,
        window_secs: u64,
    ) -> Result<Option<u64>, sqlx::Error> {
        const SQL: &str = "SELECT failures, window_start FROM address_throttle WHERE address = $1";
        let row = on_store!(self, |pool| {
            sqlx::query_as::<_, (i64, i64)>(SQL)
                .bind(address)
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.and_then(|(failures, window_start)| {
            let window_end = window_start + window_secs as i64;
            (failures >= i64::from(max_failures) && window_end > now)
                .then(|| (window_end - now) as u64)
        }))
    }

    /// Counts one failure against `address`, starting a new window when the
    /// previous one is over.
    pub async fn record_address_failure(
        &self,
        address: &str,
        now: i64,
        window_secs: u64,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO address_throttle (address, failures, window_start) VALUES ($1, 1, $2)
            ON CONFLICT (address) DO UPDATE SET
                failures = CASE WHEN address_throttle.window_start + $3 <= $2 THEN 1
                                ELSE address_throttle.failures + 1 END,
                window_start = CASE WHEN address_throttle.window_start + $3 <= $2 THEN $2
                                    ELSE address_throttle.window_start END";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(address)
                .bind(now)
                .bind(window_secs as i64)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(())
    }
}
