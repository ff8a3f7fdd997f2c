//! The relying party of passkeys (WebAuthn), with `webauthn-rs` doing every
//! check of a ceremony: the origin, the challenge, the relying party id's
//! hash, user verification, the signature and the sign count. Nothing here
//! parses CBOR or COSE.
//!
//! The relying party id is the host of `UPSERS_PUBLIC_ORIGIN`, and only that
//! origin may answer. Browsers refuse WebAuthn on an IP address, so an
//! origin such as `http://127.0.0.1:8080` has no passkeys, except in demo
//! mode, where `localhost` on any port stands in for it (`make run` opened
//! as http://localhost:8080, `make dev`'s trunk server).
//!
//! A ceremony's state crosses from its first request to its second through
//! the store (as JSON, in `passkey_challenges`), so any instance can finish
//! what another started. The browser sees options and sends credentials as
//! the JSON of WebAuthn Level 3 (`PublicKeyCredential.parse…FromJSON`,
//! `toJSON()`), carried as text so the SPA needs no types of its own.

use std::time::Duration;

use anyhow::{Context, bail};
use webauthn_rs::prelude::{
    CreationChallengeResponse, CredentialID, DiscoverableAuthentication, DiscoverableKey, Passkey,
    PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential,
    RequestChallengeResponse, Url, Uuid, WebauthnError,
};
use webauthn_rs::{Webauthn, WebauthnBuilder};
use webauthn_rs_proto::{AuthenticatorSelectionCriteria, ResidentKeyRequirement};

/// How long a ceremony may take: the browser's timeout and the challenge's
/// life in the store (the 5 minutes, within WebAuthn's advice for
/// users who need more time).
pub const CHALLENGE_TTL: Duration = Duration::from_secs(5 * 60);

/// The portal as a WebAuthn relying party.
pub struct RelyingParty {
    webauthn: Webauthn,
    id: String,
}

/// Why a ceremony's answer was refused.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// Not the JSON of a credential at all (the client's fault: 422).
    #[error("not a WebAuthn credential: {0}")]
    Malformed(String),
    /// A credential, but not one this ceremony accepts: another origin or
    /// challenge, no user verification, a bad signature, an unknown key.
    #[error("credential refused: {0}")]
    Rejected(String),
}

/// A ceremony begun: the options for the browser, and the state to keep
/// until its answer.
pub struct Begun {
    /// `publicKey` of the ceremony's options, as WebAuthn JSON.
    pub options: String,
    /// The ceremony's state, as JSON, for the store.
    pub state: String,
}

impl RelyingParty {
    /// The relying party of `public_origin`, or `None` when that origin can
    /// have no passkeys (an IP address, outside demo mode).
    pub fn new(public_origin: &str, demo: bool) -> anyhow::Result<Option<RelyingParty>> {
        let origin = Url::parse(public_origin)
            .with_context(|| format!("public_origin {public_origin:?} is not a URL"))?;
        let origin = match (origin.domain(), demo) {
            (Some(_), _) => origin,
            (None, true) => Url::parse("http://localhost").expect("a URL"),
            (None, false) => return Ok(None),
        };
        let Some(id) = origin.domain().map(str::to_owned) else {
            bail!("public_origin {public_origin:?} has no host name");
        };
        let webauthn = WebauthnBuilder::new(&id, &origin)
            .context("the relying party of public_origin")?
            .rp_name("UPSers")
            .timeout(CHALLENGE_TTL)
            .allow_any_port(demo)
            .build()
            .context("the relying party of public_origin")?;
        Ok(Some(RelyingParty { webauthn, id }))
    }

    /// The relying party id: the host passkeys are bound to.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// A registration for the employee of `user_handle`, excluding the
    /// credentials they have. The options ask for a discoverable credential
    /// (a passkey signs in without an Employee ID) with user verification.
    pub fn start_registration(
        &self,
        user_handle: Uuid,
        employee_id: &str,
        display_name: &str,
        exclude: Vec<CredentialID>,
    ) -> anyhow::Result<Begun> {
        let (mut options, state) = self
            .webauthn
            .start_passkey_registration(user_handle, employee_id, display_name, Some(exclude))
            .context("starting a passkey registration")?;
        require_discoverable(&mut options);
        begun(&options.public_key, &state)
    }

    /// The passkey `credential` (WebAuthn JSON) registers, if it answers the
    /// registration of `state`.
    pub fn finish_registration(&self, credential: &str, state: &str) -> Result<Passkey, Refused> {
        let credential: RegisterPublicKeyCredential = parse(credential)?;
        let state: PasskeyRegistration = stored(state)?;
        self.webauthn
            .finish_passkey_registration(&credential, &state)
            .map_err(rejected)
    }

    /// A sign-in's second step with one of `passkeys` (the employee's).
    pub fn start_authentication(&self, passkeys: &[Passkey]) -> anyhow::Result<Begun> {
        let (options, state): (RequestChallengeResponse, PasskeyAuthentication) = self
            .webauthn
            .start_passkey_authentication(passkeys)
            .context("starting a passkey authentication")?;
        begun(&options.public_key, &state)
    }

    /// A sign-in with a discoverable credential: no Employee ID, no list of
    /// credentials; the authenticator says whose it is.
    pub fn start_discoverable(&self) -> anyhow::Result<Begun> {
        let (options, state): (RequestChallengeResponse, DiscoverableAuthentication) = self
            .webauthn
            .start_discoverable_authentication()
            .context("starting a discoverable authentication")?;
        begun(&options.public_key, &state)
    }

    /// The assertion of `credential` (WebAuthn JSON), parsed: which
    /// credential it names, and (for a discoverable one) whose.
    pub fn assertion(&self, credential: &str) -> Result<Assertion, Refused> {
        let credential: PublicKeyCredential = parse(credential)?;
        let user_handle = self
            .webauthn
            .identify_discoverable_authentication(&credential)
            .ok()
            .map(|(handle, _)| handle);
        Ok(Assertion {
            credential,
            user_handle,
        })
    }

    /// Checks `assertion` against the second step of `state`; the passkey it
    /// used, with its sign count and backup state brought up to date.
    pub fn finish_authentication(
        &self,
        assertion: &Assertion,
        state: &str,
        passkeys: &[Passkey],
    ) -> Result<Passkey, Refused> {
        let state: PasskeyAuthentication = stored(state)?;
        let result = self
            .webauthn
            .finish_passkey_authentication(&assertion.credential, &state)
            .map_err(rejected)?;
        used(passkeys, &result)
    }

    /// Checks `assertion` against the discoverable sign-in of `state`, with
    /// the passkeys of the employee its user handle names.
    pub fn finish_discoverable(
        &self,
        assertion: &Assertion,
        state: &str,
        passkeys: &[Passkey],
    ) -> Result<Passkey, Refused> {
        let state: DiscoverableAuthentication = stored(state)?;
        let keys: Vec<DiscoverableKey> = passkeys.iter().map(DiscoverableKey::from).collect();
        let result = self
            .webauthn
            .finish_discoverable_authentication(&assertion.credential, state, &keys)
            .map_err(rejected)?;
        used(passkeys, &result)
    }
}

/// An assertion as the browser sent it.
pub struct Assertion {
    credential: PublicKeyCredential,
    /// The user handle a discoverable credential returned.
    pub user_handle: Option<Uuid>,
}

/// WebAuthn asks for a discoverable credential by `residentKey: required`
/// (and Level 1's `requireResidentKey`); webauthn-rs's passkey registration
/// leaves it to the authenticator. The state kept does not check it, so the
/// options alone change.
fn require_discoverable(options: &mut CreationChallengeResponse) {
    let selection = options
        .public_key
        .authenticator_selection
        .get_or_insert_with(AuthenticatorSelectionCriteria::default);
    selection.resident_key = Some(ResidentKeyRequirement::Required);
    selection.require_resident_key = true;
}

/// The passkey of `passkeys` that `result` authenticated, updated by it.
fn used(
    passkeys: &[Passkey],
    result: &webauthn_rs::prelude::AuthenticationResult,
) -> Result<Passkey, Refused> {
    let mut passkey = passkeys
        .iter()
        .find(|passkey| passkey.cred_id() == result.cred_id())
        .cloned()
        .ok_or_else(|| rejected(WebauthnError::CredentialNotFound))?;
    passkey.update_credential(result);
    Ok(passkey)
}

fn rejected(error: WebauthnError) -> Refused {
    Refused::Rejected(error.to_string())
}

fn begun(options: &impl serde::Serialize, state: &impl serde::Serialize) -> anyhow::Result<Begun> {
    Ok(Begun {
        options: serde_json::to_string(options).context("WebAuthn options as JSON")?,
        state: serde_json::to_string(state).context("a WebAuthn state as JSON")?,
    })
}

fn parse<T: serde::de::DeserializeOwned>(credential: &str) -> Result<T, Refused> {
    serde_json::from_str(credential).map_err(|error| Refused::Malformed(error.to_string()))
}

/// A state this API stored itself: one that does not read back is the
/// store's problem, not the client's, but it is refused all the same.
fn stored<T: serde::de::DeserializeOwned>(state: &str) -> Result<T, Refused> {
    serde_json::from_str(state)
        .map_err(|error| Refused::Rejected(format!("the stored state does not read back: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_relying_party_is_the_public_origins_host() {
        let party = RelyingParty::new("https://portal.upsers.example", false)
            .unwrap()
            .unwrap();
        assert_eq!(party.id(), "portal.upsers.example");
    }

    #[test]
    fn an_ip_address_has_passkeys_only_in_demo_mode_as_localhost() {
        assert!(
            RelyingParty::new("http://127.0.0.1:8080", false)
                .unwrap()
                .is_none()
        );
        let demo = RelyingParty::new("http://127.0.0.1:8080", true)
            .unwrap()
            .unwrap();
        assert_eq!(demo.id(), "localhost");
    }

    #[test]
    fn registration_asks_for_a_discoverable_credential_with_user_verification() {
        let party = RelyingParty::new("https://portal.upsers.example", false)
            .unwrap()
            .unwrap();
        let begun = party
            .start_registration(Uuid::new_v4(), "1234567", "Jordan Lee", Vec::new())
            .unwrap();
        let options: serde_json::Value = serde_json::from_str(&begun.options).unwrap();
        let selection = &options["authenticatorSelection"];
        assert_eq!(selection["residentKey"], "required");
        assert_eq!(selection["userVerification"], "required");
        assert_eq!(options["rp"]["id"], "portal.upsers.example");
        assert_eq!(options["user"]["name"], "1234567");
    }

    #[test]
    fn a_credential_that_is_not_json_is_malformed() {
        let party = RelyingParty::new("https://portal.upsers.example", false)
            .unwrap()
            .unwrap();
        assert!(matches!(
            party.assertion("{\"id\": 1}"),
            Err(Refused::Malformed(_))
        ));
    }
}
