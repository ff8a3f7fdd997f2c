//! One-time PINs of a flow, as sign-in, recovery and registration share them:
//! a send under the per-employee hourly cap, the resend gap and the per-flow
//! limit, and a check that takes its attempt (the client address, and for
//! sign-in the Employee ID) and one of the code's tries before comparing.

use crate::auth::{Attempt, Limit, attempts};
use crate::courier::{Channel, CodeMessage, CodePurpose, Language};
use crate::domain::{Secret, otp};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{AuditKind, SendGate};

/// Where and why a code goes.
pub(crate) struct CodeRequest<'a> {
    pub flow_id: &'a str,
    pub employee_id: &'a str,
    pub channel: Channel,
    pub purpose: CodePurpose,
    /// `None`: store a code that goes nowhere, so verifying reads the same.
    pub destination: Option<&'a str>,
    /// What to say when the flow has sent all the codes it may.
    pub too_many: &'static str,
    /// The audit event of the send, and the client address it came from.
    pub audit: AuditKind,
    pub address: &'a str,
    /// The language of the message.
    pub language: Language,
}

/// Claims a send, stores a fresh code (replacing the last) and queues its
/// message in one transaction, and records the audit event.
pub(crate) async fn send(
    state: &AppState,
    request: CodeRequest<'_>,
    now: i64,
) -> Result<(), ApiError> {
    let store = state.store();
    let policy = &state.settings().policy;
    // The hourly cap protects a person from a stream of codes across every
    // flow and purpose: it counts per employee (as submitted, known or not,
    // so it reveals nothing) and channel. Reset codes, which anyone may ask
    // for any ID, also keep the resend gap per employee and channel; sign-in
    // and registration codes, which need the right PIN or the HR code first,
    // keep it per flow (two people at one ID's sign-in do not wait for each
    // other). Then the flow's own send limit.
    let resets = matches!(request.purpose, CodePurpose::PinReset);
    let mut limits = vec![Limit::Messages(request.employee_id, request.channel)];
    if resets {
        limits.push(Limit::ResendGap(request.employee_id, request.channel));
    }
    let sends = attempts::take(state, &limits, now).await?;
    // Within a flow the gap runs from the last code to the same channel: the
    // first code to the other channel (registration verifies both), or after
    // the last code was discarded (a corrected contact), may go at once.
    let resending = !resets
        && store
            .find_code(request.flow_id)
            .await?
            .is_some_and(|last| last.channel.0 == request.channel);
    let gap = if resending { policy.otp_resend_secs } else { 0 };
    let refused = match store.claim_send(request.flow_id, now, gap).await? {
        SendGate::Allowed => None,
        SendGate::TooSoon { retry_after_secs } => Some(ApiError::RateLimited {
            retry_after_secs: Some(retry_after_secs),
            message: "Please wait before asking for another code.",
        }),
        SendGate::TooMany => Some(ApiError::RateLimited {
            retry_after_secs: None,
            message: request.too_many,
        }),
    };
    if let Some(refused) = refused {
        sends.unjudged().await?;
        return Err(refused);
    }
    sends.keep();
    let code = otp::generate();
    let code_hash = otp::hash(&state.settings().secret_key, request.flow_id, &code);
    let expires_at = now + policy.otp_ttl_secs as i64;
    let message = CodeMessage {
        purpose: request.purpose,
        channel: request.channel,
        destination: request.destination.unwrap_or(""),
        employee_id: request.employee_id,
        flow_id: request.flow_id,
        code: &code,
        expires_at,
        ttl_minutes: policy.otp_ttl_secs.div_ceil(60),
        language: request.language,
        now,
    };
    // Nowhere to send it: a decoy row, so the work is the same.
    let message = match request.destination {
        Some(_) => state.courier().code_message(message),
        None => state.courier().decoy_message(message),
    };
    store
        .put_code(
            request.flow_id,
            request.channel.as_str(),
            &code_hash,
            now,
            expires_at,
            Some(&message),
        )
        .await?;
    let detail = match request.destination {
        Some(_) => request.channel.as_str().to_owned(),
        None => format!(
            "{} (not registered, nothing sent)",
            request.channel.as_str()
        ),
    };
    store
        .audit(
            request.audit,
            Some(request.employee_id),
            request.address,
            Some(&detail),
            now,
        )
        .await?;
    // Ring the worker last: its claim of the row would otherwise wait on
    // (and delay) this request's own writes, a difference a known ID shows.
    if request.destination.is_some() {
        state.courier().queued();
    }
    Ok(())
}

/// What checking a code found. The attempt is the caller's to finish: passed
/// or succeeded when right, failed when wrong.
pub(crate) enum Checked {
    /// Right, and now spent; the channel it was sent on.
    Right { channel: Channel, attempt: Attempt },
    /// Wrong; counted against the code and every limit of the attempt.
    Wrong {
        channel: Channel,
        /// Tries this code has left.
        attempts_remaining: u32,
        attempt: Attempt,
    },
}

impl Checked {
    /// The channel and attempt of a right code. A wrong one is refused
    /// here: audited as `failed` for employee `id` from `address` (the detail
    /// is `detail_prefix` and the channel), counted, and answered
    /// `invalid_code` with the code's tries left (or the lock it set).
    pub(crate) async fn right_or_refused(
        self,
        state: &AppState,
        (id, address): (&str, &str),
        (failed, detail_prefix): (AuditKind, &str),
    ) -> Result<(Channel, Attempt), ApiError> {
        match self {
            Checked::Right { channel, attempt } => Ok((channel, attempt)),
            Checked::Wrong {
                channel,
                attempts_remaining,
                attempt,
            } => {
                let wrong = ApiError::InvalidCode { attempts_remaining };
                let detail = format!("{detail_prefix}{}", channel.as_str());
                let audit = (failed, Some(detail.as_str()));
                Err(attempt.refused(state, id, address, audit, wrong).await?)
            }
        }
    }
}

/// Checks `typed` against the flow's code after taking a slot of each of
/// `limits` and one of the code's tries. No code yet answers 422; an expired,
/// used or exhausted code 410 `code_expired` (ask for a new one).
pub(crate) async fn check(
    state: &AppState,
    flow_id: &str,
    typed: &str,
    limits: &[Limit<'_>],
    now: i64,
) -> Result<Checked, ApiError> {
    let store = state.store();
    let code = otp::normalize(typed)
        .ok_or_else(|| ApiError::invalid_field("code", "A one-time PIN is 6 digits."))?;
    let attempt = attempts::take(state, limits, now).await?;
    let Some(stored) = store.take_code_try(flow_id, now).await? else {
        attempt.unjudged().await?;
        return Err(match store.find_code(flow_id).await? {
            None => ApiError::invalid_field("code", "Ask for a code first."),
            Some(_) => ApiError::CodeExpired("This code has expired. Ask for a new one."),
        });
    };
    if !matches(state, flow_id, &code, &stored.code_hash) {
        return Ok(Checked::Wrong {
            channel: stored.channel.0,
            attempts_remaining: (otp::MAX_FAILURES_PER_CODE - stored.failures).max(0) as u32,
            attempt,
        });
    }
    if !store.use_code(flow_id, now).await? {
        attempt.unjudged().await?;
        return Err(ApiError::CodeExpired(
            "This code has already been used. Ask for a new one.",
        ));
    }
    Ok(Checked::Right {
        channel: stored.channel.0,
        attempt,
    })
}

fn matches(state: &AppState, flow_id: &str, code: &Secret, stored: &[u8]) -> bool {
    otp::matches(&state.settings().secret_key, flow_id, code, stored)
}
