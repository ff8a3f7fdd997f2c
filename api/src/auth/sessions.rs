//! Sessions as handlers take them: [`SignedIn`] is the live session of the
//! request's `__Host-session` cookie, or `401 unauthenticated`. A session
//! found expired is removed on the way.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::domain::{Secret, roles, token};
use crate::error::ApiError;
use crate::extract::{cookie, set_cookie};
use crate::state::AppState;
use crate::store::{NewSession, SessionRecord};
use upsers_contract as wire;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "__Host-session";

/// The signed-in employee's live session.
pub struct SignedIn {
    /// The SHA-256 of the cookie: the session's key in the store.
    pub token_hash: Vec<u8>,
    pub session: SessionRecord,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token_hash = presented_session(&parts.headers).ok_or(ApiError::Unauthenticated)?;
        let session = state
            .store()
            .find_session(&token_hash)
            .await?
            .ok_or(ApiError::Unauthenticated)?;
        if !session.is_live(state.now()) {
            state.store().delete_session(&token_hash).await?;
            return Err(ApiError::Unauthenticated);
        }
        Ok(SignedIn {
            token_hash,
            session,
        })
    }
}

/// The hash of the session cookie the request carries, if any.
pub fn presented_session(headers: &HeaderMap) -> Option<Vec<u8>> {
    cookie(headers, SESSION_COOKIE).map(|value| token::hash(&Secret::new(value)))
}

/// Where a session is being opened from: the device My account lists.
pub struct Origin<'a> {
    pub user_agent: Option<&'a str>,
    pub client_address: &'a str,
}

/// Opens a session for `employee_id` after a completed sign-in (a new token
/// every time: no session fixation). Returns its description and cookie.
pub async fn start(
    state: &AppState,
    employee_id: &str,
    origin: Origin<'_>,
    now: i64,
) -> Result<(wire::SessionInfo, String), ApiError> {
    let policy = &state.settings().policy;
    let store = state.store();
    let secret = token::new_token();
    let previous_sign_in = store.record_sign_in(employee_id, now).await?;
    let roles = store.roles_of(employee_id).await?;
    let idle_secs = roles::session_idle_secs(&roles, policy.session_idle_secs) as i64;
    let idle_expires_at = now + idle_secs;
    let absolute_expires_at = now + policy.session_absolute_secs as i64;
    store
        .create_session(&NewSession {
            token_hash: &token::hash(&secret),
            public_id: &token::new_id(),
            employee_id,
            previous_sign_in_at: previous_sign_in,
            user_agent: origin.user_agent,
            client_address: origin.client_address,
            now,
            idle_expires_at,
            absolute_expires_at,
            idle_secs,
        })
        .await?;
    let session = store
        .find_session(&token::hash(&secret))
        .await?
        .ok_or_else(|| anyhow::anyhow!("a session just created is missing"))?;
    let cookie = set_cookie(
        SESSION_COOKIE,
        secret.expose(),
        policy.session_absolute_secs,
    );
    Ok((describe(&session, now), cookie))
}

pub(crate) fn describe(session: &SessionRecord, now: i64) -> wire::SessionInfo {
    wire::SessionInfo {
        employee_id: session.employee_id.to_string(),
        first_name: session.first_name.clone(),
        idle_expires_at: session.idle_expires_at,
        absolute_expires_at: session.absolute_expires_at,
        server_time: now,
    }
}
