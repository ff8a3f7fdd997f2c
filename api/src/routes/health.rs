//! Liveness (the process answers) and readiness (the store takes a write), so a
//! load balancer stops sending sign-ins to an instance whose store is down.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use upsers_contract as wire;

use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(live))
        .route("/readyz", get(ready))
}

#[utoipa::path(get, path = "/healthz", tag = "probes", responses((status = 200, description = "The process answers", body = wire::Health)))]
pub(crate) async fn live() -> Json<wire::Health> {
    Json(wire::Health {
        status: "ok".into(),
    })
}

#[utoipa::path(get, path = "/readyz", tag = "probes", responses((status = 200, description = "The store takes writes", body = wire::Health), (status = 503, description = "The store is unavailable or refuses writes", body = wire::ErrorBody)))]
pub(crate) async fn ready(State(state): State<AppState>) -> Result<Json<wire::Health>, ApiError> {
    state
        .store()
        .ping(state.now())
        .await
        .map_err(ApiError::Unavailable)?;
    Ok(Json(wire::Health {
        status: "ready".into(),
    }))
}
