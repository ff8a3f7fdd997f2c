//! The sign-in engine's steps that every way of signing in shares: the
//! Employee ID as typed, the PIN checked with equal work for known and
//! unknown IDs, the channels a code may go to, and the completion (the run
//! of failures ends, the browser is seen, a session opens) by a code, a
//! remembered device or a passkey.

use axum::http::HeaderMap;
use axum::response::Response;
use upsers_contract as wire;

use crate::auth::alerts::{self, SignIn};
use crate::auth::sessions::{self, Origin};
use crate::auth::{Attempt, FlowType};
use crate::courier::{Channel, Language};
use crate::domain::{EmployeeId, Secret, mask};
use crate::error::ApiError;
use crate::extract::{append_cookie, clear_cookie};
use crate::state::AppState;
use crate::store::{AuditKind, EmployeeRecord, FlowKind};

/// The cookie binding a sign-in flow to the browser that started it.
pub const FLOW_COOKIE: &str = "__Host-flow";

/// How long an employee has between a right PIN and the second factor.
pub const FLOW_TTL_SECS: u64 = 15 * 60;

/// A sign-in whose second factor held: its attempt, the factor (the
/// channel of a right one-time PIN, or `device` for a remembered one) and
/// the language of its requests.
pub(crate) struct SignInBy<'a> {
    pub(crate) attempt: Attempt,
    pub(crate) factor: &'a str,
    pub(crate) language: Language,
}

/// A completed sign-in: its session, and the browser it came from.
pub(crate) struct CompletedSignIn {
    pub(crate) info: wire::SessionInfo,
    session_cookie: String,
    /// The browser's `__Host-device` token, and the cookie that keeps it.
    pub(crate) device: Secret,
    device_cookie: String,
}

impl CompletedSignIn {
    /// The session's and the device's cookies; the flow's ends.
    pub(crate) fn set_cookies(&self, response: &mut Response) {
        append_cookie(response, &self.session_cookie);
        append_cookie(response, &self.device_cookie);
        append_cookie(response, &clear_cookie(FLOW_COOKIE));
    }
}

/// Completes `sign_in` for `who` (the Employee ID, client address and
/// User-Agent) from the browser of `headers`: the run of failures ends, the
/// success is audited, the browser is seen (an alert goes out if it is new
/// to the employee) and a session opens.
pub(crate) async fn complete_sign_in(
    state: &AppState,
    sign_in: SignInBy<'_>,
    who: (&str, &str, Option<&str>),
    headers: &HeaderMap,
    now: i64,
) -> Result<CompletedSignIn, ApiError> {
    let (id, address, user_agent) = who;
    sign_in.attempt.succeeded().await?;
    state
        .store()
        .audit(
            AuditKind::SignInSuccess,
            Some(id),
            address,
            Some(sign_in.factor),
            now,
        )
        .await?;
    let seen = SignIn {
        employee_id: id,
        address,
        user_agent,
        language: sign_in.language,
        remembered: sign_in.factor == "device",
    };
    let (device, device_cookie) = alerts::see_device(state, headers, seen, now).await?;
    let origin = Origin {
        user_agent,
        client_address: address,
    };
    let (info, session_cookie) = sessions::start(state, id, origin, now).await?;
    Ok(CompletedSignIn {
        info,
        session_cookie,
        device,
        device_cookie,
    })
}

/// The Employee ID as submitted, or 422 naming the field.
pub(crate) fn parse_employee_id(state: &AppState, input: &str) -> Result<EmployeeId, ApiError> {
    let digits = state.settings().policy.employee_id_digits;
    EmployeeId::parse(input, digits).ok_or_else(|| {
        ApiError::invalid_field("employee_id", format!("An Employee ID is {digits} digits."))
    })
}

/// A sign-in between the right PIN and the second factor.
pub struct SignInFlow;

impl FlowType for SignInFlow {
    const KIND: FlowKind = FlowKind::Login;
    const COOKIE: &'static str = FLOW_COOKIE;
    const EXPIRED: &'static str = "This sign-in has expired. Please start again.";
}

/// The active employee `id` when `pin` is theirs. The same work whether or
/// not the ID is known: an unknown or inactive one is checked against a dummy
/// hash (the hasher's `None`), so timing tells nothing.
pub(crate) async fn employee_with_pin(
    state: &AppState,
    id: &str,
    pin: Secret,
) -> Result<Option<EmployeeRecord>, ApiError> {
    let employee = state
        .store()
        .find_employee(id)
        .await?
        .filter(EmployeeRecord::is_active);
    let stored_hash = employee
        .as_ref()
        .and_then(|employee| employee.pin_hash.clone());
    Ok(state
        .hasher()
        .verify(stored_hash, pin)
        .await?
        .then_some(employee)
        .flatten())
}

pub(crate) fn channels_of(employee: &EmployeeRecord) -> Vec<wire::ChannelOption> {
    let sms = employee
        .verified_mobile()
        .map(|mobile| (Channel::Sms, mobile));
    let email = employee
        .verified_email()
        .map(|email| (Channel::Email, email));
    [sms, email]
        .into_iter()
        .flatten()
        .map(|(channel, destination)| wire::ChannelOption {
            channel,
            destination: mask::masked(channel, destination),
        })
        .collect()
}
