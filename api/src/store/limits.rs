//! The counters of the attempts guard (`auth::attempts`): one row per limit and
//! subject. Each take is one statement, so it is atomic on SQLite (one writer)
//! and on PostgreSQL (`INSERT … ON CONFLICT DO UPDATE` locks the row), for any
//! number of API instances on one database.

use super::{Store, on_store};

/// How a limit's count starts over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reset {
    /// Consecutive failures: the count lasts until a success clears it; the
    /// attempt that reaches the maximum locks the subject for this long.
    Lock { secs: u64 },
    /// A fixed window from the first attempt: at most `max` per window.
    Window { secs: u64 },
}

/// A row as a take left it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Taken {
    /// Whether this take got a slot.
    pub granted: bool,
    pub taken: i64,
    pub resets_at: Option<i64>,
}

/// Consecutive failures. A lock in force (`resets_at` in the future) refuses
/// unchanged; a lock that has ended starts the count again. The take that
/// reaches `$4` sets the lock's end at once, so a request that never comes
/// back still leaves a lock that ends.
const TAKE_LOCKING: &str = "
    INSERT INTO attempt_limits (scope, subject, taken, resets_at, grant_id)
    VALUES ($1, $2, 1, CASE WHEN $4 <= 1 THEN $3 + $5 END, $6)
    ON CONFLICT (scope, subject) DO UPDATE SET
        taken = CASE
            WHEN attempt_limits.resets_at <= $3 THEN 1
            WHEN attempt_limits.resets_at IS NOT NULL THEN attempt_limits.taken
            WHEN attempt_limits.taken < $4 THEN attempt_limits.taken + 1
            ELSE attempt_limits.taken END,
        resets_at = CASE
            WHEN attempt_limits.resets_at <= $3 THEN CASE WHEN $4 <= 1 THEN $3 + $5 END
            WHEN attempt_limits.resets_at IS NOT NULL THEN attempt_limits.resets_at
            WHEN attempt_limits.taken + 1 >= $4 THEN $3 + $5
            ELSE NULL END,
        grant_id = CASE
            WHEN attempt_limits.resets_at <= $3 THEN $6
            WHEN attempt_limits.resets_at IS NULL AND attempt_limits.taken < $4 THEN $6
            ELSE attempt_limits.grant_id END
    RETURNING taken, resets_at, grant_id";

/// A fixed window: the first take opens it, at most `$4` takes fit in it.
const TAKE_WINDOWED: &str = "
    INSERT INTO attempt_limits (scope, subject, taken, resets_at, grant_id)
    VALUES ($1, $2, 1, $3 + $5, $6)
    ON CONFLICT (scope, subject) DO UPDATE SET
        taken = CASE
            WHEN attempt_limits.resets_at <= $3 THEN 1
            WHEN attempt_limits.taken < $4 THEN attempt_limits.taken + 1
            ELSE attempt_limits.taken END,
        resets_at = CASE
            WHEN attempt_limits.resets_at <= $3 THEN $3 + $5
            ELSE attempt_limits.resets_at END,
        grant_id = CASE
            WHEN attempt_limits.resets_at <= $3 OR attempt_limits.taken < $4 THEN $6
            ELSE attempt_limits.grant_id END
    RETURNING taken, resets_at, grant_id";

impl Store {
    /// Takes one slot of `scope` for `subject` if one is free; `grant` is a
    /// fresh random id that the row carries when (and only when) this take got
    /// the slot. A take that does not get one changes nothing.
    pub async fn take_attempt(
        &self,
        scope: &str,
        subject: &str,
        max: u32,
        reset: Reset,
        grant: &str,
        now: i64,
    ) -> Result<Taken, sqlx::Error> {
        let (sql, secs) = match reset {
            Reset::Lock { secs } => (TAKE_LOCKING, secs),
            Reset::Window { secs } => (TAKE_WINDOWED, secs),
        };
        let (taken, resets_at, granted_to) = on_store!(self, |pool| {
            sqlx::query_as::<_, (i64, Option<i64>, Option<String>)>(sql)
                .bind(scope)
                .bind(subject)
                .bind(now)
                .bind(i64::from(max))
                .bind(secs as i64)
                .bind(grant)
                .fetch_one(pool)
                .await
        })?;
        Ok(Taken {
            granted: granted_to.as_deref() == Some(grant),
            taken,
            resets_at,
        })
    }

    /// Gives a slot back: the attempt it was taken for passed. Under a
    /// consecutive-failure limit, the lock this attempt set (when it was the
    /// one to reach the maximum) goes with it, while a lock that other
    /// attempts set stays; a window keeps its end.
    pub async fn give_back_attempt(
        &self,
        scope: &str,
        subject: &str,
        reset: Reset,
        grant: &str,
    ) -> Result<(), sqlx::Error> {
        const LOCKING: &str = "
            UPDATE attempt_limits SET
                taken = CASE WHEN taken > 0 THEN taken - 1 ELSE 0 END,
                resets_at = CASE WHEN grant_id = $3 THEN NULL ELSE resets_at END
            WHERE scope = $1 AND subject = $2";
        const WINDOWED: &str = "
            UPDATE attempt_limits SET taken = CASE WHEN taken > 0 THEN taken - 1 ELSE 0 END
            WHERE scope = $1 AND subject = $2";
        on_store!(self, |pool| {
            let query = match reset {
                Reset::Lock { .. } => sqlx::query(LOCKING).bind(scope).bind(subject).bind(grant),
                Reset::Window { .. } => sqlx::query(WINDOWED).bind(scope).bind(subject),
            };
            query.execute(pool).await.map(drop)
        })
    }

    /// The row as it stands, without taking anything.
    pub async fn read_attempts(
        &self,
        scope: &str,
        subject: &str,
    ) -> Result<(i64, Option<i64>), sqlx::Error> {
        const SQL: &str =
            "SELECT taken, resets_at FROM attempt_limits WHERE scope = $1 AND subject = $2";
        let row = on_store!(self, |pool| {
            sqlx::query_as::<_, (i64, Option<i64>)>(SQL)
                .bind(scope)
                .bind(subject)
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.unwrap_or((0, None)))
    }

    /// Clears the count and any lock: a success that ends the run of failures
    /// (a completed sign-in, a PIN reset, `upsers-api unlock`).
    pub async fn clear_attempts(&self, scope: &str, subject: &str) -> Result<(), sqlx::Error> {
        const SQL: &str = "DELETE FROM attempt_limits WHERE scope = $1 AND subject = $2";
        on_store!(self, |pool| sqlx::query(SQL)
            .bind(scope)
            .bind(subject)
            .execute(pool)
            .await
            .map(drop))
    }
}
