//! Signing in with a passkey: as the second step after a right PIN, or as
//! the whole sign-in with a discoverable credential (the button on the
//! sign-in page, and passkey autofill on its Employee ID field).
//!
//! A passkey does not get round what guards a PIN: a locked Employee ID
//! cannot sign in with one (the lock is checked once the assertion holds,
//! so only the passkey's holder learns of it), an ID locked by "This wasn't
//! me" needs its PIN reset first, and every refused assertion counts against
//! the client address (and, after a PIN, against the ID, like a wrong code).

use axum::http::HeaderMap;
use upsers_contract as wire;
use webauthn_rs::prelude::Passkey;

use crate::auth::attempts::take_audited;
use crate::auth::ceremonies::{self, malformed, relying_party, take, usable};
use crate::auth::signin::{CompletedSignIn, Factor, SignInFlow, complete_sign_in, refuse_reported};
use crate::auth::{Attempt, Limit, LiveFlow, attempts};
use crate::domain::{Secret, token};
use crate::error::ApiError;
use crate::extract::{Actor, cookie};
use crate::passkeys::{Assertion, Refused, RelyingParty};
use crate::state::AppState;
use crate::store::{AuditKind, CeremonyPurpose, CeremonyRecord, EmployeeRecord};

/// The cookie binding a passkey sign-in's challenges to the browser that
/// asked for them.
pub const PASSKEY_COOKIE: &str = "__Host-passkey";

/// The second step by a passkey: `request`'s assertion against the flow's
/// challenge and the employee's passkeys, under the lockout.
pub(crate) async fn second_step(
    state: &AppState,
    actor: &Actor,
    headers: &HeaderMap,
    flow: LiveFlow<SignInFlow>,
    request: wire::PasskeyAnswer,
) -> Result<CompletedSignIn, ApiError> {
    let party = relying_party(state)?;
    let now = state.now();
    let store = state.store();
    let (flow_id, flow) = flow.into_parts();
    let id = flow.employee_id.as_str();
    let address = actor.address.as_str();
    let limits = [Limit::Address(address), Limit::EmployeeId(id)];
    let who = (id, address, Some("passkey"));
    let attempt = take_audited(state, &limits, who, AuditKind::SignInLocked, now).await?;
    let bound_to = token::hash(&Secret::new(flow_id.clone()));
    let asked = (CeremonyPurpose::SecondStep, bound_to.as_slice());
    let (ceremony, assertion, attempt) = answered(state, attempt, asked, &request).await?;
    let records = store.passkeys_of(id).await?;
    let used = party.finish_authentication(&assertion, &ceremony.state, &usable(&records));
    if !record_use(state, id, used, now).await? {
        let refused = ApiError::PasskeyRefused {
            attempts_remaining: None,
        };
        let audit = (AuditKind::PasskeyFailed, Some("second_step"));
        return Err(attempt.refused(state, id, address, audit, refused).await?);
    }
    if !store.complete_flow(&flow_id).await? {
        attempt.unjudged().await?;
        return Err(LiveFlow::<SignInFlow>::expired());
    }
    let factor = (attempt, Factor::Passkey);
    complete_sign_in(state, factor, (id, actor), headers, now).await
}

/// A whole sign-in by a discoverable passkey: the browser's challenge, the
/// passkey's employee, then the same locks a PIN meets.
pub(crate) async fn discoverable(
    state: &AppState,
    actor: &Actor,
    headers: &HeaderMap,
    request: wire::PasskeyAnswer,
) -> Result<CompletedSignIn, ApiError> {
    let party = relying_party(state)?;
    let now = state.now();
    let store = state.store();
    let address = actor.address.as_str();
    let attempt = attempts::take(state, &[Limit::Address(address)], now).await?;
    let browser = presented_browser(headers).ok_or(ApiError::PasskeyChallengeExpired);
    let (browser, attempt) = judged(attempt, browser).await?;
    let bound_to = token::hash(&browser);
    let asked = (CeremonyPurpose::SignIn, bound_to.as_slice());
    let (ceremony, assertion, attempt) = answered(state, attempt, asked, &request).await?;

    let employee = match assertion.user_handle {
        Some(handle) => match store.employee_of_user_handle(handle.as_bytes()).await? {
            Some(id) => store
                .find_employee(&id)
                .await?
                .filter(EmployeeRecord::is_active),
            None => None,
        },
        None => None,
    };
    let Some(employee) = employee else {
        return Err(refused_sign_in(state, attempt, None, address).await?);
    };
    let id = employee.employee_id.as_str();
    let records = store.passkeys_of(id).await?;
    let checked = party.finish_discoverable(&assertion, &ceremony.state, &usable(&records));
    if let Err(Refused::Rejected(reason)) = &checked {
        tracing::info!(%reason, "passkey sign-in refused");
        return Err(refused_sign_in(state, attempt, Some(id), address).await?);
    }
    // The passkey is the employee's: only now may the answer tell of the ID.
    if employee.is_reported() {
        return Err(refuse_reported(state, attempt, (id, actor)).await?);
    }
    if let Err(locked) = attempts::lock_of(state, Limit::EmployeeId(id), now).await {
        attempt.passed().await?;
        let kind = AuditKind::SignInLocked;
        actor.audit(state, kind, Some(id), Some("passkey")).await?;
        return Err(locked);
    }
    if !record_use(state, id, checked, now).await? {
        // Removed between the check and now.
        return Err(refused_sign_in(state, attempt, Some(id), address).await?);
    }
    let factor = (attempt, Factor::Passkey);
    complete_sign_in(state, factor, (id, actor), headers, now).await
}

/// The ceremony `request` answers (of `purpose`, bound to `bound_to`) and
/// its assertion, when both are there; else `attempt` given back.
async fn answered(
    state: &AppState,
    attempt: Attempt,
    (purpose, bound_to): (CeremonyPurpose, &[u8]),
    request: &wire::PasskeyAnswer,
) -> Result<(CeremonyRecord, Assertion, Attempt), ApiError> {
    let party = relying_party(state)?;
    let now = state.now();
    let taken = take(state, purpose, bound_to, &request.challenge_id, now).await;
    let (ceremony, attempt) = judged(attempt, taken).await?;
    let (assertion, attempt) = judged(attempt, parse(party, request)).await?;
    Ok((ceremony, assertion, attempt))
}

/// `result` when `attempt` may go on; else `attempt` given back first
/// (nothing was judged: no ceremony, or no credential to check).
async fn judged<T>(
    attempt: Attempt,
    result: Result<T, ApiError>,
) -> Result<(T, Attempt), ApiError> {
    match result {
        Ok(value) => Ok((value, attempt)),
        Err(error) => {
            attempt.unjudged().await?;
            Err(error)
        }
    }
}

fn parse(party: &RelyingParty, request: &wire::PasskeyAnswer) -> Result<Assertion, ApiError> {
    party.assertion(&request.credential).map_err(malformed)
}

/// Stores what a sign-in with `used` changed (its sign count, when); false
/// when the assertion was refused or the passkey was removed meanwhile.
async fn record_use(
    state: &AppState,
    employee_id: &str,
    used: Result<Passkey, Refused>,
    now: i64,
) -> Result<bool, ApiError> {
    let passkey = match used {
        Ok(passkey) => passkey,
        Err(refused) => {
            tracing::info!(%refused, "passkey assertion refused");
            return Ok(false);
        }
    };
    let json = serde_json::to_string(&passkey).map_err(anyhow::Error::from)?;
    Ok(state
        .store()
        .use_passkey(employee_id, passkey.cred_id().as_ref(), &json, now)
        .await?)
}

/// A refused sign-in with a discoverable passkey: recorded (for the
/// employee, when the passkey named one), counted against the address.
async fn refused_sign_in(
    state: &AppState,
    attempt: Attempt,
    employee_id: Option<&str>,
    address: &str,
) -> Result<ApiError, ApiError> {
    let detail = Some("sign_in");
    state
        .store()
        .audit(
            AuditKind::PasskeyFailed,
            employee_id,
            address,
            detail,
            state.now(),
        )
        .await?;
    // Only the address's window counts it: no lock to report.
    let _ = attempt.failed();
    Ok(ApiError::PasskeyRefused {
        attempts_remaining: None,
    })
}

/// The browser's `__Host-passkey` token, if it sent one.
pub(crate) fn presented_browser(headers: &HeaderMap) -> Option<Secret> {
    cookie(headers, PASSKEY_COOKIE)
        .filter(|value| !value.is_empty() && value.len() <= ceremonies::MAX_HANDLE)
        .map(Secret::new)
}
