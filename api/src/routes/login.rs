//! Sign-in: Employee ID + PIN, then a one-time PIN by text or email. The
//! steps are the sign-in engine's ([`crate::auth::signin`]), which answers
//! the same way for unknown and known IDs.

use super::mount;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::auth::signin::{
    self, FLOW_COOKIE, FLOW_TTL_SECS, PinAccepted, SignInFlow, parse_employee_id,
};
use crate::auth::{Limit, LiveFlow, attempts};
use crate::error::ApiError;
use crate::extract::{Actor, ApiJson, ClientAddress, set_cookie};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    let router = Router::new();
    let router = mount::<endpoint::Login, _, _>(router, login);
    let router = mount::<endpoint::GetLock, _, _>(router, lock_state);
    let router = mount::<endpoint::SendLoginCode, _, _>(router, send_code);
    mount::<endpoint::VerifyLoginCode, _, _>(router, verify_code)
}

#[utoipa::path(post, path = "/api/v1/login", tag = "sign-in", request_body = wire::LoginRequest, responses((status = 200, description = "PIN accepted; the second factor comes next (sets the `__Host-flow` cookie), or, on a device the employee remembered, the sign-in is complete (`flow_id` empty; sets the `__Host-session` cookie)", body = wire::LoginStarted), (status = 401, description = "`invalid_credentials` with `attempts_remaining`", body = wire::ErrorBody), (status = 422, description = "`invalid_input` with `fields`", body = wire::ErrorBody), (status = 423, description = "`locked` with `retry_after_secs`; or, after a right PIN for an ID locked by \"This wasn't me\", `locked` naming `pin_reset` (no countdown: a PIN reset by a one-time PIN unlocks it)", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: this client address has too many failures", body = wire::ErrorBody)))]
pub(crate) async fn login(
    State(state): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    ApiJson(request): ApiJson<wire::LoginRequest>,
) -> Result<Response, ApiError> {
    match signin::by_pin(&state, &actor, &headers, request).await? {
        PinAccepted::SignedIn(signed_in) => {
            let started = wire::LoginStarted {
                flow_id: String::new(),
                channels: Vec::new(),
                expires_in_secs: 0,
                server_time: signed_in.info.server_time,
            };
            let mut response = Json(started).into_response();
            signed_in.set_cookies(&mut response);
            Ok(response)
        }
        PinAccepted::SecondFactor {
            started,
            flow_secret,
        } => {
            let cookie = set_cookie(FLOW_COOKIE, flow_secret.expose(), FLOW_TTL_SECS);
            Ok(([(header::SET_COOKIE, cookie)], Json(started)).into_response())
        }
    }
}

#[utoipa::path(post, path = "/api/v1/login/lock", tag = "sign-in", request_body = wire::LockQuery, responses((status = 200, description = "Whether the Employee ID is locked now, with `retry_after_secs` while it is. Takes no attempt; known and unknown IDs lock alike.", body = wire::LockState), (status = 422, description = "`invalid_input`: not an Employee ID", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: too many look-ups from this network (300 a minute)", body = wire::ErrorBody)))]
pub(crate) async fn lock_state(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<wire::LockQuery>,
) -> Result<Json<wire::LockState>, ApiError> {
    let employee_id = parse_employee_id(&state, &request.employee_id)?;
    let now = state.now();
    attempts::take(&state, &[Limit::Lookups(&address)], now)
        .await?
        .keep();
    let retry_after_secs =
        match attempts::lock_of(&state, Limit::EmployeeId(employee_id.as_str()), now).await {
            Ok(()) => None,
            Err(ApiError::Locked { retry_after_secs }) => Some(retry_after_secs),
            Err(other) => return Err(other),
        };
    Ok(Json(wire::LockState {
        retry_after_secs,
        server_time: now,
    }))
}

#[utoipa::path(post, path = "/api/v1/login/{flow}/send", tag = "sign-in", params(("flow" = String, Path, description = "`flow_id` from the login answer")), request_body = wire::SendCodeRequest, responses((status = 200, description = "A one-time PIN was sent", body = wire::CodeSent), (status = 410, description = "`expired`: the flow is over", body = wire::ErrorBody), (status = 422, description = "No such channel registered", body = wire::ErrorBody), (status = 423, description = "`locked`", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: resend gap or send limit", body = wire::ErrorBody)))]
pub(crate) async fn send_code(
    State(state): State<AppState>,
    actor: Actor,
    flow: LiveFlow<SignInFlow>,
    ApiJson(request): ApiJson<wire::SendCodeRequest>,
) -> Result<Json<wire::CodeSent>, ApiError> {
    let sent = signin::send_code(&state, &actor, flow, request.channel).await?;
    Ok(Json(sent))
}

#[utoipa::path(post, path = "/api/v1/login/{flow}/verify", tag = "sign-in", params(("flow" = String, Path, description = "`flow_id` from the login answer")), request_body = wire::VerifyCodeRequest, responses((status = 200, description = "Signed in. Sets the `__Host-session` cookie and the `__Host-device` cookie (the browser's token, minted by the server and kept only from the browser family and system it was first seen on: a browser new to the employee sends them an alert, and with `remember_device`, when the policy allows it, it skips the one-time PIN there).", body = wire::SessionInfo), (status = 401, description = "`invalid_code` with `attempts_remaining`", body = wire::ErrorBody), (status = 410, description = "`expired`: the flow, or (with `fields: [\"code\"]`) only the code", body = wire::ErrorBody), (status = 423, description = "`locked`", body = wire::ErrorBody)))]
pub(crate) async fn verify_code(
    State(state): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    flow: LiveFlow<SignInFlow>,
    ApiJson(request): ApiJson<wire::VerifyCodeRequest>,
) -> Result<Response, ApiError> {
    let signed_in = signin::by_code(&state, &actor, &headers, flow, request).await?;
    Ok(signed_in.into_response())
}
