//! The step-up My account's changes need. A change of what recovers the
//! account (adding or replacing a contact, the challenge questions, a
//! passkey) needs a recovery proof made for it: a one-time PIN to a channel
//! verified before the change, sent to this session after its sign-in and
//! used within `otp_ttl_secs`. The change spends it, so one proof makes one
//! change, and however fresh the sign-in, a session cookie alone changes
//! nothing that could take the account (SECURITY.md says why the current PIN
//! is not enough). A removal only protects: it needs the employee to have
//! proven who they are within `step_up_secs` (the sign-in, the current PIN,
//! counted toward the lockout exactly as at sign-in, or a one-time PIN).
//!
//! A one-time PIN sent from My account belongs to an `account` flow, bound to
//! the session by its cookie's hash and to the employee's PIN as it was, so
//! neither another browser nor a later PIN can use it.

use axum::Json;
use axum::extract::State;
use upsers_contract as wire;

use crate::auth::codes::{self};
use crate::auth::pins::check_current_pin;
use crate::auth::signin::channels_of;
use crate::auth::step_up::{AccountFlow, CodeTo, employee_of, recovery_window, send_account_code};
use crate::auth::{Limit, LiveFlow, SignedIn};
use crate::domain::mask;
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientAddress, MessageLanguage};
use crate::state::AppState;
use crate::store::{AccountPurpose, AuditKind, EmployeeRecord};

#[utoipa::path(get, path = "/api/v1/account/step-up", tag = "account", responses((status = 200, description = "Until when changes need no step-up, and where a step-up one-time PIN can go", body = wire::StepUpState), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody)))]
pub(crate) async fn current(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<wire::StepUpState>, ApiError> {
    let employee = employee_of(&state, &signed_in).await?;
    let session = &signed_in.session;
    let proven = (session.authenticated_at, session.recovery_proof_at);
    Ok(Json(state_of(&state, &employee, proven)))
}

#[utoipa::path(post, path = "/api/v1/account/step-up/pin", tag = "account", request_body = wire::StepUpPinRequest, responses((status = 200, description = "The PIN was right: changes need no step-up until `fresh_until`", body = wire::StepUpState), (status = 401, description = "`invalid_credentials` with `attempts_remaining` (it counts toward the lockout), or `unauthenticated`", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: no PIN, or one too long", body = wire::ErrorBody), (status = 423, description = "`locked` with `retry_after_secs`", body = wire::ErrorBody), (status = 429, description = "`rate_limited`", body = wire::ErrorBody)))]
pub(crate) async fn with_pin(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<wire::StepUpPinRequest>,
) -> Result<Json<wire::StepUpState>, ApiError> {
    let now = state.now();
    let employee = check_current_pin(&state, &signed_in, &address, "pin", request.pin).await?;
    stepped_up(&state, &signed_in, &address, SteppedUpBy::Pin, now).await?;
    let proven = (now, signed_in.session.recovery_proof_at);
    Ok(Json(state_of(&state, &employee, proven)))
}

#[utoipa::path(post, path = "/api/v1/account/step-up/send", tag = "account", request_body = wire::SendCodeRequest, responses((status = 200, description = "A step-up one-time PIN went to the verified channel", body = wire::CodeSent), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 422, description = "No verified contact on that channel", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: resend gap, send limit or hourly cap", body = wire::ErrorBody)))]
pub(crate) async fn send_code(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(language): MessageLanguage,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<wire::SendCodeRequest>,
) -> Result<Json<wire::CodeSent>, ApiError> {
    let employee = employee_of(&state, &signed_in).await?;
    let destination = employee
        .verified_contact(request.channel)
        .ok_or_else(|| ApiError::invalid_field("channel", "No verified contact on this channel."))?
        .to_owned();
    let to = CodeTo {
        purpose: AccountPurpose::StepUp,
        channel: request.channel,
        destination: &destination,
        address: &address,
        language,
    };
    let mut sent = send_account_code(&state, &signed_in, &employee, to).await?;
    sent.destination = mask::masked(request.channel, &destination);
    Ok(Json(sent))
}

#[utoipa::path(post, path = "/api/v1/account/step-up/{flow}/verify", tag = "account", params(("flow" = String, Path, description = "`flow_id` from the step-up send")), request_body = wire::VerifyCodeRequest, responses((status = 200, description = "The code was right: changes need no step-up until `fresh_until`", body = wire::StepUpState), (status = 401, description = "`invalid_code` with `attempts_remaining` (it counts toward the lockout), or `unauthenticated`", body = wire::ErrorBody), (status = 410, description = "`expired` (the flow) or `code_expired`", body = wire::ErrorBody), (status = 423, description = "`locked`", body = wire::ErrorBody), (status = 429, description = "`rate_limited`", body = wire::ErrorBody)))]
pub(crate) async fn verify_code(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    signed_in: SignedIn,
    flow: LiveFlow<AccountFlow>,
    ApiJson(request): ApiJson<wire::VerifyCodeRequest>,
) -> Result<Json<wire::StepUpState>, ApiError> {
    let now = state.now();
    if flow.record.account_purpose() != Some(AccountPurpose::StepUp) {
        return Err(LiveFlow::<AccountFlow>::expired());
    }
    let id = signed_in.session.employee_id.as_str();
    let limits = [Limit::Address(&address), Limit::EmployeeId(id)];
    let checked = codes::check(&state, &flow.id, &request.code, &limits, now).await?;
    let failed = (AuditKind::StepUpFailed, "code:");
    let (channel, attempt) = checked
        .right_or_refused(&state, (id, &address), failed)
        .await?;
    attempt.succeeded().await?;
    state.store().complete_flow(&flow.id).await?;
    let employee = employee_of(&state, &signed_in).await?;
    // A code to a contact still settling proves a removal, never a
    // change of what recovers the account.
    let settled = employee.recovery_contact(channel, now).is_some();
    let by = SteppedUpBy::Code {
        channel: channel.as_str(),
        settled,
    };
    stepped_up(&state, &signed_in, &address, by, now).await?;
    let recovery_proof = if settled {
        Some(now)
    } else {
        signed_in.session.recovery_proof_at
    };
    Ok(Json(state_of(&state, &employee, (now, recovery_proof))))
}

/// The step-up's state, from when the session last proved who it is and
/// when it last made a recovery proof.
fn state_of(
    state: &AppState,
    employee: &EmployeeRecord,
    (proven_at, recovery_proof_at): (i64, Option<i64>),
) -> wire::StepUpState {
    let window = state.settings().policy.step_up_secs as i64;
    wire::StepUpState {
        fresh_until: proven_at + window,
        recovery_until: recovery_proof_at.map_or(0, |made_at| made_at + recovery_window(state)),
        channels: channels_of(employee),
        settling: employee.settling(state.now()),
        server_time: state.now(),
    }
}

/// How the employee stepped up.
enum SteppedUpBy<'a> {
    /// The current PIN: fresh again for a removal, not for recovery.
    Pin,
    /// A one-time PIN to a verified channel: also a recovery proof when
    /// the channel is `settled`.
    Code { channel: &'a str, settled: bool },
}

async fn stepped_up(
    state: &AppState,
    signed_in: &SignedIn,
    address: &str,
    by: SteppedUpBy<'_>,
    now: i64,
) -> Result<(), ApiError> {
    let store = state.store();
    let (for_recovery, how) = match by {
        SteppedUpBy::Pin => (false, "pin"),
        SteppedUpBy::Code { channel, settled } => (settled, channel),
    };
    store
        .mark_stepped_up(&signed_in.token_hash, now, for_recovery)
        .await?;
    let id = signed_in.session.employee_id.as_str();
    store
        .audit(AuditKind::SteppedUp, Some(id), address, Some(how), now)
        .await?;
    Ok(())
}
