//! Devices and sessions: where the employee is signed in now, and signing
//! out any other one, or all of them at once. The list describes each
//! session's device from the User-Agent it was opened with; the token hash
//! that keys a session never leaves the store (the list's handle is a
//! separate random id).

use axum::Json;
use axum::extract::State;
use upsers_contract as wire;

use crate::auth::SignedIn;
use crate::domain::user_agent;
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientAddress};
use crate::state::AppState;
use crate::store::{AuditKind, SessionSummary};

/// Longer than any id the API hands out; anything longer is not one.
const MAX_SESSION_ID: usize = 64;

#[utoipa::path(get, path = "/api/v1/account/sessions", tag = "account", responses((status = 200, description = "The employee's live sessions, the latest active first (reading them is not activity)", body = wire::ActiveSessions), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<wire::ActiveSessions>, ApiError> {
    let now = state.now();
    let id = signed_in.session.employee_id.as_str();
    let sessions = state.store().live_sessions(id, now).await?;
    Ok(Json(wire::ActiveSessions {
        sessions: sessions
            .into_iter()
            .map(|session| describe(session, &signed_in.session.public_id))
            .collect(),
        server_time: now,
    }))
}

#[utoipa::path(post, path = "/api/v1/account/sessions/end", tag = "account", request_body = wire::EndSessionRequest, responses((status = 200, description = "`ended` is 1, or 0 when that session had already ended (or is not the employee's)", body = wire::SessionsEnded), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: no session id, or the id of this very session (sign out instead)", body = wire::ErrorBody)))]
pub(crate) async fn end_one(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<wire::EndSessionRequest>,
) -> Result<Json<wire::SessionsEnded>, ApiError> {
    let session_id = request.session_id.trim();
    if session_id.is_empty() || session_id.chars().count() > MAX_SESSION_ID {
        return Err(ApiError::invalid_field("session_id", "Choose a session."));
    }
    if session_id == signed_in.session.public_id {
        return Err(ApiError::invalid_field(
            "session_id",
            "This is the session you are using: sign out instead.",
        ));
    }
    let now = state.now();
    let store = state.store();
    let id = signed_in.session.employee_id.as_str();
    let ended = store.end_session_of(id, session_id).await?;
    if ended {
        store
            .audit(
                AuditKind::SessionEnded,
                Some(id),
                &address,
                Some("one"),
                now,
            )
            .await?;
    }
    Ok(Json(wire::SessionsEnded {
        ended: u64::from(ended),
    }))
}

#[utoipa::path(post, path = "/api/v1/account/sessions/end-others", tag = "account", responses((status = 200, description = "Every session of the employee but this one has ended", body = wire::SessionsEnded), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody)))]
pub(crate) async fn end_others(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    signed_in: SignedIn,
) -> Result<Json<wire::SessionsEnded>, ApiError> {
    let now = state.now();
    let store = state.store();
    let id = signed_in.session.employee_id.as_str();
    let ended = store.end_other_sessions(id, &signed_in.token_hash).await?;
    if ended > 0 {
        store
            .audit(
                AuditKind::SessionEnded,
                Some(id),
                &address,
                Some("others"),
                now,
            )
            .await?;
    }
    Ok(Json(wire::SessionsEnded { ended }))
}

fn describe(session: SessionSummary, this: &str) -> wire::ActiveSession {
    let device = user_agent::describe(session.user_agent.as_deref());
    wire::ActiveSession {
        this_device: session.public_id == this,
        id: session.public_id,
        browser: device.browser,
        os: device.os,
        address: session.client_address,
        started_at: session.created_at,
        last_active_at: session.last_active_at.unwrap_or(session.created_at),
    }
}
