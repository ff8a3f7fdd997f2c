//! Sessions, stored by the SHA-256 of their cookie, with idle and absolute expiry.

use super::{Store, on_store};
use crate::domain::EmployeeId;

#[derive(Clone, sqlx::FromRow)]
pub struct SessionRecord {
    #[sqlx(try_from = "String")]
    pub employee_id: EmployeeId,
    pub first_name: String,
    pub previous_sign_in_at: Option<i64>,
    pub idle_expires_at: i64,
    pub absolute_expires_at: i64,
}

impl SessionRecord {
    pub fn is_live(&self, now: i64) -> bool {
        now < self.idle_expires_at && now < self.absolute_expires_at
    }
}

impl Store {
    pub async fn create_session(
        &self,
        token_hash: &[u8],
        employee_id: &str,
        previous_sign_in_at: Option<i64>,
        now: i64,
        idle_expires_at: i64,
        absolute_expires_at: i64,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO sessions (token_hash, employee_id, created_at, previous_sign_in_at,
                idle_expires_at, absolute_expires_at)
            VALUES ($1, $2, $3, $4, $5, $6)";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(token_hash)
                .bind(employee_id)
                .bind(now)
                .bind(previous_sign_in_at)
                .bind(idle_expires_at)
                .bind(absolute_expires_at)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    pub async fn find_session(
        &self,
        token_hash: &[u8],
    ) -> Result<Option<SessionRecord>, sqlx::Error> {
        const SQL: &str = "
            SELECT s.employee_id, e.first_name, s.previous_sign_in_at, s.idle_expires_at,
                   s.absolute_expires_at
            FROM sessions s JOIN employees e ON e.employee_id = s.employee_id
            WHERE s.token_hash = $1";
        on_store!(self, |pool| {
            sqlx::query_as::<_, SessionRecord>(SQL)
                .bind(token_hash)
                .fetch_optional(pool)
                .await
        })
    }

    /// Activity: the idle deadline moves, never past the absolute one.
    pub async fn extend_session(
        &self,
        token_hash: &[u8],
        idle_expires_at: i64,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            UPDATE sessions SET idle_expires_at = CASE
                WHEN $2 < absolute_expires_at THEN $2 ELSE absolute_expires_at END
            WHERE token_hash = $1";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(token_hash)
                .bind(idle_expires_at)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(())
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
