//! Flows: a sign-in in progress between the PIN and the second factor, bound to
//! the browser that started it by the hash of its `__Host-flow` cookie.

use super::{Store, on_store};

#[derive(Clone, sqlx::FromRow)]
pub struct FlowRecord {
    pub flow_id: String,
    pub cookie_hash: Vec<u8>,
    pub employee_id: String,
    pub completed: i64,
    pub sends: i64,
    pub last_sent_at: Option<i64>,
    pub expires_at: i64,
}

impl Store {
    pub async fn create_login_flow(
        &self,
        flow_id: &str,
        cookie_hash: &[u8],
        employee_id: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO flows (flow_id, kind, cookie_hash, employee_id, created_at, expires_at)
            VALUES ($1, 'login', $2, $3, $4, $5)";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(flow_id)
                .bind(cookie_hash)
                .bind(employee_id)
                .bind(now)
                .bind(expires_at)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    pub async fn find_flow(&self, flow_id: &str) -> Result<Option<FlowRecord>, sqlx::Error> {
        const SQL: &str = "
            SELECT flow_id, cookie_hash, employee_id, completed, sends, last_sent_at, expires_at
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
}
