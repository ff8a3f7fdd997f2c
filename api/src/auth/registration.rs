//! New-user registration, as an engine: Employee ID + the registration code from HR, then
//! contact details each verified with a one-time PIN, three challenge
//! questions, and a first PIN, which activates the employee.
//!
//! Unknown IDs, wrong or expired codes and employees who are registered
//! already all get the same 401 `invalid_code`, counted per submitted ID:
//! five wrong codes lock that ID's registration for 15 minutes.

use upsers_contract::{self as wire, contact};

use crate::auth::codes::{self, CodeRequest};
use crate::auth::notices;
use crate::auth::pins::new_pin_hash;
use crate::auth::questions::{MIN_ANSWER_LENGTH, catalogue_questions, hashed_answers};
use crate::auth::signin::parse_employee_id;
use crate::auth::{FlowType, Limit, LiveFlow, attempts};
use crate::courier::{Channel, CodePurpose, Notice};
use crate::domain::{Secret, questions, registration_code, token};
use crate::error::ApiError;
use crate::extract::Actor;
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

/// Begins a registration when `request`'s code is the employee's (every
/// other case alike, counted per submitted ID): the progress, and the secret
/// of the cookie that binds the flow to this browser.
pub(crate) async fn start(
    state: &AppState,
    actor: &Actor,
    request: wire::RegistrationRequest,
) -> Result<(wire::RegistrationProgress, Secret), ApiError> {
    let address = actor.address.as_str();
    let employee_id = parse_employee_id(state, &request.employee_id)?;
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
        state,
        &[Limit::Address(address), Limit::RegistrationCode(id)],
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
        return Err(attempt.refused(state, id, address, audit, wrong).await?);
    };

    attempt.succeeded().await?;
    open(state, actor, &employee, now).await
}

/// Opens the registration flow of `employee`, whose code was right.
async fn open(
    state: &AppState,
    actor: &Actor,
    employee: &EmployeeRecord,
    now: i64,
) -> Result<(wire::RegistrationProgress, Secret), ApiError> {
    let id = employee.employee_id.as_str();
    let store = state.store();
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
                bound_to: &facts_of(Some(employee)),
            },
            now,
        )
        .await?;
    store.create_registration(&flow_id).await?;
    let done = AuditKind::RegistrationStarted;
    actor.audit(state, done, Some(id), None).await?;
    let flow = store
        .find_flow(&flow_id)
        .await?
        .ok_or(ApiError::Expired(REGISTRATION_EXPIRED))?;
    let progress = progress_of(state, &flow, employee, now).await?;
    Ok((progress, flow_secret))
}

/// Records the contact details `request` gives (each to be verified).
pub(crate) async fn set_contact(
    state: &AppState,
    actor: &Actor,
    flow: LiveFlow<RegistrationFlow>,
    request: wire::ContactRequest,
) -> Result<wire::RegistrationProgress, ApiError> {
    let now = state.now();
    let (flow_id, flow, employee) = live(state, flow).await?;
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
    let done = AuditKind::RegistrationContact;
    actor
        .audit(state, done, Some(flow.employee_id.as_str()), None)
        .await?;
    progress_of(state, &flow, &employee, now).await
}

/// Sends a one-time PIN to the contact given for `channel`.
pub(crate) async fn send_code(
    state: &AppState,
    actor: &Actor,
    flow: LiveFlow<RegistrationFlow>,
    channel: Channel,
) -> Result<wire::CodeSent, ApiError> {
    let (address, language) = (actor.address.as_str(), actor.language);
    let now = state.now();
    let (flow_id, flow, _) = live(state, flow).await?;
    let registration = registration_of(state, &flow_id).await?;
    let destination = match channel {
        Channel::Sms => registration.mobile,
        Channel::Email => registration.email,
    }
    .ok_or_else(|| {
        ApiError::invalid_field("channel", "Give this contact detail before verifying it.")
    })?;
    codes::send(
        state,
        CodeRequest {
            flow_id: &flow_id,
            employee_id: flow.employee_id.as_str(),
            channel,
            purpose: CodePurpose::Registration,
            destination: Some(&destination),
            too_many: "Too many codes were sent for this registration. Please start again.",
            audit: AuditKind::CodeSent,
            address,
            language,
        },
        now,
    )
    .await?;
    let policy = &state.settings().policy;
    Ok(wire::CodeSent {
        flow_id,
        channel,
        // The employee typed it a moment ago: shown whole, to catch a typo.
        destination,
        expires_in_secs: policy.otp_ttl_secs,
        resend_after_secs: policy.otp_resend_secs,
        server_time: now,
        remember_device_days: 0,
    })
}

/// Verifies the contact the flow's code went to, when `typed` is that code.
pub(crate) async fn verify_code(
    state: &AppState,
    actor: &Actor,
    flow: LiveFlow<RegistrationFlow>,
    typed: &str,
) -> Result<wire::RegistrationProgress, ApiError> {
    let address = actor.address.as_str();
    let now = state.now();
    let store = state.store();
    let (flow_id, flow, employee) = live(state, flow).await?;
    let id = flow.employee_id.as_str();
    let checked = codes::check(state, &flow_id, typed, &[Limit::Address(address)], now).await?;
    let failed = (AuditKind::CodeFailed, "");
    let (channel, attempt) = checked
        .right_or_refused(state, (id, address), failed)
        .await?;
    attempt.passed().await?;
    store.mark_contact_verified(&flow_id, channel).await?;
    let verified = AuditKind::ContactVerified;
    actor
        .audit(state, verified, Some(id), Some(channel.as_str()))
        .await?;
    progress_of(state, &flow, &employee, now).await
}

/// The challenge questions a new hire chooses from.
pub(crate) async fn catalogue(
    state: &AppState,
    flow: LiveFlow<RegistrationFlow>,
) -> Result<wire::QuestionCatalogue, ApiError> {
    let now = state.now();
    let (flow_id, _, _) = live(state, flow).await?;
    Ok(wire::QuestionCatalogue {
        flow_id,
        questions: catalogue_questions(),
        required: questions::REGISTERED as u8,
        min_answer_length: MIN_ANSWER_LENGTH as u8,
        server_time: now,
    })
}

/// Keeps the three questions chosen and their answers, hashed.
pub(crate) async fn choose_questions(
    state: &AppState,
    actor: &Actor,
    flow: LiveFlow<RegistrationFlow>,
    request: wire::AnswersRequest,
) -> Result<wire::RegistrationProgress, ApiError> {
    let now = state.now();
    let (flow_id, flow, employee) = live(state, flow).await?;
    let hashed = hashed_answers(state, request.answers).await?;
    let json = serde_json::to_string(&hashed).map_err(anyhow::Error::from)?;
    let store = state.store();
    store.set_registration_answers(&flow_id, &json).await?;
    let done = AuditKind::RegistrationQuestions;
    actor
        .audit(state, done, Some(flow.employee_id.as_str()), None)
        .await?;
    progress_of(state, &flow, &employee, now).await
}

/// Completes the registration with the first PIN: the employee is active
/// with it and the verified contacts, the code is spent, and they are
/// welcomed on each.
pub(crate) async fn set_pin(
    state: &AppState,
    actor: &Actor,
    flow: LiveFlow<RegistrationFlow>,
    new_pin: String,
) -> Result<wire::PinChanged, ApiError> {
    let (address, language) = (actor.address.as_str(), actor.language);
    let now = state.now();
    let store = state.store();
    let (flow_id, flow, _) = live(state, flow).await?;
    let id = flow.employee_id.as_str();
    let registration = registration_of(state, &flow_id).await?;
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
    let pin_hash = new_pin_hash(state, new_pin, id, address, now).await?;
    let notices = notices::build(
        state,
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
    let done = AuditKind::RegistrationComplete;
    actor.audit(state, done, Some(id), None).await?;
    notices::announce(state, &notices, id, address, now).await?;
    Ok(wire::PinChanged { server_time: now })
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
