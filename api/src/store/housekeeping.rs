//! Housekeeping: rows whose time is over are deleted, so the store does not
//! grow with every attack or abandoned flow. Nothing deleted here can still
//! be used: expired flows (their codes and registrations go with them),
//! ended sessions, devices no longer remembered, browsers not seen within
//! the new-device window (they are new again anyway), expired report links,
//! the desk's reset links and verifications once over (the audit trail
//! names each verification used), passkey ceremonies past their 5 minutes,
//! contact changes no report can reach, limit rows whose window or lock is over (or that count nothing), and
//! audit events past their retention.

use super::{Store, on_store};

/// How long a contact change is kept: a report link's 7 days, and the 72
/// hours before its event that a report reaches back to.
const CONTACT_CHANGES_KEPT_SECS: i64 = (7 + 3) * 24 * 60 * 60;

/// What one pass deleted, by kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub flows: u64,
    pub sessions: u64,
    /// Remembered devices, and browsers known to an employee.
    pub devices: u64,
    /// "This wasn't me" links, and the desk's reset links.
    pub report_links: u64,
    /// The desk's verifications: codes never read back, and verifications
    /// that have ended.
    pub desk_verifications: u64,
    /// Passkey ceremonies never answered.
    pub passkey_challenges: u64,
    /// Contact changes no report can reach any more: older than a report
    /// link's 7 days and the 72 hours before its event a report undoes.
    pub contact_changes: u64,
    pub limits: u64,
    pub audit_events: u64,
}

impl Store {
    /// Deletes what is over at `now`, and audit events older than
    /// `audit_before`.
    pub async fn purge_expired(&self, now: i64, audit_before: i64) -> Result<Purged, sqlx::Error> {
        // Codes and registrations belong to their flow (ON DELETE CASCADE).
        const FLOWS: &str = "DELETE FROM flows WHERE expires_at <= $1";
        const SESSIONS: &str = super::sessions::SWEEP_EXPIRED;
        const DEVICES: &str = "DELETE FROM remembered_devices WHERE expires_at <= $1";
        const KNOWN: &str = "DELETE FROM known_devices WHERE last_seen_at < $1";
        const REPORT_LINKS: &str = "DELETE FROM sign_in_reports WHERE expires_at <= $1";
        const DESK_LINKS: &str = "DELETE FROM desk_reset_links WHERE expires_at <= $1";
        const DESK_VERIFICATIONS: &str = "
            DELETE FROM desk_verifications
            WHERE code_expires_at <= $1 AND (verified_until IS NULL OR verified_until <= $1)";
        const PASSKEY_CHALLENGES: &str = "DELETE FROM passkey_challenges WHERE expires_at <= $1";
        const LIMITS: &str =
            "DELETE FROM attempt_limits WHERE resets_at <= $1 OR (resets_at IS NULL AND taken = 0)";
        const CONTACT_CHANGES: &str = "DELETE FROM contact_changes WHERE changed_at < $1";
        const AUDIT: &str = "DELETE FROM audit_events WHERE at < $1";
        let run = |sql: &'static str, at: i64| async move {
            on_store!(self, |pool| sqlx::query(sql)
                .bind(at)
                .execute(pool)
                .await
                .map(|done| done.rows_affected()))
        };
        Ok(Purged {
            flows: run(FLOWS, now).await?,
            sessions: run(SESSIONS, now).await?,
            devices: run(DEVICES, now).await?
                + run(KNOWN, now - super::NEW_DEVICE_AFTER_SECS).await?,
            report_links: run(REPORT_LINKS, now).await? + run(DESK_LINKS, now).await?,
            desk_verifications: run(DESK_VERIFICATIONS, now).await?,
            passkey_challenges: run(PASSKEY_CHALLENGES, now).await?,
            contact_changes: run(CONTACT_CHANGES, now - CONTACT_CHANGES_KEPT_SECS).await?,
            limits: run(LIMITS, now).await?,
            audit_events: run(AUDIT, audit_before).await?,
        })
    }
}
