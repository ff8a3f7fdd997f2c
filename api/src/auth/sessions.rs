//! Sessions as handlers take them: [`SignedIn`] is the live session of the
//! request's `__Host-session` cookie, or `401 unauthenticated`. A session
//! found expired is removed on the way.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::domain::{Secret, token};
use crate::error::ApiError;
use crate::extract::cookie;
use crate::state::AppState;
use crate::store::SessionRecord;

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
