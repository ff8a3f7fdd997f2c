//! The desk's gate: a live session whose employee holds a support role.
//! Roles are read on every request, so a revocation takes effect at once
//! (it also ends the sessions, `store::roles`).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::SignedIn;
use crate::domain::roles::{self, Role};
use crate::error::ApiError;
use crate::state::AppState;

/// A signed-in support agent (or lead), with their roles.
pub struct Agent {
    pub signed_in: SignedIn,
    pub roles: Vec<Role>,
}

impl Agent {
    pub fn employee_id(&self) -> &str {
        self.signed_in.session.employee_id.as_str()
    }
}

impl FromRequestParts<AppState> for Agent {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let signed_in = SignedIn::from_request_parts(parts, state).await?;
        let roles = state
            .store()
            .roles_of(signed_in.session.employee_id.as_str())
            .await?;
        if !roles::is_agent(&roles) {
            return Err(ApiError::NotAnAgent);
        }
        Ok(Agent { signed_in, roles })
    }
}
