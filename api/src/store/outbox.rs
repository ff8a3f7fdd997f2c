//! The dev outbox: in demo mode, every message "sent" is kept here and listed
//! by `GET /api/v1/dev/outbox`, so people and tests can read the codes.

use super::{Store, on_store};

#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct DevMessage {
    pub channel: String,
    pub destination: String,
    pub employee_id: String,
    pub code: Option<String>,
    pub body: String,
    pub created_at: i64,
}

impl Store {
    pub async fn put_dev_message(&self, message: &DevMessage) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO dev_outbox (created_at, channel, destination, employee_id, code, body)
            VALUES ($1, $2, $3, $4, $5, $6)";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(message.created_at)
                .bind(&message.channel)
                .bind(&message.destination)
                .bind(&message.employee_id)
                .bind(&message.code)
                .bind(&message.body)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    /// Newest first.
    pub async fn dev_messages(&self, limit: i64) -> Result<Vec<DevMessage>, sqlx::Error> {
        const SQL: &str = "
            SELECT channel, destination, employee_id, code, body, created_at
            FROM dev_outbox ORDER BY id DESC LIMIT $1";
        on_store!(self, |pool| sqlx::query_as::<_, DevMessage>(SQL)
            .bind(limit)
            .fetch_all(pool)
            .await)
    }
}
