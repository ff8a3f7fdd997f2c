//! Contact changes made in My account, kept so that "This wasn't me" can put
//! back what they replaced. A contact added or replaced settles for
//! `settles_at` before it recovers anything (`EmployeeRecord::recovery_contact`);
//! the change notice's link is a sign-in report naming its change.

use super::outbox::queue_messages;
use super::{NewMessage, Store, on_store};
use crate::courier::Channel;

/// A verified new contact replacing (or adding) the one on `channel`.
pub struct ContactChange<'a> {
    pub channel: Channel,
    pub value: &'a str,
    pub now: i64,
    /// Until when the new contact settles.
    pub settles_at: i64,
    /// The change notice's "This wasn't me" link: the SHA-256 of its token,
    /// and when it stops working.
    pub link_hash: &'a [u8],
    pub link_expires_at: i64,
}

/// A change "This wasn't me" would undo, as its notice tells it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChangeRecord {
    pub change_id: i64,
    #[sqlx(try_from = "String")]
    pub channel: ChannelColumn,
    /// What it replaced or removed; none when it added the contact.
    pub previous: Option<String>,
    pub changed_at: i64,
}

/// A channel as a `channel` column holds it (`sms`, `email`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelColumn(pub Channel);

impl TryFrom<String> for ChannelColumn {
    type Error = String;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        channel_named(&name)
            .map(ChannelColumn)
            .ok_or_else(|| format!("unknown channel {name:?}"))
    }
}

/// The channel a column or an audit detail names (`sms`, `email`).
pub fn channel_named(name: &str) -> Option<Channel> {
    [Channel::Sms, Channel::Email]
        .into_iter()
        .find(|channel| channel.as_str() == name)
}

/// The changes of an employee's contacts since a time and not put back
/// yet, the newest first.
pub(super) const CHANGES_SINCE: &str = "
    SELECT change_id, channel, previous, changed_at FROM contact_changes
    WHERE employee_id = $1 AND changed_at >= $2 AND restored_at IS NULL
    ORDER BY change_id DESC";

/// The employees columns of `channel`.
pub(super) fn columns(channel: Channel) -> (&'static str, &'static str, &'static str) {
    match channel {
        Channel::Sms => ("mobile", "mobile_verified", "mobile_settles_at"),
        Channel::Email => ("email", "email_verified", "email_settles_at"),
    }
}

/// Records the change of `$channel`'s contact at `$now` on `$transaction`
/// (what it was, when verified), before it is made; answers its id.
macro_rules! record_change {
    ($transaction:expr, $employee_id:expr, $channel:expr, $now:expr) => {{
        let (value, verified, _) = columns($channel);
        let sql = format!(
            "INSERT INTO contact_changes (employee_id, channel, previous, changed_at)
             SELECT employee_id, $2, CASE WHEN {verified} = 1 THEN {value} END, $3
             FROM employees WHERE employee_id = $1
             RETURNING change_id"
        );
        sqlx::query_scalar::<_, i64>(&sql)
            .bind($employee_id)
            .bind($channel.as_str())
            .bind($now)
            .fetch_one(&mut *$transaction)
            .await?
    }};
}

/// Puts back every contact changed since `$since` and not put back yet, the
/// newest first (so each ends as it was before the earliest), on
/// `$transaction`; the contacts put back recover at once.
macro_rules! restore_contacts {
    ($transaction:expr, $employee_id:expr, $since:expr, $now:expr) => {{
        const RESTORED: &str = "UPDATE contact_changes SET restored_at = $2 WHERE change_id = $1";
        let changes = sqlx::query_as::<_, $crate::store::ChangeRecord>(
            $crate::store::contacts::CHANGES_SINCE,
        )
        .bind($employee_id)
        .bind($since)
        .fetch_all(&mut *$transaction)
        .await?;
        for change in &changes {
            let (value, verified, settles) = $crate::store::contacts::columns(change.channel.0);
            let put_back = format!(
                "UPDATE employees SET {value} = $2,
                     {verified} = CASE WHEN $2 IS NULL THEN 0 ELSE 1 END, {settles} = NULL
                 WHERE employee_id = $1"
            );
            sqlx::query(&put_back)
                .bind($employee_id)
                .bind(&change.previous)
                .execute(&mut *$transaction)
                .await?;
            sqlx::query(RESTORED)
                .bind(change.change_id)
                .bind($now)
                .execute(&mut *$transaction)
                .await?;
        }
    }};
}
pub(super) use restore_contacts;

impl Store {
    /// `change` replaces the contact on its channel, as the account flow
    /// `flow_id` that verified it ends: the change is recorded with what it
    /// replaced, the new contact settles, the notice's link is stored and
    /// `notices` queued, all or nothing. False when the flow had ended
    /// already (a replay).
    pub async fn replace_contact(
        &self,
        employee_id: &str,
        flow_id: &str,
        change: &ContactChange<'_>,
        notices: &[NewMessage],
    ) -> Result<bool, sqlx::Error> {
        const END_FLOW: &str =
            "UPDATE flows SET completed = 1 WHERE flow_id = $1 AND completed = 0";
        const STORE_LINK: &str = "
            INSERT INTO sign_in_reports (token_hash, employee_id, created_at, expires_at,
                                         change_id)
            VALUES ($1, $2, $3, $4, $5)";
        let (value, verified, settles) = columns(change.channel);
        let set = format!(
            "UPDATE employees SET {value} = $2, {verified} = 1, {settles} = $3
             WHERE employee_id = $1"
        );
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            let ended = sqlx::query(END_FLOW)
                .bind(flow_id)
                .execute(&mut *transaction)
                .await?
                .rows_affected();
            if ended != 1 {
                return Ok(false);
            }
            let change_id = record_change!(transaction, employee_id, change.channel, change.now);
            sqlx::query(&set)
                .bind(employee_id)
                .bind(change.value)
                .bind(change.settles_at)
                .execute(&mut *transaction)
                .await?;
            sqlx::query(STORE_LINK)
                .bind(change.link_hash)
                .bind(employee_id)
                .bind(change.now)
                .bind(change.link_expires_at)
                .bind(change_id)
                .execute(&mut *transaction)
                .await?;
            queue_messages!(transaction, notices);
            transaction.commit().await?;
            Ok(true)
        })
    }

    /// Removes the employee's contact on `channel`, with `notices` queued,
    /// only while it is there and the other channel is verified: the check
    /// and the removal are one statement, so two removals at once cannot
    /// leave no channel, nor be told (and audited) twice. The removal is
    /// recorded, so "This wasn't me" puts the contact back. False when
    /// nothing was removed: the contact was gone already, or it is the last.
    pub async fn remove_contact(
        &self,
        employee_id: &str,
        channel: Channel,
        now: i64,
        notices: &[NewMessage],
    ) -> Result<bool, sqlx::Error> {
        let (value, verified, settles) = columns(channel);
        let (other, other_verified, _) = columns(match channel {
            Channel::Sms => Channel::Email,
            Channel::Email => Channel::Sms,
        });
        let remove = format!(
            "UPDATE employees SET {value} = NULL, {verified} = 0, {settles} = NULL
             WHERE employee_id = $1 AND {value} IS NOT NULL
               AND {other} IS NOT NULL AND {other_verified} = 1"
        );
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            record_change!(transaction, employee_id, channel, now);
            let removed = sqlx::query(&remove)
                .bind(employee_id)
                .execute(&mut *transaction)
                .await?
                .rows_affected();
            if removed != 1 {
                // Dropped, the transaction takes the record back with it.
                return Ok(false);
            }
            queue_messages!(transaction, notices);
            transaction.commit().await?;
            Ok(true)
        })
    }

    /// The changes of the employee's contacts since `since` that are not
    /// put back yet, the newest first: what a report would undo.
    pub async fn contact_changes_since(
        &self,
        employee_id: &str,
        since: i64,
    ) -> Result<Vec<ChangeRecord>, sqlx::Error> {
        on_store!(self, |pool| {
            sqlx::query_as(CHANGES_SINCE)
                .bind(employee_id)
                .bind(since)
                .fetch_all(pool)
                .await
        })
    }
}
