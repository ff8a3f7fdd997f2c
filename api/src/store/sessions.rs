//! Sessions, stored by the SHA-256 of their cookie, with idle and absolute
//! expiry, and listed for My account by a public id with the device they
//! were opened from.

use super::{Store, on_store};
use crate::domain::EmployeeId;

/// Why sessions end. Every end of a session names one and passes through
/// [`end_sessions!`] (or, for the two ends that name no employee, this
/// module's sign-out by cookie and [`SWEEP_EXPIRED`]): what must follow
/// every end (single sign-on's logouts) has one place to hang on, and a
/// unit test (`architecture.rs`) holds that no other code deletes a
/// session row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionEnd {
    /// The employee signed out, or the session was found expired.
    SignedOut,
    /// My account signed out one other session, or all the others.
    SignedOutThere,
    /// The PIN changed: every session but the one that changed it.
    PinChanged,
    /// The PIN was reset.
    PinReset,
    /// "This wasn't me".
    Reported,
    /// The desk signed the employee out everywhere, or disabled them.
    Desk,
    /// The admin CLI disabled the employee.
    Disabled,
    /// A role was granted or revoked.
    RoleChanged,
}

/// Which of an employee's sessions end.
#[derive(Clone, Copy, Debug)]
pub enum Ending<'a> {
    All,
    /// Every one but the session of this token hash.
    AllBut(&'a [u8]),
    /// The one of this public id.
    One(&'a str),
}

pub(super) const END_ALL: &str = "DELETE FROM sessions WHERE employee_id = $1";
pub(super) const END_ALL_BUT: &str =
    "DELETE FROM sessions WHERE employee_id = $1 AND token_hash <> $2";
pub(super) const END_ONE: &str = "DELETE FROM sessions WHERE employee_id = $1 AND public_id = $2";
/// The hourly sweep of sessions over at `$1` (the housekeeping's).
pub(super) const SWEEP_EXPIRED: &str =
    "DELETE FROM sessions WHERE idle_expires_at <= $1 OR absolute_expires_at <= $1";

/// Ends `$which` ([`Ending`]) sessions of `$employee_id` on `$executor` (a
/// transaction, when the end comes with a change) for `$why`
/// ([`SessionEnd`]); evaluates to how many ended.
macro_rules! end_sessions {
    ($executor:expr, $employee_id:expr, $which:expr, $why:expr) => {{
        let which: $crate::store::sessions::Ending<'_> = $which;
        let query = match which {
            $crate::store::sessions::Ending::All => {
                sqlx::query($crate::store::sessions::END_ALL).bind($employee_id)
            }
            $crate::store::sessions::Ending::AllBut(keep) => {
                sqlx::query($crate::store::sessions::END_ALL_BUT)
                    .bind($employee_id)
                    .bind(keep)
            }
            $crate::store::sessions::Ending::One(public_id) => {
                sqlx::query($crate::store::sessions::END_ONE)
                    .bind($employee_id)
                    .bind(public_id)
            }
        };
        let ended = query.execute($executor).await?.rows_affected();
        $crate::store::sessions::ended($employee_id, which, $why, ended);
        ended
    }};
}
pub(super) use end_sessions;

/// Records that sessions ended, in the log (the audit trail has the event
/// that caused it).
pub(super) fn ended(employee_id: &str, which: Ending<'_>, why: SessionEnd, count: u64) {
    if count > 0 {
        let which = match which {
            Ending::All => "all",
            Ending::AllBut(_) => "all but this one",
            Ending::One(_) => "one",
        };
        tracing::info!(employee_id, which, why = ?why, count, "sessions ended");
    }
}

/// Ends the session of the cookie `token_hash` (signed out, or found
/// expired); the employee whose it was.
const END_BY_TOKEN: &str = "DELETE FROM sessions WHERE token_hash = $1 RETURNING employee_id";

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
        let ended = on_store!(self, |pool| {
            Ok::<_, sqlx::Error>(end_sessions!(
                pool,
                employee_id,
                Ending::One(public_id),
                SessionEnd::SignedOutThere
            ))
        })?;
        Ok(ended > 0)
    }

    /// Ends every session of the employee but `keep`; returns how many ended.
    pub async fn end_other_sessions(
        &self,
        employee_id: &str,
        keep: &[u8],
    ) -> Result<u64, sqlx::Error> {
        on_store!(self, |pool| {
            Ok(end_sessions!(
                pool,
                employee_id,
                Ending::AllBut(keep),
                SessionEnd::SignedOutThere
            ))
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
        let ended = on_store!(self, |pool| {
            sqlx::query_scalar::<_, String>(END_BY_TOKEN)
                .bind(token_hash)
                .fetch_optional(pool)
                .await
        })?;
        if let Some(employee_id) = &ended {
            tracing::info!(employee_id, why = ?SessionEnd::SignedOut, "session ended");
        }
        Ok(ended)
    }
}
