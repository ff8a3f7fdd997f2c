//! Sessions, stored by the SHA-256 of their cookie, with idle and absolute
//! expiry, and listed for My account by a public id with the device they
//! were opened from.

use super::{Store, on_store};
use crate::domain::EmployeeId;

#[derive(Clone, sqlx::FromRow)]
pub struct SessionRecord {
    #[sqlx(try_from = "String")]
    pub employee_id: EmployeeId,
    /// The handle My account lists it by.
    pub public_id: String,
    /// The device it signed in from, as stored.
    pub user_agent: Option<String>,
    pub client_address: Option<String>,
    pub first_name: String,
    pub previous_sign_in_at: Option<i64>,
    pub idle_expires_at: i64,
    pub absolute_expires_at: i64,
    /// How long it may idle (an agent's is shorter); none for sessions
    /// opened before idle timeouts were stored, which idle as an employee's.
    pub idle_secs: Option<i64>,
    /// When the employee last proved who they are on it: the sign-in, or a
    /// later step-up in My account.
    pub authenticated_at: i64,
    /// When the session last proved, by a one-time PIN sent after the
    /// sign-in, that it may change what recovers the account; none once a
    /// change spent it.
    pub recovery_proof_at: Option<i64>,
}

impl SessionRecord {
    pub fn is_live(&self, now: i64) -> bool {
        now < self.idle_expires_at && now < self.absolute_expires_at
    }
}

/// A session being opened, with the device it is opened from.
pub struct NewSession<'a> {
    /// The SHA-256 of the cookie.
    pub token_hash: &'a [u8],
    /// The handle My account lists and ends it by.
    pub public_id: &'a str,
    pub employee_id: &'a str,
    pub previous_sign_in_at: Option<i64>,
    pub user_agent: Option<&'a str>,
    pub client_address: &'a str,
    pub now: i64,
    pub idle_expires_at: i64,
    pub absolute_expires_at: i64,
    /// How long it may idle: an agent's is shorter than an employee's.
    pub idle_secs: i64,
}

/// A live session as My account lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionSummary {
    pub public_id: String,
    pub user_agent: Option<String>,
    pub client_address: Option<String>,
    pub created_at: i64,
    pub last_active_at: Option<i64>,
}

impl Store {
    pub async fn create_session(&self, session: &NewSession<'_>) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO sessions (token_hash, public_id, employee_id, created_at,
                previous_sign_in_at, user_agent, client_address, last_active_at,
                idle_expires_at, absolute_expires_at, idle_secs)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $4, $8, $9, $10)";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(session.token_hash)
                .bind(session.public_id)
                .bind(session.employee_id)
                .bind(session.now)
                .bind(session.previous_sign_in_at)
                .bind(session.user_agent)
                .bind(session.client_address)
                .bind(session.idle_expires_at)
                .bind(session.absolute_expires_at)
                .bind(session.idle_secs)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    /// The employee's sessions that are live at `now`, the latest active first.
    pub async fn live_sessions(
        &self,
        employee_id: &str,
        now: i64,
    ) -> Result<Vec<SessionSummary>, sqlx::Error> {
        const SQL: &str = "
            SELECT public_id, user_agent, client_address, created_at, last_active_at
            FROM sessions
            WHERE employee_id = $1 AND idle_expires_at > $2 AND absolute_expires_at > $2
            ORDER BY COALESCE(last_active_at, created_at) DESC, created_at DESC";
        on_store!(self, |pool| {
            sqlx::query_as::<_, SessionSummary>(SQL)
                .bind(employee_id)
                .bind(now)
                .fetch_all(pool)
                .await
        })
    }

    /// Ends the employee's session `public_id`. Returns whether one ended:
    /// another employee's id ends nothing.
    pub async fn end_session_of(
        &self,
        employee_id: &str,
        public_id: &str,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "DELETE FROM sessions WHERE employee_id = $1 AND public_id = $2";
        let ended = on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(employee_id)
                .bind(public_id)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(ended > 0)
    }

    /// Ends every session of the employee but `keep`; returns how many ended.
    pub async fn end_other_sessions(
        &self,
        employee_id: &str,
        keep: &[u8],
    ) -> Result<u64, sqlx::Error> {
        const SQL: &str = "DELETE FROM sessions WHERE employee_id = $1 AND token_hash <> $2";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(employee_id)
                .bind(keep)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })
    }

    pub async fn find_session(
        &self,
        token_hash: &[u8],
    ) -> Result<Option<SessionRecord>, sqlx::Error> {
        const SQL: &str = "
            SELECT s.employee_id, COALESCE(s.public_id, '') AS public_id, s.user_agent,
                   s.client_address, e.first_name, s.previous_sign_in_at, s.idle_expires_at,
                   s.absolute_expires_at, s.idle_secs,
                   CASE WHEN s.stepped_up_at > s.created_at THEN s.stepped_up_at
                        ELSE s.created_at END AS authenticated_at,
                   s.recovery_proof_at
            FROM sessions s JOIN employees e ON e.employee_id = s.employee_id
            WHERE s.token_hash = $1";
        on_store!(self, |pool| {
            sqlx::query_as::<_, SessionRecord>(SQL)
                .bind(token_hash)
                .fetch_optional(pool)
                .await
        })
    }

    /// Activity at `now`: the idle deadline moves, never past the absolute one.
    pub async fn extend_session(
        &self,
        token_hash: &[u8],
        now: i64,
        idle_expires_at: i64,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            UPDATE sessions SET idle_expires_at = CASE
                WHEN $2 < absolute_expires_at THEN $2 ELSE absolute_expires_at END,
                last_active_at = $3
            WHERE token_hash = $1";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(token_hash)
                .bind(idle_expires_at)
                .bind(now)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    /// The employee proved who they are again on this session at `now`;
    /// by a one-time PIN (`for_recovery`), which also lets the session make
    /// one change of what recovers the account.
    pub async fn mark_stepped_up(
        &self,
        token_hash: &[u8],
        now: i64,
        for_recovery: bool,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            UPDATE sessions SET stepped_up_at = $2,
                recovery_proof_at = CASE WHEN $3 THEN $2 ELSE recovery_proof_at END
            WHERE token_hash = $1";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(token_hash)
                .bind(now)
                .bind(for_recovery)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    /// Spends the session's recovery proof if it was made at or after
    /// `made_since`: one conditional UPDATE, so of any number of changes
    /// racing on one proof exactly one gets it. Answers whether this one did.
    pub async fn spend_recovery_proof(
        &self,
        token_hash: &[u8],
        made_since: i64,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "
            UPDATE sessions SET recovery_proof_at = NULL
            WHERE token_hash = $1 AND recovery_proof_at >= $2";
        let spent = on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(token_hash)
                .bind(made_since)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(spent == 1)
    }

    pub async fn delete_session(&self, token_hash: &[u8]) -> Result<Option<String>, sqlx::Error> {
        const SQL: &str = "DELETE FROM sessions WHERE token_hash = $1 RETURNING employee_id";
        on_store!(self, |pool| {
            sqlx::query_scalar::<_, String>(SQL)
                .bind(token_hash)
                .fetch_optional(pool)
                .await
        })
    }
}
