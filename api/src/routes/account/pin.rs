//! Change PIN: the current PIN again (the step-up: a session left open on a
//! shared PC must not be enough to take the account over), counted toward
//! the Employee ID's lockout exactly as at sign-in, then the new one under
//! the rules of a reset.

use crate::routes::notices;
use axum::Json;
use axum::extract::State;
use upsers_contract as wire;

use crate::auth::{Limit, SignedIn};
use crate::courier::{Channel, Language, Notice};
use crate::domain::Secret;
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientAddress, MessageLanguage};
use crate::routes::login::{employee_with_pin, take_audited};
use crate::routes::recovery::new_pin_hash;
use crate::state::AppState;
use crate::store::{AuditKind, EmployeeRecord};

#[utoipa::path(post, path = "/api/v1/account/pin", tag = "account", request_body = wire::ChangePinRequest, responses((status = 200, description = "The new PIN is stored; every other session of the employee has ended and a notice went to each registered channel", body = wire::PinChanged), (status = 401, description = "`invalid_credentials` with `attempts_remaining` (the current PIN is wrong: it counts toward the lockout), or `unauthenticated`", body = wire::ErrorBody), (status = 422, description = "`invalid_input` (a PIN missing or too long) or `weak_pin` with `pin_problems`", body = wire::ErrorBody), (status = 423, description = "`locked` with `retry_after_secs`", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: this client address has too many failures", body = wire::ErrorBody)))]
pub(crate) async fn change_pin(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(language): MessageLanguage,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<wire::ChangePinRequest>,
) -> Result<Json<wire::PinChanged>, ApiError> {
    let max = usize::from(state.settings().policy.pin_max_length);
    for (field, pin) in [
        ("current_pin", &request.current_pin),
        ("new_pin", &request.new_pin),
    ] {
        let length = pin.chars().count();
        if length == 0 || length > max {
            return Err(ApiError::invalid_field(field, "Enter a PIN."));
        }
    }
    let now = state.now();
    let store = state.store();
    let id = signed_in.session.employee_id.as_str();

    let attempt = take_audited(
        &state,
        &[Limit::Address(&address), Limit::EmployeeId(id)],
        (id, &address, Some("step-up")),
        AuditKind::SignInLocked,
        now,
    )
    .await?;
    let current = Secret::new(request.current_pin);
    let Some(employee) = employee_with_pin(&state, id, current).await? else {
        let wrong = ApiError::InvalidCredentials {
            attempts_remaining: 0,
        };
        let audit = (AuditKind::StepUpFailed, Some("pin"));
        return Err(attempt.refused(&state, id, &address, audit, wrong).await?);
    };
    // A right PIN proves the employee as fully as a sign-in does.
    attempt.succeeded().await?;

    let pin_hash = new_pin_hash(&state, request.new_pin, id, &address, now).await?;
    let notices = changed_notices(&state, &employee, language, now);
    store
        .change_pin(id, &pin_hash, &signed_in.token_hash, &notices)
        .await?;
    store
        .audit(AuditKind::PinChanged, Some(id), &address, None, now)
        .await?;
    notices::announce(&state, &notices, id, &address, now).await?;
    Ok(Json(wire::PinChanged { server_time: now }))
}

/// A PIN changed while signed in is told to every registered channel: the
/// employee changed it from a session, so no channel proved anything, and
/// whoever holds the session may not be them.
fn changed_notices(
    state: &AppState,
    employee: &EmployeeRecord,
    language: Language,
    now: i64,
) -> Vec<crate::store::NewMessage> {
    notices::build(
        state,
        Notice::PinChanged,
        [
            (Channel::Sms, employee.verified_mobile()),
            (Channel::Email, employee.verified_email()),
        ],
        employee.employee_id.as_str(),
        language,
        now,
    )
}
