//! Employees: who they are, their PIN hash and contact details.

use super::outbox::queue_messages;
use super::sessions::{Ending, SessionEnd, end_sessions};
use super::{NewMessage, Store, on_store};
use crate::courier::Channel;
use crate::domain::EmployeeId;

/// Where an employee stands: `pending` until they register (no PIN yet),
/// `active`, or `disabled` (by an administrator). Stored as its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmployeeStatus {
    Pending,
    Active,
    Disabled,
}

impl EmployeeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EmployeeStatus::Pending => "pending",
            EmployeeStatus::Active => "active",
            EmployeeStatus::Disabled => "disabled",
        }
    }
}

/// A status the schema's CHECK constraint does not allow.
#[derive(Debug, thiserror::Error)]
#[error("not an employee status: {0:?}")]
pub struct UnknownStatus(String);

impl TryFrom<String> for EmployeeStatus {
    type Error = UnknownStatus;

    fn try_from(stored: String) -> Result<Self, Self::Error> {
        match stored.as_str() {
            "pending" => Ok(EmployeeStatus::Pending),
            "active" => Ok(EmployeeStatus::Active),
            "disabled" => Ok(EmployeeStatus::Disabled),
            _ => Err(UnknownStatus(stored)),
        }
    }
}

impl std::fmt::Display for EmployeeStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, sqlx::FromRow)]
pub struct EmployeeRecord {
    #[sqlx(try_from = "String")]
    pub employee_id: EmployeeId,
    pub first_name: String,
    pub last_name: String,
    pub pin_hash: Option<String>,
    pub mobile: Option<String>,
    pub mobile_verified: i64,
    pub email: Option<String>,
    pub email_verified: i64,
    #[sqlx(try_from = "String")]
    pub status: EmployeeStatus,
    pub last_sign_in_at: Option<i64>,
    /// When the employee said a sign-in "wasn't me": the ID stays locked
    /// until a PIN reset by a one-time PIN clears it.
    pub reported_at: Option<i64>,
    /// The language tag the employee last used on a device they were known
    /// on: what their new-device alerts are written in.
    pub language: Option<String>,
    /// Until when a contact added or replaced in My account is settling:
    /// it receives sign-in codes and notices, but recovers nothing.
    pub mobile_settles_at: Option<i64>,
    pub email_settles_at: Option<i64>,
}

impl std::fmt::Debug for EmployeeRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmployeeRecord")
            .field("employee_id", &self.employee_id)
            .field("status", &self.status)
            .field("pin_hash", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl EmployeeRecord {
    pub fn is_active(&self) -> bool {
        self.status == EmployeeStatus::Active
    }

    /// Locked by "This wasn't me" until a PIN reset by a one-time PIN.
    pub fn is_reported(&self) -> bool {
        self.reported_at.is_some()
    }

    pub fn is_pending(&self) -> bool {
        self.status == EmployeeStatus::Pending
    }

    /// The verified mobile number, if any: only verified contacts receive codes.
    pub fn verified_mobile(&self) -> Option<&str> {
        self.mobile.as_deref().filter(|_| self.mobile_verified != 0)
    }

    pub fn verified_email(&self) -> Option<&str> {
        self.email.as_deref().filter(|_| self.email_verified != 0)
    }

    /// The verified contact on `channel`, if any.
    pub fn verified_contact(&self, channel: Channel) -> Option<&str> {
        match channel {
            Channel::Sms => self.verified_mobile(),
            Channel::Email => self.verified_email(),
        }
    }

    /// The contact on `channel` as "This wasn't me" puts it back: verified
    /// and settled, or none.
    pub fn put_back(&mut self, channel: Channel, previous: Option<String>) {
        let verified = i64::from(previous.is_some());
        match channel {
            Channel::Sms => {
                (self.mobile, self.mobile_verified, self.mobile_settles_at) =
                    (previous, verified, None)
            }
            Channel::Email => {
                (self.email, self.email_verified, self.email_settles_at) =
                    (previous, verified, None)
            }
        }
    }

    /// Until when the contact on `channel` settles, if it is still settling
    /// at `now`.
    pub fn settling_until(&self, channel: Channel, now: i64) -> Option<i64> {
        let settles_at = match channel {
            Channel::Sms => self.mobile_settles_at,
            Channel::Email => self.email_settles_at,
        };
        settles_at.filter(|settles_at| *settles_at > now)
    }

    /// The verified contacts still settling at `now`, for the API's answers.
    pub fn settling(&self, now: i64) -> Vec<upsers_contract::SettlingChannel> {
        [Channel::Sms, Channel::Email]
            .into_iter()
            .filter(|channel| self.verified_contact(*channel).is_some())
            .filter_map(|channel| {
                let settles_at = self.settling_until(channel, now)?;
                Some(upsers_contract::SettlingChannel {
                    channel,
                    settles_at,
                })
            })
            .collect()
    }

    /// The verified contact on `channel` when it may recover the account at
    /// `now` (reset the PIN, verify a caller to the desk, prove a change of
    /// what recovers the account): one verified and settled.
    pub fn recovery_contact(&self, channel: Channel, now: i64) -> Option<&str> {
        self.verified_contact(channel)
            .filter(|_| self.settling_until(channel, now).is_none())
    }
}

/// An employee to add (demo seed, admin CLI).
#[derive(Clone)]
pub struct NewEmployee<'a> {
    pub employee_id: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub pin_hash: Option<String>,
    pub mobile: Option<&'a str>,
    pub email: Option<&'a str>,
    pub status: EmployeeStatus,
}

/// A hire to import, with the keyed hash of their registration code and its
/// expiry (none: no code, as for the demo seed).
pub struct NewHire<'a> {
    pub employee: NewEmployee<'a>,
    pub registration_code: Option<(Vec<u8>, i64)>,
}

/// Every remembered device of an employee: a new PIN asks for a one-time PIN
/// on each again.
const FORGET_DEVICES: &str = "DELETE FROM remembered_devices WHERE employee_id = $1";

impl Store {
    pub async fn find_employee(
        &self,
        employee_id: &str,
    ) -> Result<Option<EmployeeRecord>, sqlx::Error> {
        const SQL: &str = "
            SELECT employee_id, first_name, last_name, pin_hash, mobile, mobile_verified,
                   email, email_verified, status, last_sign_in_at, reported_at, language,
                   mobile_settles_at, email_settles_at
            FROM employees WHERE employee_id = $1";
        on_store!(self, |pool| {
            sqlx::query_as::<_, EmployeeRecord>(SQL)
                .bind(employee_id)
                .fetch_optional(pool)
                .await
        })
    }

    pub async fn count_employees(&self) -> Result<i64, sqlx::Error> {
        const SQL: &str = "SELECT COUNT(*) FROM employees";
        on_store!(self, |pool| sqlx::query_scalar::<_, i64>(SQL)
            .fetch_one(pool)
            .await)
    }

    /// Adds an employee whose contact details are already verified (HR data).
    pub async fn insert_employee(
        &self,
        employee: NewEmployee<'_>,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        self.insert_employees(&[employee], now).await
    }

    /// Adds several employees in one transaction: all of them or none.
    pub async fn insert_employees(
        &self,
        employees: &[NewEmployee<'_>],
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let hires: Vec<NewHire<'_>> = employees
            .iter()
            .map(|employee| NewHire {
                employee: employee.clone(),
                registration_code: None,
            })
            .collect();
        self.import_hires(&hires, now).await
    }

    /// Adds hires with their registration codes (hash, expiry) and the audit
    /// event of each code, in one transaction: all of them or none, so a
    /// failure half-way never leaves a hire without a code.
    pub async fn import_hires(&self, hires: &[NewHire<'_>], now: i64) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO employees (employee_id, first_name, last_name, pin_hash, mobile,
                mobile_verified, email, email_verified, status, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
        const CODE: &str = "
            INSERT INTO registration_codes (employee_id, code_hash, issued_at, expires_at, used_at)
            VALUES ($1, $2, $3, $4, NULL)";
        const AUDIT: &str = "
            INSERT INTO audit_events (at, kind, employee_id, client_address, detail)
            VALUES ($1, 'registration_code_issued', $2, 'admin', NULL)";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            for NewHire {
                employee,
                registration_code,
            } in hires
            {
                sqlx::query(SQL)
                    .bind(employee.employee_id)
                    .bind(employee.first_name)
                    .bind(employee.last_name)
                    .bind(&employee.pin_hash)
                    .bind(employee.mobile)
                    .bind(i64::from(employee.mobile.is_some()))
                    .bind(employee.email)
                    .bind(i64::from(employee.email.is_some()))
                    .bind(employee.status.as_str())
                    .bind(now)
                    .execute(&mut *transaction)
                    .await?;
                if let Some((code_hash, expires_at)) = registration_code {
                    sqlx::query(CODE)
                        .bind(employee.employee_id)
                        .bind(code_hash.as_slice())
                        .bind(now)
                        .bind(*expires_at)
                        .execute(&mut *transaction)
                        .await?;
                    sqlx::query(AUDIT)
                        .bind(now)
                        .bind(employee.employee_id)
                        .execute(&mut *transaction)
                        .await?;
                }
            }
            transaction.commit().await
        })
    }

    /// Disables an employee, ends every session of theirs and forgets their
    /// remembered devices; false when no such employee exists.
    pub async fn disable_employee(&self, employee_id: &str) -> Result<bool, sqlx::Error> {
        const DISABLE: &str = "UPDATE employees SET status = 'disabled' WHERE employee_id = $1";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            let changed = sqlx::query(DISABLE)
                .bind(employee_id)
                .execute(&mut *transaction)
                .await?;
            end_sessions!(
                &mut *transaction,
                employee_id,
                Ending::All,
                SessionEnd::Disabled
            );
            sqlx::query(FORGET_DEVICES)
                .bind(employee_id)
                .execute(&mut *transaction)
                .await?;
            transaction.commit().await?;
            Ok(changed.rows_affected() == 1)
        })
    }

    /// Finishes a PIN reset in one transaction: spends the flow (false, and
    /// nothing changed, when it was spent already), stores the new PIN hash,
    /// ends every session of the employee, forgets their remembered devices,
    /// clears their lockout (and the lock of a reported sign-in: the routes
    /// let only a one-time PIN reset one), retires every "This wasn't me"
    /// link and desk reset link not used yet (each was issued before the
    /// reset, perhaps to a channel an intruder held) and queues the
    /// `notices` of the change.
    pub async fn reset_pin(
        &self,
        flow_id: &str,
        employee_id: &str,
        pin_hash: &str,
        notices: &[NewMessage],
    ) -> Result<bool, sqlx::Error> {
        const SPEND: &str = "
            UPDATE flows SET completed = 1
            WHERE flow_id = $1 AND employee_id = $2 AND completed = 0";
        const SET_PIN: &str =
            "UPDATE employees SET pin_hash = $2, reported_at = NULL WHERE employee_id = $1";
        const UNLOCK: &str =
            "DELETE FROM attempt_limits WHERE scope = 'employee_id' AND subject = $1";
        const RETIRE_REPORT_LINKS: &str =
            "DELETE FROM sign_in_reports WHERE employee_id = $1 AND used_at IS NULL";
        const RETIRE_DESK_LINKS: &str =
            "DELETE FROM desk_reset_links WHERE employee_id = $1 AND used_at IS NULL";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            let spent = sqlx::query(SPEND)
                .bind(flow_id)
                .bind(employee_id)
                .execute(&mut *transaction)
                .await?;
            if spent.rows_affected() != 1 {
                return Ok(false);
            }
            sqlx::query(SET_PIN)
                .bind(employee_id)
                .bind(pin_hash)
                .execute(&mut *transaction)
                .await?;
            end_sessions!(
                &mut *transaction,
                employee_id,
                Ending::All,
                SessionEnd::PinReset
            );
            for sql in [
                FORGET_DEVICES,
                UNLOCK,
                RETIRE_REPORT_LINKS,
                RETIRE_DESK_LINKS,
            ] {
                sqlx::query(sql)
                    .bind(employee_id)
                    .execute(&mut *transaction)
                    .await?;
            }
            queue_messages!(transaction, notices);
            transaction.commit().await?;
            Ok(true)
        })
    }

    /// A signed-in employee's new PIN, in one transaction: stores its hash,
    /// ends every session of the employee but `keep` (the one that changed
    /// it), forgets every remembered device and queues the `notices` of the
    /// change.
    pub async fn change_pin(
        &self,
        employee_id: &str,
        pin_hash: &str,
        keep: &[u8],
        notices: &[NewMessage],
    ) -> Result<(), sqlx::Error> {
        const SET_PIN: &str = "UPDATE employees SET pin_hash = $2 WHERE employee_id = $1";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            sqlx::query(SET_PIN)
                .bind(employee_id)
                .bind(pin_hash)
                .execute(&mut *transaction)
                .await?;
            end_sessions!(
                &mut *transaction,
                employee_id,
                Ending::AllBut(keep),
                SessionEnd::PinChanged
            );
            sqlx::query(FORGET_DEVICES)
                .bind(employee_id)
                .execute(&mut *transaction)
                .await?;
            queue_messages!(transaction, notices);
            transaction.commit().await?;
            Ok(())
        })
    }

    /// Records a completed sign-in; returns the one before it, for the home hub.
    pub async fn record_sign_in(
        &self,
        employee_id: &str,
        now: i64,
    ) -> Result<Option<i64>, sqlx::Error> {
        const READ: &str = "SELECT last_sign_in_at FROM employees WHERE employee_id = $1";
        const WRITE: &str = "UPDATE employees SET last_sign_in_at = $2 WHERE employee_id = $1";
        on_store!(self, |pool| {
            let previous = sqlx::query_scalar::<_, Option<i64>>(READ)
                .bind(employee_id)
                .fetch_optional(pool)
                .await?
                .flatten();
            sqlx::query(WRITE)
                .bind(employee_id)
                .bind(now)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())?;
            Ok(previous)
        })
    }
}
