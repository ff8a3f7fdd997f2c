//! New-user registration: Employee ID + the registration code from HR, then
//! contact details each verified with a one-time PIN, three challenge
//! questions, and a first PIN, which activates the employee.
//!
//! Unknown IDs, wrong or expired codes and employees who are registered
//! already all get the same 401 `invalid_code`, counted per submitted ID:
//! five wrong codes lock that ID's registration for 15 minutes.

use super::mount;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use upsers_contract::endpoint;
use upsers_contract::{self as wire, contact};

use crate::auth::codes::{self, CodeRequest};
use crate::auth::notices;
use crate::auth::pins::new_pin_hash;
use crate::auth::questions::{MIN_ANSWER_LENGTH, catalogue_questions, hashed_answers};
use crate::auth::signin::parse_employee_id;
use crate::auth::{FlowType, Limit, LiveFlow, attempts};
use crate::courier::{Channel, CodePurpose, Notice};
use crate::domain::{questions, registration_code, token};
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientAddress, MessageLanguage, clear_cookie, set_cookie};
use crate::state::AppState;
use crate::store::{
    AuditKind, ChallengeAnswer, CompletedRegistration, EmployeeRecord, FlowKind, FlowRecord,
    NewFlow, RegistrationRecord, facts_of,
};

/// The cookie binding a registration flow to the browser that started it.
pub const REGISTRATION_COOKIE: &str = "__Host-registration";
/// How long a registration may take; after that it starts again (the code
/// stays valid until it is used or its 14 days are over).
pub const REGISTRATION_TTL_SECS: u64 = 60 * 60;

const REGISTRATION_EXPIRED: &str =
    "This registration has expired. Please start again with your registration code.";

/// A registration in progress.
pub struct RegistrationFlow;

impl FlowType for RegistrationFlow {
    const KIND: FlowKind = FlowKind::Registration;
    const COOKIE: &'static str = REGISTRATION_COOKIE;
    const EXPIRED: &'static str = REGISTRATION_EXPIRED;
}

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
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<wire::RegistrationRequest>,
) -> Result<Response, ApiError> {
    let employee_id = parse_employee_id(&state, &request.employee_id)?;
    let code = registration_code::normalize(&request.registration_code).ok_or_else(|| {
        ApiError::invalid_field(
            "registration_code",
            "A registration code is 12 letters and digits, like K7PQ-M2XD-9HTA.",
        )
    })?;
    let id = employee_id.as_str();
    let store = state.store();
    let now = state.now();
    let attempt = attempts::take(
        &state,
        &[Limit::Address(&address), Limit::RegistrationCode(id)],
        now,
    )
    .await?;

    let employee = store
        .find_employee(id)
        .await?
        .filter(EmployeeRecord::is_pending);
    // Read for every ID, pending or not: the same work for each.
    let issued = store
        .find_registration_code(id)
        .await?
        .filter(|issued| issued.is_usable(now) && employee.is_some());
    let right = registration_code::matches(
        &state.settings().secret_key,
        id,
        &code,
        issued.as_ref().map(|issued| issued.code_hash.as_slice()),
    );
    let Some(employee) = employee.filter(|_| right) else {
        let wrong = ApiError::InvalidCode {
            attempts_remaining: attempts::REGISTRATION_CODE_MAX_FAILURES,
        };
        let audit = (AuditKind::RegistrationCodeFailed, None);
        return Err(attempt.refused(&state, id, &address, audit, wrong).await?);
    };

    attempt.succeeded().await?;
    let flow_id = token::new_id();
    let flow_secret = token::new_token();
    store
        .create_flow(
            NewFlow {
                kind: FlowKind::Registration,
                flow_id: &flow_id,
                cookie_hash: &token::hash(&flow_secret),
                employee_id: id,
                questions: None,
                expires_at: now + REGISTRATION_TTL_SECS as i64,
                purpose: None,
                destination: None,
                bound_to: &facts_of(Some(&employee)),
            },
            now,
        )
        .await?;
    store.create_registration(&flow_id).await?;
    store
        .audit(
            AuditKind::RegistrationStarted,
            Some(id),
            &address,
            None,
            now,
        )
        .await?;
    let flow = store
        .find_flow(&flow_id)
        .await?
        .ok_or(ApiError::Expired(REGISTRATION_EXPIRED))?;
    let progress = progress_of(&state, &flow, &employee, now).await?;
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
    ClientAddress(address): ClientAddress,
    flow: LiveFlow<RegistrationFlow>,
    ApiJson(request): ApiJson<wire::ContactRequest>,
) -> Result<Json<wire::RegistrationProgress>, ApiError> {
    let now = state.now();
    let (flow_id, flow, employee) = live(&state, flow).await?;
    let given = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
    };
    let (mobile, email) = (given(&request.mobile), given(&request.email));
    if mobile.is_none() && email.is_none() {
        return Err(ApiError::InvalidInput {
            status: axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            message: "Give a mobile number, an email address, or both.".into(),
            fields: vec!["mobile".into(), "email".into()],
        });
    }
    let mobile = match mobile {
        Some(typed) => Some(contact::normalize_mobile(&typed).ok_or_else(|| {
            ApiError::invalid_field("mobile", "Enter a mobile number such as 404-555-0123.")
        })?),
        None => None,
    };
    let email = match email {
        Some(typed) => Some(contact::normalize_email(&typed).ok_or_else(|| {
            ApiError::invalid_field("email", "Enter an email address such as name@example.com.")
        })?),
        None => None,
    };
    let store = state.store();
    store
        .set_registration_contact(&flow_id, mobile.as_deref(), email.as_deref())
        .await?;
    store
        .audit(
            AuditKind::RegistrationContact,
            Some(flow.employee_id.as_str()),
            &address,
            None,
            now,
        )
        .await?;
    Ok(Json(progress_of(&state, &flow, &employee, now).await?))
}

#[utoipa::path(post, path = "/api/v1/registration/{flow}/send", tag = "registration", params(("flow" = String, Path, description = "`flow_id` from the registration answer")), request_body = wire::SendCodeRequest, responses((status = 200, description = "A one-time PIN went to the contact given for that channel", body = wire::CodeSent), (status = 410, description = "`expired`", body = wire::ErrorBody), (status = 422, description = "No contact given for that channel", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: resend gap or send limit", body = wire::ErrorBody)))]
pub(crate) async fn send_code(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(language): MessageLanguage,
    flow: LiveFlow<RegistrationFlow>,
    ApiJson(request): ApiJson<wire::SendCodeRequest>,
) -> Result<Json<wire::CodeSent>, ApiError> {
    let now = state.now();
    let (flow_id, flow, _) = live(&state, flow).await?;
    let registration = registration_of(&state, &flow_id).await?;
    let destination = match request.channel {
        Channel::Sms => registration.mobile,
        Channel::Email => registration.email,
    }
    .ok_or_else(|| {
        ApiError::invalid_field("channel", "Give this contact detail before verifying it.")
    })?;
    codes::send(
        &state,
        CodeRequest {
            flow_id: &flow_id,
            employee_id: flow.employee_id.as_str(),
            channel: request.channel,
            purpose: CodePurpose::Registration,
            destination: Some(&destination),
            too_many: "Too many codes were sent for this registration. Please start again.",
            audit: AuditKind::CodeSent,
            address: &address,
            language,
        },
        now,
    )
    .await?;
    let policy = &state.settings().policy;
    Ok(Json(wire::CodeSent {
        flow_id,
        channel: request.channel,
        // The employee typed it a moment ago: shown whole, to catch a typo.
        destination,
        expires_in_secs: policy.otp_ttl_secs,
        resend_after_secs: policy.otp_resend_secs,
        server_time: now,
        remember_device_days: 0,
    }))
}

#[utoipa::path(post, path = "/api/v1/registration/{flow}/verify", tag = "registration", params(("flow" = String, Path, description = "`flow_id` from the registration answer")), request_body = wire::VerifyCodeRequest, responses((status = 200, description = "The contact the code went to is verified", body = wire::RegistrationProgress), (status = 401, description = "`invalid_code` with `attempts_remaining`", body = wire::ErrorBody), (status = 410, description = "`expired`: the flow, or (with `fields: [\"code\"]`) only the code", body = wire::ErrorBody), (status = 429, description = "`rate_limited`", body = wire::ErrorBody)))]
pub(crate) async fn verify_code(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    flow: LiveFlow<RegistrationFlow>,
    ApiJson(request): ApiJson<wire::VerifyCodeRequest>,
) -> Result<Json<wire::RegistrationProgress>, ApiError> {
    let now = state.now();
    let store = state.store();
    let (flow_id, flow, employee) = live(&state, flow).await?;
    let id = flow.employee_id.as_str();
    match codes::check(
        &state,
        &flow_id,
        &request.code,
        &[Limit::Address(&address)],
        now,
    )
    .await?
    {
        codes::Checked::Right { channel, attempt } => {
            attempt.passed().await?;
            store.mark_contact_verified(&flow_id, &channel).await?;
            store
                .audit(
                    AuditKind::ContactVerified,
                    Some(id),
                    &address,
                    Some(&channel),
                    now,
                )
                .await?;
            Ok(Json(progress_of(&state, &flow, &employee, now).await?))
        }
        codes::Checked::Wrong {
            channel,
            attempts_remaining,
            attempt,
        } => {
            let wrong = ApiError::InvalidCode { attempts_remaining };
            let audit = (AuditKind::CodeFailed, Some(channel.as_str()));
            Err(attempt.refused(&state, id, &address, audit, wrong).await?)
        }
    }
}

#[utoipa::path(get, path = "/api/v1/registration/{flow}/questions", tag = "registration", params(("flow" = String, Path, description = "`flow_id` from the registration answer")), responses((status = 200, description = "The challenge questions to choose from", body = wire::QuestionCatalogue), (status = 410, description = "`expired`", body = wire::ErrorBody)))]
pub(crate) async fn catalogue(
    State(state): State<AppState>,
    flow: LiveFlow<RegistrationFlow>,
) -> Result<Json<wire::QuestionCatalogue>, ApiError> {
    let now = state.now();
    let (flow_id, _, _) = live(&state, flow).await?;
    Ok(Json(wire::QuestionCatalogue {
        flow_id,
        questions: catalogue_questions(),
        required: questions::REGISTERED as u8,
        min_answer_length: MIN_ANSWER_LENGTH as u8,
        server_time: now,
    }))
}

#[utoipa::path(post, path = "/api/v1/registration/{flow}/questions", tag = "registration", params(("flow" = String, Path, description = "`flow_id` from the registration answer")), request_body = wire::AnswersRequest, responses((status = 200, description = "Three questions chosen and answered", body = wire::RegistrationProgress), (status = 410, description = "`expired`", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: not 3 distinct catalogue questions, or an answer shorter than 3 characters", body = wire::ErrorBody)))]
pub(crate) async fn choose_questions(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    flow: LiveFlow<RegistrationFlow>,
    ApiJson(request): ApiJson<wire::AnswersRequest>,
) -> Result<Json<wire::RegistrationProgress>, ApiError> {
    let now = state.now();
    let (flow_id, flow, employee) = live(&state, flow).await?;
    let hashed = hashed_answers(&state, request.answers).await?;
    let json = serde_json::to_string(&hashed).map_err(anyhow::Error::from)?;
    let store = state.store();
    store.set_registration_answers(&flow_id, &json).await?;
    store
        .audit(
            AuditKind::RegistrationQuestions,
            Some(flow.employee_id.as_str()),
            &address,
            None,
            now,
        )
        .await?;
    Ok(Json(progress_of(&state, &flow, &employee, now).await?))
}

#[utoipa::path(post, path = "/api/v1/registration/{flow}/pin", tag = "registration", params(("flow" = String, Path, description = "`flow_id` from the registration answer")), request_body = wire::NewPinRequest, responses((status = 200, description = "Registered: the employee is active with this PIN and the verified contacts; the code is spent. Clears the `__Host-registration` cookie.", body = wire::PinChanged), (status = 410, description = "`expired`: the flow or the code was used or is over", body = wire::ErrorBody), (status = 422, description = "`weak_pin` with `pin_problems`, or `invalid_input` naming `contact` or `questions` still to do", body = wire::ErrorBody)))]
pub(crate) async fn set_pin(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(language): MessageLanguage,
    flow: LiveFlow<RegistrationFlow>,
    ApiJson(request): ApiJson<wire::NewPinRequest>,
) -> Result<Response, ApiError> {
    let now = state.now();
    let store = state.store();
    let (flow_id, flow, _) = live(&state, flow).await?;
    let id = flow.employee_id.as_str();
    let registration = registration_of(&state, &flow_id).await?;
    let (mobile, email) = (
        registration.verified_mobile().map(str::to_owned),
        registration.verified_email().map(str::to_owned),
    );
    if mobile.is_none() && email.is_none() {
        return Err(ApiError::invalid_field(
            "contact",
            "Verify a mobile number or an email address first.",
        ));
    }
    let answers: Vec<ChallengeAnswer> = match registration.answers.as_deref() {
        Some(json) => serde_json::from_str(json).map_err(anyhow::Error::from)?,
        None => {
            return Err(ApiError::invalid_field(
                "questions",
                "Choose and answer your challenge questions first.",
            ));
        }
    };
    let pin_hash = new_pin_hash(&state, request.new_pin, id, &address, now).await?;
    let notices = notices::build(
        &state,
        Notice::Welcome,
        [
            (Channel::Sms, mobile.as_deref()),
            (Channel::Email, email.as_deref()),
        ],
        id,
        language,
        now,
    )
    .await?;
    let completed = store
        .complete_registration(CompletedRegistration {
            flow_id: &flow_id,
            employee_id: id,
            pin_hash: &pin_hash,
            mobile: mobile.as_deref(),
            email: email.as_deref(),
            answers: &answers,
            notices: &notices,
            now,
        })
        .await?;
    if !completed {
        return Err(ApiError::Expired(REGISTRATION_EXPIRED));
    }
    store
        .audit(
            AuditKind::RegistrationComplete,
            Some(id),
            &address,
            None,
            now,
        )
        .await?;
    notices::announce(&state, &notices, id, &address, now).await?;
    Ok((
        [(header::SET_COOKIE, clear_cookie(REGISTRATION_COOKIE))],
        Json(wire::PinChanged { server_time: now }),
    )
        .into_response())
}

/// The live registration flow of this browser and its (still pending) employee.
/// A live registration flow whose hire is still pending: its id, record and
/// employee.
async fn live(
    state: &AppState,
    flow: LiveFlow<RegistrationFlow>,
) -> Result<(String, FlowRecord, EmployeeRecord), ApiError> {
    let (flow_id, flow) = flow.into_parts();
    let employee = state
        .store()
        .find_employee(flow.employee_id.as_str())
        .await?
        .filter(EmployeeRecord::is_pending)
        .ok_or(LiveFlow::<RegistrationFlow>::expired())?;
    Ok((flow_id, flow, employee))
}

async fn registration_of(state: &AppState, flow_id: &str) -> Result<RegistrationRecord, ApiError> {
    state
        .store()
        .find_registration(flow_id)
        .await?
        .ok_or(ApiError::Expired(REGISTRATION_EXPIRED))
}

async fn progress_of(
    state: &AppState,
    flow: &FlowRecord,
    employee: &EmployeeRecord,
    now: i64,
) -> Result<wire::RegistrationProgress, ApiError> {
    let registration = registration_of(state, &flow.flow_id).await?;
    Ok(wire::RegistrationProgress {
        flow_id: flow.flow_id.clone(),
        employee_id: flow.employee_id.to_string(),
        first_name: employee.first_name.clone(),
        mobile_verified: registration.verified_mobile().is_some(),
        email_verified: registration.verified_email().is_some(),
        questions_set: registration.answers.is_some(),
        mobile: registration.mobile,
        email: registration.email,
        expires_in_secs: (flow.expires_at - now).max(0) as u64,
        server_time: now,
    })
}
