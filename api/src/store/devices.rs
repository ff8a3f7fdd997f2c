//! Remembered devices, stored by the SHA-256 of their `__Host-device` cookie
//! and the employee they skip the one-time PIN for (one browser on a shared
//! PC may be remembered for several employees, one row each), listed for My
//! account by a public id.

use super::{Store, on_store};

/// A browser being remembered for an employee.
pub struct NewDevice<'a> {
    /// The handle My account lists and forgets it by.
    pub public_id: &'a str,
    /// The SHA-256 of the cookie.
    pub token_hash: &'a [u8],
    pub employee_id: &'a str,
    pub user_agent: Option<&'a str>,
    /// The browser family and system it counts from
    /// (`domain::user_agent::binding`).
    pub binding: &'a str,
    pub client_address: &'a str,
    pub now: i64,
    pub expires_at: i64,
}

/// A remembered device as My account lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DeviceRecord {
    pub public_id: String,
    pub token_hash: Vec<u8>,
    pub user_agent: Option<String>,
    pub client_address: Option<String>,
    pub created_at: i64,
    pub last_used_at: i64,
    pub expires_at: i64,
}

impl Store {
    /// Remembers the browser for the employee until `expires_at`; a browser
    /// remembered for them already starts a new period (it keeps its id).
    pub async fn remember_device(&self, device: &NewDevice<'_>) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO remembered_devices (public_id, token_hash, employee_id, user_agent,
                                            client_address, created_at, last_used_at, expires_at,
                                            binding)
            VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8)
            ON CONFLICT (token_hash, employee_id) DO UPDATE
            SET user_agent = excluded.user_agent, client_address = excluded.client_address,
                binding = excluded.binding,
                created_at = excluded.created_at, last_used_at = excluded.last_used_at,
                expires_at = excluded.expires_at";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(device.public_id)
                .bind(device.token_hash)
                .bind(device.employee_id)
                .bind(device.user_agent)
                .bind(device.client_address)
                .bind(device.now)
                .bind(device.expires_at)
                .bind(device.binding)
                .execute(pool)
                .await
                .map(|_| ())
        })
    }

    /// Whether `token_hash` is a device still remembered for the employee,
    /// presented from the browser family and system it was remembered on
    /// (`binding`); if so, it is marked used now. One statement, so a device
    /// forgotten (or expired) a moment ago is never used.
    pub async fn use_remembered_device(
        &self,
        token_hash: &[u8],
        binding: &str,
        employee_id: &str,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "
            UPDATE remembered_devices SET last_used_at = $3
            WHERE token_hash = $1 AND employee_id = $2 AND expires_at > $3 AND binding = $4";
        on_store!(self, |pool| {
            let updated = sqlx::query(SQL)
                .bind(token_hash)
                .bind(employee_id)
                .bind(now)
                .bind(binding)
                .execute(pool)
                .await?;
            Ok(updated.rows_affected() == 1)
        })
    }

    /// The employee's devices still remembered at `now`, the last used first.
    pub async fn remembered_devices(
        &self,
        employee_id: &str,
        now: i64,
    ) -> Result<Vec<DeviceRecord>, sqlx::Error> {
        const SQL: &str = "
            SELECT public_id, token_hash, user_agent, client_address, created_at,
                   last_used_at, expires_at
            FROM remembered_devices
            WHERE employee_id = $1 AND expires_at > $2
            ORDER BY last_used_at DESC, created_at DESC";
        on_store!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(employee_id)
                .bind(now)
                .fetch_all(pool)
                .await
        })
    }

    /// Forgets one remembered device of the employee; false when it is not
    /// theirs or was forgotten already.
    pub async fn forget_device(
        &self,
        employee_id: &str,
        public_id: &str,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str =
            "DELETE FROM remembered_devices WHERE employee_id = $1 AND public_id = $2";
        on_store!(self, |pool| {
            let deleted = sqlx::query(SQL)
                .bind(employee_id)
                .bind(public_id)
                .execute(pool)
                .await?;
            Ok(deleted.rows_affected() == 1)
        })
    }
}
