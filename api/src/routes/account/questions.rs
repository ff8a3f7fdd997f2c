//! Challenge questions: three from the registration's catalogue, replaced
//! all at once under the registration's rules. The answers reset a PIN, so a
//! change spends a recovery proof, and every verified channel hears of it. The employee's answers are never read back: only which questions.

use axum::Json;
use axum::extract::State;
use upsers_contract as wire;

use crate::auth::SignedIn;
use crate::auth::notices;
use crate::auth::questions::{MIN_ANSWER_LENGTH, catalogue_questions, hashed_answers};
use crate::auth::step_up::{employee_of, require_recovery_proof, spend_recovery_proof};
use crate::courier::Notice;
use crate::domain::questions;
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientAddress, MessageLanguage};
use crate::state::AppState;
use crate::store::AuditKind;

#[utoipa::path(get, path = "/api/v1/account/questions", tag = "account", responses((status = 200, description = "The catalogue and which of its questions the employee answered", body = wire::AccountQuestions), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<wire::AccountQuestions>, ApiError> {
    employee_of(&state, &signed_in).await?;
    Ok(Json(questions_of(&state, &signed_in).await?))
}

#[utoipa::path(post, path = "/api/v1/account/questions", tag = "account", request_body = wire::AnswersRequest, responses((status = 200, description = "The three questions and answers replaced the old ones; every verified channel heard of it", body = wire::AccountQuestions), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden` with `fields: [\"step_up\"]`: a one-time PIN step-up first (`recovery_until` has passed, or another change spent it)", body = wire::ErrorBody), (status = 422, description = "`invalid_input` naming `answers`: not 3 different catalogue questions, or an answer too short or too long", body = wire::ErrorBody)))]
pub(crate) async fn change(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(language): MessageLanguage,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<wire::AnswersRequest>,
) -> Result<Json<wire::AccountQuestions>, ApiError> {
    require_recovery_proof(&state, &signed_in)?;
    let employee = employee_of(&state, &signed_in).await?;
    let hashed = hashed_answers(&state, request.answers).await?;
    spend_recovery_proof(&state, &signed_in).await?;
    let now = state.now();
    let id = employee.employee_id.as_str();
    let notices =
        notices::to_verified(&state, Notice::QuestionsChanged, &employee, language, now).await?;
    let store = state.store();
    store
        .put_challenge_answers(id, &hashed, &notices, now)
        .await?;
    store
        .audit(AuditKind::QuestionsChanged, Some(id), &address, None, now)
        .await?;
    notices::announce(&state, &notices, id, &address, now).await?;
    Ok(Json(questions_of(&state, &signed_in).await?))
}

async fn questions_of(
    state: &AppState,
    signed_in: &SignedIn,
) -> Result<wire::AccountQuestions, ApiError> {
    let answered = state
        .store()
        .challenge_answers(signed_in.session.employee_id.as_str())
        .await?;
    let questions = catalogue_questions();
    let chosen = questions
        .iter()
        .filter(|question| answered.iter().any(|a| a.question_id == question.id))
        .map(|question| question.id.clone())
        .collect();
    Ok(wire::AccountQuestions {
        questions,
        chosen,
        required: questions::REGISTERED as u8,
        min_answer_length: MIN_ANSWER_LENGTH as u8,
        server_time: state.now(),
    })
}
