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

use super::super::codes::{self, CodeRequest};
use super::super::login::{channels_of, employee_with_pin, take_audited};
use crate::auth::{FlowType, Limit, LiveFlow, SESSION_COOKIE, SignedIn};
use crate::courier::{Channel, CodePurpose, Language};
use crate::domain::{Secret, token};
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientAddress, MessageLanguage};
use crate::state::AppState;
use crate::store::{
    AccountPurpose, AuditKind, EmployeeRecord, FlowKind, NewFlow, channel_named, facts_of,
};

/// A My account one-time PIN's flow, presented with the session's cookie.
pub(crate) struct AccountFlow;

impl FlowType for AccountFlow {
    const KIND: FlowKind = FlowKind::Account;
    const COOKIE: &'static str = SESSION_COOKIE;
    const EXPIRED: &'static str = "This one-time PIN has expired. Ask for a new one.";
}

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
    sent.destination = super::super::login::masked(request.channel, &destination);
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
    match codes::check(&state, &flow.id, &request.code, &limits, now).await? {
        codes::Checked::Right { channel, attempt } => {
            attempt.succeeded().await?;
            state.store().complete_flow(&flow.id).await?;
            let employee = employee_of(&state, &signed_in).await?;
            // A code to a contact still settling proves a removal, never a
            // change of what recovers the account.
            let settled = channel_named(&channel)
                .is_some_and(|channel| employee.recovery_contact(channel, now).is_some());
            let by = SteppedUpBy::Code {
                channel: &channel,
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
        codes::Checked::Wrong {
            channel,
            attempts_remaining,
            attempt,
        } => {
            let wrong = ApiError::InvalidCode { attempts_remaining };
            let detail = format!("code:{channel}");
            let audit = (AuditKind::StepUpFailed, Some(detail.as_str()));
            Err(attempt.refused(&state, id, &address, audit, wrong).await?)
        }
    }
}

/// Refuses a change once the step-up window of the session has closed.
pub(crate) fn require_fresh(state: &AppState, signed_in: &SignedIn) -> Result<(), ApiError> {
    if open_at(state, signed_in.session.authenticated_at) {
        Ok(())
    } else {
        Err(ApiError::StepUpRequired)
    }
}

/// Refuses to begin a change of what recovers the account unless the
/// session holds a recovery proof still in its window (the change's last
/// step spends it with [`spend_recovery_proof`]).
pub(crate) fn require_recovery_proof(
    state: &AppState,
    signed_in: &SignedIn,
) -> Result<(), ApiError> {
    match signed_in.session.recovery_proof_at {
        Some(made_at) if made_at + recovery_window(state) > state.now() => Ok(()),
        _ => Err(ApiError::RecoveryProofRequired),
    }
}

/// Spends the session's recovery proof for the change about to be made, or
/// refuses it: the proof is gone (another change spent it) or its window
/// closed while the change was under way. Spent before the change is
/// written, so a change that then fails asks for a new proof, never the
/// other way round.
pub(crate) async fn spend_recovery_proof(
    state: &AppState,
    signed_in: &SignedIn,
) -> Result<(), ApiError> {
    let made_since = state.now() - recovery_window(state) + 1;
    if state
        .store()
        .spend_recovery_proof(&signed_in.token_hash, made_since)
        .await?
    {
        Ok(())
    } else {
        Err(ApiError::RecoveryProofRequired)
    }
}

/// Whether a proof made at `proven_at` still stands now.
fn open_at(state: &AppState, proven_at: i64) -> bool {
    proven_at + state.settings().policy.step_up_secs as i64 > state.now()
}

/// How long a recovery proof stands: as long as the one-time PIN that made
/// it would have, time enough to type a new contact and its own code.
fn recovery_window(state: &AppState) -> i64 {
    state.settings().policy.otp_ttl_secs as i64
}

/// The current PIN, as a step-up: it takes a slot of the client address's
/// and the Employee ID's limits first, and a wrong one counts toward the
/// lockout exactly as at sign-in. `field` is where the request carried it.
pub(crate) async fn check_current_pin(
    state: &AppState,
    signed_in: &SignedIn,
    address: &str,
    field: &str,
    pin: String,
) -> Result<EmployeeRecord, ApiError> {
    check_pin_length(state, field, &pin)?;
    let now = state.now();
    let id = signed_in.session.employee_id.as_str();
    let attempt = take_audited(
        state,
        &[Limit::Address(address), Limit::EmployeeId(id)],
        (id, address, Some("step-up")),
        AuditKind::SignInLocked,
        now,
    )
    .await?;
    let Some(employee) = employee_with_pin(state, id, Secret::new(pin)).await? else {
        let wrong = ApiError::InvalidCredentials {
            attempts_remaining: 0,
        };
        let audit = (AuditKind::StepUpFailed, Some("pin"));
        return Err(attempt.refused(state, id, address, audit, wrong).await?);
    };
    // A right PIN proves the employee as fully as a sign-in does.
    attempt.succeeded().await?;
    Ok(employee)
}

/// A PIN that is there and not longer than any PIN can be.
pub(crate) fn check_pin_length(state: &AppState, field: &str, pin: &str) -> Result<(), ApiError> {
    let length = pin.chars().count();
    if length == 0 || length > usize::from(state.settings().policy.pin_max_length) {
        return Err(ApiError::invalid_field(field, "Enter a PIN."));
    }
    Ok(())
}

/// Where a My account one-time PIN goes, and why.
pub(crate) struct CodeTo<'a> {
    pub purpose: AccountPurpose,
    pub channel: Channel,
    /// The verified contact (a step-up) or the new one (a contact change).
    pub destination: &'a str,
    pub address: &'a str,
    pub language: Language,
}

/// Sends a My account one-time PIN: again in the session's live flow for the
/// same purpose and destination, so its resend gap and send limit hold;
/// otherwise in a new flow (the last one for the purpose ends, so its code
/// is no longer good). Answers with the destination as given.
pub(crate) async fn send_account_code(
    state: &AppState,
    signed_in: &SignedIn,
    employee: &EmployeeRecord,
    to: CodeTo<'_>,
) -> Result<wire::CodeSent, ApiError> {
    let now = state.now();
    let store = state.store();
    let policy = &state.settings().policy;
    let id = employee.employee_id.as_str();
    let last = store
        .find_account_flow(&signed_in.token_hash, to.purpose)
        .await?;
    let reusable = last.as_ref().filter(|flow| {
        flow.is_live(now)
            && match to.purpose {
                AccountPurpose::StepUp => true,
                AccountPurpose::Contact(_) => flow.destination.as_deref() == Some(to.destination),
            }
    });
    let flow_id = match reusable {
        Some(flow) => flow.flow_id.clone(),
        None => {
            if let Some(last) = &last {
                store.complete_flow(&last.flow_id).await?;
            }
            let flow_id = token::new_id();
            let destination = match to.purpose {
                AccountPurpose::StepUp => None,
                AccountPurpose::Contact(_) => Some(to.destination),
            };
            store
                .create_flow(
                    NewFlow {
                        kind: FlowKind::Account,
                        flow_id: &flow_id,
                        cookie_hash: &signed_in.token_hash,
                        employee_id: id,
                        questions: None,
                        purpose: Some(to.purpose),
                        destination,
                        expires_at: now + policy.otp_ttl_secs as i64,
                        bound_to: &facts_of(Some(employee)),
                    },
                    now,
                )
                .await?;
            flow_id
        }
    };
    let purpose = match to.purpose {
        AccountPurpose::StepUp => CodePurpose::StepUp,
        AccountPurpose::Contact(_) => CodePurpose::NewContact,
    };
    codes::send(
        state,
        CodeRequest {
            flow_id: &flow_id,
            employee_id: id,
            channel: to.channel,
            purpose,
            destination: Some(to.destination),
            too_many: "Too many codes were sent. Please try again later.",
            audit: AuditKind::CodeSent,
            address: to.address,
            language: to.language,
        },
        now,
    )
    .await?;
    Ok(wire::CodeSent {
        flow_id,
        channel: to.channel,
        destination: to.destination.to_owned(),
        expires_in_secs: policy.otp_ttl_secs,
        resend_after_secs: policy.otp_resend_secs,
        server_time: now,
        remember_device_days: 0,
    })
}

/// The signed-in employee, active (a disabled one's session does not change
/// anything).
pub(crate) async fn employee_of(
    state: &AppState,
    signed_in: &SignedIn,
) -> Result<EmployeeRecord, ApiError> {
    state
        .store()
        .find_employee(signed_in.session.employee_id.as_str())
        .await?
        .filter(EmployeeRecord::is_active)
        .ok_or(ApiError::Unauthenticated)
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
