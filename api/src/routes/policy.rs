//! `GET /api/v1/policy`: the numbers the SPA needs for format checks and
//! countdowns, straight from the configuration the API enforces.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use upsers_contract as wire;

use crate::clock;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/policy", get(policy))
}

#[utoipa::path(get, path = "/api/v1/policy", tag = "policy", responses((status = 200, description = "The policy the API enforces", body = wire::Policy)))]
pub(crate) async fn policy(State(state): State<AppState>) -> Json<wire::Policy> {
    Json(state.settings().policy.to_wire(clock::unix_now()))
}
