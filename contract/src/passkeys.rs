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
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub passkey_id: String,
    pub name: String,
}

/// `POST /api/v1/account/passkeys/remove`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemovePasskeyRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub passkey_id: String,
}

/// The field an error about a passkey names: a ceremony the API refused
/// (`invalid_credentials`), one whose challenge expired (`code_expired`: ask
/// for a new one), or none registered (`not_found`).
pub const PASSKEY_FIELD: &str = "passkey";

/// The longest passkey name, in characters.
pub const PASSKEY_NAME_MAX: usize = 64;

/// The punctuation a passkey name may hold besides letters, digits and
/// spaces: enough for "Jordan's phone (work) #2", nothing that builds a web
/// address, an email address or markup.
pub const PASSKEY_NAME_PUNCTUATION: &str = "-'\u{2019}.,()&_#+";

/// Whether `name` (trimmed, not empty) may name a passkey. A name is text
/// whoever held the session chose, shown back on the employee's screens, so
/// it is kept to at most [`PASSKEY_NAME_MAX`] letters, digits, single spaces
/// and [`PASSKEY_NAME_PUNCTUATION`]: no controls, no bidirectional overrides
/// or other invisible characters, no web address (a dot between a letter or
/// digit and a letter, as in `evil.example`) and no run of seven or more
/// digits that could be a phone number (spaces, dots, dashes, brackets and
/// plus signs between them count as part of the run). Both sides check it;
/// the API after NFC normalization.
pub fn passkey_name_fits(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    if chars.is_empty() || chars.len() > PASSKEY_NAME_MAX {
        return false;
    }
    let allowed = |c: char| c.is_alphanumeric() || c == ' ' || PASSKEY_NAME_PUNCTUATION.contains(c);
    if !chars.iter().all(|c| allowed(*c)) || name.contains("  ") {
        return false;
    }
    let looks_like_a_host = chars
        .windows(3)
        .any(|w| w[0].is_alphanumeric() && w[1] == '.' && w[2].is_alphabetic());
    if looks_like_a_host {
        return false;
    }
    let mut digits_in_run = 0;
    for c in &chars {
        if c.is_numeric() {
            digits_in_run += 1;
            if digits_in_run >= 7 {
                return false;
            }
        } else if !matches!(c, ' ' | '.' | '-' | '(' | ')' | '+') {
            digits_in_run = 0;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_people_give_their_passkeys_fit() {
        for name in [
            "Work laptop",
            "Jordan's iPhone 15",
            "Jordan\u{2019}s phone (work) #2",
            "YubiKey 5C NFC",
            "Teléfono de María",
            "St. Louis office",
            "Chrome 131 on Windows 10",
            "v1.2 key",
            "Phone 404-555",
        ] {
            assert!(passkey_name_fits(name), "{name:?}");
        }
    }

    #[test]
    fn names_that_could_carry_a_lure_do_not_fit() {
        for name in [
            "",
            "two\nlines",
            "tab\there",
            "\u{202e}reversed",
            "zero\u{200b}width",
            "call 404-555-0199",
            "+1 (404) 555 0199",
            "4045550199",
            "visit evil.example",
            "www.upsers-help.com",
            "https://evil",
            "help@evil",
            "<b>bold</b>",
            "double  space",
        ] {
            assert!(!passkey_name_fits(name), "{name:?}");
        }
        assert!(!passkey_name_fits(&"x".repeat(PASSKEY_NAME_MAX + 1)));
        assert!(passkey_name_fits(&"é".repeat(PASSKEY_NAME_MAX)));
    }
}
