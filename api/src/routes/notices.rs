//! Notices (messages without a code) that a change sends: built before the
//! change, so the store queues them in its transaction, and announced after
//! it commits.

use crate::courier::{Channel, Language, Notice};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{AuditKind, EmployeeRecord, NewMessage};

/// `notice` to each of the employee's verified channels: for a change made
/// from a session, which no channel proved (whoever holds the session may
/// not be the employee).
pub(super) fn to_verified(
    state: &AppState,
    notice: Notice,
    employee: &EmployeeRecord,
    language: Language,
    now: i64,
) -> Vec<NewMessage> {
    build(
        state,
        notice,
        [
            (Channel::Sms, employee.verified_mobile()),
            (Channel::Email, employee.verified_email()),
        ],
        employee.employee_id.as_str(),
        language,
        now,
    )
}

/// `notice` to each contact given; a channel with `None` gets none.
pub(super) fn build(
    state: &AppState,
    notice: Notice,
    contacts: [(Channel, Option<&str>); 2],
    employee_id: &str,
    language: Language,
    now: i64,
) -> Vec<NewMessage> {
    contacts
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
        .collect()
}

/// After the change committed: rings the delivery worker and records each
/// notice in the audit trail (the worker records its delivery).
pub(super) async fn announce(
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
