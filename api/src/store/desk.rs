//! What the Technical Support Center's desk reads: an employee found by ID,
//! email or mobile number, and their audit trail.

use super::contacts::ChannelColumn;
use super::outbox::queue_messages;
use super::sessions::{Ending, SessionEnd, end_sessions};
use super::{AuditKind, EmployeeRecord, NewMessage, Store, on_store};

/// An audit event as the desk lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DeskEventRecord {
    pub at: i64,
    pub kind: String,
    pub client_address: Option<String>,
    pub user_agent: Option<String>,
    pub detail: Option<String>,
}

impl Store {
    /// The employee whose ID, email address (in any case) or mobile number is
    /// `query`; the lowest ID when a contact is shared.
    pub async fn find_employee_for_desk(
        &self,
        query: &str,
    ) -> Result<Option<EmployeeRecord>, sqlx::Error> {
        const SQL: &str = "
            SELECT employee_id, first_name, last_name, pin_hash, mobile, mobile_verified,
                   email, email_verified, status, last_sign_in_at, reported_at, language,
                   mobile_settles_at, email_settles_at
            FROM employees
            WHERE employee_id = $1 OR lower(email) = lower($1) OR mobile = $1
            ORDER BY employee_id LIMIT 1";
        on_store!(self, |pool| {
            sqlx::query_as::<_, EmployeeRecord>(SQL)
                .bind(query)
                .fetch_optional(pool)
                .await
        })
    }

    /// The employee's last `limit` audit events, the newest first.
    pub async fn desk_events(
        &self,
        employee_id: &str,
        limit: i64,
    ) -> Result<Vec<DeskEventRecord>, sqlx::Error> {
        const SQL: &str = "
            SELECT at, kind, client_address, user_agent, detail FROM audit_events
            WHERE employee_id = $1 ORDER BY id DESC LIMIT $2";
        on_store!(self, |pool| {
            sqlx::query_as::<_, DeskEventRecord>(SQL)
                .bind(employee_id)
                .bind(limit)
                .fetch_all(pool)
                .await
        })
    }
}

/// A code the desk sent, not yet read back.
#[derive(Clone, sqlx::FromRow)]
pub struct DeskCodeRecord {
    pub verification_id: String,
    #[sqlx(try_from = "String")]
    pub channel: ChannelColumn,
    pub code_hash: Vec<u8>,
}

/// A verification that holds: the caller read back the code.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DeskVerificationRecord {
    pub verification_id: String,
    #[sqlx(try_from = "String")]
    pub channel: ChannelColumn,
    pub verified_until: i64,
}

/// A verification code about to be stored, with its message.
pub struct NewDeskCode<'a> {
    pub verification_id: &'a str,
    pub agent_id: &'a str,
    pub employee_id: &'a str,
    pub channel: &'a str,
    pub code_hash: &'a [u8],
    pub now: i64,
    pub expires_at: i64,
    pub message: &'a NewMessage,
}

/// What a desk action changes, besides its audit event, notices and count.
pub enum DeskChange<'a> {
    /// Ends the sign-in lock that failed attempts set.
    Unlock,
    /// Ends every session and forgets every remembered and known device.
    ForgetDevices,
    /// Replaces the registration code of a pending employee.
    RegistrationCode {
        code_hash: &'a [u8],
        expires_at: i64,
    },
    /// Disables the employee, ending their sessions and forgetting devices.
    Disable,
    /// Enables a disabled employee again: active with a PIN, else pending.
    Enable,
    /// Stores a PIN-reset link (its token's hash) sent to `channel`.
    ResetLink {
        token_hash: &'a [u8],
        channel: &'a str,
        expires_at: i64,
    },
}

/// Who did a desk action, on whom, on what proof, from where; and what it
/// records and tells.
pub struct DeskRecord<'a> {
    pub agent_id: &'a str,
    pub employee_id: &'a str,
    /// The verification it rests on; `None` only for a lead's disable.
    pub verification_id: Option<&'a str>,
    pub address: &'a str,
    pub audit_kind: AuditKind,
    pub detail: &'a str,
    pub counter: &'a str,
    pub notices: &'a [NewMessage],
    pub now: i64,
}

const FORGET_REMEMBERED: &str = "DELETE FROM remembered_devices WHERE employee_id = $1";
const FORGET_KNOWN: &str = "DELETE FROM known_devices WHERE employee_id = $1";
const UNLOCK: &str = "DELETE FROM attempt_limits WHERE scope = 'employee_id' AND subject = $1";
const COUNT: &str = "
    INSERT INTO desk_counters (name, total) VALUES ($1, 1)
    ON CONFLICT (name) DO UPDATE SET total = desk_counters.total + 1";

impl Store {
    /// Stores a verification code, spending the pair's earlier unread ones,
    /// and queues its message, in one transaction.
    pub async fn put_desk_code(&self, code: &NewDeskCode<'_>) -> Result<(), sqlx::Error> {
        const SPEND_EARLIER: &str = "
            UPDATE desk_verifications SET used = 1
            WHERE agent_id = $1 AND employee_id = $2 AND used = 0";
        const INSERT: &str = "
            INSERT INTO desk_verifications (verification_id, agent_id, employee_id, channel,
                code_hash, sent_at, code_expires_at, used, verified_until)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 0, NULL)";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            sqlx::query(SPEND_EARLIER)
                .bind(code.agent_id)
                .bind(code.employee_id)
                .execute(&mut *transaction)
                .await?;
            sqlx::query(INSERT)
                .bind(code.verification_id)
                .bind(code.agent_id)
                .bind(code.employee_id)
                .bind(code.channel)
                .bind(code.code_hash)
                .bind(code.now)
                .bind(code.expires_at)
                .execute(&mut *transaction)
                .await?;
            sqlx::query(COUNT)
                .bind("verification_sent")
                .execute(&mut *transaction)
                .await?;
            queue_messages!(transaction, std::iter::once(code.message));
            transaction.commit().await
        })
    }

    /// When the agent last sent the employee a verification code.
    pub async fn last_desk_send(
        &self,
        agent_id: &str,
        employee_id: &str,
    ) -> Result<Option<i64>, sqlx::Error> {
        const SQL: &str = "
            SELECT MAX(sent_at) FROM desk_verifications WHERE agent_id = $1 AND employee_id = $2";
        on_store!(self, |pool| {
            sqlx::query_scalar::<_, Option<i64>>(SQL)
                .bind(agent_id)
                .bind(employee_id)
                .fetch_one(pool)
                .await
        })
    }

    /// The agent's live, unread code for the employee.
    pub async fn desk_code(
        &self,
        agent_id: &str,
        employee_id: &str,
        now: i64,
    ) -> Result<Option<DeskCodeRecord>, sqlx::Error> {
        const SQL: &str = "
            SELECT verification_id, channel, code_hash FROM desk_verifications
            WHERE agent_id = $1 AND employee_id = $2 AND used = 0 AND code_expires_at > $3
            ORDER BY sent_at DESC LIMIT 1";
        on_store!(self, |pool| {
            sqlx::query_as::<_, DeskCodeRecord>(SQL)
                .bind(agent_id)
                .bind(employee_id)
                .bind(now)
                .fetch_optional(pool)
                .await
        })
    }

    /// The code was read back right: it is spent and the verification holds
    /// until `until`. False when it was spent already (a race) or expired.
    pub async fn pass_desk_verification(
        &self,
        verification_id: &str,
        now: i64,
        until: i64,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "
            UPDATE desk_verifications SET used = 1, verified_until = $3
            WHERE verification_id = $1 AND used = 0 AND code_expires_at > $2";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            let done = sqlx::query(SQL)
                .bind(verification_id)
                .bind(now)
                .bind(until)
                .execute(&mut *transaction)
                .await?
                .rows_affected();
            if done == 1 {
                sqlx::query(COUNT)
                    .bind("verification_passed")
                    .execute(&mut *transaction)
                    .await?;
            }
            transaction.commit().await?;
            Ok(done == 1)
        })
    }

    /// Ends the agent's verification of the employee now (the call is over),
    /// with any code still unread; false when none held.
    pub async fn end_desk_verification(
        &self,
        agent_id: &str,
        employee_id: &str,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "
            UPDATE desk_verifications
            SET used = 1, verified_until = CASE WHEN verified_until > $3 THEN $3 ELSE verified_until END
            WHERE agent_id = $1 AND employee_id = $2 AND (used = 0 OR verified_until > $3)";
        let ended = on_store!(self, |pool| sqlx::query(SQL)
            .bind(agent_id)
            .bind(employee_id)
            .bind(now)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(ended > 0)
    }

    /// Counts a wrong read-back.
    pub async fn count_desk_failure(&self) -> Result<(), sqlx::Error> {
        on_store!(self, |pool| sqlx::query(COUNT)
            .bind("verification_failed")
            .execute(pool)
            .await
            .map(drop))
    }

    /// The agent's verification of the employee that holds at `now`.
    pub async fn desk_verification(
        &self,
        agent_id: &str,
        employee_id: &str,
        now: i64,
    ) -> Result<Option<DeskVerificationRecord>, sqlx::Error> {
        const SQL: &str = "
            SELECT verification_id, channel, verified_until FROM desk_verifications
            WHERE agent_id = $1 AND employee_id = $2 AND verified_until > $3
            ORDER BY verified_until DESC LIMIT 1";
        on_store!(self, |pool| {
            sqlx::query_as::<_, DeskVerificationRecord>(SQL)
                .bind(agent_id)
                .bind(employee_id)
                .bind(now)
                .fetch_optional(pool)
                .await
        })
    }

    /// A desk action, in one transaction with its audit event, its notices
    /// and its count. When it rests on a verification, the verification is
    /// checked in the transaction too: false, and nothing changed, when it
    /// no longer holds (it expired since the request began).
    pub async fn desk_act(
        &self,
        change: DeskChange<'_>,
        record: &DeskRecord<'_>,
    ) -> Result<bool, sqlx::Error> {
        // An UPDATE that changes nothing, so the transaction writes first:
        // it holds SQLite's write lock (and PostgreSQL's row lock) from the
        // start, and racing actions wait their turn instead of failing when
        // a read snapshot can no longer become a write (`SQLITE_BUSY`).
        const HOLDS: &str = "
            UPDATE desk_verifications SET verified_until = verified_until
            WHERE verification_id = $1 AND agent_id = $2 AND employee_id = $3
              AND verified_until > $4";
        const AUDIT: &str = "
            INSERT INTO audit_events (at, kind, employee_id, client_address, detail, user_agent)
            VALUES ($1, $2, $3, $4, $5, $6)";
        const PUT_CODE: &str = "
            INSERT INTO registration_codes (employee_id, code_hash, issued_at, expires_at, used_at)
            VALUES ($1, $2, $3, $4, NULL)
            ON CONFLICT (employee_id) DO UPDATE SET code_hash = $2, issued_at = $3,
                expires_at = $4, used_at = NULL";
        const PUT_LINK: &str = "
            INSERT INTO desk_reset_links (token_hash, employee_id, agent_id, channel, created_at,
                expires_at, used_at)
            VALUES ($1, $2, $3, $4, $5, $6, NULL)";
        const DISABLE: &str = "UPDATE employees SET status = 'disabled' WHERE employee_id = $1";
        const ENABLE: &str = "
            UPDATE employees
            SET status = CASE WHEN pin_hash IS NULL THEN 'pending' ELSE 'active' END
            WHERE employee_id = $1 AND status = 'disabled'";
        let user_agent = super::audit::request_user_agent();
        let id = record.employee_id;
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            if let Some(verification_id) = record.verification_id {
                let holds = sqlx::query(HOLDS)
                    .bind(verification_id)
                    .bind(record.agent_id)
                    .bind(id)
                    .bind(record.now)
                    .execute(&mut *transaction)
                    .await?
                    .rows_affected();
                if holds == 0 {
                    return Ok(false);
                }
            }
            let statements: &[&str] = match &change {
                DeskChange::Unlock => &[UNLOCK],
                DeskChange::ForgetDevices => &[FORGET_REMEMBERED, FORGET_KNOWN],
                DeskChange::RegistrationCode { .. } => &[],
                DeskChange::Disable => &[DISABLE, FORGET_REMEMBERED, FORGET_KNOWN],
                DeskChange::Enable => &[ENABLE],
                DeskChange::ResetLink { .. } => &[],
            };
            for sql in statements {
                sqlx::query(sql).bind(id).execute(&mut *transaction).await?;
            }
            if matches!(change, DeskChange::ForgetDevices | DeskChange::Disable) {
                end_sessions!(&mut *transaction, id, Ending::All, SessionEnd::Desk);
            }
            if let DeskChange::RegistrationCode {
                code_hash,
                expires_at,
            } = &change
            {
                sqlx::query(PUT_CODE)
                    .bind(id)
                    .bind(*code_hash)
                    .bind(record.now)
                    .bind(*expires_at)
                    .execute(&mut *transaction)
                    .await?;
            }
            if let DeskChange::ResetLink {
                token_hash,
                channel,
                expires_at,
            } = &change
            {
                sqlx::query(PUT_LINK)
                    .bind(*token_hash)
                    .bind(id)
                    .bind(record.agent_id)
                    .bind(*channel)
                    .bind(record.now)
                    .bind(*expires_at)
                    .execute(&mut *transaction)
                    .await?;
            }
            sqlx::query(AUDIT)
                .bind(record.now)
                .bind(record.audit_kind.as_str())
                .bind(id)
                .bind(record.address)
                .bind(record.detail)
                .bind(&user_agent)
                .execute(&mut *transaction)
                .await?;
            sqlx::query(COUNT)
                .bind(record.counter)
                .execute(&mut *transaction)
                .await?;
            queue_messages!(transaction, record.notices);
            transaction.commit().await?;
            Ok(true)
        })
    }

    /// Spends a PIN-reset link: its employee and the channel it went to, or
    /// `None` (and nothing changed) when it was used, expired or never made.
    pub async fn use_reset_link(
        &self,
        token_hash: &[u8],
        now: i64,
    ) -> Result<Option<(String, String)>, sqlx::Error> {
        const SQL: &str = "
            UPDATE desk_reset_links SET used_at = $2
            WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
            RETURNING employee_id, channel";
        on_store!(self, |pool| {
            sqlx::query_as::<_, (String, String)>(SQL)
                .bind(token_hash)
                .bind(now)
                .fetch_optional(pool)
                .await
        })
    }

    /// The desk's counters, by name.
    pub async fn desk_counters(&self) -> Result<Vec<(String, i64)>, sqlx::Error> {
        const SQL: &str = "SELECT name, total FROM desk_counters ORDER BY name";
        on_store!(self, |pool| sqlx::query_as::<_, (String, i64)>(SQL)
            .fetch_all(pool)
            .await)
    }
}
