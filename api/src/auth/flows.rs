//! Flows: a sign-in, recovery or registration in progress, as handlers take
//! them. [`LiveFlow<K>`] is the one look-up every flow step starts with: the
//! `{flow}` of the path names a flow of kind `K`, it belongs to this browser
//! (its cookie), is not finished, has not expired, and its employee is as
//! they were when it opened. Every other case answers the same `410`, so a
//! flow id alone reveals nothing.

use std::marker::PhantomData;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use crate::domain::{Secret, token};
use crate::error::ApiError;
use crate::extract::cookie;
use crate::state::AppState;
use crate::store::{FlowKind, FlowRecord};

/// What a kind of flow is: its kind in the store, the cookie that binds it to
/// the browser that started it, and what to say when it is over.
pub trait FlowType: Send + Sync + 'static {
    const KIND: FlowKind;
    const COOKIE: &'static str;
    const EXPIRED: &'static str;
}

/// A live flow of kind `K`; see the module documentation.
pub struct LiveFlow<K> {
    /// The flow's id, as the path gave it.
    pub id: String,
    pub record: FlowRecord,
    kind: PhantomData<K>,
}

impl<K: FlowType> LiveFlow<K> {
    /// The Employee ID the flow was opened for, as submitted.
    pub fn employee_id(&self) -> &str {
        self.record.employee_id.as_str()
    }

    /// The flow's id and record.
    pub fn into_parts(self) -> (String, FlowRecord) {
        (self.id, self.record)
    }

    /// The answer for a flow that is over.
    pub fn expired() -> ApiError {
        ApiError::Expired(K::EXPIRED)
    }
}

impl<K: FlowType> FromRequestParts<AppState> for LiveFlow<K> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| Self::expired())?;
        let presented =
            cookie(&parts.headers, K::COOKIE).map(|value| token::hash(&Secret::new(value)));
        let flow = state.store().find_flow(&id).await?;
        match (flow, presented) {
            (Some(record), Some(hash))
                if record.kind == K::KIND
                    && record.cookie_hash == hash
                    && record.is_live(state.now()) =>
            {
                Ok(LiveFlow {
                    id,
                    record,
                    kind: PhantomData,
                })
            }
            _ => Err(Self::expired()),
        }
    }
}
