//! Flows: a sign-in, recovery, registration or My account change in progress,
//! bound to the browser that started it by the hash of its flow cookie (for
//! My account, its session cookie).

use sha2::{Digest, Sha256};

use super::{EmployeeRecord, Store, on_store};
use crate::domain::EmployeeId;

/// The facts a flow is bound to: the digest of its employee's status and PIN
/// hash when it opened, and whether a sign-in was reported (or of "no
/// employee"). A flow whose employee was disabled, activated, whose PIN
/// changed, or who said a sign-in "wasn't me" since cannot be finished.
pub fn facts_of(employee: Option<&EmployeeRecord>) -> Vec<u8> {
    digest_facts(
        employee.map(|employee| employee.status.as_str()),
        employee.and_then(|employee| employee.pin_hash.as_deref()),
        employee.is_some_and(EmployeeRecord::is_reported),
    )
}

fn digest_facts(status: Option<&str>, pin_hash: Option<&str>, reported: bool) -> Vec<u8> {
    let mut digest = Sha256::new();
    match status {
        Some(status) => {
            digest.update(b"employee\0");
            digest.update(status.as_bytes());
            digest.update(b"\0");
            digest.update(pin_hash.unwrap_or("").as_bytes());
            // Only when set, so the digests of flows open at an upgrade hold.
            if reported {
                digest.update(b"\0reported");
            }
        }
        None => digest.update(b"no employee"),
    }
    digest.finalize().to_vec()
}

/// What a flow is for; a flow ID of one kind is never accepted by another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowKind {
    Login,
    Recovery,
    Registration,
    /// A one-time PIN sent from My account: to step up, or to a new contact.
    Account,
}

/// A kind the schema's CHECK constraint does not allow.
#[derive(Debug, thiserror::Error)]
#[error("not a flow kind: {0:?}")]
pub struct UnknownFlowKind(String);

impl TryFrom<String> for FlowKind {
    type Error = UnknownFlowKind;

    fn try_from(stored: String) -> Result<Self, Self::Error> {
        match stored.as_str() {
            "login" => Ok(FlowKind::Login),
            "recovery" => Ok(FlowKind::Recovery),
            "registration" => Ok(FlowKind::Registration),
            "account" => Ok(FlowKind::Account),
            _ => Err(UnknownFlowKind(stored)),
        }
    }
}

impl FlowKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FlowKind::Login => "login",
            FlowKind::Recovery => "recovery",
            FlowKind::Registration => "registration",
            FlowKind::Account => "account",
        }
    }
}

#[derive(Clone, sqlx::FromRow)]
pub struct FlowRecord {
    pub flow_id: String,
    #[sqlx(try_from = "String")]
    pub kind: FlowKind,
    pub cookie_hash: Vec<u8>,
    #[sqlx(try_from = "String")]
    pub employee_id: EmployeeId,
    pub completed: i64,
    pub sends: i64,
    pub last_sent_at: Option<i64>,
    /// Recovery: how the employee proved who they are, once they have.
    pub verified_by: Option<String>,
    /// Recovery: the challenge question ids this flow asks, comma-separated.
    pub questions: Option<String>,
    /// Account: what the code is for ([`AccountPurpose`]).
    pub purpose: Option<String>,
    /// Account: the new contact the code went to.
    pub destination: Option<String>,
    pub expires_at: i64,
    /// [`facts_of`] the employee when the flow opened.
    pub bound_to: Option<Vec<u8>>,
    /// The employee's status, PIN hash and report now (none: no such employee).
    pub employee_status: Option<String>,
    pub employee_pin_hash: Option<String>,
    pub employee_reported_at: Option<i64>,
}

impl FlowRecord {
    /// Not finished, not expired, and its employee is as they were when it
    /// opened (not disabled since, the same PIN).
    pub fn is_live(&self, now: i64) -> bool {
        let facts = digest_facts(
            self.employee_status.as_deref(),
            self.employee_pin_hash.as_deref(),
            self.employee_reported_at.is_some(),
        );
        self.completed == 0 && self.expires_at > now && self.bound_to.as_deref() == Some(&facts)
    }

    pub fn question_ids(&self) -> Vec<&str> {
        self.questions
            .as_deref()
            .map(|ids| ids.split(',').filter(|id| !id.is_empty()).collect())
            .unwrap_or_default()
    }
}

/// A flow about to be stored.
pub struct NewFlow<'a> {
    pub kind: FlowKind,
    pub flow_id: &'a str,
    pub cookie_hash: &'a [u8],
    pub employee_id: &'a str,
    pub questions: Option<&'a str>,
    /// Account flows: what for, and the new contact (see [`FlowRecord`]).
    pub purpose: Option<AccountPurpose>,
    pub destination: Option<&'a str>,
    pub expires_at: i64,
    /// [`facts_of`] the employee as the flow opens.
    pub bound_to: &'a [u8],
}

/// What a My account one-time PIN is for: a step-up, or verifying a new
/// mobile number or email address (stored as the channel's name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountPurpose {
    StepUp,
    Contact(crate::courier::Channel),
}

impl AccountPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountPurpose::StepUp => "step_up",
            AccountPurpose::Contact(channel) => channel.as_str(),
        }
    }
}

impl FlowRecord {
    /// What an account flow's code is for; `None` for any other flow.
    pub fn account_purpose(&self) -> Option<AccountPurpose> {
        use crate::courier::Channel;
        match self.purpose.as_deref()? {
            "step_up" => Some(AccountPurpose::StepUp),
            "sms" => Some(AccountPurpose::Contact(Channel::Sms)),
            "email" => Some(AccountPurpose::Contact(Channel::Email)),
            _ => None,
        }
    }
}

/// The columns of a [`FlowRecord`], from `flows f` and its employee.
macro_rules! flow_select {
    () => {
        "SELECT f.flow_id, f.kind, f.cookie_hash, f.employee_id, f.completed, f.sends,
            f.last_sent_at, f.verified_by, f.questions, f.purpose, f.destination,
            f.expires_at, f.bound_to, e.status AS employee_status,
            e.pin_hash AS employee_pin_hash, e.reported_at AS employee_reported_at
        FROM flows f LEFT JOIN employees e ON e.employee_id = f.employee_id"
    };
}

impl Store {
    /// The session's latest unfinished My account flow for `purpose`, live
    /// or not (a send reuses a live one, so its resend gap holds).
    pub async fn find_account_flow(
        &self,
        session_hash: &[u8],
        purpose: AccountPurpose,
    ) -> Result<Option<FlowRecord>, sqlx::Error> {
        const SQL: &str = concat!(
            flow_select!(),
            " WHERE f.cookie_hash = $1 AND f.purpose = $2 AND f.kind = 'account'
                AND f.completed = 0
            ORDER BY f.created_at DESC LIMIT 1"
        );
        on_store!(self, |pool| {
            sqlx::query_as::<_, FlowRecord>(SQL)
                .bind(session_hash)
                .bind(purpose.as_str())
                .fetch_optional(pool)
                .await
        })
    }

    pub async fn create_flow(&self, flow: NewFlow<'_>, now: i64) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO flows (flow_id, kind, cookie_hash, employee_id, questions, created_at,
                expires_at, bound_to, purpose, destination)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(flow.flow_id)
                .bind(flow.kind.as_str())
                .bind(flow.cookie_hash)
                .bind(flow.employee_id)
                .bind(flow.questions)
                .bind(now)
                .bind(flow.expires_at)
                .bind(flow.bound_to)
                .bind(flow.purpose.map(AccountPurpose::as_str))
                .bind(flow.destination)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    pub async fn find_flow(&self, flow_id: &str) -> Result<Option<FlowRecord>, sqlx::Error> {
        const SQL: &str = concat!(flow_select!(), " WHERE f.flow_id = $1");
        on_store!(self, |pool| {
            sqlx::query_as::<_, FlowRecord>(SQL)
                .bind(flow_id)
                .fetch_optional(pool)
                .await
        })
    }

    /// Marks the flow done; false when it already was (a replayed request).
    pub async fn complete_flow(&self, flow_id: &str) -> Result<bool, sqlx::Error> {
        const SQL: &str = "UPDATE flows SET completed = 1 WHERE flow_id = $1 AND completed = 0";
        let done = on_store!(self, |pool| sqlx::query(SQL)
            .bind(flow_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(done == 1)
    }

    /// Records that the employee proved who they are by `method`, and gives the
    /// flow its new deadline. False when the flow was verified already.
    pub async fn mark_flow_verified(
        &self,
        flow_id: &str,
        method: &str,
        expires_at: i64,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "
            UPDATE flows SET verified_by = $2, expires_at = $3
            WHERE flow_id = $1 AND completed = 0 AND verified_by IS NULL";
        let done = on_store!(self, |pool| sqlx::query(SQL)
            .bind(flow_id)
            .bind(method)
            .bind(expires_at)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(done == 1)
    }
}
