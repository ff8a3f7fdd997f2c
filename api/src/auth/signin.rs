//! The sign-in engine's steps that every way of signing in shares: the
//! Employee ID as typed, the PIN checked with equal work for known and
//! unknown IDs, the channels a code may go to, and the completion (the run
//! of failures ends, the browser is seen, a session opens) by a code, a
//! remembered device or a passkey.

use axum::Json;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use upsers_contract as wire;

use crate::auth::alerts::{self, SignIn};
use crate::auth::attempts::take_audited;
use crate::auth::devices::presented_device_hash;
use crate::auth::sessions::{self, Origin};
use crate::auth::{Attempt, FlowType, Limit, LiveFlow, attempts, codes};
use crate::courier::{Channel, CodePurpose};
use crate::domain::{EmployeeId, Secret, mask, roles, token, user_agent};
use crate::error::ApiError;
use crate::extract::{Actor, append_cookie, clear_cookie};
use crate::state::AppState;
use crate::store::{AuditKind, EmployeeRecord, FlowKind, NewDevice, NewFlow, facts_of};

/// The cookie binding a sign-in flow to the browser that started it.
pub const FLOW_COOKIE: &str = "__Host-flow";

/// How long an employee has between a right PIN and the second factor.
pub const FLOW_TTL_SECS: u64 = 15 * 60;

/// The second factor that made a sign-in whole.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Factor {
    /// A right one-time PIN, sent on this channel.
    Code(Channel),
    /// A device the employee chose to remember.
    Device,
    /// A passkey.
    Passkey,
}

impl Factor {
    /// As the audit trail's `sign_in_success` names it.
    fn as_str(self) -> &'static str {
        match self {
            Factor::Code(channel) => channel.as_str(),
            Factor::Device => "device",
            Factor::Passkey => "passkey",
        }
    }
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

    /// The session as the answer, with its cookies.
    pub(crate) fn into_response(self) -> Response {
        let mut response = Json(self.info.clone()).into_response();
        self.set_cookies(&mut response);
        response
    }
}

/// Completes the sign-in of `attempt` by `factor` for employee `id`, asked by
/// `actor` from the browser of `headers`: the run of failures ends, the
/// success is audited, the browser is seen (an alert goes out if it is new to
/// the employee) and a session opens.
pub(crate) async fn complete_sign_in(
    state: &AppState,
    (attempt, factor): (Attempt, Factor),
    (id, actor): (&str, &Actor),
    headers: &HeaderMap,
    now: i64,
) -> Result<CompletedSignIn, ApiError> {
    attempt.succeeded().await?;
    let detail = Some(factor.as_str());
    actor
        .audit(state, AuditKind::SignInSuccess, Some(id), detail)
        .await?;
    let seen = SignIn {
        employee_id: id,
        address: &actor.address,
        user_agent: actor.user_agent.as_deref(),
        language: actor.language,
        remembered: matches!(factor, Factor::Device),
    };
    let (device, device_cookie) = alerts::see_device(state, headers, seen, now).await?;
    let origin = Origin {
        user_agent: actor.user_agent.as_deref(),
        client_address: &actor.address,
    };
    let (info, session_cookie) = sessions::start(state, id, origin, now).await?;
    Ok(CompletedSignIn {
        info,
        session_cookie,
        device,
        device_cookie,
    })
}

/// Refuses the sign-in of an employee who reported a sign-in that wasn't
/// them: audited, and told only to someone who proved the PIN or passkey
/// (a reset by a one-time PIN is the way on).
pub(crate) async fn refuse_reported(
    state: &AppState,
    attempt: Attempt,
    (id, actor): (&str, &Actor),
) -> Result<ApiError, ApiError> {
    attempt.passed().await?;
    let locked = AuditKind::SignInLocked;
    actor
        .audit(state, locked, Some(id), Some("reported"))
        .await?;
    Ok(ApiError::LockedUntilReset)
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

/// What a right PIN leads to.
pub(crate) enum PinAccepted {
    /// The browser is a device the employee remembered: it is the second
    /// factor, and the sign-in is whole.
    SignedIn(CompletedSignIn),
    /// The second factor comes next, in a flow bound to this browser by a
    /// cookie holding `flow_secret`.
    SecondFactor {
        started: wire::LoginStarted,
        flow_secret: Secret,
    },
}

/// The first step of a sign-in: the Employee ID and PIN of `request`, from
/// `actor` on the browser of `headers`. The same work and answers for known
/// and unknown IDs; a flow exists only once the PIN was right.
pub(crate) async fn by_pin(
    state: &AppState,
    actor: &Actor,
    headers: &HeaderMap,
    request: wire::LoginRequest,
) -> Result<PinAccepted, ApiError> {
    let employee_id = parse_employee_id(state, &request.employee_id)?;
    let pin_length = request.pin.chars().count();
    if pin_length == 0 || pin_length > usize::from(state.settings().policy.pin_max_length) {
        return Err(ApiError::invalid_field("pin", "Enter your PIN."));
    }
    let id = employee_id.as_str();
    let now = state.now();
    let limits = [Limit::Address(&actor.address), Limit::EmployeeId(id)];
    let who = (id, actor.address.as_str(), None);
    let attempt = take_audited(state, &limits, who, AuditKind::SignInLocked, now).await?;
    let Some(employee) = employee_with_pin(state, id, Secret::new(request.pin)).await? else {
        let wrong = ApiError::InvalidCredentials {
            attempts_remaining: 0,
        };
        let audit = (AuditKind::SignInFailure, Some("pin"));
        return Err(attempt
            .refused(state, id, &actor.address, audit, wrong)
            .await?);
    };
    if employee.is_reported() {
        return Err(refuse_reported(state, attempt, (id, actor)).await?);
    }
    if remembered_here(state, actor, headers, id, now).await? {
        let factor = (attempt, Factor::Device);
        let signed_in = complete_sign_in(state, factor, (id, actor), headers, now).await?;
        return Ok(PinAccepted::SignedIn(signed_in));
    }
    // Failures before this PIN stay counted: the second factor is to come.
    attempt.passed().await?;
    second_factor_flow(state, actor, &employee, now).await
}

/// Whether the browser of `headers` is a device employee `id` remembered
/// (and may still: the policy allows it and they are no agent); if so, the
/// use is recorded.
async fn remembered_here(
    state: &AppState,
    actor: &Actor,
    headers: &HeaderMap,
    id: &str,
    now: i64,
) -> Result<bool, ApiError> {
    let Some(device) = presented_device_hash(headers) else {
        return Ok(false);
    };
    if remember_device_secs(state, id).await?.is_none() {
        return Ok(false);
    }
    let binding = user_agent::binding(actor.user_agent.as_deref());
    let store = state.store();
    Ok(store
        .use_remembered_device(&device, &binding, id, now)
        .await?)
}

/// Opens the flow in which `employee`, whose PIN was right, chooses and
/// passes the second factor.
async fn second_factor_flow(
    state: &AppState,
    actor: &Actor,
    employee: &EmployeeRecord,
    now: i64,
) -> Result<PinAccepted, ApiError> {
    let id = employee.employee_id.as_str();
    let flow_id = token::new_id();
    let flow_secret = token::new_token();
    let flow = NewFlow {
        kind: FlowKind::Login,
        flow_id: &flow_id,
        cookie_hash: &token::hash(&flow_secret),
        employee_id: id,
        questions: None,
        expires_at: now + FLOW_TTL_SECS as i64,
        purpose: None,
        destination: None,
        bound_to: &facts_of(Some(employee)),
    };
    state.store().create_flow(flow, now).await?;
    actor
        .audit(state, AuditKind::PinAccepted, Some(id), None)
        .await?;
    let started = wire::LoginStarted {
        flow_id,
        channels: channels_of(employee),
        expires_in_secs: FLOW_TTL_SECS,
        server_time: now,
    };
    Ok(PinAccepted::SecondFactor {
        started,
        flow_secret,
    })
}

/// Sends the sign-in's one-time PIN on `channel` (one the employee verified).
pub(crate) async fn send_code(
    state: &AppState,
    actor: &Actor,
    flow: LiveFlow<SignInFlow>,
    channel: Channel,
) -> Result<wire::CodeSent, ApiError> {
    let now = state.now();
    let (flow_id, flow) = flow.into_parts();
    let id = flow.employee_id.as_str();
    let employee = state.store().find_employee(id).await?;
    let employee = employee
        .filter(EmployeeRecord::is_active)
        .ok_or(LiveFlow::<SignInFlow>::expired())?;
    let destination = employee.verified_contact(channel).ok_or_else(|| {
        ApiError::invalid_field("channel", "No such contact is registered for this sign-in.")
    })?;
    attempts::lock_of(state, Limit::EmployeeId(id), now).await?;
    let request = codes::CodeRequest {
        flow_id: &flow_id,
        employee_id: id,
        channel,
        purpose: CodePurpose::SignIn,
        destination: Some(destination),
        too_many: "Too many codes were sent for this sign-in. Please start again.",
        audit: AuditKind::CodeSent,
        address: &actor.address,
        language: actor.language,
    };
    codes::send(state, request, now).await?;
    let policy = &state.settings().policy;
    let remember_device_days = match remember_device_secs(state, id).await? {
        Some(_) => policy.remember_device_days,
        None => 0,
    };
    Ok(wire::CodeSent {
        flow_id,
        channel,
        destination: mask::masked(channel, destination),
        expires_in_secs: policy.otp_ttl_secs,
        resend_after_secs: policy.otp_resend_secs,
        server_time: now,
        remember_device_days,
    })
}

/// The second step by a one-time PIN: `request`'s code checked against the
/// flow's (under the lockout); a right one completes the sign-in and, when
/// asked and allowed, remembers the device.
pub(crate) async fn by_code(
    state: &AppState,
    actor: &Actor,
    headers: &HeaderMap,
    flow: LiveFlow<SignInFlow>,
    request: wire::VerifyCodeRequest,
) -> Result<CompletedSignIn, ApiError> {
    let now = state.now();
    let (flow_id, flow) = flow.into_parts();
    let id = flow.employee_id.as_str();
    let address = actor.address.as_str();
    let limits = [Limit::Address(address), Limit::EmployeeId(id)];
    let checked = codes::check(state, &flow_id, &request.code, &limits, now).await;
    if let Err(ApiError::Locked { .. }) = &checked {
        let locked = AuditKind::SignInLocked;
        actor.audit(state, locked, Some(id), Some("code")).await?;
    }
    let failed = (AuditKind::CodeFailed, "");
    let (channel, attempt) = checked?
        .right_or_refused(state, (id, address), failed)
        .await?;
    if !state.store().complete_flow(&flow_id).await? {
        attempt.unjudged().await?;
        return Err(ApiError::Expired(
            "This code has already been used. Please start again.",
        ));
    }
    let factor = (attempt, Factor::Code(channel));
    let signed_in = complete_sign_in(state, factor, (id, actor), headers, now).await?;
    if request.remember_device {
        remember_device(state, actor, id, &signed_in.device, now).await?;
    }
    Ok(signed_in)
}

/// Remembers the browser whose token is `device` for employee `id`, when
/// the policy allows it for them.
async fn remember_device(
    state: &AppState,
    actor: &Actor,
    id: &str,
    device: &Secret,
    now: i64,
) -> Result<(), ApiError> {
    let Some(remember_secs) = remember_device_secs(state, id).await? else {
        return Ok(());
    };
    let user_agent = actor.user_agent.as_deref();
    let device = NewDevice {
        public_id: &token::new_id(),
        token_hash: &token::hash(device),
        employee_id: id,
        user_agent,
        binding: &user_agent::binding(user_agent),
        client_address: &actor.address,
        now,
        expires_at: now + remember_secs as i64,
    };
    state.store().remember_device(&device).await?;
    actor
        .audit(state, AuditKind::DeviceRemembered, Some(id), None)
        .await
}

/// How long a device `employee_id` chooses to remember skips the one-time
/// PIN: the policy's days, or none when the policy turns it off or the
/// employee is a support agent (an agent always signs in with a one-time
/// PIN: a remembered device would leave the desk one stolen PIN away).
async fn remember_device_secs(
    state: &AppState,
    employee_id: &str,
) -> Result<Option<u64>, ApiError> {
    let Some(secs) = state.settings().policy.remember_device_secs() else {
        return Ok(None);
    };
    let agent = roles::is_agent(&state.store().roles_of(employee_id).await?);
    Ok((!agent).then_some(secs))
}
