//! Who works the Technical Support Center's desk. A grant or a revocation
//! ends the employee's sessions in the same transaction, so every session an
//! agent holds began as an agent's does (a one-time PIN, the shorter idle
//! timeout) and a revoked agent holds none; it is audited there too.

use super::sessions::{Ending, SessionEnd, end_sessions};
use super::{Store, on_store};
use crate::domain::roles::Role;

/// A role as `role list` prints it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RoleGrant {
    pub employee_id: String,
    pub first_name: String,
    pub last_name: String,
    pub role: String,
    pub granted_at: i64,
}

#[derive(Clone, Copy)]
enum RoleChange {
    Grant,
    Revoke,
}

impl RoleChange {
    fn audit_kind(self) -> &'static str {
        match self {
            RoleChange::Grant => "role_granted",
            RoleChange::Revoke => "role_revoked",
        }
    }
}

const AUDIT: &str = "
    INSERT INTO audit_events (at, kind, employee_id, client_address, detail)
    VALUES ($1, $2, $3, 'admin', $4)";

impl Store {
    /// The roles of `employee_id` (none for an unknown one).
    pub async fn roles_of(&self, employee_id: &str) -> Result<Vec<Role>, sqlx::Error> {
        const SQL: &str = "SELECT role FROM employee_roles WHERE employee_id = $1 ORDER BY role";
        let names: Vec<String> = on_store!(self, |pool| {
            sqlx::query_scalar(SQL)
                .bind(employee_id)
                .fetch_all(pool)
                .await
        })?;
        Ok(names.iter().filter_map(|name| name.parse().ok()).collect())
    }

    /// Grants `role`; false when the employee already had it (nothing
    /// changes then). An unknown employee is a foreign-key error.
    pub async fn grant_role(
        &self,
        employee_id: &str,
        role: Role,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        self.change_role(RoleChange::Grant, employee_id, role, now)
            .await
    }

    /// Revokes `role`; false when the employee did not have it.
    pub async fn revoke_role(
        &self,
        employee_id: &str,
        role: Role,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        self.change_role(RoleChange::Revoke, employee_id, role, now)
            .await
    }

    /// Makes `change`; when it changed a row, ends the employee's sessions
    /// and audits it, all in one transaction.
    async fn change_role(
        &self,
        change: RoleChange,
        employee_id: &str,
        role: Role,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        const GRANT: &str = "
            INSERT INTO employee_roles (employee_id, role, granted_at) VALUES ($1, $2, $3)
            ON CONFLICT (employee_id, role) DO NOTHING";
        const REVOKE: &str = "DELETE FROM employee_roles WHERE employee_id = $1 AND role = $2";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            let query = match change {
                RoleChange::Grant => sqlx::query(GRANT)
                    .bind(employee_id)
                    .bind(role.as_str())
                    .bind(now),
                RoleChange::Revoke => sqlx::query(REVOKE).bind(employee_id).bind(role.as_str()),
            };
            let changed = query.execute(&mut *transaction).await?.rows_affected() == 1;
            if changed {
                end_sessions!(
                    &mut *transaction,
                    employee_id,
                    Ending::All,
                    SessionEnd::RoleChanged
                );
                sqlx::query(AUDIT)
                    .bind(now)
                    .bind(change.audit_kind())
                    .bind(employee_id)
                    .bind(role.as_str())
                    .execute(&mut *transaction)
                    .await?;
            }
            transaction.commit().await?;
            Ok(changed)
        })
    }

    /// Every role granted, by employee.
    pub async fn list_roles(&self) -> Result<Vec<RoleGrant>, sqlx::Error> {
        const SQL: &str = "
            SELECT r.employee_id, e.first_name, e.last_name, r.role, r.granted_at
            FROM employee_roles r JOIN employees e ON e.employee_id = r.employee_id
            ORDER BY r.employee_id, r.role";
        on_store!(self, |pool| {
            sqlx::query_as::<_, RoleGrant>(SQL).fetch_all(pool).await
        })
    }
}
