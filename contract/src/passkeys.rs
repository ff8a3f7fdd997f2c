//! Passkeys (WebAuthn): added in My account, then a sign-in's second step
//! after the PIN, or a whole sign-in with no Employee ID or PIN typed.
//!
//! A ceremony has two requests: the first answers a [`PasskeyChallenge`]
//! whose `options` the browser passes to `navigator.credentials.create` or
//! `.get` (through `PublicKeyCredential.parseCreationOptionsFromJSON` or
//! `parseRequestOptionsFromJSON`); the second sends what the browser
//! answered (`credential.toJSON()`) in a [`PasskeyAnswer`]. Both travel as
//! JSON text, so neither side of this contract needs WebAuthn's types.

use serde::{Deserialize, Serialize};

/// A ceremony begun: single use, for this session, flow or browser only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyChallenge {
    /// Names the ceremony in its answer.
    pub challenge_id: String,
    /// `PublicKeyCredentialCreationOptionsJSON` or
    /// `PublicKeyCredentialRequestOptionsJSON`, as JSON text.
    pub options: String,
    /// Seconds until the challenge expires (5 minutes).
    pub expires_in_secs: u64,
    pub server_time: i64,
}

/// What the browser answered a ceremony.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyAnswer {
    pub challenge_id: String,
    /// `credential.toJSON()` (`RegistrationResponseJSON` or
    /// `AuthenticationResponseJSON`), as JSON text.
    pub credential: String,
}

/// `POST /api/v1/account/passkeys`: a new passkey and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPasskeyRequest {
    pub challenge_id: String,
    pub credential: String,
    /// Up to 64 characters; empty names it after the browser and system.
    #[serde(default)]
    pub name: String,
}

/// `GET /api/v1/account/passkeys`: the employee's passkeys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountPasskeys {
    /// The first added first.
    pub passkeys: Vec<AccountPasskey>,
    pub server_time: i64,
}

/// One passkey, by the name its employee gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountPasskey {
    /// The handle to rename or remove it by.
    pub id: String,
    pub name: String,
    /// When it was added (Unix seconds).
    pub created_at: i64,
    /// Its last sign-in, if any.
    pub last_used_at: Option<i64>,
}

/// `POST /api/v1/account/passkeys/rename`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenamePasskeyRequest {
    pub passkey_id: String,
    pub name: String,
}

/// `POST /api/v1/account/passkeys/remove`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemovePasskeyRequest {
    pub passkey_id: String,
}

/// The field an error about a passkey names: a ceremony the API refused
/// (`invalid_credentials`), one whose challenge expired (`code_expired`: ask
/// for a new one), or none registered (`not_found`).
pub const PASSKEY_FIELD: &str = "passkey";
