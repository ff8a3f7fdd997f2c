//! Passkeys in My account: added with a recovery proof, a one-time PIN
//! step-up the addition spends (a passkey signs in without the PIN, so a
//! session, however fresh, must not be enough to add one), named,
//! renamed, and removed (which only protects, so it asks for nothing). Every
//! verified channel hears of an addition or a removal.

use axum::Json;
use axum::extract::State;
use upsers_contract as wire;
use webauthn_rs::prelude::Uuid;

use crate::auth::SignedIn;
use crate::auth::ceremonies::{self, begin, relying_party, usable};
use crate::auth::notices;
use crate::auth::step_up::{employee_of, require_recovery_proof, spend_recovery_proof};
use crate::courier::Notice;
use crate::domain::{token, user_agent};
use crate::error::ApiError;
use crate::extract::{Actor, ApiJson, ClientAddress, MessageLanguage};
use crate::state::AppState;
use crate::store::{AuditKind, CeremonyPurpose, NewPasskey, PasskeyAddition, PasskeyRecord};

/// The most passkeys one employee may have: a phone, a laptop, a security
/// key or two, with room to spare.
pub const MAX_PASSKEYS: usize = 10;
/// Longer than any id the API hands out.
const MAX_PASSKEY_ID: usize = 64;

#[utoipa::path(get, path = "/api/v1/account/passkeys", tag = "account", responses((status = 200, description = "The employee's passkeys, the first added first", body = wire::AccountPasskeys), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<wire::AccountPasskeys>, ApiError> {
    Ok(Json(listed(&state, &signed_in).await?))
}

#[utoipa::path(post, path = "/api/v1/account/passkeys/options", tag = "account", responses((status = 200, description = "The challenge of a new passkey (single use, for this session, 5 minutes): a discoverable credential with user verification, none the employee has already", body = wire::PasskeyChallenge), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden` with `fields: [\"step_up\"]`: a one-time PIN step-up first (`recovery_until` has passed, or another change spent it)", body = wire::ErrorBody), (status = 404, description = "`not_found` naming `passkey`: this portal's address cannot have passkeys", body = wire::ErrorBody), (status = 422, description = "`invalid_input` naming `passkey`: the employee has the most passkeys allowed", body = wire::ErrorBody)))]
pub(crate) async fn start(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<wire::PasskeyChallenge>, ApiError> {
    require_recovery_proof(&state, &signed_in)?;
    let party = relying_party(&state)?;
    let employee = employee_of(&state, &signed_in).await?;
    let id = employee.employee_id.as_str();
    let store = state.store();
    let records = store.passkeys_of(id).await?;
    if records.len() >= MAX_PASSKEYS {
        return Err(too_many());
    }
    let handle = store
        .passkey_user_handle(id, Uuid::new_v4().as_bytes())
        .await?;
    let handle = Uuid::from_slice(&handle).map_err(anyhow::Error::from)?;
    let display_name = format!("{} {}", employee.first_name, employee.last_name);
    let exclude = usable(&records)
        .iter()
        .map(|passkey| passkey.cred_id().clone())
        .collect();
    let begun = party.start_registration(handle, id, &display_name, exclude)?;
    let ceremony = (
        CeremonyPurpose::Register,
        signed_in.token_hash.as_slice(),
        Some(id),
    );
    Ok(Json(begin(&state, ceremony, begun, state.now()).await?))
}

#[utoipa::path(post, path = "/api/v1/account/passkeys", tag = "account", request_body = wire::NewPasskeyRequest, responses((status = 200, description = "The passkey is added under its name; every verified channel heard of it", body = wire::AccountPasskeys), (status = 401, description = "`unauthenticated`, or `invalid_credentials` naming `passkey`: the authenticator's answer was refused (another origin, no user verification, another challenge)", body = wire::ErrorBody), (status = 403, description = "`forbidden` with `fields: [\"step_up\"]`: a one-time PIN step-up first (`recovery_until` has passed, or another change spent it)", body = wire::ErrorBody), (status = 410, description = "`code_expired` naming `passkey`: the challenge was used or is over (ask for a new one)", body = wire::ErrorBody), (status = 422, description = "`invalid_input` naming `name` (more than 64 characters, or other than letters, digits, single spaces and simple punctuation, or a web address or phone number), `credential` (not WebAuthn JSON, or a passkey registered already) or `passkey` (the most allowed)", body = wire::ErrorBody)))]
pub(crate) async fn add(
    State(state): State<AppState>,
    actor: Actor,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<wire::NewPasskeyRequest>,
) -> Result<Json<wire::AccountPasskeys>, ApiError> {
    require_recovery_proof(&state, &signed_in)?;
    let name = match request.name.trim() {
        "" => default_name(actor.user_agent.as_deref()),
        given => checked_name(given)?,
    };
    let employee = employee_of(&state, &signed_in).await?;
    let id = employee.employee_id.as_str();
    let now = state.now();
    let passkey = ceremonies::registered(&state, &actor, &signed_in, id, &request).await?;
    let json = serde_json::to_string(&passkey).map_err(anyhow::Error::from)?;
    spend_recovery_proof(&state, &signed_in).await?;
    let added = Notice::PasskeyAdded;
    let notices = notices::to_verified(&state, added, &employee, actor.language, now).await?;
    let new = NewPasskey {
        credential_id: passkey.cred_id().as_ref(),
        public_id: &token::new_id(),
        employee_id: id,
        name: &name,
        passkey: &json,
        user_agent: actor.user_agent.as_deref(),
        now,
    };
    let store = state.store();
    match store.add_passkey(&new, MAX_PASSKEYS, &notices).await? {
        PasskeyAddition::Added => {}
        PasskeyAddition::Full => return Err(too_many()),
        PasskeyAddition::RegisteredAlready => {
            return Err(ApiError::invalid_field(
                "credential",
                "This passkey is registered already.",
            ));
        }
    }
    let address = actor.address.as_str();
    store
        .audit(AuditKind::PasskeyAdded, Some(id), address, None, now)
        .await?;
    notices::announce(&state, &notices, id, address, now).await?;
    Ok(Json(listed(&state, &signed_in).await?))
}

#[utoipa::path(post, path = "/api/v1/account/passkeys/rename", tag = "account", request_body = wire::RenamePasskeyRequest, responses((status = 200, description = "The passkey has its new name", body = wire::AccountPasskeys), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 422, description = "`invalid_input` naming `name` (empty, more than 64 characters, or other than letters, digits, single spaces and simple punctuation, or a web address or phone number) or `passkey_id` (not one of the employee's)", body = wire::ErrorBody)))]
pub(crate) async fn rename(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<wire::RenamePasskeyRequest>,
) -> Result<Json<wire::AccountPasskeys>, ApiError> {
    let name = match request.name.trim() {
        "" => return Err(ApiError::invalid_field("name", "Enter a name.")),
        given => checked_name(given)?,
    };
    let id = signed_in.session.employee_id.as_str();
    let passkey_id = passkey_id(&request.passkey_id)?;
    if !state.store().rename_passkey(id, passkey_id, &name).await? {
        return Err(no_such_passkey());
    }
    state
        .store()
        .audit(
            AuditKind::PasskeyRenamed,
            Some(id),
            &address,
            None,
            state.now(),
        )
        .await?;
    Ok(Json(listed(&state, &signed_in).await?))
}

#[utoipa::path(post, path = "/api/v1/account/passkeys/remove", tag = "account", request_body = wire::RemovePasskeyRequest, responses((status = 200, description = "The passkey is removed (or was already): the list as it is now; every verified channel heard of a removal", body = wire::AccountPasskeys), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: no passkey id", body = wire::ErrorBody)))]
pub(crate) async fn remove(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(language): MessageLanguage,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<wire::RemovePasskeyRequest>,
) -> Result<Json<wire::AccountPasskeys>, ApiError> {
    let passkey_id = passkey_id(&request.passkey_id)?;
    let employee = employee_of(&state, &signed_in).await?;
    let id = employee.employee_id.as_str();
    let now = state.now();
    let notices =
        notices::to_verified(&state, Notice::PasskeyRemoved, &employee, language, now).await?;
    let store = state.store();
    if store.remove_passkey(id, passkey_id, &notices).await? {
        store
            .audit(AuditKind::PasskeyRemoved, Some(id), &address, None, now)
            .await?;
        notices::announce(&state, &notices, id, &address, now).await?;
    }
    Ok(Json(listed(&state, &signed_in).await?))
}

async fn listed(state: &AppState, signed_in: &SignedIn) -> Result<wire::AccountPasskeys, ApiError> {
    let records = state
        .store()
        .passkeys_of(signed_in.session.employee_id.as_str())
        .await?;
    Ok(wire::AccountPasskeys {
        passkeys: records.into_iter().map(describe).collect(),
        server_time: state.now(),
    })
}

fn describe(record: PasskeyRecord) -> wire::AccountPasskey {
    wire::AccountPasskey {
        id: record.public_id,
        name: record.name,
        created_at: record.created_at,
        last_used_at: record.last_used_at,
    }
}

/// A name as given (trimmed, not empty, NFC), or 422 naming `name`: the
/// contract's rules ([`wire::passkey_name_fits`]), which keep text whoever
/// held the session chose from carrying a lure.
fn checked_name(name: &str) -> Result<String, ApiError> {
    use unicode_normalization::UnicodeNormalization;
    let name: String = name.nfc().collect();
    if name.chars().count() > wire::PASSKEY_NAME_MAX {
        return Err(ApiError::invalid_field(
            "name",
            format!("A name is at most {} characters.", wire::PASSKEY_NAME_MAX),
        ));
    }
    if !wire::passkey_name_fits(&name) {
        return Err(ApiError::invalid_field(
            "name",
            format!(
                "A name holds letters, digits, single spaces and {} only, with no web \
                 address or phone number.",
                wire::PASSKEY_NAME_PUNCTUATION
            ),
        ));
    }
    Ok(name)
}

/// The name of a passkey added without one: the browser and system it was
/// added on, as the employee would say it ("Chrome 131 on Windows 10"),
/// when that fits a name's rules.
fn default_name(user_agent: Option<&str>) -> String {
    let device = user_agent::describe(user_agent);
    let described = match (device.browser, device.os) {
        (Some(browser), Some(os)) => format!("{browser} on {os}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => String::new(),
    };
    if wire::passkey_name_fits(&described) {
        described
    } else {
        "Passkey".to_owned()
    }
}

fn passkey_id(given: &str) -> Result<&str, ApiError> {
    let given = given.trim();
    if given.is_empty() || given.chars().count() > MAX_PASSKEY_ID {
        return Err(ApiError::invalid_field("passkey_id", "Choose a passkey."));
    }
    Ok(given)
}

fn no_such_passkey() -> ApiError {
    ApiError::invalid_field("passkey_id", "No such passkey on this account.")
}

fn too_many() -> ApiError {
    ApiError::invalid_field(
        "passkey",
        format!("An account has at most {MAX_PASSKEYS} passkeys. Remove one first."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passkey_without_a_name_is_named_after_its_browser() {
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 \
                      (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        assert!(default_name(Some(chrome)).starts_with("Chrome"));
        assert_eq!(default_name(None), "Passkey");
    }

    #[test]
    fn names_are_short_plain_and_normalized() {
        assert_eq!(checked_name("Work laptop").unwrap(), "Work laptop");
        assert!(checked_name(&"x".repeat(wire::PASSKEY_NAME_MAX + 1)).is_err());
        assert!(checked_name("two\nlines").is_err());
        assert!(checked_name("call 404-555-0199").is_err());
        assert!(checked_name("\u{202e}evil.example").is_err());
        assert_eq!(checked_name("Mari\u{301}a").unwrap(), "Mar\u{ed}a");
        assert_eq!(
            checked_name(&"é".repeat(wire::PASSKEY_NAME_MAX))
                .unwrap()
                .chars()
                .count(),
            wire::PASSKEY_NAME_MAX
        );
    }
}
