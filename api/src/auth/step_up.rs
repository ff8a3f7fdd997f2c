//! My account's step-up: the window after a sign-in or a step-up in which a
//! change that only protects may be made, the recovery proof a change of
//! what recovers the account spends, and the one-time PINs of My account.

use crate::auth::codes::{self, CodeRequest};
use crate::auth::{FlowType, SESSION_COOKIE, SignedIn};
use crate::courier::{Channel, CodePurpose, Language};
use crate::domain::token;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{AccountPurpose, AuditKind, EmployeeRecord, FlowKind, NewFlow, facts_of};
use upsers_contract as wire;

/// A My account one-time PIN's flow, presented with the session's cookie.
pub(crate) struct AccountFlow;

impl FlowType for AccountFlow {
    const KIND: FlowKind = FlowKind::Account;
    const COOKIE: &'static str = SESSION_COOKIE;
    const EXPIRED: &'static str = "This one-time PIN has expired. Ask for a new one.";
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
pub(crate) fn open_at(state: &AppState, proven_at: i64) -> bool {
    proven_at + state.settings().policy.step_up_secs as i64 > state.now()
}

/// How long a recovery proof stands: as long as the one-time PIN that made
/// it would have, time enough to type a new contact and its own code.
pub(crate) fn recovery_window(state: &AppState) -> i64 {
    state.settings().policy.otp_ttl_secs as i64
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
