//! A software authenticator for the passkey tests: what a browser and a
//! platform authenticator would answer `navigator.credentials.create()` and
//! `.get()`, as `credential.toJSON()`, built by hand from a P-256 test key
//! (ES256), so the API's relying party checks real signatures, challenges,
//! origins and flags, and tests can break any one of them.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use openssl::bn::{BigNum, BigNumContext};
use openssl::ec::{EcGroup, EcKey};
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkey::{PKey, Private};
use openssl::sign::Signer;
use serde_cbor_2::Value;
use serde_json::{Value as Json, json};
use sha2::{Digest, Sha256};

/// Flags of authenticator data (WebAuthn §6.1).
const USER_PRESENT: u8 = 0x01;
const USER_VERIFIED: u8 = 0x04;
const ATTESTED_DATA: u8 = 0x40;

/// One discoverable credential the authenticator holds.
#[derive(Clone)]
pub struct SoftCredential {
    pub id: Vec<u8>,
    key: EcKey<Private>,
    rp_id: String,
    pub user_handle: Vec<u8>,
    counter: u32,
}

/// A platform authenticator with resident keys and user verification, in a
/// browser at `origin`.
pub struct SoftAuthenticator {
    /// The origin the browser puts in the client data: change it to play a
    /// phishing page.
    pub origin: String,
    /// Whether the authenticator verifies the user (a fingerprint, a face).
    pub verifies_user: bool,
    pub credentials: Vec<SoftCredential>,
}

impl SoftAuthenticator {
    /// An authenticator in a browser at the test app's address, as
    /// `localhost` (browsers refuse WebAuthn on an IP address).
    pub fn at(app_address: &str) -> Self {
        let port = app_address.rsplit(':').next().expect("a port");
        SoftAuthenticator {
            origin: format!("http://localhost:{port}"),
            verifies_user: true,
            credentials: Vec::new(),
        }
    }

    /// `navigator.credentials.create({ publicKey })` with the options JSON
    /// the API sent: a new credential, as `toJSON()`.
    pub fn create(&mut self, options: &str) -> String {
        let options: Json = serde_json::from_str(options).expect("options JSON");
        let rp_id = options["rp"]["id"].as_str().expect("rp.id").to_owned();
        let user_handle = decode(&options["user"]["id"]);
        let key = EcKey::generate(&group()).unwrap();
        let id: Vec<u8> = (0..32).map(|_| rand_byte()).collect();
        let client_data = self.client_data("webauthn.create", &options["challenge"]);

        let mut auth_data = rp_hash(&rp_id);
        auth_data.push(USER_PRESENT | self.uv() | ATTESTED_DATA);
        auth_data.extend(0u32.to_be_bytes());
        auth_data.extend([0u8; 16]); // AAGUID
        auth_data.extend((id.len() as u16).to_be_bytes());
        auth_data.extend(&id);
        auth_data.extend(cose_key(&key));
        let attestation = Value::Map(BTreeMap::from([
            (Value::Text("fmt".into()), Value::Text("none".into())),
            (Value::Text("attStmt".into()), Value::Map(BTreeMap::new())),
            (Value::Text("authData".into()), Value::Bytes(auth_data)),
        ]));
        self.credentials.push(SoftCredential {
            id: id.clone(),
            key,
            rp_id,
            user_handle,
            counter: 0,
        });
        json!({
            "id": encode(&id),
            "rawId": encode(&id),
            "type": "public-key",
            "response": {
                "clientDataJSON": encode(client_data.as_bytes()),
                "attestationObject": encode(&serde_cbor_2::to_vec(&attestation).unwrap()),
                "transports": ["internal"],
            },
            "clientExtensionResults": { "credProps": { "rk": true } },
            "authenticatorAttachment": "platform",
        })
        .to_string()
    }

    /// `navigator.credentials.get({ publicKey })` with the options JSON the
    /// API sent: an assertion by the first credential allowed (any of this
    /// relying party's when the list is empty: a discoverable sign-in).
    pub fn get(&mut self, options: &str) -> String {
        let options: Json = serde_json::from_str(options).expect("options JSON");
        let rp_id = options["rpId"].as_str().expect("rpId").to_owned();
        let allowed: Vec<Vec<u8>> = options["allowCredentials"]
            .as_array()
            .map(|list| list.iter().map(|entry| decode(&entry["id"])).collect())
            .unwrap_or_default();
        let index = self
            .credentials
            .iter()
            .position(|credential| {
                credential.rp_id == rp_id
                    && (allowed.is_empty() || allowed.contains(&credential.id))
            })
            .expect("NotAllowedError: no credential for these options");
        let client_data = self.client_data("webauthn.get", &options["challenge"]);
        let flags = USER_PRESENT | self.uv();
        let credential = &mut self.credentials[index];
        credential.counter += 1;
        assertion(credential, &rp_id, flags, &client_data)
    }

    fn client_data(&self, kind: &str, challenge: &Json) -> String {
        json!({
            "type": kind,
            "challenge": challenge.as_str().expect("a challenge"),
            "origin": self.origin,
            "crossOrigin": false,
        })
        .to_string()
    }

    fn uv(&self) -> u8 {
        if self.verifies_user { USER_VERIFIED } else { 0 }
    }
}

/// An assertion by `credential` over `client_data`, as `toJSON()`.
fn assertion(credential: &SoftCredential, rp_id: &str, flags: u8, client_data: &str) -> String {
    let mut auth_data = rp_hash(rp_id);
    auth_data.push(flags);
    auth_data.extend(credential.counter.to_be_bytes());
    let mut signed = auth_data.clone();
    signed.extend(Sha256::digest(client_data.as_bytes()));
    let key = PKey::from_ec_key(credential.key.clone()).unwrap();
    let mut signer = Signer::new(MessageDigest::sha256(), &key).unwrap();
    let signature = signer.sign_oneshot_to_vec(&signed).unwrap();
    json!({
        "id": encode(&credential.id),
        "rawId": encode(&credential.id),
        "type": "public-key",
        "response": {
            "clientDataJSON": encode(client_data.as_bytes()),
            "authenticatorData": encode(&auth_data),
            "signature": encode(&signature),
            "userHandle": encode(&credential.user_handle),
        },
        "clientExtensionResults": {},
        "authenticatorAttachment": "platform",
    })
    .to_string()
}

fn group() -> EcGroup {
    EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap()
}

/// The COSE_Key of `key`: EC2, ES256, P-256, x and y.
fn cose_key(key: &EcKey<Private>) -> Vec<u8> {
    let mut context = BigNumContext::new().unwrap();
    let (mut x, mut y) = (BigNum::new().unwrap(), BigNum::new().unwrap());
    key.public_key()
        .affine_coordinates(&group(), &mut x, &mut y, &mut context)
        .unwrap();
    let map = Value::Map(BTreeMap::from([
        (Value::Integer(1), Value::Integer(2)),
        (Value::Integer(3), Value::Integer(-7)),
        (Value::Integer(-1), Value::Integer(1)),
        (
            Value::Integer(-2),
            Value::Bytes(x.to_vec_padded(32).unwrap()),
        ),
        (
            Value::Integer(-3),
            Value::Bytes(y.to_vec_padded(32).unwrap()),
        ),
    ]));
    serde_cbor_2::to_vec(&map).unwrap()
}

fn rp_hash(rp_id: &str) -> Vec<u8> {
    Sha256::digest(rp_id.as_bytes()).to_vec()
}

fn rand_byte() -> u8 {
    let mut byte = [0u8; 1];
    openssl::rand::rand_bytes(&mut byte).unwrap();
    byte[0]
}

fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn decode(value: &Json) -> Vec<u8> {
    URL_SAFE_NO_PAD
        .decode(value.as_str().expect("base64url text"))
        .expect("base64url")
}
