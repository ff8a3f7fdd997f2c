//! PIN recovery: the Employee ID, then proof by a one-time PIN (text or email)
//! or by challenge questions, then a new PIN, once, within a short window.
//!
//! Nothing here tells known IDs from unknown ones: a flow starts for any ID and
//! offers all three methods; a code "goes out" whether or not the channel is
//! registered (a code is stored either way, so verifying behaves the same);
//! IDs without questions get stable decoys whose answers never match, checked
//! against the dummy hash like a real one.

use super::mount;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::auth::attempts::take_audited;
use crate::auth::codes::{self, CodeRequest};
use crate::auth::notices;
use crate::auth::pins::{judge, new_pin_hash};
use crate::auth::questions::answers_hold;
use crate::auth::signin::parse_employee_id;
use crate::auth::{FlowType, Limit, LiveFlow, attempts};
use crate::courier::{Channel, CodePurpose, Language, Notice, PasskeyLeft, PasskeysLeft};
use crate::domain::{EmployeeId, Secret, questions, token};
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientAddress, MessageLanguage, clear_cookie, set_cookie};
use crate::state::AppState;
use crate::store::{
    AuditKind, EmployeeRecord, FlowKind, FlowRecord, NewFlow, NewMessage, facts_of,
};

/// The cookie binding a recovery flow to the browser that started it.
pub const RECOVERY_COOKIE: &str = "__Host-recovery";
/// How long an employee has to prove who they are.
pub const RECOVERY_TTL_SECS: u64 = 15 * 60;
/// How long a verified flow may set the new PIN.
pub const SET_PIN_WINDOW_SECS: u64 = 10 * 60;

const RECOVERY_EXPIRED: &str = "This PIN reset has expired. Please start again.";

/// A PIN reset in progress.
pub struct RecoveryFlow;

impl FlowType for RecoveryFlow {
    const KIND: FlowKind = FlowKind::Recovery;
    const COOKIE: &'static str = RECOVERY_COOKIE;
    const EXPIRED: &'static str = RECOVERY_EXPIRED;
}
const ALREADY_VERIFIED: &str = "You are verified already. Set your new PIN.";

pub fn router() -> Router<AppState> {
    let router = Router::new();
    let router = mount::<endpoint::StartRecovery, _, _>(router, start);
    let router = mount::<endpoint::SendRecoveryCode, _, _>(router, send_code);
    let router = mount::<endpoint::VerifyRecoveryCode, _, _>(router, verify_code);
    let router = mount::<endpoint::GetRecoveryQuestions, _, _>(router, questions_of);
    let router = mount::<endpoint::AnswerRecoveryQuestions, _, _>(router, answer);
    let router = mount::<endpoint::SetRecoveryPin, _, _>(router, set_pin);
    let router = mount::<endpoint::OpenRecoveryLink, _, _>(router, open_link);
    mount::<endpoint::CheckPin, _, _>(router, check_pin)
}

#[utoipa::path(post, path = "/api/v1/recovery", tag = "recovery", request_body = wire::RecoveryRequest, responses((status = 200, description = "A recovery flow began, for any well-formed ID. Sets the `__Host-recovery` cookie.", body = wire::RecoveryStarted), (status = 422, description = "`invalid_input`: not an Employee ID", body = wire::ErrorBody)))]
pub(crate) async fn start(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<wire::RecoveryRequest>,
) -> Result<Response, ApiError> {
    let employee_id = parse_employee_id(&state, &request.employee_id)?;
    let id = employee_id.as_str();
    let store = state.store();
    let now = state.now();

    // The same reads for every ID, known or not: the time taken says nothing.
    let employee = store.find_employee(id).await?;
    let answers = store.challenge_answers(id).await?;
    let registered: Vec<String> = match &employee {
        Some(employee) if employee.is_active() => answers
            .into_iter()
            .map(|answer| answer.question_id)
            .collect(),
        _ => Vec::new(),
    };
    let pool = if registered.len() >= questions::ASKED {
        registered
    } else {
        questions::decoys(&state.settings().secret_key, id)
            .into_iter()
            .map(String::from)
            .collect()
    };
    let asked = questions::ask_from(&pool).join(",");

    let (flow_id, flow_secret) =
        open_flow(&state, id, employee.as_ref(), Some(&asked), now).await?;
    store
        .audit(AuditKind::RecoveryStarted, Some(id), &address, None, now)
        .await?;

    let started = wire::RecoveryStarted {
        flow_id,
        employee_id: id.to_owned(),
        methods: vec![
            wire::RecoveryMethod::Sms,
            wire::RecoveryMethod::Email,
            wire::RecoveryMethod::Questions,
        ],
        expires_in_secs: RECOVERY_TTL_SECS,
        server_time: now,
    };
    let cookie = set_cookie(RECOVERY_COOKIE, flow_secret.expose(), RECOVERY_TTL_SECS);
    Ok(([(header::SET_COOKIE, cookie)], Json(started)).into_response())
}

#[utoipa::path(post, path = "/api/v1/recovery/{flow}/send", tag = "recovery", params(("flow" = String, Path, description = "`flow_id` from the recovery answer")), request_body = wire::SendCodeRequest, responses((status = 200, description = "If that channel is registered, a one-time PIN was sent (the answer is the same either way)", body = wire::RecoveryCodeSent), (status = 410, description = "`expired`: the flow is over", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: resend gap or send limit", body = wire::ErrorBody)))]
pub(crate) async fn send_code(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(language): MessageLanguage,
    flow: LiveFlow<RecoveryFlow>,
    ApiJson(request): ApiJson<wire::SendCodeRequest>,
) -> Result<Json<wire::RecoveryCodeSent>, ApiError> {
    let now = state.now();
    let (flow_id, flow) = unverified(flow)?;
    let id = flow.employee_id.as_str();
    let destination = active_employee(&state, id).await?.and_then(|employee| {
        // A contact still settling resets nothing: no code goes to it.
        let destination = employee.recovery_contact(request.channel, now);
        destination.map(str::to_owned)
    });

    // A code is stored even when there is nowhere to send it, so that
    // verifying answers exactly as it does for a registered channel.
    codes::send(
        &state,
        CodeRequest {
            flow_id: &flow_id,
            employee_id: id,
            channel: request.channel,
            purpose: CodePurpose::PinReset,
            destination: destination.as_deref(),
            too_many: "Too many codes were sent for this reset. Please start again.",
            audit: AuditKind::RecoveryCodeSent,
            address: &address,
            language,
        },
        now,
    )
    .await?;

    let policy = &state.settings().policy;
    Ok(Json(wire::RecoveryCodeSent {
        flow_id,
        channel: request.channel,
        expires_in_secs: policy.otp_ttl_secs,
        resend_after_secs: policy.otp_resend_secs,
        server_time: now,
    }))
}

#[utoipa::path(post, path = "/api/v1/recovery/{flow}/verify", tag = "recovery", params(("flow" = String, Path, description = "`flow_id` from the recovery answer")), request_body = wire::VerifyCodeRequest, responses((status = 200, description = "Verified: the new PIN may be set within `expires_in_secs`", body = wire::RecoveryVerified), (status = 401, description = "`invalid_code` with `attempts_remaining` (tries left for this code)", body = wire::ErrorBody), (status = 410, description = "`expired`: the flow, or (with `fields: [\"code\"]`) only the code", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: this client address has too many failures", body = wire::ErrorBody)))]
pub(crate) async fn verify_code(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    flow: LiveFlow<RecoveryFlow>,
    ApiJson(request): ApiJson<wire::VerifyCodeRequest>,
) -> Result<Json<wire::RecoveryVerified>, ApiError> {
    let now = state.now();
    let store = state.store();
    let (flow_id, flow) = unverified(flow)?;
    let id = flow.employee_id.as_str();
    // A wrong reset code does not count toward the Employee ID's lockout
    // (reset by code must work while locked), but it does count against the
    // client address, which bounds guessing across many flows.
    let limits = [Limit::Address(&address)];
    let checked = codes::check(&state, &flow_id, &request.code, &limits, now).await?;
    let failed = (AuditKind::RecoveryCodeFailed, "");
    let (channel, attempt) = checked
        .right_or_refused(&state, (id, &address), failed)
        .await?;
    attempt.passed().await?;
    // The code was used: its person has moved on, and the next reset code
    // to this channel need not wait out the gap.
    attempts::clear(store, Limit::ResendGap(id, channel)).await?;
    verified(&state, &flow_id, id, channel.as_str(), &address, now).await
}

#[utoipa::path(get, path = "/api/v1/recovery/{flow}/questions", tag = "recovery", params(("flow" = String, Path, description = "`flow_id` from the recovery answer")), responses((status = 200, description = "The two challenge questions of this flow", body = wire::RecoveryQuestions), (status = 410, description = "`expired`", body = wire::ErrorBody), (status = 423, description = "`locked`: questions cannot be used while the ID is locked", body = wire::ErrorBody)))]
pub(crate) async fn questions_of(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    flow: LiveFlow<RecoveryFlow>,
) -> Result<Json<wire::RecoveryQuestions>, ApiError> {
    let now = state.now();
    let store = state.store();
    let (flow_id, flow) = unverified(flow)?;
    let id = flow.employee_id.as_str();
    let lock = attempts::lock_of(&state, Limit::EmployeeId(id), now).await;
    if lock.is_err() {
        store
            .audit(AuditKind::RecoveryLocked, Some(id), &address, None, now)
            .await?;
    }
    lock?;
    store
        .audit(
            AuditKind::RecoveryQuestionsShown,
            Some(id),
            &address,
            flow.questions.as_deref(),
            now,
        )
        .await?;
    let questions = flow
        .question_ids()
        .into_iter()
        .filter_map(|id| {
            questions::text_of(id).map(|text| wire::Question {
                id: id.to_owned(),
                text: text.to_owned(),
            })
        })
        .collect();
    Ok(Json(wire::RecoveryQuestions {
        flow_id,
        questions,
        server_time: now,
    }))
}

#[utoipa::path(post, path = "/api/v1/recovery/{flow}/answers", tag = "recovery", params(("flow" = String, Path, description = "`flow_id` from the recovery answer")), request_body = wire::AnswersRequest, responses((status = 200, description = "Verified: the new PIN may be set within `expires_in_secs`", body = wire::RecoveryVerified), (status = 401, description = "`invalid_credentials` with `attempts_remaining` before the lock", body = wire::ErrorBody), (status = 403, description = "`forbidden` naming `pin_reset`: the answers are right, but after \"This wasn't me\" only a one-time PIN resets this PIN", body = wire::ErrorBody), (status = 410, description = "`expired`", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: not an answer to each question of this flow", body = wire::ErrorBody), (status = 423, description = "`locked` with `retry_after_secs`", body = wire::ErrorBody), (status = 429, description = "`rate_limited`", body = wire::ErrorBody)))]
pub(crate) async fn answer(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    flow: LiveFlow<RecoveryFlow>,
    ApiJson(request): ApiJson<wire::AnswersRequest>,
) -> Result<Json<wire::RecoveryVerified>, ApiError> {
    let now = state.now();
    let store = state.store();
    let (flow_id, flow) = unverified(flow)?;
    let id = flow.employee_id.as_str();
    let asked = flow.question_ids();
    let answers = answers_to(&asked, request.answers)?;

    let attempt = take_audited(
        &state,
        &[Limit::Address(&address), Limit::EmployeeId(id)],
        (id, &address, None),
        AuditKind::RecoveryLocked,
        now,
    )
    .await?;

    let employee = active_employee(&state, id).await?;
    let known = employee.as_ref().map(|_| id);
    if !answers_hold(&state, known, answers).await? {
        let wrong = ApiError::WrongAnswers {
            attempts_remaining: 0,
        };
        let audit = (AuditKind::RecoveryAnswersFailed, None);
        return Err(attempt.refused(&state, id, &address, audit, wrong).await?);
    }
    attempt.passed().await?;
    if employee.as_ref().is_some_and(EmployeeRecord::is_reported) {
        // "This wasn't me" asked for a channel the employee holds: answers
        // someone may know or guess are not enough (said only to those who
        // know them).
        let refused = AuditKind::RecoveryQuestionsRefused;
        store.audit(refused, Some(id), &address, None, now).await?;
        return Err(ApiError::CodeResetOnly);
    }
    verified(&state, &flow_id, id, "questions", &address, now).await
}

#[utoipa::path(post, path = "/api/v1/recovery/{flow}/pin", tag = "recovery", params(("flow" = String, Path, description = "`flow_id` from the recovery answer")), request_body = wire::NewPinRequest, responses((status = 200, description = "The new PIN is set, the lock cleared and every session of the employee ended. Clears the `__Host-recovery` cookie.", body = wire::PinChanged), (status = 410, description = "`expired`: the flow is not verified, used, or past its window", body = wire::ErrorBody), (status = 422, description = "`weak_pin` with `pin_problems`", body = wire::ErrorBody)))]
pub(crate) async fn set_pin(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(language): MessageLanguage,
    flow: LiveFlow<RecoveryFlow>,
    ApiJson(request): ApiJson<wire::NewPinRequest>,
) -> Result<Response, ApiError> {
    let now = state.now();
    let store = state.store();
    let (flow_id, flow) = flow.into_parts();
    let Some(verified_by) = flow.verified_by.clone() else {
        return Err(ApiError::Expired(RECOVERY_EXPIRED));
    };
    let id = flow.employee_id.as_str();
    let employee = active_employee(&state, id)
        .await?
        .ok_or(ApiError::Expired(RECOVERY_EXPIRED))?;
    let pin_hash = new_pin_hash(&state, request.new_pin, id, &address, now).await?;
    let notices = match passkeys_left(&state, id).await? {
        Some(left) => {
            let built = passkeys_left_notices(&state, &employee, &left, language, now);
            notices::capped(&state, built, now).await?
        }
        None => pin_changed_notices(&state, &employee, &verified_by, language, now).await?,
    };
    if !store.reset_pin(&flow_id, id, &pin_hash, &notices).await? {
        return Err(ApiError::Expired(RECOVERY_EXPIRED));
    }
    store
        .audit(
            AuditKind::PinReset,
            Some(id),
            &address,
            Some(&verified_by),
            now,
        )
        .await?;
    notices::announce(&state, &notices, id, &address, now).await?;

    let cookie = clear_cookie(RECOVERY_COOKIE);
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(wire::PinChanged { server_time: now }),
    )
        .into_response())
}

const LINK_OVER: &str = "This link has expired or was used. Reset your PIN here, or call the \
                         Technical Support Center for a new link.";

#[utoipa::path(post, path = "/api/v1/recovery/link", tag = "recovery", request_body = wire::RecoveryLinkRequest, responses((status = 200, description = "The link (sent by a Technical Support agent to a verified channel) was good: a PIN reset opens already proven by that channel, at the new-PIN step. Sets the `__Host-recovery` cookie; the link is spent.", body = wire::RecoveryLinked), (status = 410, description = "`expired`: the link was used, has expired, or never was (the answer does not say which)", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: too many look-ups from this network (300 a minute)", body = wire::ErrorBody)))]
pub(crate) async fn open_link(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<wire::RecoveryLinkRequest>,
) -> Result<Response, ApiError> {
    let now = state.now();
    attempts::take(&state, &[Limit::Lookups(&address)], now)
        .await?
        .keep();
    let store = state.store();
    let token_hash = token::hash(&Secret::new(request.token));
    let Some((id, channel)) = store.use_reset_link(&token_hash, now).await? else {
        return Err(ApiError::Expired(LINK_OVER));
    };
    let Some(employee) = active_employee(&state, &id).await? else {
        return Err(ApiError::Expired(LINK_OVER));
    };
    let (flow_id, flow_secret) = open_flow(&state, &id, Some(&employee), None, now).await?;
    store
        .audit(
            AuditKind::RecoveryStarted,
            Some(&id),
            &address,
            Some("desk link"),
            now,
        )
        .await?;
    // The link came by `channel`: the reset is proven by it, as by a code.
    let verified = verified(&state, &flow_id, &id, &channel, &address, now).await?;
    let linked = wire::RecoveryLinked {
        flow_id,
        employee_id: id,
        expires_in_secs: verified.expires_in_secs,
        server_time: now,
    };
    let cookie = set_cookie(RECOVERY_COOKIE, flow_secret.expose(), RECOVERY_TTL_SECS);
    Ok(([(header::SET_COOKIE, cookie)], Json(linked)).into_response())
}

#[utoipa::path(post, path = "/api/v1/pin/check", tag = "recovery", request_body = wire::PinCheckRequest, responses((status = 200, description = "Strength feedback for a candidate PIN; nothing is stored", body = wire::PinFeedback), (status = 429, description = "`rate_limited`: this client address asked too often", body = wire::ErrorBody)))]
pub(crate) async fn check_pin(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<wire::PinCheckRequest>,
) -> Result<Json<wire::PinFeedback>, ApiError> {
    let now = state.now();
    attempts::take(&state, &[Limit::PinChecks(&address)], now)
        .await?
        .keep();
    let digits = state.settings().policy.employee_id_digits;
    let employee_id = request
        .employee_id
        .as_deref()
        .and_then(|id| EmployeeId::parse(id, digits));
    let verdict = judge(
        &state,
        request.new_pin,
        employee_id.as_ref().map(EmployeeId::as_str),
    )
    .await?;
    Ok(Json(wire::PinFeedback {
        acceptable: verdict.acceptable(),
        score: verdict.score,
        problems: verdict.problems,
        server_time: now,
    }))
}

async fn active_employee(state: &AppState, id: &str) -> Result<Option<EmployeeRecord>, ApiError> {
    Ok(state
        .store()
        .find_employee(id)
        .await?
        .filter(EmployeeRecord::is_active))
}

/// A live recovery flow that has not been verified yet.
fn unverified(flow: LiveFlow<RecoveryFlow>) -> Result<(String, FlowRecord), ApiError> {
    if flow.record.verified_by.is_some() {
        return Err(ApiError::invalid_field("flow_id", ALREADY_VERIFIED));
    }
    Ok(flow.into_parts())
}

/// Pairs each question the flow asked with its answer, normalized; 422 unless
/// there is exactly one non-empty answer per asked question.
fn answers_to(
    asked: &[&str],
    answers: Vec<wire::Answer>,
) -> Result<Vec<(String, Secret)>, ApiError> {
    let mismatch = || {
        ApiError::invalid_field(
            "answers",
            "Answer each of the questions shown, and only those.",
        )
    };
    if answers.len() != asked.len() {
        return Err(mismatch());
    }
    let mut paired = Vec::with_capacity(asked.len());
    for question_id in asked {
        let answer = answers
            .iter()
            .find(|answer| answer.question_id == *question_id)
            .ok_or_else(mismatch)?;
        let normalized = questions::normalize_answer(&answer.answer);
        if normalized.is_empty() || normalized.chars().count() > questions::MAX_ANSWER_LENGTH {
            return Err(ApiError::invalid_field(
                "answers",
                format!(
                    "Each answer is 1 to {} characters.",
                    questions::MAX_ANSWER_LENGTH
                ),
            ));
        }
        paired.push(((*question_id).to_owned(), Secret::new(normalized)));
    }
    Ok(paired)
}

/// Stores a new recovery flow for `id` (bound to `employee` as they are
/// now), asking `questions`: its id, and the secret of the cookie that binds
/// it to this browser.
async fn open_flow(
    state: &AppState,
    id: &str,
    employee: Option<&EmployeeRecord>,
    questions: Option<&str>,
    now: i64,
) -> Result<(String, Secret), ApiError> {
    let flow_id = token::new_id();
    let flow_secret = token::new_token();
    state
        .store()
        .create_flow(
            NewFlow {
                kind: FlowKind::Recovery,
                flow_id: &flow_id,
                cookie_hash: &token::hash(&flow_secret),
                employee_id: id,
                questions,
                expires_at: now + RECOVERY_TTL_SECS as i64,
                purpose: None,
                destination: None,
                bound_to: &facts_of(employee),
            },
            now,
        )
        .await?;
    Ok((flow_id, flow_secret))
}

async fn verified(
    state: &AppState,
    flow_id: &str,
    employee_id: &str,
    method: &str,
    address: &str,
    now: i64,
) -> Result<Json<wire::RecoveryVerified>, ApiError> {
    let store = state.store();
    if !store
        .mark_flow_verified(flow_id, method, now + SET_PIN_WINDOW_SECS as i64)
        .await?
    {
        return Err(ApiError::Expired(RECOVERY_EXPIRED));
    }
    store
        .audit(
            AuditKind::RecoveryVerified,
            Some(employee_id),
            address,
            Some(method),
            now,
        )
        .await?;
    Ok(Json(wire::RecoveryVerified {
        flow_id: flow_id.to_owned(),
        expires_in_secs: SET_PIN_WINDOW_SECS,
        server_time: now,
    }))
}

fn destination_of(employee: &EmployeeRecord, channel: Channel) -> Option<&str> {
    employee.verified_contact(channel)
}

/// The passkeys a reset of `employee_id`'s PIN leaves (it removes none),
/// each as a message names it, with the link to remove them in My account;
/// `None` when they have none.
async fn passkeys_left(
    state: &AppState,
    employee_id: &str,
) -> Result<Option<PasskeysLeft>, ApiError> {
    let passkeys: Vec<PasskeyLeft> = state
        .store()
        .passkeys_of(employee_id)
        .await?
        .iter()
        .map(PasskeyLeft::of)
        .collect();
    let origin = state.settings().public_origin.trim_end_matches('/');
    Ok((!passkeys.is_empty()).then(|| PasskeysLeft {
        passkeys,
        link: format!("{origin}/account#passkeys"),
    }))
}

/// The notice of a reset that left passkeys: to every verified channel
/// (the one that proved the reset too), since an employee who reset their
/// PIN after a takeover must learn of a passkey the intruder added.
fn passkeys_left_notices(
    state: &AppState,
    employee: &EmployeeRecord,
    left: &PasskeysLeft,
    language: Language,
    now: i64,
) -> Vec<NewMessage> {
    [Channel::Sms, Channel::Email]
        .into_iter()
        .filter_map(|channel| {
            let destination = employee.verified_contact(channel)?;
            Some(state.courier().passkeys_left_message(
                left,
                channel,
                destination,
                employee.employee_id.as_str(),
                language,
                now,
            ))
        })
        .collect()
}

/// PRODUCT.md: a PIN change sends a notice to the employee's other registered
/// channel: the one not used to prove who they are (both after questions).
async fn pin_changed_notices(
    state: &AppState,
    employee: &EmployeeRecord,
    verified_by: &str,
    language: Language,
    now: i64,
) -> Result<Vec<NewMessage>, ApiError> {
    let other = |channel: Channel| {
        (channel.as_str() != verified_by)
            .then(|| destination_of(employee, channel))
            .flatten()
    };
    notices::build(
        state,
        Notice::PinChanged,
        [
            (Channel::Sms, other(Channel::Sms)),
            (Channel::Email, other(Channel::Email)),
        ],
        employee.employee_id.as_str(),
        language,
        now,
    )
    .await
}
