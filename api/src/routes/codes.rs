//! One-time PINs of a flow, as sign-in, recovery and registration share them:
//! a send under the resend gap and the per-flow limit, and (for recovery and
//! registration, which have no lockout of their own) a check that counts wrong
//! codes against the code and the client address.

use crate::courier::{Channel, CodeMessage, CodePurpose, Language};
use crate::domain::{Secret, otp};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{AuditKind, SendGate};

/// Where and why a code goes.
pub(super) struct CodeRequest<'a> {
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
pub(super) async fn send(
    state: &AppState,
    request: CodeRequest<'_>,
    now: i64,
) -> Result<(), ApiError> {
    let store = state.store();
    let policy = &state.settings().policy;
    // The resend gap protects a destination from a stream of codes: it runs
    // from the last code to the same channel. The first code to the other
    // channel (registration verifies both), or after the last code was
    // discarded (a corrected contact), may go at once. The per-flow send
    // limit still bounds the total.
    let resending = store
        .find_code(request.flow_id)
        .await?
        .is_some_and(|last| last.channel == request.channel.as_str());
    let gap = if resending { policy.otp_resend_secs } else { 0 };
    match store.claim_send(request.flow_id, now, gap).await? {
        SendGate::Allowed => {}
        SendGate::TooSoon { retry_after_secs } => {
            return Err(ApiError::RateLimited {
                retry_after_secs: Some(retry_after_secs),
                message: "Please wait before asking for another code.",
            });
        }
        SendGate::TooMany => {
            return Err(ApiError::RateLimited {
                retry_after_secs: None,
                message: request.too_many,
            });
        }
    }
    let code = otp::generate();
    let code_hash = otp::hash(&state.settings().secret_key, request.flow_id, &code);
    let expires_at = now + policy.otp_ttl_secs as i64;
    let message = request.destination.map(|destination| {
        state.courier().code_message(CodeMessage {
            purpose: request.purpose,
            channel: request.channel,
            destination,
            employee_id: request.employee_id,
            flow_id: request.flow_id,
            code: &code,
            expires_at,
            ttl_minutes: policy.otp_ttl_secs.div_ceil(60),
            language: request.language,
            now,
        })
    });
    store
        .put_code(
            request.flow_id,
            request.channel.as_str(),
            &code_hash,
            now,
            expires_at,
            message.as_ref(),
        )
        .await?;
    if message.is_some() {
        state.courier().queued();
    }
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
    Ok(())
}

/// What checking a code found.
pub(super) enum Checked {
    /// Right, and now spent; the channel it was sent on.
    Right { channel: String },
    /// Wrong; counted against the code and the client address.
    Wrong {
        channel: String,
        attempts_remaining: u32,
    },
}

/// Checks `typed` against the flow's code. Expired, used or exhausted codes
/// answer 410 with `fields: ["code"]` (ask for a new one).
pub(super) async fn check(
    state: &AppState,
    flow_id: &str,
    typed: &str,
    address: &str,
    now: i64,
) -> Result<Checked, ApiError> {
    let store = state.store();
    let code = otp::normalize(typed)
        .ok_or_else(|| ApiError::invalid_field("code", "A one-time PIN is 6 digits."))?;
    let Some(stored) = store.find_code(flow_id).await? else {
        return Err(ApiError::invalid_field("code", "Ask for a code first."));
    };
    if stored.is_spent(now) {
        return Err(ApiError::CodeExpired(
            "This code has expired. Ask for a new one.",
        ));
    }
    super::login::check_address(state, address, now).await?;
    if !matches(state, flow_id, &code, &stored.code_hash) {
        let failures = store.record_code_failure(flow_id).await?;
        store
            .record_address_failure(address, now, state.lockout_policy().lockout_secs)
            .await?;
        return Ok(Checked::Wrong {
            channel: stored.channel,
            attempts_remaining: (otp::MAX_FAILURES_PER_CODE - failures).max(0) as u32,
        });
    }
    if !store.use_code(flow_id, now).await? {
        return Err(ApiError::CodeExpired(
            "This code has already been used. Ask for a new one.",
        ));
    }
    Ok(Checked::Right {
        channel: stored.channel,
    })
}

fn matches(state: &AppState, flow_id: &str, code: &Secret, stored: &[u8]) -> bool {
    otp::matches(&state.settings().secret_key, flow_id, code, stored)
}
