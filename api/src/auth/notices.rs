//! Notices (messages without a code) that a change sends: built before the
//! change, so the store queues them in its transaction, and announced after
//! it commits. Each channel of an employee gets at most `notices_per_hour`
//! (5) notices and alerts an hour; the next becomes one digest that says so,
//! and the rest of the hour is folded into it (audited, never sent), so no
//! one can flood an employee's phone through their account.

use crate::auth::{Limit, attempts};
use crate::courier::{Channel, Language, Notice};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{AuditKind, EmployeeRecord, NewMessage};

/// `notice` to each of the employee's verified channels: for a change made
/// from a session, which no channel proved (whoever holds the session may
/// not be the employee).
pub(crate) async fn to_verified(
    state: &AppState,
    notice: Notice,
    employee: &EmployeeRecord,
    language: Language,
    now: i64,
) -> Result<Vec<NewMessage>, ApiError> {
    let id = employee.employee_id.as_str();
    each_verified(state, employee, now, |channel, destination| {
        state
            .courier()
            .notice_message(notice, channel, destination, id, language, now)
    })
    .await
}

/// The message `make` writes for each of the employee's verified channels
/// (a notice, or an alert with facts of its own), within each channel's
/// hourly cap.
pub(crate) async fn each_verified(
    state: &AppState,
    employee: &EmployeeRecord,
    now: i64,
    make: impl Fn(Channel, &str) -> NewMessage,
) -> Result<Vec<NewMessage>, ApiError> {
    let built = [
        (Channel::Sms, employee.verified_mobile()),
        (Channel::Email, employee.verified_email()),
    ]
    .into_iter()
    .filter_map(|(channel, destination)| Some(make(channel, destination?)))
    .collect();
    capped(state, built, now).await
}

/// `notice` to each contact given (a channel with `None` gets none), within
/// each channel's hourly cap.
pub(crate) async fn build(
    state: &AppState,
    notice: Notice,
    contacts: [(Channel, Option<&str>); 2],
    employee_id: &str,
    language: Language,
    now: i64,
) -> Result<Vec<NewMessage>, ApiError> {
    let built = contacts
        .into_iter()
        .filter_map(|(channel, destination)| {
            Some(state.courier().notice_message(
                notice,
                channel,
                destination?,
                employee_id,
                language,
                now,
            ))
        })
        .collect();
    capped(state, built, now).await
}

/// `messages` (notices or alerts, never codes) as each channel's hourly cap
/// lets them go: within it as they are; the first over it replaced by the
/// hour's one digest; the rest folded into that digest (audited as such).
/// Each slot is taken from the attempts guard, so racing changes on any
/// number of instances share one count.
pub(crate) async fn capped(
    state: &AppState,
    messages: Vec<NewMessage>,
    now: i64,
) -> Result<Vec<NewMessage>, ApiError> {
    let mut kept = Vec::with_capacity(messages.len());
    for message in messages {
        let channel = match message.channel {
            "sms" => Channel::Sms,
            _ => Channel::Email,
        };
        let id = message.employee_id.clone();
        if take_slot(state, Limit::Notices(&id, channel), now).await? {
            kept.push(message);
        } else if take_slot(state, Limit::NoticeDigest(&id, channel), now).await? {
            let language = Language::from_tag(message.language).unwrap_or_default();
            kept.push(state.courier().notice_message(
                Notice::Digest,
                channel,
                &message.destination,
                &id,
                language,
                now,
            ));
        } else {
            let detail = format!("{}:{}", channel.as_str(), message.template);
            state
                .store()
                .audit(AuditKind::NoticeFolded, Some(&id), "", Some(&detail), now)
                .await?;
        }
    }
    Ok(kept)
}

/// Whether `limit` had a slot for one more message (now taken).
pub(crate) async fn take_slot(
    state: &AppState,
    limit: Limit<'_>,
    now: i64,
) -> Result<bool, ApiError> {
    match attempts::take(state, &[limit], now).await {
        Ok(slot) => {
            slot.keep();
            Ok(true)
        }
        Err(ApiError::RateLimited { .. }) => Ok(false),
        Err(other) => Err(other),
    }
}

/// After the change committed: rings the delivery worker and records each
/// notice in the audit trail (the worker records its delivery).
pub(crate) async fn announce(
    state: &AppState,
    notices: &[NewMessage],
    employee_id: &str,
    address: &str,
    now: i64,
) -> Result<(), ApiError> {
    if notices.is_empty() {
        return Ok(());
    }
    state.courier().queued();
    for notice in notices {
        state
            .store()
            .audit(
                AuditKind::NoticeSent,
                Some(employee_id),
                address,
                Some(notice.channel),
                now,
            )
            .await?;
    }
    Ok(())
}
