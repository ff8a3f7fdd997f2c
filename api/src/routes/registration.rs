//! New-user registration: Employee ID + the registration code from HR, then
//! contact details each verified with a one-time PIN, three challenge
//! questions, and a first PIN. The steps are the registration engine's
//! ([`crate::auth::registration`]).

use super::mount;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::auth::LiveFlow;
use crate::auth::registration::{
    self, REGISTRATION_COOKIE, REGISTRATION_TTL_SECS, RegistrationFlow,
};
use crate::error::ApiError;
use crate::extract::{Actor, ApiJson, clear_cookie, set_cookie};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    let router = Router::new();
    let router = mount::<endpoint::StartRegistration, _, _>(router, start);
    let router = mount::<endpoint::SetRegistrationContact, _, _>(router, set_contact);
    let router = mount::<endpoint::SendRegistrationCode, _, _>(router, send_code);
    let router = mount::<endpoint::VerifyRegistrationCode, _, _>(router, verify_code);
    let router = mount::<endpoint::GetQuestionCatalogue, _, _>(router, catalogue);
    let router = mount::<endpoint::ChooseQuestions, _, _>(router, choose_questions);
    mount::<endpoint::SetRegistrationPin, _, _>(router, set_pin)
}

#[utoipa::path(post, path = "/api/v1/registration", tag = "registration", request_body = wire::RegistrationRequest, responses((status = 200, description = "The code is right: registration begins. Sets the `__Host-registration` cookie.", body = wire::RegistrationProgress), (status = 401, description = "`invalid_code` with `attempts_remaining`: unknown ID, wrong or expired code, or registered already (all alike)", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: not an Employee ID or not a code's shape", body = wire::ErrorBody), (status = 423, description = "`locked`: too many wrong codes for this ID", body = wire::ErrorBody)))]
pub(crate) async fn start(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(request): ApiJson<wire::RegistrationRequest>,
) -> Result<Response, ApiError> {
    let (progress, flow_secret) = registration::start(&state, &actor, request).await?;
    let cookie = set_cookie(
        REGISTRATION_COOKIE,
        flow_secret.expose(),
        REGISTRATION_TTL_SECS,
    );
    Ok(([(header::SET_COOKIE, cookie)], Json(progress)).into_response())
}

#[utoipa::path(post, path = "/api/v1/registration/{flow}/contact", tag = "registration", params(("flow" = String, Path, description = "`flow_id` from the registration answer")), request_body = wire::ContactRequest, responses((status = 200, description = "The contact details are recorded (each must be verified)", body = wire::RegistrationProgress), (status = 410, description = "`expired`", body = wire::ErrorBody), (status = 422, description = "`invalid_input` naming `mobile` or `email`", body = wire::ErrorBody)))]
pub(crate) async fn set_contact(
    State(state): State<AppState>,
    actor: Actor,
    flow: LiveFlow<RegistrationFlow>,
    ApiJson(request): ApiJson<wire::ContactRequest>,
) -> Result<Json<wire::RegistrationProgress>, ApiError> {
    let progress = registration::set_contact(&state, &actor, flow, request).await?;
    Ok(Json(progress))
}

#[utoipa::path(post, path = "/api/v1/registration/{flow}/send", tag = "registration", params(("flow" = String, Path, description = "`flow_id` from the registration answer")), request_body = wire::SendCodeRequest, responses((status = 200, description = "A one-time PIN went to the contact given for that channel", body = wire::CodeSent), (status = 410, description = "`expired`", body = wire::ErrorBody), (status = 422, description = "No contact given for that channel", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: resend gap or send limit", body = wire::ErrorBody)))]
pub(crate) async fn send_code(
    State(state): State<AppState>,
    actor: Actor,
    flow: LiveFlow<RegistrationFlow>,
    ApiJson(request): ApiJson<wire::SendCodeRequest>,
) -> Result<Json<wire::CodeSent>, ApiError> {
    let sent = registration::send_code(&state, &actor, flow, request.channel).await?;
    Ok(Json(sent))
}

#[utoipa::path(post, path = "/api/v1/registration/{flow}/verify", tag = "registration", params(("flow" = String, Path, description = "`flow_id` from the registration answer")), request_body = wire::VerifyCodeRequest, responses((status = 200, description = "The contact the code went to is verified", body = wire::RegistrationProgress), (status = 401, description = "`invalid_code` with `attempts_remaining`", body = wire::ErrorBody), (status = 410, description = "`expired`: the flow, or (with `fields: [\"code\"]`) only the code", body = wire::ErrorBody), (status = 429, description = "`rate_limited`", body = wire::ErrorBody)))]
pub(crate) async fn verify_code(
    State(state): State<AppState>,
    actor: Actor,
    flow: LiveFlow<RegistrationFlow>,
    ApiJson(request): ApiJson<wire::VerifyCodeRequest>,
) -> Result<Json<wire::RegistrationProgress>, ApiError> {
    let progress = registration::verify_code(&state, &actor, flow, &request.code).await?;
    Ok(Json(progress))
}

#[utoipa::path(get, path = "/api/v1/registration/{flow}/questions", tag = "registration", params(("flow" = String, Path, description = "`flow_id` from the registration answer")), responses((status = 200, description = "The challenge questions to choose from", body = wire::QuestionCatalogue), (status = 410, description = "`expired`", body = wire::ErrorBody)))]
pub(crate) async fn catalogue(
    State(state): State<AppState>,
    flow: LiveFlow<RegistrationFlow>,
) -> Result<Json<wire::QuestionCatalogue>, ApiError> {
    Ok(Json(registration::catalogue(&state, flow).await?))
}

#[utoipa::path(post, path = "/api/v1/registration/{flow}/questions", tag = "registration", params(("flow" = String, Path, description = "`flow_id` from the registration answer")), request_body = wire::AnswersRequest, responses((status = 200, description = "Three questions chosen and answered", body = wire::RegistrationProgress), (status = 410, description = "`expired`", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: not 3 distinct catalogue questions, or an answer shorter than 3 characters", body = wire::ErrorBody)))]
pub(crate) async fn choose_questions(
    State(state): State<AppState>,
    actor: Actor,
    flow: LiveFlow<RegistrationFlow>,
    ApiJson(request): ApiJson<wire::AnswersRequest>,
) -> Result<Json<wire::RegistrationProgress>, ApiError> {
    let progress = registration::choose_questions(&state, &actor, flow, request).await?;
    Ok(Json(progress))
}

#[utoipa::path(post, path = "/api/v1/registration/{flow}/pin", tag = "registration", params(("flow" = String, Path, description = "`flow_id` from the registration answer")), request_body = wire::NewPinRequest, responses((status = 200, description = "Registered: the employee is active with this PIN and the verified contacts; the code is spent. Clears the `__Host-registration` cookie.", body = wire::PinChanged), (status = 410, description = "`expired`: the flow or the code was used or is over", body = wire::ErrorBody), (status = 422, description = "`weak_pin` with `pin_problems`, or `invalid_input` naming `contact` or `questions` still to do", body = wire::ErrorBody)))]
pub(crate) async fn set_pin(
    State(state): State<AppState>,
    actor: Actor,
    flow: LiveFlow<RegistrationFlow>,
    ApiJson(request): ApiJson<wire::NewPinRequest>,
) -> Result<Response, ApiError> {
    let done = registration::set_pin(&state, &actor, flow, request.new_pin).await?;
    let cookie = clear_cookie(REGISTRATION_COOKIE);
    Ok(([(header::SET_COOKIE, cookie)], Json(done)).into_response())
}
