//! Signing in with a passkey: as the second step after a right PIN, or as
//! the whole sign-in with a discoverable credential (the button on the
//! sign-in page, and passkey autofill on its Employee ID field). Also the
//! ceremony plumbing My account's registration shares (`begin`, `take`).
//!
//! A passkey does not get round what guards a PIN: a locked Employee ID
//! cannot sign in with one (the lock is checked once the assertion holds,
//! so only the passkey's holder learns of it), an ID locked by "This wasn't
//! me" needs its PIN reset first, and every refused assertion counts against
//! the client address (and, after a PIN, against the ID, like a wrong code).

use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use upsers_contract as wire;
use upsers_contract::endpoint;
use webauthn_rs::prelude::Passkey;

use super::mount;
use crate::auth::attempts::take_audited;
use crate::auth::ceremonies::{self, begin, malformed, relying_party, take, usable};
use crate::auth::signin::{SignInBy, SignInFlow, complete_sign_in};
use crate::auth::{Attempt, Limit, LiveFlow, attempts};
use crate::courier::Language;
use crate::domain::{Secret, token};
use crate::error::ApiError;
use crate::extract::append_cookie;
use crate::extract::{
    ApiJson, ClientAddress, MessageLanguage, UserAgent, clear_cookie, cookie, set_cookie,
};
use crate::passkeys::{Assertion, CHALLENGE_TTL, Refused, RelyingParty};
use crate::state::AppState;
use crate::store::{AuditKind, CeremonyPurpose, EmployeeRecord};

/// The cookie binding a passkey sign-in's challenges to the browser that
/// asked for them.
pub const PASSKEY_COOKIE: &str = "__Host-passkey";

pub fn router() -> Router<AppState> {
    let router = mount::<endpoint::StartPasskeyStep, _, _>(Router::new(), start_step);
    let router = mount::<endpoint::FinishPasskeyStep, _, _>(router, finish_step);
    let router = mount::<endpoint::StartPasskeySignIn, _, _>(router, start_sign_in);
    mount::<endpoint::FinishPasskeySignIn, _, _>(router, finish_sign_in)
}

#[utoipa::path(post, path = "/api/v1/login/{flow}/passkey/options", tag = "sign-in", params(("flow" = String, Path, description = "`flow_id` from the login answer")), responses((status = 200, description = "The challenge for one of the employee's passkeys (single use, for this flow, 5 minutes)", body = wire::PasskeyChallenge), (status = 404, description = "`not_found` naming `passkey`: the employee has none (send a code instead), or this portal's address cannot have passkeys", body = wire::ErrorBody), (status = 410, description = "`expired`: the flow is over", body = wire::ErrorBody), (status = 423, description = "`locked`", body = wire::ErrorBody)))]
pub(crate) async fn start_step(
    State(state): State<AppState>,
    flow: LiveFlow<SignInFlow>,
) -> Result<Json<wire::PasskeyChallenge>, ApiError> {
    let party = relying_party(&state)?;
    let now = state.now();
    let (flow_id, flow) = flow.into_parts();
    let id = flow.employee_id.as_str();
    let passkeys = usable(&state.store().passkeys_of(id).await?);
    if passkeys.is_empty() {
        return Err(ApiError::NoPasskey(
            "No passkey is registered for this Employee ID. Send a code instead.",
        ));
    }
    attempts::lock_of(&state, Limit::EmployeeId(id), now).await?;
    let begun = party.start_authentication(&passkeys)?;
    let bound_to = token::hash(&Secret::new(flow_id));
    let ceremony = (CeremonyPurpose::SecondStep, bound_to.as_slice(), Some(id));
    Ok(Json(begin(&state, ceremony, begun, now).await?))
}

#[utoipa::path(post, path = "/api/v1/login/{flow}/passkey", tag = "sign-in", params(("flow" = String, Path, description = "`flow_id` from the login answer")), request_body = wire::PasskeyAnswer, responses((status = 200, description = "Signed in (sets the `__Host-session` and `__Host-device` cookies, as a one-time PIN does)", body = wire::SessionInfo), (status = 401, description = "`invalid_credentials` naming `passkey`, with `attempts_remaining`: the assertion was refused (it counts toward the lockout)", body = wire::ErrorBody), (status = 410, description = "`code_expired` naming `passkey`: the challenge was used or is over (ask for a new one); or `expired`: the flow is over", body = wire::ErrorBody), (status = 422, description = "`invalid_input` naming `credential`: not WebAuthn JSON", body = wire::ErrorBody), (status = 423, description = "`locked`", body = wire::ErrorBody), (status = 429, description = "`rate_limited`", body = wire::ErrorBody)))]
pub(crate) async fn finish_step(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    UserAgent(user_agent): UserAgent,
    MessageLanguage(language): MessageLanguage,
    headers: HeaderMap,
    flow: LiveFlow<SignInFlow>,
    ApiJson(request): ApiJson<wire::PasskeyAnswer>,
) -> Result<Response, ApiError> {
    let party = relying_party(&state)?;
    let now = state.now();
    let store = state.store();
    let (flow_id, flow) = flow.into_parts();
    let id = flow.employee_id.as_str();
    let limits = [Limit::Address(&address), Limit::EmployeeId(id)];
    let who = (id, address.as_str(), Some("passkey"));
    let attempt = take_audited(&state, &limits, who, AuditKind::SignInLocked, now).await?;
    let bound_to = token::hash(&Secret::new(flow_id.clone()));
    let taken = take(
        &state,
        CeremonyPurpose::SecondStep,
        &bound_to,
        &request.challenge_id,
        now,
    )
    .await;
    let (ceremony, attempt) = judged(attempt, taken).await?;
    let (assertion, attempt) = judged(attempt, parse(party, &request)).await?;
    let records = store.passkeys_of(id).await?;
    let used = party.finish_authentication(&assertion, &ceremony.state, &usable(&records));
    if !record_use(&state, id, used, now).await? {
        let refused = ApiError::PasskeyRefused {
            attempts_remaining: None,
        };
        let audit = (AuditKind::PasskeyFailed, Some("second_step"));
        return Err(attempt
            .refused(&state, id, &address, audit, refused)
            .await?);
    }
    if !store.complete_flow(&flow_id).await? {
        attempt.unjudged().await?;
        return Err(LiveFlow::<SignInFlow>::expired());
    }
    let who = (id, address.as_str(), user_agent.as_deref());
    signed_in_by_passkey(&state, (attempt, language), who, &headers, now).await
}

#[utoipa::path(post, path = "/api/v1/login/passkey/options", tag = "sign-in", responses((status = 200, description = "The challenge of a sign-in with a discoverable passkey (single use, 5 minutes), bound to this browser by the `__Host-passkey` cookie (minted here; kept while a challenge of this server's waits for the one the browser has, so the autofill's and the button's challenges both hold; any other value is replaced)", body = wire::PasskeyChallenge), (status = 404, description = "`not_found` naming `passkey`: this portal's address cannot have passkeys", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: too many passkey sign-ins begun from this network", body = wire::ErrorBody)))]
pub(crate) async fn start_sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let party = relying_party(&state)?;
    let now = state.now();
    attempts::take(&state, &[Limit::PasskeySignIns(&address)], now)
        .await?
        .keep();
    let browser = match presented_browser(&headers) {
        // Kept only while this server holds a challenge for it: a value the
        // browser was given by anyone else is never adopted.
        Some(presented)
            if state
                .store()
                .has_ceremony(&token::hash(&presented), now)
                .await? =>
        {
            presented
        }
        _ => token::new_token(),
    };
    let begun = party.start_discoverable()?;
    let bound_to = token::hash(&browser);
    let ceremony = (CeremonyPurpose::SignIn, bound_to.as_slice(), None);
    let challenge = begin(&state, ceremony, begun, now).await?;
    let cookie = set_cookie(PASSKEY_COOKIE, browser.expose(), CHALLENGE_TTL.as_secs());
    Ok(([(header::SET_COOKIE, cookie)], Json(challenge)).into_response())
}

#[utoipa::path(post, path = "/api/v1/login/passkey", tag = "sign-in", request_body = wire::PasskeyAnswer, responses((status = 200, description = "Signed in with no Employee ID or PIN typed (sets the `__Host-session` and `__Host-device` cookies; clears `__Host-passkey`)", body = wire::SessionInfo), (status = 401, description = "`invalid_credentials` naming `passkey`: the assertion was refused (an unknown or removed passkey, another origin, no user verification); it counts against this client address", body = wire::ErrorBody), (status = 410, description = "`code_expired` naming `passkey`: the challenge was used, is over, or is not this browser's (ask for a new one)", body = wire::ErrorBody), (status = 422, description = "`invalid_input` naming `credential`: not WebAuthn JSON", body = wire::ErrorBody), (status = 423, description = "`locked`: the passkey's Employee ID is locked (`retry_after_secs`), or locked by \"This wasn't me\" until its PIN is reset (naming `pin_reset`)", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: this client address has too many failures", body = wire::ErrorBody)))]
pub(crate) async fn finish_sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    UserAgent(user_agent): UserAgent,
    MessageLanguage(language): MessageLanguage,
    headers: HeaderMap,
    ApiJson(request): ApiJson<wire::PasskeyAnswer>,
) -> Result<Response, ApiError> {
    let party = relying_party(&state)?;
    let now = state.now();
    let store = state.store();
    let attempt = attempts::take(&state, &[Limit::Address(&address)], now).await?;
    let browser = presented_browser(&headers).ok_or(ApiError::PasskeyChallengeExpired);
    let (browser, attempt) = judged(attempt, browser).await?;
    let bound_to = token::hash(&browser);
    let taken = take(
        &state,
        CeremonyPurpose::SignIn,
        &bound_to,
        &request.challenge_id,
        now,
    )
    .await;
    let (ceremony, attempt) = judged(attempt, taken).await?;
    let (assertion, attempt) = judged(attempt, parse(party, &request)).await?;

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
        return Err(refused_sign_in(&state, attempt, None, &address).await?);
    };
    let id = employee.employee_id.as_str();
    let records = store.passkeys_of(id).await?;
    let checked = party.finish_discoverable(&assertion, &ceremony.state, &usable(&records));
    if let Err(Refused::Rejected(reason)) = &checked {
        tracing::info!(%reason, "passkey sign-in refused");
        return Err(refused_sign_in(&state, attempt, Some(id), &address).await?);
    }
    // The passkey is the employee's: only now may the answer tell of the ID.
    if employee.is_reported() {
        attempt.passed().await?;
        let detail = Some("reported");
        store
            .audit(AuditKind::SignInLocked, Some(id), &address, detail, now)
            .await?;
        return Err(ApiError::LockedUntilReset);
    }
    if let Err(locked) = attempts::lock_of(&state, Limit::EmployeeId(id), now).await {
        attempt.passed().await?;
        let detail = Some("passkey");
        store
            .audit(AuditKind::SignInLocked, Some(id), &address, detail, now)
            .await?;
        return Err(locked);
    }
    if !record_use(&state, id, checked, now).await? {
        // Removed between the check and now.
        return Err(refused_sign_in(&state, attempt, Some(id), &address).await?);
    }
    let who = (id, address.as_str(), user_agent.as_deref());
    let mut response =
        signed_in_by_passkey(&state, (attempt, language), who, &headers, now).await?;
    append_cookie(&mut response, &clear_cookie(PASSKEY_COOKIE));
    Ok(response)
}

/// The sign-in of `attempt` (in `language`) made whole by a passkey for
/// `who` (the Employee ID, client address and User-Agent): a session, as
/// the answer with its cookies.
async fn signed_in_by_passkey(
    state: &AppState,
    (attempt, language): (Attempt, Language),
    who: (&str, &str, Option<&str>),
    headers: &HeaderMap,
    now: i64,
) -> Result<Response, ApiError> {
    let sign_in = SignInBy {
        attempt,
        factor: "passkey",
        language,
    };
    let signed_in = complete_sign_in(state, sign_in, who, headers, now).await?;
    let mut response = Json(signed_in.info.clone()).into_response();
    signed_in.set_cookies(&mut response);
    Ok(response)
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
fn presented_browser(headers: &HeaderMap) -> Option<Secret> {
    cookie(headers, PASSKEY_COOKIE)
        .filter(|value| !value.is_empty() && value.len() <= ceremonies::MAX_HANDLE)
        .map(Secret::new)
}
