//! Passkey ceremonies as sign-in and My account share them: the relying
//! party, a challenge begun and stored (a few per owner at most), taken
//! once, and the passkeys an employee may use.

use crate::auth::SignedIn;
use crate::domain::token;
use crate::error::ApiError;
use crate::extract::Actor;
use crate::passkeys::{Begun, CHALLENGE_TTL, Refused, RelyingParty};
use crate::state::AppState;
use crate::store::{AuditKind, CeremonyPurpose, CeremonyRecord, NewCeremony, PasskeyRecord};
use upsers_contract as wire;
use webauthn_rs::prelude::Passkey;

/// The relying party, or 404 when the public origin can have no passkeys.
pub(crate) fn relying_party(state: &AppState) -> Result<&RelyingParty, ApiError> {
    state.relying_party().ok_or(ApiError::NoPasskey(
        "Passkeys are not available at this portal's address.",
    ))
}

/// Keeps the ceremony `begun` for `purpose`, bound to `bound_to` (and the
/// employee, if known), for [`CHALLENGE_TTL`]; its challenge for the browser.
pub(crate) async fn begin(
    state: &AppState,
    (purpose, bound_to, employee_id): (CeremonyPurpose, &[u8], Option<&str>),
    begun: Begun,
    now: i64,
) -> Result<wire::PasskeyChallenge, ApiError> {
    let challenge_id = token::new_id();
    state
        .store()
        .begin_ceremony(&NewCeremony {
            challenge_id: &challenge_id,
            purpose,
            bound_to,
            employee_id,
            state: &begun.state,
            expires_at: now + CHALLENGE_TTL.as_secs() as i64,
        })
        .await?;
    Ok(wire::PasskeyChallenge {
        challenge_id,
        options: begun.options,
        expires_in_secs: CHALLENGE_TTL.as_secs(),
        server_time: now,
    })
}

/// Takes (deletes) the ceremony `challenge_id` names, if it is of `purpose`,
/// bound to `bound_to` and still on: a challenge answers once.
pub(crate) async fn take(
    state: &AppState,
    purpose: CeremonyPurpose,
    bound_to: &[u8],
    challenge_id: &str,
    now: i64,
) -> Result<CeremonyRecord, ApiError> {
    if challenge_id.is_empty() || challenge_id.len() > MAX_HANDLE {
        return Err(ApiError::PasskeyChallengeExpired);
    }
    state
        .store()
        .take_ceremony(challenge_id, purpose, bound_to)
        .await?
        .filter(|ceremony| ceremony.expires_at > now)
        .ok_or(ApiError::PasskeyChallengeExpired)
}

/// A credential's JSON that does not parse: the client's mistake (422),
/// judged nothing.
pub(crate) fn malformed(refused: Refused) -> ApiError {
    tracing::info!(%refused, "a passkey answer that is not WebAuthn JSON");
    ApiError::invalid_field("credential", "This is not a passkey's answer.")
}

/// The passkeys of `records` that read back (one that does not is logged
/// and left out: it can sign no one in).
pub(crate) fn usable(records: &[PasskeyRecord]) -> Vec<Passkey> {
    records
        .iter()
        .filter_map(|record| match serde_json::from_str(&record.passkey) {
            Ok(passkey) => Some(passkey),
            Err(error) => {
                tracing::error!(%error, passkey = %record.public_id, "a stored passkey does not read back");
                None
            }
        })
        .collect()
}

/// Longer than any id or token the API hands out.
pub(crate) const MAX_HANDLE: usize = 64;

/// The passkey `request` registers for employee `id`: the ceremony this
/// session began for them, taken, and the authenticator's answer checked
/// against it. A refused answer is audited.
pub(crate) async fn registered(
    state: &AppState,
    actor: &Actor,
    signed_in: &SignedIn,
    id: &str,
    request: &wire::NewPasskeyRequest,
) -> Result<Passkey, ApiError> {
    let party = relying_party(state)?;
    let now = state.now();
    let register = CeremonyPurpose::Register;
    let ceremony = take(
        state,
        register,
        &signed_in.token_hash,
        &request.challenge_id,
        now,
    )
    .await?;
    if ceremony.employee_id.as_deref() != Some(id) {
        return Err(ApiError::PasskeyChallengeExpired);
    }
    match party.finish_registration(&request.credential, &ceremony.state) {
        Ok(passkey) => Ok(passkey),
        Err(refused @ Refused::Malformed(_)) => Err(malformed(refused)),
        Err(Refused::Rejected(reason)) => {
            tracing::info!(%reason, "passkey registration refused");
            let failed = AuditKind::PasskeyFailed;
            actor
                .audit(state, failed, Some(id), Some("register"))
                .await?;
            Err(ApiError::PasskeyRefused {
                attempts_remaining: None,
            })
        }
    }
}
