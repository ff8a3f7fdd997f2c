//! Change PIN: the current PIN again (the step-up: a session left open on a
//! shared PC must not be enough to take the account over), counted toward
//! the Employee ID's lockout exactly as at sign-in, then the new one under
//! the rules of a reset.

use crate::auth::notices;
use axum::Json;
use axum::extract::State;
use upsers_contract as wire;

use crate::auth::SignedIn;
use crate::auth::pins::{check_current_pin, check_pin_length, new_pin_hash};
use crate::courier::Notice;
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientAddress, MessageLanguage};
use crate::state::AppState;
use crate::store::AuditKind;

#[utoipa::path(post, path = "/api/v1/account/pin", tag = "account", request_body = wire::ChangePinRequest, responses((status = 200, description = "The new PIN is stored; every other session of the employee has ended and a notice went to each registered channel", body = wire::PinChanged), (status = 401, description = "`invalid_credentials` with `attempts_remaining` (the current PIN is wrong: it counts toward the lockout), or `unauthenticated`", body = wire::ErrorBody), (status = 422, description = "`invalid_input` (a PIN missing or too long) or `weak_pin` with `pin_problems`", body = wire::ErrorBody), (status = 423, description = "`locked` with `retry_after_secs`", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: this client address has too many failures", body = wire::ErrorBody)))]
pub(crate) async fn change_pin(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(language): MessageLanguage,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<wire::ChangePinRequest>,
) -> Result<Json<wire::PinChanged>, ApiError> {
    check_pin_length(&state, "current_pin", &request.current_pin)?;
    check_pin_length(&state, "new_pin", &request.new_pin)?;
    let now = state.now();
    let store = state.store();
    let id = signed_in.session.employee_id.as_str();
    let employee = check_current_pin(
        &state,
        &signed_in,
        &address,
        "current_pin",
        request.current_pin,
    )
    .await?;

    let pin_hash = new_pin_hash(&state, request.new_pin, id, &address, now).await?;
    // Told to every registered channel: no channel proved this change.
    let notices =
        notices::to_verified(&state, Notice::PinChanged, &employee, language, now).await?;
    store
        .change_pin(id, &pin_hash, &signed_in.token_hash, &notices)
        .await?;
    store
        .audit(AuditKind::PinChanged, Some(id), &address, None, now)
        .await?;
    notices::announce(&state, &notices, id, &address, now).await?;
    Ok(Json(wire::PinChanged { server_time: now }))
}
