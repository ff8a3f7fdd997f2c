//! Sign-in: Employee ID + PIN, then a one-time PIN by text or email.
//!
//! Every path through here answers the same way for unknown and known IDs: the
//! lockout counts per submitted ID, unknown IDs are verified against a dummy
//! hash, and a flow only exists once a PIN was right.

use super::mount;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::auth::attempts::take_audited;
use crate::auth::codes;
use crate::auth::devices::presented_device_hash;
use crate::auth::signin::{
    FLOW_COOKIE, FLOW_TTL_SECS, SignInBy, SignInFlow, channels_of, complete_sign_in,
    employee_with_pin, parse_employee_id,
};
use crate::auth::{Limit, LiveFlow, attempts};
use crate::courier::CodePurpose;
use crate::domain::{Secret, mask, roles, token, user_agent};
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientAddress, MessageLanguage, UserAgent, set_cookie};
use crate::state::AppState;
use crate::store::{AuditKind, EmployeeRecord, FlowKind, NewDevice, NewFlow, facts_of};

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
    ClientAddress(address): ClientAddress,
    UserAgent(user_agent): UserAgent,
    MessageLanguage(language): MessageLanguage,
    headers: HeaderMap,
    ApiJson(request): ApiJson<wire::LoginRequest>,
) -> Result<Response, ApiError> {
    let policy = &state.settings().policy;
    let employee_id = parse_employee_id(&state, &request.employee_id)?;
    let pin_length = request.pin.chars().count();
    if pin_length == 0 || pin_length > usize::from(policy.pin_max_length) {
        return Err(ApiError::invalid_field("pin", "Enter your PIN."));
    }
    let pin = Secret::new(request.pin);
    let id = employee_id.as_str();
    let store = state.store();
    let now = state.now();

    let attempt = take_audited(
        &state,
        &[Limit::Address(&address), Limit::EmployeeId(id)],
        (id, &address, None),
        AuditKind::SignInLocked,
        now,
    )
    .await?;

    let Some(employee) = employee_with_pin(&state, id, pin).await? else {
        let wrong = ApiError::InvalidCredentials {
            attempts_remaining: 0,
        };
        let audit = (AuditKind::SignInFailure, Some("pin"));
        return Err(attempt.refused(&state, id, &address, audit, wrong).await?);
    };
    if employee.is_reported() {
        // Only someone who knows the PIN learns of the report, and that a
        // reset by a one-time PIN is the way on.
        attempt.passed().await?;
        store
            .audit(
                AuditKind::SignInLocked,
                Some(id),
                &address,
                Some("reported"),
                now,
            )
            .await?;
        return Err(ApiError::LockedUntilReset);
    }

    let binding = user_agent::binding(user_agent.as_deref());
    if let Some(device) = presented_device_hash(&headers)
        && remember_device_secs(&state, id).await?.is_some()
        && store
            .use_remembered_device(&device, &binding, id, now)
            .await?
    {
        // A remembered device is the second factor: the sign-in is whole.
        let sign_in = SignInBy {
            attempt,
            factor: "device",
            language,
        };
        let who = (id, address.as_str(), user_agent.as_deref());
        let signed_in = complete_sign_in(&state, sign_in, who, &headers, now).await?;
        let started = wire::LoginStarted {
            flow_id: String::new(),
            channels: Vec::new(),
            expires_in_secs: 0,
            server_time: now,
        };
        let mut response = Json(started).into_response();
        signed_in.set_cookies(&mut response);
        return Ok(response);
    }

    // Failures before this PIN stay counted: the second factor is to come.
    attempt.passed().await?;
    let flow_id = token::new_id();
    let flow_secret = token::new_token();
    let expires_at = now + FLOW_TTL_SECS as i64;
    store
        .create_flow(
            NewFlow {
                kind: FlowKind::Login,
                flow_id: &flow_id,
                cookie_hash: &token::hash(&flow_secret),
                employee_id: id,
                questions: None,
                expires_at,
                purpose: None,
                destination: None,
                bound_to: &facts_of(Some(&employee)),
            },
            now,
        )
        .await?;
    store
        .audit(AuditKind::PinAccepted, Some(id), &address, None, now)
        .await?;

    let started = wire::LoginStarted {
        flow_id,
        channels: channels_of(&employee),
        expires_in_secs: FLOW_TTL_SECS,
        server_time: now,
    };
    let cookie = set_cookie(FLOW_COOKIE, flow_secret.expose(), FLOW_TTL_SECS);
    Ok(([(header::SET_COOKIE, cookie)], Json(started)).into_response())
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
    ClientAddress(address): ClientAddress,
    MessageLanguage(language): MessageLanguage,
    flow: LiveFlow<SignInFlow>,
    ApiJson(request): ApiJson<wire::SendCodeRequest>,
) -> Result<Json<wire::CodeSent>, ApiError> {
    let now = state.now();
    let store = state.store();
    let (flow_id, flow) = flow.into_parts();
    let employee = store
        .find_employee(flow.employee_id.as_str())
        .await?
        .filter(EmployeeRecord::is_active)
        .ok_or(LiveFlow::<SignInFlow>::expired())?;
    let destination = employee
        .verified_contact(request.channel)
        .ok_or_else(|| {
            ApiError::invalid_field("channel", "No such contact is registered for this sign-in.")
        })?
        .to_owned();

    attempts::lock_of(&state, Limit::EmployeeId(flow.employee_id.as_str()), now).await?;
    codes::send(
        &state,
        codes::CodeRequest {
            flow_id: &flow_id,
            employee_id: flow.employee_id.as_str(),
            channel: request.channel,
            purpose: CodePurpose::SignIn,
            destination: Some(&destination),
            too_many: "Too many codes were sent for this sign-in. Please start again.",
            audit: AuditKind::CodeSent,
            address: &address,
            language,
        },
        now,
    )
    .await?;

    let remember_device_days = match remember_device_secs(&state, flow.employee_id.as_str()).await?
    {
        Some(_) => state.settings().policy.remember_device_days,
        None => 0,
    };
    let policy = &state.settings().policy;
    Ok(Json(wire::CodeSent {
        flow_id,
        channel: request.channel,
        destination: mask::masked(request.channel, &destination),
        expires_in_secs: policy.otp_ttl_secs,
        resend_after_secs: policy.otp_resend_secs,
        server_time: now,
        remember_device_days,
    }))
}

#[utoipa::path(post, path = "/api/v1/login/{flow}/verify", tag = "sign-in", params(("flow" = String, Path, description = "`flow_id` from the login answer")), request_body = wire::VerifyCodeRequest, responses((status = 200, description = "Signed in. Sets the `__Host-session` cookie and the `__Host-device` cookie (the browser's token, minted by the server and kept only from the browser family and system it was first seen on: a browser new to the employee sends them an alert, and with `remember_device`, when the policy allows it, it skips the one-time PIN there).", body = wire::SessionInfo), (status = 401, description = "`invalid_code` with `attempts_remaining`", body = wire::ErrorBody), (status = 410, description = "`expired`: the flow, or (with `fields: [\"code\"]`) only the code", body = wire::ErrorBody), (status = 423, description = "`locked`", body = wire::ErrorBody)))]
pub(crate) async fn verify_code(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    UserAgent(user_agent): UserAgent,
    MessageLanguage(language): MessageLanguage,
    headers: HeaderMap,
    flow: LiveFlow<SignInFlow>,
    ApiJson(request): ApiJson<wire::VerifyCodeRequest>,
) -> Result<Response, ApiError> {
    let now = state.now();
    let store = state.store();
    let (flow_id, flow) = flow.into_parts();
    let id = flow.employee_id.as_str();
    let limits = [Limit::Address(&address), Limit::EmployeeId(id)];
    let checked = codes::check(&state, &flow_id, &request.code, &limits, now).await;
    if let Err(ApiError::Locked { .. }) = &checked {
        store
            .audit(
                AuditKind::SignInLocked,
                Some(id),
                &address,
                Some("code"),
                now,
            )
            .await?;
    }
    let (channel, attempt) = match checked? {
        codes::Checked::Right { channel, attempt } => (channel, attempt),
        codes::Checked::Wrong {
            channel,
            attempts_remaining,
            attempt,
        } => {
            let wrong = ApiError::InvalidCode { attempts_remaining };
            let audit = (AuditKind::CodeFailed, Some(channel.as_str()));
            return Err(attempt.refused(&state, id, &address, audit, wrong).await?);
        }
    };
    if !store.complete_flow(&flow_id).await? {
        attempt.unjudged().await?;
        return Err(ApiError::Expired(
            "This code has already been used. Please start again.",
        ));
    }

    let sign_in = SignInBy {
        attempt,
        factor: &channel,
        language,
    };
    let who = (id, address.as_str(), user_agent.as_deref());
    let signed_in = complete_sign_in(&state, sign_in, who, &headers, now).await?;
    let mut response = Json(signed_in.info.clone()).into_response();
    signed_in.set_cookies(&mut response);
    if request.remember_device
        && let Some(remember_secs) = remember_device_secs(&state, id).await?
    {
        store
            .remember_device(&NewDevice {
                public_id: &token::new_id(),
                token_hash: &token::hash(&signed_in.device),
                employee_id: id,
                user_agent: user_agent.as_deref(),
                binding: &user_agent::binding(user_agent.as_deref()),
                client_address: &address,
                now,
                expires_at: now + remember_secs as i64,
            })
            .await?;
        store
            .audit(AuditKind::DeviceRemembered, Some(id), &address, None, now)
            .await?;
    }
    Ok(response)
}

/// How long a device `employee_id` chooses to remember skips the one-time
/// PIN: the policy's days, or none when the policy turns it off or the
/// employee is a support agent (an agent always signs in with a one-time
/// PIN: a remembered device would leave the desk one stolen PIN away).
async fn remember_device_secs(
    state: &AppState,
    employee_id: &str,
) -> Result<Option<u64>, ApiError> {
    let Some(secs) = state.settings().policy.remember_device_secs() else {
        return Ok(None);
    };
    let agent = roles::is_agent(&state.store().roles_of(employee_id).await?);
    Ok((!agent).then_some(secs))
}
