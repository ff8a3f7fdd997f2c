//! Signing in with a passkey: the challenges, and the answers handed to the
//! passkey sign-in engine ([`crate::auth::passkey_sign_in`]).

use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use upsers_contract as wire;
use upsers_contract::endpoint;

use super::mount;
use crate::auth::ceremonies::{begin, relying_party, usable};
use crate::auth::passkey_sign_in::{self, PASSKEY_COOKIE, presented_browser};
use crate::auth::signin::SignInFlow;
use crate::auth::{Limit, LiveFlow, attempts};
use crate::domain::{Secret, token};
use crate::error::ApiError;
use crate::extract::{Actor, ApiJson, ClientAddress, append_cookie, clear_cookie, set_cookie};
use crate::passkeys::CHALLENGE_TTL;
use crate::state::AppState;
use crate::store::CeremonyPurpose;

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
    actor: Actor,
    headers: HeaderMap,
    flow: LiveFlow<SignInFlow>,
    ApiJson(request): ApiJson<wire::PasskeyAnswer>,
) -> Result<Response, ApiError> {
    let signed_in = passkey_sign_in::second_step(&state, &actor, &headers, flow, request).await?;
    Ok(signed_in.into_response())
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
    actor: Actor,
    headers: HeaderMap,
    ApiJson(request): ApiJson<wire::PasskeyAnswer>,
) -> Result<Response, ApiError> {
    let signed_in = passkey_sign_in::discoverable(&state, &actor, &headers, request).await?;
    let mut response = signed_in.into_response();
    append_cookie(&mut response, &clear_cookie(PASSKEY_COOKIE));
    Ok(response)
}
