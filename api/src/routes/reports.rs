//! "This wasn't me": the report the link of an alert or a change notice
//! makes, handed to the engine ([`crate::auth::reports`]).

use axum::extract::State;
use axum::{Json, Router};
use upsers_contract as wire;
use upsers_contract::endpoint;

use super::mount;
use crate::auth::reports;
use crate::error::ApiError;
use crate::extract::{Actor, ApiJson};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    mount::<endpoint::ReportSignIn, _, _>(Router::new(), report)
}

#[utoipa::path(post, path = "/api/v1/sign-in-reports", tag = "sign-in", request_body = wire::ReportSignInRequest, responses((status = 200, description = "\"This wasn't me\": every session of the employee ended, every device forgotten, the Employee ID locked until a PIN reset by a one-time PIN, and a notice sent", body = wire::SignInReported), (status = 410, description = "`expired`: the link is not valid (tampered, used or past its 7 days); the same answer for each", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: too many look-ups from this network (300 a minute)", body = wire::ErrorBody)))]
pub(crate) async fn report(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(request): ApiJson<wire::ReportSignInRequest>,
) -> Result<Json<wire::SignInReported>, ApiError> {
    Ok(Json(reports::report(&state, &actor, request.token).await?))
}
