//! Sessions: who is signed in, keep-alive, sign-out, and the home hub.
//!
//! The cookie holds a 256-bit random token; the store holds its SHA-256. A
//! session ends after 15 idle minutes (10 for a support agent) or 8 hours,
//! whichever comes first;
//! reading it (`GET /session`) is not activity, so the SPA can warn before the
//! idle timeout without extending it.

use super::mount;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::auth::SignedIn;
use crate::auth::sessions::{describe, presented_session};
use crate::error::ApiError;
use crate::extract::{ClientAddress, clear_cookie};
use crate::state::AppState;
use crate::store::{AuditKind, SessionRecord};

pub use crate::auth::SESSION_COOKIE;

pub fn router() -> Router<AppState> {
    let router = Router::new();
    let router = mount::<endpoint::GetSession, _, _>(router, current);
    let router = mount::<endpoint::RefreshSession, _, _>(router, refresh);
    let router = mount::<endpoint::Logout, _, _>(router, logout);
    mount::<endpoint::GetHome, _, _>(router, home)
}

#[utoipa::path(get, path = "/api/v1/session", tag = "session", responses((status = 200, description = "The signed-in employee (not activity: the idle deadline does not move)", body = wire::SessionInfo), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody)))]
pub(crate) async fn current(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Json<wire::SessionInfo> {
    Json(describe(&signed_in.session, state.now()))
}

#[utoipa::path(post, path = "/api/v1/session/refresh", tag = "session", responses((status = 200, description = "Activity: the idle deadline moves, up to the absolute one", body = wire::SessionInfo), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody)))]
pub(crate) async fn refresh(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<wire::SessionInfo>, ApiError> {
    let now = state.now();
    let session = touch(&state, signed_in, now).await?;
    Ok(Json(describe(&session, now)))
}

#[utoipa::path(post, path = "/api/v1/logout", tag = "session", responses((status = 204, description = "Signed out; the session is destroyed on the server")))]
pub(crate) async fn logout(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let now = state.now();
    if let Some(token_hash) = presented_session(&headers)
        && let Some(employee_id) = state.store().delete_session(&token_hash).await?
    {
        state
            .store()
            .audit(AuditKind::SignOut, Some(&employee_id), &address, None, now)
            .await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, clear_cookie(SESSION_COOKIE))],
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/home", tag = "session", responses((status = 200, description = "The home hub (activity)", body = wire::HomeHub), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody)))]
pub(crate) async fn home(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<wire::HomeHub>, ApiError> {
    let now = state.now();
    let session = touch(&state, signed_in, now).await?;
    let roles = state.store().roles_of(session.employee_id.as_str()).await?;
    Ok(Json(wire::HomeHub {
        first_name: session.first_name,
        last_sign_in_at: session.previous_sign_in_at,
        tiles: state.settings().home_tiles.clone(),
        desk: crate::domain::roles::is_agent(&roles),
        server_time: now,
    }))
}

/// A live session with its idle deadline moved forward (activity), as stored.
async fn touch(state: &AppState, signed_in: SignedIn, now: i64) -> Result<SessionRecord, ApiError> {
    let SignedIn {
        token_hash,
        mut session,
    } = signed_in;
    let idle_secs = session
        .idle_secs
        .unwrap_or(state.settings().policy.session_idle_secs as i64);
    let idle_expires_at = now + idle_secs;
    state
        .store()
        .extend_session(&token_hash, now, idle_expires_at)
        .await?;
    // The same rule as the store's update, so no second read is needed.
    session.idle_expires_at = idle_expires_at.min(session.absolute_expires_at);
    Ok(session)
}
