//! PINs as the engine checks and sets them: the current PIN as a step-up
//! (counted toward the lockout as at sign-in), and a new PIN under the rules
//! every way of setting one shares (reset, registration, My account).

use crate::auth::attempts::take_audited;
use crate::auth::signin::employee_with_pin;
use crate::auth::{Limit, SignedIn};
use crate::domain::{Secret, pin_rules};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{AuditKind, EmployeeRecord};

/// The PIN rules with this server's length policy. `POST /pin/check` and
/// setting the PIN use exactly the same inputs, so what the meter accepts,
/// the server accepts. The strength estimate is CPU work: it runs on the
/// blocking pool, never on the async workers that answer session checks.
pub(crate) async fn judge(
    state: &AppState,
    pin: String,
    employee_id: Option<&str>,
) -> Result<pin_rules::Verdict, ApiError> {
    let policy = &state.settings().policy;
    let (min, max) = (policy.pin_min_length, policy.pin_max_length);
    let employee_id = employee_id.map(str::to_owned);
    tokio::task::spawn_blocking(move || {
        pin_rules::judge(&pin, employee_id.as_deref(), &[], min, max)
    })
    .await
    .map_err(|error| ApiError::Unexpected(anyhow::anyhow!("judging a PIN failed: {error}")))
}

/// The hash of `new_pin` for employee `id`, once the PIN rules accept it; a
/// refusal is audited and answered `weak_pin` with its reasons. Every way a
/// PIN is set (reset, registration, My account) goes through here.
pub(crate) async fn new_pin_hash(
    state: &AppState,
    new_pin: String,
    id: &str,
    address: &str,
    now: i64,
) -> Result<String, ApiError> {
    let verdict = judge(state, new_pin.clone(), Some(id)).await?;
    if !verdict.acceptable() {
        state
            .store()
            .audit(AuditKind::PinRefused, Some(id), address, None, now)
            .await?;
        return Err(ApiError::WeakPin {
            problems: verdict.problems,
        });
    }
    Ok(state.hasher().hash(Secret::new(new_pin)).await?)
}

/// The current PIN, as a step-up: it takes a slot of the client address's
/// and the Employee ID's limits first, and a wrong one counts toward the
/// lockout exactly as at sign-in. `field` is where the request carried it.
pub(crate) async fn check_current_pin(
    state: &AppState,
    signed_in: &SignedIn,
    address: &str,
    field: &str,
    pin: String,
) -> Result<EmployeeRecord, ApiError> {
    check_pin_length(state, field, &pin)?;
    let now = state.now();
    let id = signed_in.session.employee_id.as_str();
    let attempt = take_audited(
        state,
        &[Limit::Address(address), Limit::EmployeeId(id)],
        (id, address, Some("step-up")),
        AuditKind::SignInLocked,
        now,
    )
    .await?;
    let Some(employee) = employee_with_pin(state, id, Secret::new(pin)).await? else {
        let wrong = ApiError::InvalidCredentials {
            attempts_remaining: 0,
        };
        let audit = (AuditKind::StepUpFailed, Some("pin"));
        return Err(attempt.refused(state, id, address, audit, wrong).await?);
    };
    // A right PIN proves the employee as fully as a sign-in does.
    attempt.succeeded().await?;
    Ok(employee)
}

/// A PIN that is there and not longer than any PIN can be.
pub(crate) fn check_pin_length(state: &AppState, field: &str, pin: &str) -> Result<(), ApiError> {
    let length = pin.chars().count();
    if length == 0 || length > usize::from(state.settings().policy.pin_max_length) {
        return Err(ApiError::invalid_field(field, "Enter a PIN."));
    }
    Ok(())
}
