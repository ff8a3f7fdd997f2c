//! The Technical Support Center's desk, as an engine: an agent finds an
//! employee and reads their card (every look-up audited against the agent),
//! verifies the caller by a one-time PIN read back, and acts.
//!
//! The verification holds for 15 minutes, for that agent and that employee
//! only; three wrong read-backs (across agents) stop the desk verifying that
//! employee for 15 minutes. Each action checks the verification again in the
//! transaction that does it, records who did it on what proof from where, and
//! queues the employee's notices, all or nothing. An agent never acts on their
//! own account, nor on another agent's without the lead role. Every refusal
//! is audited too ([`Desk::audited`]), not only what was done.

use upsers_contract as wire;
use wire::DeskAction;

use crate::auth::signin::parse_employee_id;
use crate::auth::{Agent, Attempt, Limit, attempts, notices};
use crate::courier::{Channel, CodeMessage, CodePurpose, Language, Notice, ResetLink};
use crate::domain::desk::{self, VERIFIED_SECS};
use crate::domain::roles::Role;
use crate::domain::{mask, otp, registration_code, token, user_agent};
use crate::error::ApiError;
use crate::extract::Actor;
use crate::state::AppState;
use crate::store::{
    AuditKind, DeskChange, DeskCodeRecord, DeskEventRecord, DeskRecord, DeskVerificationRecord,
    EmployeeRecord, EmployeeStatus, NewDeskCode, NewMessage,
};

/// The audit events a card shows.
pub const CARD_EVENTS: i64 = 50;
/// The longest query the desk reads: an email address at most.
pub const MAX_QUERY_CHARS: usize = 254;
/// How long the desk's PIN-reset link works.
pub const RESET_LINK_MINUTES: i64 = 30;
/// Where it leads: the SPA's reset page, the token in the fragment, so it is
/// never sent to a server or in a `Referer`.
const RESET_LINK_PATH: &str = "/forgot#reset=";

const NOT_VERIFIED: &str =
    "Verify the caller first: send a one-time PIN to one of their verified contacts.";
const LEADS_ONLY: &str = "Only a support lead can disable or enable an account.";
const CODE_GONE: &str = "This code has expired or was used. Send the caller a new one.";

/// One agent's request at the desk: who asks, from where, in what language.
pub struct Desk<'a> {
    state: &'a AppState,
    agent: &'a Agent,
    actor: &'a Actor,
}

/// What a refused desk request asked: the Employee ID as sent, and the step.
pub struct Asked<'a>(pub String, pub &'a str);

impl<'a> Desk<'a> {
    pub fn new(state: &'a AppState, agent: &'a Agent, actor: &'a Actor) -> Self {
        Desk {
            state,
            agent,
            actor,
        }
    }

    /// Audits `answer` when the API refused it (naming the agent, the step and
    /// why), then passes it on. A wrong read-back is audited where it is
    /// judged, and a store that failed has nothing to say about the agent.
    pub async fn audited<T>(
        &self,
        Asked(employee_id, step): Asked<'_>,
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
        let subject = parse_employee_id(self.state, &employee_id).ok();
        let detail = format!("agent {}, {step}: {refusal}", self.agent.employee_id());
        let subject = subject.as_ref().map(|id| id.as_str());
        self.audit(AuditKind::DeskRefused, subject, &detail).await?;
        Err(refusal)
    }

    /// The employee whose Employee ID, email address or mobile number is
    /// `query`, with their card, or none; audited either way.
    pub async fn search(&self, query: &str) -> Result<wire::DeskSearchResult, ApiError> {
        let query = query.trim();
        if query.is_empty() || query.chars().count() > MAX_QUERY_CHARS {
            return Err(ApiError::invalid_field(
                "query",
                "Enter an Employee ID, an email address or a mobile number.",
            ));
        }
        let now = self.state.now();
        let employee = match self.state.store().find_employee_for_desk(query).await? {
            Some(employee) => {
                let id = employee.employee_id.as_str().to_owned();
                let detail = format!("agent {}", self.agent.employee_id());
                self.audit(AuditKind::DeskViewed, Some(&id), &detail)
                    .await?;
                Some(self.card(employee, now).await?)
            }
            None => {
                let by = query_kind(query);
                let detail = format!("agent {}, by {by}", self.agent.employee_id());
                self.audit(AuditKind::DeskSearchMissed, None, &detail)
                    .await?;
                None
            }
        };
        Ok(wire::DeskSearchResult {
            employee,
            server_time: now,
        })
    }

    /// Sends the caller a one-time PIN on one of the employee's verified
    /// channels, to read back.
    pub async fn send_verification(
        &self,
        request: wire::DeskVerifyRequest,
    ) -> Result<wire::DeskCodeSent, ApiError> {
        let now = self.state.now();
        let policy = &self.state.settings().policy;
        let employee = self.subject(&request.employee_id).await?;
        let id = employee.employee_id.as_str();
        let destination = employee
            .recovery_contact(request.channel, now)
            .ok_or_else(no_verified_contact)?
            .to_owned();
        attempts::lock_of(self.state, Limit::DeskReadBack(id), now).await?;
        self.keep_resend_gap(id, now).await?;
        attempts::take(self.state, &[Limit::Messages(id, request.channel)], now)
            .await?
            .keep();
        self.put_code(&employee, request.channel, &destination, now)
            .await?;
        let detail = format!(
            "agent {}, {}",
            self.agent.employee_id(),
            request.channel.as_str()
        );
        self.audit(AuditKind::DeskVerificationSent, Some(id), &detail)
            .await?;
        self.state.courier().queued();
        Ok(wire::DeskCodeSent {
            channel: request.channel,
            destination: mask::masked(request.channel, &destination),
            expires_in_secs: policy.otp_ttl_secs,
            resend_after_secs: policy.otp_resend_secs,
            server_time: now,
        })
    }

    /// Checks the code the caller read back; a right one verifies them for
    /// this agent for [`VERIFIED_SECS`].
    pub async fn check_read_back(
        &self,
        request: wire::DeskReadBack,
    ) -> Result<wire::DeskCard, ApiError> {
        let now = self.state.now();
        let store = self.state.store();
        let employee = self.subject(&request.employee_id).await?;
        let id = employee.employee_id.as_str();
        let typed = otp::normalize(&request.code)
            .ok_or_else(|| ApiError::invalid_field("code", "A one-time PIN is 6 digits."))?;
        // The read-back's slot is taken before anything is compared, so racing
        // read-backs never get more than three tries in.
        let attempt = attempts::take(self.state, &[Limit::DeskReadBack(id)], now).await?;
        let agent_id = self.agent.employee_id();
        let Some(sent) = store.desk_code(agent_id, id, now).await? else {
            attempt.unjudged().await?;
            return Err(ApiError::CodeExpired(CODE_GONE));
        };
        let detail = format!("agent {agent_id}, {}", sent.channel.0.as_str());
        let secret_key = &self.state.settings().secret_key;
        if !otp::matches(secret_key, &sent.verification_id, &typed, &sent.code_hash) {
            return Err(self.wrong_read_back(attempt, id, &detail).await?);
        }
        self.pass(attempt, &sent, now).await?;
        let detail = format!("{detail}, verification {}", sent.verification_id);
        self.audit(AuditKind::DeskVerified, Some(id), &detail)
            .await?;
        self.card(employee, now).await
    }

    /// Ends this agent's verification of the employee (the call is over).
    pub async fn end_call(&self, employee_id: &str) -> Result<wire::DeskCard, ApiError> {
        let now = self.state.now();
        let employee = self.subject(employee_id).await?;
        let id = employee.employee_id.as_str();
        let agent_id = self.agent.employee_id();
        if self
            .state
            .store()
            .end_desk_verification(agent_id, id, now)
            .await?
        {
            let detail = format!("agent {agent_id}");
            self.audit(AuditKind::DeskVerificationEnded, Some(id), &detail)
                .await?;
        }
        self.card(employee, now).await
    }

    /// Does `request`'s action: checked, done, audited and the employee
    /// told, all in one transaction; then the card as it is.
    pub async fn act(
        &self,
        request: wire::DeskActionRequest,
    ) -> Result<wire::DeskActionDone, ApiError> {
        let now = self.state.now();
        let employee = self.subject(&request.employee_id).await?;
        let id = employee.employee_id.as_str().to_owned();
        let rule = rule_of(request.action);
        let verification = self.proof_for(&rule, &id, now).await?;
        let language = self.language_of(&employee);
        let mut notices = match rule.notice {
            Some(notice) => {
                notices::to_verified(self.state, notice, &employee, language, now).await?
            }
            None => Vec::new(),
        };
        let change = self.change_for(&request, &employee, now).await?;
        if let Prepared::ResetLink { channel, .. } = &change {
            notices.push(self.reset_link_message(&employee, *channel, &change, now)?);
        }
        let record = DeskRecord {
            agent_id: self.agent.employee_id(),
            employee_id: &id,
            verification_id: verification
                .as_ref()
                .filter(|_| rule.needs_verification)
                .map(|held| held.verification_id.as_str()),
            address: &self.actor.address,
            audit_kind: rule.audit,
            detail: &self.proof_detail(verification.as_ref()),
            counter: request.action.as_str(),
            notices: &notices,
            now,
        };
        if !self
            .state
            .store()
            .desk_act(change.as_change(), &record)
            .await?
        {
            return Err(ApiError::DeskRefused(NOT_VERIFIED));
        }
        notices::announce(self.state, &notices, &id, &self.actor.address, now).await?;
        let employee = self.state.store().find_employee(&id).await?;
        let employee = employee.ok_or_else(no_such_employee)?;
        Ok(wire::DeskActionDone {
            card: self.card(employee, now).await?,
            registration_code: change.into_registration_code(),
            server_time: now,
        })
    }

    async fn audit(
        &self,
        kind: AuditKind,
        employee_id: Option<&str>,
        detail: &str,
    ) -> Result<(), ApiError> {
        self.actor
            .audit(self.state, kind, employee_id, Some(detail))
            .await
    }

    /// The employee an agent names, once the agent may act on them at all.
    async fn subject(&self, employee_id: &str) -> Result<EmployeeRecord, ApiError> {
        let id = parse_employee_id(self.state, employee_id)?;
        let store = self.state.store();
        let employee = store
            .find_employee(id.as_str())
            .await?
            .ok_or_else(no_such_employee)?;
        let roles = store.roles_of(id.as_str()).await?;
        let agent = self.agent;
        desk::may_act_on(agent.employee_id(), &agent.roles, id.as_str(), &roles)
            .map_err(|barred| ApiError::DeskRefused(barred.message()))?;
        Ok(employee)
    }

    /// What the desk writes to the employee in: their own language when the
    /// portal knows it, else the agent's.
    fn language_of(&self, employee: &EmployeeRecord) -> Language {
        employee
            .language
            .as_deref()
            .and_then(Language::from_tag)
            .unwrap_or(self.actor.language)
    }

    /// Refuses a second code to the same employee from this agent within the
    /// resend gap.
    async fn keep_resend_gap(&self, employee_id: &str, now: i64) -> Result<(), ApiError> {
        let resend_secs = self.state.settings().policy.otp_resend_secs as i64;
        let agent_id = self.agent.employee_id();
        match self
            .state
            .store()
            .last_desk_send(agent_id, employee_id)
            .await?
        {
            Some(last) if last + resend_secs > now => Err(ApiError::RateLimited {
                retry_after_secs: Some((last + resend_secs - now) as u64),
                message: "Please wait before sending another code.",
            }),
            _ => Ok(()),
        }
    }

    /// Stores a fresh verification code (replacing this agent's last for
    /// the employee) with its message to `destination`.
    async fn put_code(
        &self,
        employee: &EmployeeRecord,
        channel: Channel,
        destination: &str,
        now: i64,
    ) -> Result<(), ApiError> {
        let settings = self.state.settings();
        let id = employee.employee_id.as_str();
        let verification_id = token::new_id();
        let code = otp::generate();
        let code_hash = otp::hash(&settings.secret_key, &verification_id, &code);
        let expires_at = now + settings.policy.otp_ttl_secs as i64;
        let message = self.state.courier().code_message(CodeMessage {
            purpose: CodePurpose::DeskVerification,
            channel,
            destination,
            employee_id: id,
            flow_id: &verification_id,
            code: &code,
            expires_at,
            ttl_minutes: settings.policy.otp_ttl_secs.div_ceil(60),
            language: self.language_of(employee),
            now,
        });
        let code = NewDeskCode {
            verification_id: &verification_id,
            agent_id: self.agent.employee_id(),
            employee_id: id,
            channel: channel.as_str(),
            code_hash: &code_hash,
            now,
            expires_at,
            message: &message,
        };
        Ok(self.state.store().put_desk_code(&code).await?)
    }

    /// Counts and audits a wrong read-back; the answer to give (the lock, once
    /// it is the third).
    async fn wrong_read_back(
        &self,
        attempt: Attempt,
        employee_id: &str,
        detail: &str,
    ) -> Result<ApiError, ApiError> {
        let failure = attempt.failed();
        self.state.store().count_desk_failure().await?;
        let id = Some(employee_id);
        self.audit(AuditKind::DeskVerificationFailed, id, detail)
            .await?;
        Ok(match failure.locked_for {
            Some(retry_after_secs) => {
                self.audit(AuditKind::DeskVerificationLocked, id, detail)
                    .await?;
                ApiError::Locked { retry_after_secs }
            }
            None => ApiError::InvalidCode {
                attempts_remaining: failure.attempts_remaining,
            },
        })
    }

    /// Marks `sent` read back (once: a racing read-back of the same code
    /// finds it used).
    async fn pass(
        &self,
        attempt: Attempt,
        sent: &DeskCodeRecord,
        now: i64,
    ) -> Result<(), ApiError> {
        let until = now + VERIFIED_SECS as i64;
        let store = self.state.store();
        if !store
            .pass_desk_verification(&sent.verification_id, now, until)
            .await?
        {
            attempt.unjudged().await?;
            return Err(ApiError::CodeExpired(CODE_GONE));
        }
        attempt.succeeded().await
    }

    /// The verification an action rests on, when `rule` lets this agent act.
    async fn proof_for(
        &self,
        rule: &ActionRule,
        employee_id: &str,
        now: i64,
    ) -> Result<Option<DeskVerificationRecord>, ApiError> {
        if rule.leads_only && !self.agent.roles.contains(&Role::SupportLead) {
            return Err(ApiError::DeskRefused(LEADS_ONLY));
        }
        let agent_id = self.agent.employee_id();
        let store = self.state.store();
        let verification = store.desk_verification(agent_id, employee_id, now).await?;
        if rule.needs_verification && verification.is_none() {
            return Err(ApiError::DeskRefused(NOT_VERIFIED));
        }
        Ok(verification)
    }

    /// The audit detail of an action: the agent, and the proof it rests on.
    fn proof_detail(&self, verification: Option<&DeskVerificationRecord>) -> String {
        let agent_id = self.agent.employee_id();
        match verification {
            Some(held) => format!(
                "agent {agent_id}, verified by {} (verification {})",
                held.channel.0.as_str(),
                held.verification_id
            ),
            None => format!("agent {agent_id}, no verification"),
        }
    }

    /// What `request`'s action changes, once it fits the account.
    async fn change_for(
        &self,
        request: &wire::DeskActionRequest,
        employee: &EmployeeRecord,
        now: i64,
    ) -> Result<Prepared, ApiError> {
        let unfit = |message: &'static str| Err(ApiError::invalid_field("action", message));
        let status = employee.status;
        let id = employee.employee_id.as_str();
        match request.action {
            DeskAction::SendReset if status != EmployeeStatus::Active => {
                unfit("Only an active employee has a PIN to reset.")
            }
            DeskAction::SendReset => {
                let channel = request.channel.ok_or_else(|| {
                    ApiError::invalid_field("channel", "Choose where the link goes.")
                })?;
                let token = token::new_token();
                let token_hash = token::hash(&token);
                Ok(Prepared::ResetLink {
                    token,
                    token_hash,
                    channel,
                    expires_at: now + RESET_LINK_MINUTES * 60,
                })
            }
            DeskAction::Unlock => {
                let lock = attempts::lock_of(self.state, Limit::EmployeeId(id), now).await;
                match lock {
                    Ok(()) => unfit("This Employee ID is not locked."),
                    Err(_) => Ok(Prepared::Unlock),
                }
            }
            DeskAction::ForgetDevices => Ok(Prepared::ForgetDevices),
            DeskAction::RegistrationCode if status != EmployeeStatus::Pending => {
                unfit("Only an employee who has not registered gets a registration code.")
            }
            DeskAction::RegistrationCode => {
                let (code, code_hash) =
                    crate::admin::new_registration_code(self.state.settings(), id);
                Ok(Prepared::RegistrationCode {
                    code,
                    code_hash,
                    expires_at: now + registration_code::TTL_SECS,
                })
            }
            DeskAction::Disable if status == EmployeeStatus::Disabled => {
                unfit("This account is disabled already.")
            }
            DeskAction::Disable => Ok(Prepared::Disable),
            DeskAction::Enable if status != EmployeeStatus::Disabled => {
                unfit("This account is not disabled.")
            }
            DeskAction::Enable => Ok(Prepared::Enable),
        }
    }

    /// The message that carries a reset link (its own notice, on its own
    /// channel).
    fn reset_link_message(
        &self,
        employee: &EmployeeRecord,
        channel: Channel,
        change: &Prepared,
        now: i64,
    ) -> Result<NewMessage, ApiError> {
        let Prepared::ResetLink { token, .. } = change else {
            unreachable!("only a reset link has a reset link's message")
        };
        let destination = employee
            .recovery_contact(channel, now)
            .ok_or_else(no_verified_contact)?;
        let link = ResetLink {
            link: format!(
                "{}{RESET_LINK_PATH}{}",
                self.state.settings().public_origin,
                token.expose()
            ),
            minutes: RESET_LINK_MINUTES,
        };
        let id = employee.employee_id.as_str();
        let language = self.language_of(employee);
        Ok(self
            .state
            .courier()
            .reset_link_message(&link, channel, destination, id, language, now))
    }

    /// The card of `employee` as this agent sees it at `now`.
    async fn card(&self, employee: EmployeeRecord, now: i64) -> Result<wire::DeskCard, ApiError> {
        let (state, agent) = (self.state, self.agent);
        let store = state.store();
        let id = employee.employee_id.as_str();
        let verification = store
            .desk_verification(agent.employee_id(), id, now)
            .await?;
        let verification_locked_until = locked_until(state, Limit::DeskReadBack(id), now).await?;
        let locked_until = locked_until(state, Limit::EmployeeId(id), now).await?;
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
            verified_by: verification.map(|held| held.channel.0),
            verification_locked_until,
            events: events.into_iter().map(describe).collect(),
        })
    }
}

/// When `limit`'s lock ends, if it holds at `now`.
async fn locked_until(
    state: &AppState,
    limit: Limit<'_>,
    now: i64,
) -> Result<Option<i64>, ApiError> {
    match attempts::lock_of(state, limit, now).await {
        Ok(()) => Ok(None),
        Err(ApiError::Locked { retry_after_secs }) => Ok(Some(now + retry_after_secs as i64)),
        Err(other) => Err(other),
    }
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

fn rule_of(action: DeskAction) -> ActionRule {
    use DeskAction as A;
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

/// An action, checked and with its secrets made: what the store's
/// [`DeskChange`] borrows.
enum Prepared {
    Unlock,
    ForgetDevices,
    RegistrationCode {
        /// Shown to the agent this once.
        code: String,
        code_hash: Vec<u8>,
        expires_at: i64,
    },
    Disable,
    Enable,
    ResetLink {
        token: crate::domain::Secret,
        token_hash: Vec<u8>,
        channel: Channel,
        expires_at: i64,
    },
}

impl Prepared {
    fn as_change(&self) -> DeskChange<'_> {
        match self {
            Prepared::Unlock => DeskChange::Unlock,
            Prepared::ForgetDevices => DeskChange::ForgetDevices,
            Prepared::RegistrationCode {
                code_hash,
                expires_at,
                ..
            } => DeskChange::RegistrationCode {
                code_hash,
                expires_at: *expires_at,
            },
            Prepared::Disable => DeskChange::Disable,
            Prepared::Enable => DeskChange::Enable,
            Prepared::ResetLink {
                token_hash,
                channel,
                expires_at,
                ..
            } => DeskChange::ResetLink {
                token_hash,
                channel: channel.as_str(),
                expires_at: *expires_at,
            },
        }
    }

    fn into_registration_code(self) -> Option<String> {
        match self {
            Prepared::RegistrationCode { code, .. } => Some(code),
            _ => None,
        }
    }
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

fn no_such_employee() -> ApiError {
    ApiError::invalid_field("employee_id", "No employee has this Employee ID.")
}

fn no_verified_contact() -> ApiError {
    ApiError::invalid_field(
        "channel",
        "This employee has no verified contact on this channel that can be used yet \
         (a contact added lately settles first): use the other one.",
    )
}
