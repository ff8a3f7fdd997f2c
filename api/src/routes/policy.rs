//! `GET /api/v1/policy`: the numbers the SPA needs for format checks and
//! countdowns, straight from the configuration the API enforces; and
//! `GET /api/v1/support`: the Technical Support Center's contact details.

use super::mount;
use axum::extract::State;
use axum::{Json, Router};
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::clock;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    let router = mount::<endpoint::GetPolicy, _, _>(Router::new(), policy);
    mount::<endpoint::GetSupport, _, _>(router, support)
}

#[utoipa::path(get, path = "/api/v1/policy", tag = "policy", responses((status = 200, description = "The policy the API enforces", body = wire::Policy)))]
pub(crate) async fn policy(State(state): State<AppState>) -> Json<wire::Policy> {
    Json(state.settings().policy.to_wire(clock::unix_now()))
}

#[utoipa::path(get, path = "/api/v1/support", tag = "policy", responses((status = 200, description = "The Technical Support Center's phone, hours, email and web address", body = wire::SupportContact)))]
pub(crate) async fn support(State(state): State<AppState>) -> Json<wire::SupportContact> {
    Json(wire::SupportContact {
        server_time: state.now(),
        ..state.settings().support.clone()
    })
}
