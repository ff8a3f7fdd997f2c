//! The Technical Support Center's desk (`/desk/…`): support agents only
//! ([`Agent`]; anyone else gets 403). Each handler hands the agent's request
//! to the desk's engine ([`crate::auth::desk`]), which audits every refusal
//! as well as what was done.

use axum::extract::State;
use axum::{Json, Router};
use upsers_contract as wire;
use upsers_contract::endpoint;

use super::mount;
use crate::auth::Agent;
use crate::auth::desk::{Asked, Desk};
use crate::error::ApiError;
use crate::extract::{Actor, ApiJson};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    let router = mount::<endpoint::DeskSearch, _, _>(Router::new(), search);
    let router = mount::<endpoint::DeskSendVerification, _, _>(router, send_verification);
    let router = mount::<endpoint::DeskCheckVerification, _, _>(router, check_verification);
    let router = mount::<endpoint::DeskEndVerification, _, _>(router, end_verification);
    mount::<endpoint::DeskAct, _, _>(router, act)
}

#[utoipa::path(post, path = "/api/v1/desk/search", tag = "desk", request_body = wire::DeskSearchRequest, responses((status = 200, description = "The employee whose Employee ID, email address or mobile number (E.164) is the query, with their card; `employee` is null when none is", body = wire::DeskSearchResult), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden`: not a support agent", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: an empty or overlong query", body = wire::ErrorBody)))]
pub(crate) async fn search(
    State(state): State<AppState>,
    actor: Actor,
    agent: Agent,
    ApiJson(request): ApiJson<wire::DeskSearchRequest>,
) -> Result<Json<wire::DeskSearchResult>, ApiError> {
    let desk = Desk::new(&state, &agent, &actor);
    desk.search(&request.query).await.map(Json)
}

#[utoipa::path(post, path = "/api/v1/desk/verification/send", tag = "desk", request_body = wire::DeskVerifyRequest, responses((status = 200, description = "A one-time PIN went to the employee's verified channel, saying an agent is verifying them and to read it back only if they called", body = wire::DeskCodeSent), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden`: not an agent, the agent's own account, or another agent's without the lead role", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: no such employee, or no verified contact on that channel", body = wire::ErrorBody), (status = 423, description = "`locked`: three wrong read-backs; see `retry_after_secs`", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: resend gap or hourly cap", body = wire::ErrorBody)))]
pub(crate) async fn send_verification(
    State(state): State<AppState>,
    actor: Actor,
    agent: Agent,
    ApiJson(request): ApiJson<wire::DeskVerifyRequest>,
) -> Result<Json<wire::DeskCodeSent>, ApiError> {
    let desk = Desk::new(&state, &agent, &actor);
    let asked = Asked(request.employee_id.clone(), "send verification");
    let answer = desk.send_verification(request).await;
    desk.audited(asked, answer).await.map(Json)
}

#[utoipa::path(post, path = "/api/v1/desk/verification/check", tag = "desk", request_body = wire::DeskReadBack, responses((status = 200, description = "The caller read back the right code: this agent may act on this employee for 15 minutes (`verified_until` on the card)", body = wire::DeskCard), (status = 401, description = "`invalid_code` with `attempts_remaining` before the desk's lock, or `unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden`: not an agent, or not one who may act on this employee", body = wire::ErrorBody), (status = 410, description = "`code_expired`: no live code from this agent; send a new one", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: not 6 digits, or no such employee", body = wire::ErrorBody), (status = 423, description = "`locked`: three wrong read-backs; see `retry_after_secs`", body = wire::ErrorBody)))]
pub(crate) async fn check_verification(
    State(state): State<AppState>,
    actor: Actor,
    agent: Agent,
    ApiJson(request): ApiJson<wire::DeskReadBack>,
) -> Result<Json<wire::DeskCard>, ApiError> {
    let desk = Desk::new(&state, &agent, &actor);
    let asked = Asked(request.employee_id.clone(), "check verification");
    let answer = desk.check_read_back(request).await;
    desk.audited(asked, answer).await.map(Json)
}

#[utoipa::path(post, path = "/api/v1/desk/verification/end", tag = "desk", request_body = wire::DeskEmployee, responses((status = 200, description = "The call is over: this agent's verification of the employee (and any code not read back yet) ends now; the card as it is", body = wire::DeskCard), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden`: not an agent, or not one who may act on this employee", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: no such employee", body = wire::ErrorBody)))]
pub(crate) async fn end_verification(
    State(state): State<AppState>,
    actor: Actor,
    agent: Agent,
    ApiJson(request): ApiJson<wire::DeskEmployee>,
) -> Result<Json<wire::DeskCard>, ApiError> {
    let desk = Desk::new(&state, &agent, &actor);
    let answer = desk.end_call(&request.employee_id).await;
    let asked = Asked(request.employee_id, "end verification");
    desk.audited(asked, answer).await.map(Json)
}

#[utoipa::path(post, path = "/api/v1/desk/actions", tag = "desk", request_body = wire::DeskActionRequest, responses((status = 200, description = "Done, audited and the employee told, all in one transaction: the card as it is now (and, for `registration_code`, the new code, shown this once)", body = wire::DeskActionDone), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden`: not an agent; no verification of the caller that holds (none, expired, another agent's); the agent's own account; another agent's, or disable/enable, without the lead role", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: no such employee, or the action does not fit the account (not locked, not pending, already disabled, not disabled)", body = wire::ErrorBody)))]
pub(crate) async fn act(
    State(state): State<AppState>,
    actor: Actor,
    agent: Agent,
    ApiJson(request): ApiJson<wire::DeskActionRequest>,
) -> Result<Json<wire::DeskActionDone>, ApiError> {
    let desk = Desk::new(&state, &agent, &actor);
    let asked = Asked(request.employee_id.clone(), request.action.as_str());
    let answer = desk.act(request).await;
    desk.audited(asked, answer).await.map(Json)
}
