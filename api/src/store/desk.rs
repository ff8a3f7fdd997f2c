//! What the Technical Support Center's desk reads: an employee found by ID,
//! email or mobile number, and their audit trail.

use super::{EmployeeRecord, Store, on_store};

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
                   email, email_verified, status, last_sign_in_at, reported_at, language
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
