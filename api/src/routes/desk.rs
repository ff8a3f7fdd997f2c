//! The Technical Support Center's desk (`/desk/…`): support agents only
//! ([`Agent`]; anyone else gets 403). An agent finds an employee and reads
//! their card; every look-up is audited against the agent, so who looked at
//! whom is on record.
//!
//! Before acting, the agent verifies the caller: a one-time PIN goes to one
//! of the employee's verified channels, and the caller reads it back. The
//! verification holds for 15 minutes, for that agent and that employee only;
//! three wrong read-backs (across agents) stop the desk verifying that
//! employee for 15 minutes. Each action then checks the verification again
//! in the transaction that does it, records who did it on what proof from
//! where, and queues the employee's notices, all or nothing. An agent never
//! acts on their own account, nor on another agent's without the lead role.

use axum::extract::State;
use axum::{Json, Router};
use upsers_contract as wire;
use upsers_contract::endpoint;

use super::mount;
use crate::auth::notices;
use crate::auth::signin::parse_employee_id;
use crate::auth::{Agent, Limit, attempts};
use crate::courier::{CodeMessage, CodePurpose, Language, Notice, ResetLink};
use crate::domain::desk::{self, VERIFIED_SECS};
use crate::domain::roles::Role;
use crate::domain::{mask, otp, registration_code, token, user_agent};
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientAddress, MessageLanguage};
use crate::state::AppState;
use crate::store::{
    AuditKind, DeskChange, DeskEventRecord, DeskRecord, EmployeeRecord, NewDeskCode, channel_named,
};

/// The audit events a card shows.
pub const CARD_EVENTS: i64 = 50;
/// The longest query the desk reads: an email address at most.
const MAX_QUERY_CHARS: usize = 254;

const NOT_VERIFIED: &str =
    "Verify the caller first: send a one-time PIN to one of their verified contacts.";
const LEADS_ONLY: &str = "Only a support lead can disable or enable an account.";
/// How long the desk's PIN-reset link works.
pub const RESET_LINK_MINUTES: i64 = 30;
/// Where it leads: the SPA's reset page, the token in the fragment, so it is
/// never sent to a server or in a `Referer`.
const RESET_LINK_PATH: &str = "/forgot#reset=";

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
    ClientAddress(address): ClientAddress,
    agent: Agent,
    ApiJson(request): ApiJson<wire::DeskSearchRequest>,
) -> Result<Json<wire::DeskSearchResult>, ApiError> {
    let query = request.query.trim();
    if query.is_empty() || query.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::invalid_field(
            "query",
            "Enter an Employee ID, an email address or a mobile number.",
        ));
    }
    let now = state.now();
    let store = state.store();
    let found = store.find_employee_for_desk(query).await?;
    let employee = match found {
        Some(employee) => {
            let id = employee.employee_id.as_str().to_owned();
            let detail = format!("agent {}", agent.employee_id());
            store
                .audit(
                    AuditKind::DeskViewed,
                    Some(&id),
                    &address,
                    Some(&detail),
                    now,
                )
                .await?;
            Some(card(&state, &agent, employee, now).await?)
        }
        None => {
            let detail = format!("agent {}, by {}", agent.employee_id(), query_kind(query));
            store
                .audit(
                    AuditKind::DeskSearchMissed,
                    None,
                    &address,
                    Some(&detail),
                    now,
                )
                .await?;
            None
        }
    };
    Ok(Json(wire::DeskSearchResult {
        employee,
        server_time: now,
    }))
}

/// What a desk query was, for the audit of a search that found no one
/// (the query itself, an address or a number, stays out of the trail).
fn query_kind(query: &str) -> &'static str {
    if query.contains('@') {
        "email address"
    } else if query.starts_with('+') {
        "mobile number"
    } else {
        "Employee ID"
    }
}

/// Audits a desk request the API refused (naming the agent, the step and
/// why), then passes the answer on: every refusal is in the trail, not only
/// what was done. A wrong read-back is audited where it is judged, and a
/// store that failed has nothing to say about the agent.
async fn audit_refusal<T>(
    state: &AppState,
    agent: &Agent,
    address: &str,
    (employee_id, step): (String, &str),
    answer: Result<T, ApiError>,
) -> Result<T, ApiError> {
    let Err(refusal) = answer else {
        return answer;
    };
    if matches!(
        refusal,
        ApiError::InvalidCode { .. } | ApiError::Unavailable(_) | ApiError::Unexpected(_)
    ) {
        return Err(refusal);
    }
    let subject = parse_employee_id(state, &employee_id).ok();
    let detail = format!("agent {}, {step}: {refusal}", agent.employee_id());
    state
        .store()
        .audit(
            AuditKind::DeskRefused,
            subject.as_ref().map(|id| id.as_str()),
            address,
            Some(&detail),
            state.now(),
        )
        .await?;
    Err(refusal)
}

/// The card of `employee` as `agent` sees it at `now`.
async fn card(
    state: &AppState,
    agent: &Agent,
    employee: EmployeeRecord,
    now: i64,
) -> Result<wire::DeskCard, ApiError> {
    let store = state.store();
    let id = employee.employee_id.as_str();
    let verification = store
        .desk_verification(agent.employee_id(), id, now)
        .await?;
    let verification_locked_until =
        match attempts::lock_of(state, Limit::DeskReadBack(id), now).await {
            Ok(()) => None,
            Err(ApiError::Locked { retry_after_secs }) => Some(now + retry_after_secs as i64),
            Err(other) => return Err(other),
        };
    let locked_until = match attempts::lock_of(state, Limit::EmployeeId(id), now).await {
        Ok(()) => None,
        Err(ApiError::Locked { retry_after_secs }) => Some(now + retry_after_secs as i64),
        Err(other) => return Err(other),
    };
    let code = store.find_registration_code(id).await?;
    let registration_code = match &code {
        None => "none",
        Some(code) if code.used_at.is_some() => "used",
        Some(code) if code.is_usable(now) => "usable",
        Some(_) => "expired",
    };
    let roles = store.roles_of(id).await?;
    let may_act = desk::may_act_on(agent.employee_id(), &agent.roles, id, &roles).is_ok();
    let events = store.desk_events(id, CARD_EVENTS).await?;
    Ok(wire::DeskCard {
        employee_id: id.to_owned(),
        first_name: employee.first_name.clone(),
        last_name: employee.last_name.clone(),
        status: employee.status.as_str().to_owned(),
        locked_until,
        reported_at: employee.reported_at,
        mobile: employee.mobile.as_deref().map(mask::phone),
        mobile_verified: employee.mobile_verified != 0,
        email: employee.email.as_deref().map(mask::email),
        email_verified: employee.email_verified != 0,
        settling: employee.settling(now),
        last_sign_in_at: employee.last_sign_in_at,
        registration_code: registration_code.to_owned(),
        registration_code_expires_at: code
            .filter(|code| code.is_usable(now))
            .map(|code| code.expires_at),
        roles: roles.iter().map(|role| role.as_str().to_owned()).collect(),
        may_act,
        viewer_is_lead: agent.roles.contains(&Role::SupportLead),
        verified_until: verification.as_ref().map(|held| held.verified_until),
        verified_by: verification.and_then(|held| channel_named(&held.channel)),
        verification_locked_until,
        events: events.into_iter().map(describe).collect(),
    })
}

fn describe(record: DeskEventRecord) -> wire::DeskEvent {
    let device = user_agent::describe(record.user_agent.as_deref());
    let device = match (device.browser, device.os) {
        (Some(browser), Some(os)) => Some(format!("{browser} on {os}")),
        (browser, os) => browser.or(os),
    };
    wire::DeskEvent {
        at: record.at,
        kind: record.kind,
        client_address: record.client_address,
        device,
        detail: record.detail,
    }
}

fn no_verified_contact() -> ApiError {
    ApiError::invalid_field(
        "channel",
        "This employee has no verified contact on this channel that can be used yet \
         (a contact added lately settles first): use the other one.",
    )
}

/// The employee an agent names, once the agent may act on them at all.
async fn subject(
    state: &AppState,
    agent: &Agent,
    employee_id: &str,
) -> Result<EmployeeRecord, ApiError> {
    let id = parse_employee_id(state, employee_id)?;
    let store = state.store();
    let employee = store.find_employee(id.as_str()).await?.ok_or_else(|| {
        ApiError::invalid_field("employee_id", "No employee has this Employee ID.")
    })?;
    let roles = store.roles_of(id.as_str()).await?;
    desk::may_act_on(agent.employee_id(), &agent.roles, id.as_str(), &roles)
        .map_err(|barred| ApiError::DeskRefused(barred.message()))?;
    Ok(employee)
}

/// What the desk writes to the employee in: their own language when the
/// portal knows it, else the agent's.
fn language_of(employee: &EmployeeRecord, agent_language: Language) -> Language {
    employee
        .language
        .as_deref()
        .and_then(Language::from_tag)
        .unwrap_or(agent_language)
}

#[utoipa::path(post, path = "/api/v1/desk/verification/send", tag = "desk", request_body = wire::DeskVerifyRequest, responses((status = 200, description = "A one-time PIN went to the employee's verified channel, saying an agent is verifying them and to read it back only if they called", body = wire::DeskCodeSent), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden`: not an agent, the agent's own account, or another agent's without the lead role", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: no such employee, or no verified contact on that channel", body = wire::ErrorBody), (status = 423, description = "`locked`: three wrong read-backs; see `retry_after_secs`", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: resend gap or hourly cap", body = wire::ErrorBody)))]
pub(crate) async fn send_verification(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(agent_language): MessageLanguage,
    agent: Agent,
    ApiJson(request): ApiJson<wire::DeskVerifyRequest>,
) -> Result<Json<wire::DeskCodeSent>, ApiError> {
    let asked = (request.employee_id.clone(), "send verification");
    let answer = send_code_to_caller(&state, &address, agent_language, &agent, request).await;
    audit_refusal(&state, &agent, &address, asked, answer).await
}

async fn send_code_to_caller(
    state: &AppState,
    address: &str,
    agent_language: Language,
    agent: &Agent,
    request: wire::DeskVerifyRequest,
) -> Result<Json<wire::DeskCodeSent>, ApiError> {
    let now = state.now();
    let store = state.store();
    let policy = &state.settings().policy;
    let employee = subject(state, agent, &request.employee_id).await?;
    let id = employee.employee_id.as_str();
    let destination = employee
        .recovery_contact(request.channel, now)
        .ok_or_else(no_verified_contact)?
        .to_owned();
    attempts::lock_of(state, Limit::DeskReadBack(id), now).await?;
    let resend_secs = policy.otp_resend_secs as i64;
    if let Some(last) = store.last_desk_send(agent.employee_id(), id).await?
        && last + resend_secs > now
    {
        return Err(ApiError::RateLimited {
            retry_after_secs: Some((last + resend_secs - now) as u64),
            message: "Please wait before sending another code.",
        });
    }
    attempts::take(state, &[Limit::Messages(id, request.channel)], now)
        .await?
        .keep();
    let verification_id = token::new_id();
    let code = otp::generate();
    let code_hash = otp::hash(&state.settings().secret_key, &verification_id, &code);
    let expires_at = now + policy.otp_ttl_secs as i64;
    let message = state.courier().code_message(CodeMessage {
        purpose: CodePurpose::DeskVerification,
        channel: request.channel,
        destination: &destination,
        employee_id: id,
        flow_id: &verification_id,
        code: &code,
        expires_at,
        ttl_minutes: policy.otp_ttl_secs.div_ceil(60),
        language: language_of(&employee, agent_language),
        now,
    });
    store
        .put_desk_code(&NewDeskCode {
            verification_id: &verification_id,
            agent_id: agent.employee_id(),
            employee_id: id,
            channel: request.channel.as_str(),
            code_hash: &code_hash,
            now,
            expires_at,
            message: &message,
        })
        .await?;
    let detail = format!(
        "agent {}, {}",
        agent.employee_id(),
        request.channel.as_str()
    );
    store
        .audit(
            AuditKind::DeskVerificationSent,
            Some(id),
            address,
            Some(&detail),
            now,
        )
        .await?;
    state.courier().queued();
    Ok(Json(wire::DeskCodeSent {
        channel: request.channel,
        destination: mask::masked(request.channel, &destination),
        expires_in_secs: policy.otp_ttl_secs,
        resend_after_secs: policy.otp_resend_secs,
        server_time: now,
    }))
}

#[utoipa::path(post, path = "/api/v1/desk/verification/check", tag = "desk", request_body = wire::DeskReadBack, responses((status = 200, description = "The caller read back the right code: this agent may act on this employee for 15 minutes (`verified_until` on the card)", body = wire::DeskCard), (status = 401, description = "`invalid_code` with `attempts_remaining` before the desk's lock, or `unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden`: not an agent, or not one who may act on this employee", body = wire::ErrorBody), (status = 410, description = "`code_expired`: no live code from this agent; send a new one", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: not 6 digits, or no such employee", body = wire::ErrorBody), (status = 423, description = "`locked`: three wrong read-backs; see `retry_after_secs`", body = wire::ErrorBody)))]
pub(crate) async fn check_verification(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    agent: Agent,
    ApiJson(request): ApiJson<wire::DeskReadBack>,
) -> Result<Json<wire::DeskCard>, ApiError> {
    let asked = (request.employee_id.clone(), "check verification");
    let answer = check_read_back(&state, &address, &agent, request).await;
    audit_refusal(&state, &agent, &address, asked, answer).await
}

async fn check_read_back(
    state: &AppState,
    address: &str,
    agent: &Agent,
    request: wire::DeskReadBack,
) -> Result<Json<wire::DeskCard>, ApiError> {
    let now = state.now();
    let store = state.store();
    let employee = subject(state, agent, &request.employee_id).await?;
    let id = employee.employee_id.as_str();
    let typed = otp::normalize(&request.code)
        .ok_or_else(|| ApiError::invalid_field("code", "A one-time PIN is 6 digits."))?;
    // The read-back's slot is taken before anything is compared, so racing
    // read-backs never get more than three tries in.
    let attempt = attempts::take(state, &[Limit::DeskReadBack(id)], now).await?;
    let Some(sent) = store.desk_code(agent.employee_id(), id, now).await? else {
        attempt.unjudged().await?;
        return Err(ApiError::CodeExpired(
            "This code has expired or was used. Send the caller a new one.",
        ));
    };
    let detail = format!("agent {}, {}", agent.employee_id(), sent.channel);
    if !otp::matches(
        &state.settings().secret_key,
        &sent.verification_id,
        &typed,
        &sent.code_hash,
    ) {
        let failure = attempt.failed();
        store.count_desk_failure().await?;
        store
            .audit(
                AuditKind::DeskVerificationFailed,
                Some(id),
                address,
                Some(&detail),
                now,
            )
            .await?;
        if let Some(retry_after_secs) = failure.locked_for {
            store
                .audit(
                    AuditKind::DeskVerificationLocked,
                    Some(id),
                    address,
                    Some(&detail),
                    now,
                )
                .await?;
            return Err(ApiError::Locked { retry_after_secs });
        }
        return Err(ApiError::InvalidCode {
            attempts_remaining: failure.attempts_remaining,
        });
    }
    let until = now + VERIFIED_SECS as i64;
    if !store
        .pass_desk_verification(&sent.verification_id, now, until)
        .await?
    {
        attempt.unjudged().await?;
        return Err(ApiError::CodeExpired(
            "This code has expired or was used. Send the caller a new one.",
        ));
    }
    attempt.succeeded().await?;
    let detail = format!("{detail}, verification {}", sent.verification_id);
    store
        .audit(
            AuditKind::DeskVerified,
            Some(id),
            address,
            Some(&detail),
            now,
        )
        .await?;
    Ok(Json(card(state, agent, employee, now).await?))
}

#[utoipa::path(post, path = "/api/v1/desk/verification/end", tag = "desk", request_body = wire::DeskEmployee, responses((status = 200, description = "The call is over: this agent's verification of the employee (and any code not read back yet) ends now; the card as it is", body = wire::DeskCard), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden`: not an agent, or not one who may act on this employee", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: no such employee", body = wire::ErrorBody)))]
pub(crate) async fn end_verification(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    agent: Agent,
    ApiJson(request): ApiJson<wire::DeskEmployee>,
) -> Result<Json<wire::DeskCard>, ApiError> {
    let asked = (request.employee_id.clone(), "end verification");
    let answer = end_call(&state, &address, &agent, request).await;
    audit_refusal(&state, &agent, &address, asked, answer).await
}

async fn end_call(
    state: &AppState,
    address: &str,
    agent: &Agent,
    request: wire::DeskEmployee,
) -> Result<Json<wire::DeskCard>, ApiError> {
    let now = state.now();
    let store = state.store();
    let employee = subject(state, agent, &request.employee_id).await?;
    let id = employee.employee_id.as_str();
    if store
        .end_desk_verification(agent.employee_id(), id, now)
        .await?
    {
        let detail = format!("agent {}", agent.employee_id());
        store
            .audit(
                AuditKind::DeskVerificationEnded,
                Some(id),
                address,
                Some(&detail),
                now,
            )
            .await?;
    }
    Ok(Json(card(state, agent, employee, now).await?))
}

/// What each action changes, records and tells, and who may do it.
struct ActionRule {
    audit: AuditKind,
    /// To each verified channel; none for a reset link, whose message is
    /// its own notice.
    notice: Option<Notice>,
    leads_only: bool,
    /// Disabling only protects the employee, so it needs no caller at all.
    needs_verification: bool,
}

fn rule_of(action: wire::DeskAction) -> ActionRule {
    use wire::DeskAction as A;
    // A reset link's message is its own notice, on its own channel.
    let (audit, notice) = match action {
        A::Unlock => (AuditKind::DeskUnlocked, Some(Notice::DeskUnlocked)),
        A::SendReset => (AuditKind::DeskResetSent, None),
        A::ForgetDevices => (
            AuditKind::DeskDevicesForgotten,
            Some(Notice::DeskDevicesForgotten),
        ),
        A::RegistrationCode => (
            AuditKind::DeskRegistrationCode,
            Some(Notice::DeskRegistrationCode),
        ),
        A::Disable => (AuditKind::DeskDisabled, Some(Notice::DeskDisabled)),
        A::Enable => (AuditKind::DeskEnabled, Some(Notice::DeskEnabled)),
    };
    ActionRule {
        audit,
        notice,
        leads_only: matches!(action, A::Disable | A::Enable),
        needs_verification: action != A::Disable,
    }
}

#[utoipa::path(post, path = "/api/v1/desk/actions", tag = "desk", request_body = wire::DeskActionRequest, responses((status = 200, description = "Done, audited and the employee told, all in one transaction: the card as it is now (and, for `registration_code`, the new code, shown this once)", body = wire::DeskActionDone), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden`: not an agent; no verification of the caller that holds (none, expired, another agent's); the agent's own account; another agent's, or disable/enable, without the lead role", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: no such employee, or the action does not fit the account (not locked, not pending, already disabled, not disabled)", body = wire::ErrorBody)))]
pub(crate) async fn act(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(agent_language): MessageLanguage,
    agent: Agent,
    ApiJson(request): ApiJson<wire::DeskActionRequest>,
) -> Result<Json<wire::DeskActionDone>, ApiError> {
    let asked = (request.employee_id.clone(), request.action.as_str());
    let answer = act_on(&state, &address, agent_language, &agent, request).await;
    audit_refusal(&state, &agent, &address, asked, answer).await
}

async fn act_on(
    state: &AppState,
    address: &str,
    agent_language: Language,
    agent: &Agent,
    request: wire::DeskActionRequest,
) -> Result<Json<wire::DeskActionDone>, ApiError> {
    use wire::DeskAction as A;
    let now = state.now();
    let store = state.store();
    let employee = subject(state, agent, &request.employee_id).await?;
    let id = employee.employee_id.as_str().to_owned();
    let rule = rule_of(request.action);
    if rule.leads_only && !agent.roles.contains(&Role::SupportLead) {
        return Err(ApiError::DeskRefused(LEADS_ONLY));
    }
    let verification = store
        .desk_verification(agent.employee_id(), &id, now)
        .await?;
    if rule.needs_verification && verification.is_none() {
        return Err(ApiError::DeskRefused(NOT_VERIFIED));
    }
    let unfit = |message: &'static str| ApiError::invalid_field("action", message);
    let status = employee.status.as_str();
    let mut issued = None;
    let language = language_of(&employee, agent_language);
    let mut notices = match rule.notice {
        Some(notice) => notices::to_verified(state, notice, &employee, language, now).await?,
        None => Vec::new(),
    };
    let link_token = token::new_token();
    let link_hash = token::hash(&link_token);
    let change = match request.action {
        A::SendReset => {
            if status != "active" {
                return Err(unfit("Only an active employee has a PIN to reset."));
            }
            let channel = request
                .channel
                .ok_or_else(|| ApiError::invalid_field("channel", "Choose where the link goes."))?;
            let destination = employee
                .recovery_contact(channel, now)
                .ok_or_else(no_verified_contact)?;
            let link = ResetLink {
                link: format!(
                    "{}{RESET_LINK_PATH}{}",
                    state.settings().public_origin,
                    link_token.expose()
                ),
                minutes: RESET_LINK_MINUTES,
            };
            notices.push(state.courier().reset_link_message(
                &link,
                channel,
                destination,
                &id,
                language,
                now,
            ));
            DeskChange::ResetLink {
                token_hash: &link_hash,
                channel: channel.as_str(),
                expires_at: now + RESET_LINK_MINUTES * 60,
            }
        }
        A::Unlock => {
            if attempts::lock_of(state, Limit::EmployeeId(&id), now)
                .await
                .is_ok()
            {
                return Err(unfit("This Employee ID is not locked."));
            }
            DeskChange::Unlock
        }
        A::ForgetDevices => DeskChange::ForgetDevices,
        A::RegistrationCode => {
            if status != "pending" {
                return Err(unfit(
                    "Only an employee who has not registered gets a registration code.",
                ));
            }
            let (_, code_hash) =
                issued.insert(crate::admin::new_registration_code(state.settings(), &id));
            DeskChange::RegistrationCode {
                code_hash: code_hash.as_slice(),
                expires_at: now + registration_code::TTL_SECS,
            }
        }
        A::Disable if status == "disabled" => {
            return Err(unfit("This account is disabled already."));
        }
        A::Disable => DeskChange::Disable,
        A::Enable if status != "disabled" => return Err(unfit("This account is not disabled.")),
        A::Enable => DeskChange::Enable,
    };
    let detail = match &verification {
        Some(held) => format!(
            "agent {}, verified by {} (verification {})",
            agent.employee_id(),
            held.channel,
            held.verification_id
        ),
        None => format!("agent {}, no verification", agent.employee_id()),
    };
    let done = store
        .desk_act(
            change,
            &DeskRecord {
                agent_id: agent.employee_id(),
                employee_id: &id,
                verification_id: verification
                    .as_ref()
                    .filter(|_| rule.needs_verification)
                    .map(|held| held.verification_id.as_str()),
                address,
                audit_kind: rule.audit,
                detail: &detail,
                counter: request.action.as_str(),
                notices: &notices,
                now,
            },
        )
        .await?;
    if !done {
        return Err(ApiError::DeskRefused(NOT_VERIFIED));
    }
    notices::announce(state, &notices, &id, address, now).await?;
    let employee = store.find_employee(&id).await?.ok_or_else(|| {
        ApiError::invalid_field("employee_id", "No employee has this Employee ID.")
    })?;
    Ok(Json(wire::DeskActionDone {
        card: card(state, agent, employee, now).await?,
        registration_code: issued.map(|(code, _)| code),
        server_time: now,
    }))
}
