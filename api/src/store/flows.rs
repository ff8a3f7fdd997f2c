//! Flows: a sign-in, recovery or registration in progress, bound to the browser
//! that started it by the hash of its flow cookie.

use super::{Store, on_store};

/// What a flow is for; a flow ID of one kind is never accepted by another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowKind {
    Login,
    Recovery,
    Registration,
}

impl FlowKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FlowKind::Login => "login",
            FlowKind::Recovery => "recovery",
            FlowKind::Registration => "registration",
        }
    }
}

#[derive(Clone, sqlx::FromRow)]
pub struct FlowRecord {
    pub flow_id: String,
    pub kind: String,
    pub cookie_hash: Vec<u8>,
    pub employee_id: String,
    pub completed: i64,
    pub sends: i64,
    pub last_sent_at: Option<i64>,
    /// Recovery: how the employee proved who they are, once they have.
    pub verified_by: Option<String>,
    /// Recovery: the challenge question ids this flow asks, comma-separated.
    pub questions: Option<String>,
    pub expires_at: i64,
}

impl FlowRecord {
    /// Not finished and not expired.
    pub fn is_live(&self, now: i64) -> bool {
        self.completed == 0 && self.expires_at > now
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
    pub expires_at: i64,
}

impl Store {
    pub async fn create_flow(&self, flow: NewFlow<'_>, now: i64) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO flows (flow_id, kind, cookie_hash, employee_id, questions, created_at,
                expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(flow.flow_id)
                .bind(flow.kind.as_str())
                .bind(flow.cookie_hash)
                .bind(flow.employee_id)
                .bind(flow.questions)
                .bind(now)
                .bind(flow.expires_at)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    pub async fn find_flow(&self, flow_id: &str) -> Result<Option<FlowRecord>, sqlx::Error> {
        const SQL: &str = "
            SELECT flow_id, kind, cookie_hash, employee_id, completed, sends, last_sent_at,
                verified_by, questions, expires_at
            FROM flows WHERE flow_id = $1";
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
