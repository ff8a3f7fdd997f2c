//! Recent activity: the last 30 days of the employee's sign-ins, failed
//! attempts, lockouts and security changes, from the audit trail, a page at
//! a time, each with the browser, system and address of the request that
//! caused it. An event from this session's browser and address is marked as
//! this device, so the employee can tell their own from someone else's.

use axum::Json;
use axum::extract::{RawQuery, State};
use upsers_contract as wire;

use crate::auth::SignedIn;
use crate::domain::user_agent;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{ACTIVITY_KINDS, ActivityRecord, AuditKind};

/// How far back the list goes.
pub const ACTIVITY_DAYS: i64 = 30;
/// Events per page.
pub const PAGE_SIZE: i64 = 20;

#[utoipa::path(get, path = "/api/v1/account/activity", tag = "account", params(("before" = Option<i64>, Query, minimum = 1, description = "The `more_before` of the previous page; none for the newest")), responses((status = 200, description = "One page of the employee's last 30 days, the newest first (reading it is not activity)", body = wire::ActivityPage), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: `before` is not a whole number", body = wire::ErrorBody)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    signed_in: SignedIn,
) -> Result<Json<wire::ActivityPage>, ApiError> {
    let before = before_of(query.as_deref())?;
    let now = state.now();
    let id = signed_in.session.employee_id.as_str();
    let since = now - ACTIVITY_DAYS * 24 * 60 * 60;
    let mut records = state
        .store()
        .activity(id, since, before.unwrap_or(i64::MAX), PAGE_SIZE + 1)
        .await?;
    // One more than a page was asked for: its presence says there is more.
    let more_before = if records.len() as i64 > PAGE_SIZE {
        records.truncate(PAGE_SIZE as usize);
        records.last().map(|last| last.id)
    } else {
        None
    };
    // This device: the browser and address this session signed in from.
    let session = &signed_in.session;
    let here = (&session.user_agent, &session.client_address);
    Ok(Json(wire::ActivityPage {
        events: records
            .into_iter()
            .map(|record| describe(record, here))
            .collect(),
        more_before,
        server_time: now,
    }))
}

/// `before=N` of the query, if given; anything else in it is ignored.
fn before_of(query: Option<&str>) -> Result<Option<i64>, ApiError> {
    let Some(value) = query
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("before="))
    else {
        return Ok(None);
    };
    value
        .parse::<i64>()
        .ok()
        .filter(|before| *before > 0)
        .map(Some)
        .ok_or_else(|| ApiError::invalid_field("before", "Ask for the page before an event id."))
}

fn describe(
    record: ActivityRecord,
    (agent, address): (&Option<String>, &Option<String>),
) -> wire::ActivityEvent {
    let kind = ACTIVITY_KINDS
        .into_iter()
        .find(|kind| kind.as_str() == record.kind)
        .map_or(wire::ActivityKind::Unknown, shown);
    // What the desk did came from an agent's desk: its address and browser
    // are the support center's, not the employee's to see.
    let (user_agent, client_address) = if by_the_desk(kind) {
        (None, None)
    } else {
        (record.user_agent, record.client_address)
    };
    let device = user_agent::describe(user_agent.as_deref());
    let this_device = agent.is_some() && *agent == user_agent && *address == client_address;
    wire::ActivityEvent {
        id: record.id,
        kind,
        at: record.at,
        browser: device.browser,
        os: device.os,
        address: client_address,
        this_device,
    }
}

fn by_the_desk(kind: wire::ActivityKind) -> bool {
    use wire::ActivityKind as K;
    matches!(
        kind,
        K::DeskVerified
            | K::DeskUnlocked
            | K::DeskResetLinkSent
            | K::DeskSignedOut
            | K::DeskDisabled
            | K::DeskEnabled
    )
}

/// How an audit event reads in the list.
fn shown(kind: AuditKind) -> wire::ActivityKind {
    match kind {
        AuditKind::SignInSuccess => wire::ActivityKind::SignedIn,
        AuditKind::SignInFailure => wire::ActivityKind::WrongPin,
        AuditKind::CodeFailed => wire::ActivityKind::WrongCode,
        AuditKind::StepUpFailed => wire::ActivityKind::WrongCurrentPin,
        AuditKind::Lock => wire::ActivityKind::Locked,
        AuditKind::PinChanged => wire::ActivityKind::PinChanged,
        AuditKind::PinReset => wire::ActivityKind::PinReset,
        AuditKind::SessionEnded => wire::ActivityKind::SessionsEnded,
        AuditKind::ContactChanged => wire::ActivityKind::ContactChanged,
        AuditKind::ContactRemoved => wire::ActivityKind::ContactRemoved,
        AuditKind::QuestionsChanged => wire::ActivityKind::QuestionsChanged,
        AuditKind::PasskeyAdded => wire::ActivityKind::PasskeyAdded,
        AuditKind::PasskeyRemoved => wire::ActivityKind::PasskeyRemoved,
        AuditKind::DeskVerified => wire::ActivityKind::DeskVerified,
        AuditKind::DeskUnlocked => wire::ActivityKind::DeskUnlocked,
        AuditKind::DeskResetSent => wire::ActivityKind::DeskResetLinkSent,
        AuditKind::DeskDevicesForgotten => wire::ActivityKind::DeskSignedOut,
        AuditKind::DeskDisabled => wire::ActivityKind::DeskDisabled,
        AuditKind::DeskEnabled => wire::ActivityKind::DeskEnabled,
        _ => wire::ActivityKind::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_the_store_lists_has_its_words() {
        for kind in ACTIVITY_KINDS {
            assert_ne!(shown(kind), wire::ActivityKind::Unknown, "{kind:?}");
        }
    }

    #[test]
    fn the_page_asked_for_is_a_positive_event_id() {
        assert_eq!(before_of(None).unwrap(), None);
        assert_eq!(before_of(Some("x=1")).unwrap(), None);
        assert_eq!(before_of(Some("x=1&before=42")).unwrap(), Some(42));
        for bad in [
            "before=",
            "before=abc",
            "before=-3",
            "before=0",
            "before=1e9",
        ] {
            assert!(before_of(Some(bad)).is_err(), "{bad}");
        }
    }
}
