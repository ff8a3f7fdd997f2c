//! New-device alerts and "This wasn't me". Every completed sign-in records
//! its browser (the SHA-256 of the `__Host-device` token) as seen for the
//! employee; the first sighting of a browser, or the first in the alert
//! window, stores the hash of a report link and queues the alert that
//! carries it, in the same transaction, so an alert goes out once per new
//! device however many sign-ins race. Using the link once ends every
//! session, forgets every device and locks the ID until a PIN reset.

use super::contacts::restore_contacts;
use super::outbox::queue_messages;
use super::sessions::{Ending, SessionEnd, end_sessions};
use super::{NewMessage, Store, on_store};

/// A browser an employee has not signed in from for this long is new again:
/// its next sign-in sends an alert.
pub const NEW_DEVICE_AFTER_SECS: i64 = 90 * 24 * 60 * 60;

/// A completed sign-in's browser, for the employee it signed in.
pub struct Sighting<'a> {
    pub token_hash: &'a [u8],
    /// The browser family and system (`domain::user_agent::binding`).
    pub binding: &'a str,
    pub employee_id: &'a str,
    pub now: i64,
    /// A browser last seen before this is new again.
    pub new_before: i64,
    /// The language the sign-in was made in: the employee's, when the
    /// browser is one they were known on.
    pub language: &'a str,
}

/// The report link of an alert and the messages that carry it.
pub struct NewAlert<'a> {
    /// The SHA-256 of the link's token.
    pub token_hash: &'a [u8],
    pub expires_at: i64,
    pub messages: &'a [NewMessage],
}

/// Every device of the employee: remembered ones skip nothing any more, and
/// every browser is new again (so an alert goes out for the next sign-in).
const FORGET_REMEMBERED: &str = "DELETE FROM remembered_devices WHERE employee_id = $1";
const FORGET_KNOWN: &str = "DELETE FROM known_devices WHERE employee_id = $1";

impl Store {
    /// Records `sighting`; when the browser is new to the employee (never
    /// seen, or not since `new_before`) and `alert` has messages, stores its
    /// link and queues them in the same transaction, and answers true. A
    /// browser seen before is the employee's: its language becomes theirs.
    pub async fn see_device(
        &self,
        sighting: &Sighting<'_>,
        alert: &NewAlert<'_>,
    ) -> Result<bool, sqlx::Error> {
        // Every assignment reads the row as it was: `alert_due` compares the
        // previous sighting, not this one.
        const SEE: &str = "
            INSERT INTO known_devices (token_hash, employee_id, first_seen_at, last_seen_at,
                                       alert_due, binding)
            VALUES ($1, $2, $3, $3, 1, $5)
            ON CONFLICT (token_hash, employee_id) DO UPDATE
            SET alert_due = CASE WHEN known_devices.last_seen_at < $4 THEN 1 ELSE 0 END,
                last_seen_at = excluded.last_seen_at, binding = excluded.binding
            RETURNING alert_due";
        const STORE_LINK: &str = "
            INSERT INTO sign_in_reports (token_hash, employee_id, created_at, expires_at)
            VALUES ($1, $2, $3, $4)";
        const LANGUAGE: &str = "UPDATE employees SET language = $2 WHERE employee_id = $1";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            let due: i64 = sqlx::query_scalar(SEE)
                .bind(sighting.token_hash)
                .bind(sighting.employee_id)
                .bind(sighting.now)
                .bind(sighting.new_before)
                .bind(sighting.binding)
                .fetch_one(&mut *transaction)
                .await?;
            let alerted = due == 1 && !alert.messages.is_empty();
            if alerted {
                sqlx::query(STORE_LINK)
                    .bind(alert.token_hash)
                    .bind(sighting.employee_id)
                    .bind(sighting.now)
                    .bind(alert.expires_at)
                    .execute(&mut *transaction)
                    .await?;
                queue_messages!(transaction, alert.messages);
            } else if due == 0 {
                sqlx::query(LANGUAGE)
                    .bind(sighting.employee_id)
                    .bind(sighting.language)
                    .execute(&mut *transaction)
                    .await?;
            }
            transaction.commit().await?;
            Ok(alerted)
        })
    }

    /// Whether the browser of `sighting` is new to its employee (never seen,
    /// or last seen before `new_before`): a read ahead of [`Store::see_device`],
    /// which decides again in its own transaction.
    pub async fn is_new_device(&self, sighting: &Sighting<'_>) -> Result<bool, sqlx::Error> {
        const SQL: &str = "
            SELECT last_seen_at FROM known_devices WHERE token_hash = $1 AND employee_id = $2";
        let last_seen: Option<i64> = on_store!(self, |pool| {
            sqlx::query_scalar(SQL)
                .bind(sighting.token_hash)
                .bind(sighting.employee_id)
                .fetch_optional(pool)
                .await
        })?;
        Ok(last_seen.is_none_or(|seen| seen < sighting.new_before))
    }

    /// Whether `token_hash` is a browser token this server minted (some
    /// employee signed in with it) seen from the browser family and system
    /// of `binding`, or from a browser seen before bindings were kept.
    /// Anything else is planted, or copied into another kind of browser.
    pub async fn is_minted_device(
        &self,
        token_hash: &[u8],
        binding: &str,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "
            SELECT COUNT(*) FROM known_devices
            WHERE token_hash = $1 AND (binding = $2 OR binding IS NULL)";
        let seen: i64 = on_store!(self, |pool| {
            sqlx::query_scalar(SQL)
                .bind(token_hash)
                .bind(binding)
                .fetch_one(pool)
                .await
        })?;
        Ok(seen > 0)
    }

    /// The employee a report link is for, and when it was made (the event it
    /// reports), while it is unused and unexpired.
    pub async fn report_link_owner(
        &self,
        token_hash: &[u8],
        now: i64,
    ) -> Result<Option<(String, i64)>, sqlx::Error> {
        const SQL: &str = "
            SELECT employee_id, created_at FROM sign_in_reports
            WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2";
        on_store!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(token_hash)
                .bind(now)
                .fetch_optional(pool)
                .await
        })
    }

    /// "This wasn't me", in one transaction: spends the link (false, and
    /// nothing changed, when it was used, expired or never made), locks the
    /// employee's ID until a PIN reset, ends every session, forgets every
    /// device, puts back every contact changed since `since` and removes
    /// every passkey added since then (what an intruder may have added),
    /// and queues `notices`.
    pub async fn report_sign_in(
        &self,
        token_hash: &[u8],
        since: i64,
        now: i64,
        notices: &[NewMessage],
    ) -> Result<bool, sqlx::Error> {
        const SPEND: &str = "
            UPDATE sign_in_reports SET used_at = $2
            WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
            RETURNING employee_id";
        const LOCK: &str = "UPDATE employees SET reported_at = $2 WHERE employee_id = $1";
        const EVICT_PASSKEYS: &str =
            "DELETE FROM passkeys WHERE employee_id = $1 AND created_at >= $2";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            let Some(employee_id) = sqlx::query_scalar::<_, String>(SPEND)
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&mut *transaction)
                .await?
            else {
                return Ok(false);
            };
            sqlx::query(LOCK)
                .bind(&employee_id)
                .bind(now)
                .execute(&mut *transaction)
                .await?;
            end_sessions!(
                &mut *transaction,
                &employee_id,
                Ending::All,
                SessionEnd::Reported
            );
            for sql in [FORGET_REMEMBERED, FORGET_KNOWN] {
                sqlx::query(sql)
                    .bind(&employee_id)
                    .execute(&mut *transaction)
                    .await?;
            }
            restore_contacts!(transaction, &employee_id, since, now);
            sqlx::query(EVICT_PASSKEYS)
                .bind(&employee_id)
                .bind(since)
                .execute(&mut *transaction)
                .await?;
            queue_messages!(transaction, notices);
            transaction.commit().await?;
            Ok(true)
        })
    }
}
