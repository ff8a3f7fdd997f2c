//! Codes wait in the outbox sealed (ChaCha20-Poly1305 under a key derived
//! from the server key), so the store never holds a live one-time PIN in the
//! clear, as it never holds one in `one_time_codes` either. The destination is
//! authenticated with the code: a sealed code moved to another row's address
//! does not open.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use rand::rngs::OsRng;
use sha2::Sha256;

use crate::domain::Secret;

const NONCE_BYTES: usize = 12;

#[derive(Clone)]
pub struct Sealer {
    cipher: ChaCha20Poly1305,
}

impl Sealer {
    /// A key of its own for sealing, derived from the server key, so the HMAC
    /// key of the code hashes is never used for two purposes.
    pub fn new(server_key: &[u8]) -> Sealer {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(server_key).expect("HMAC takes any key length");
        mac.update(b"upsers outbox seal v1");
        let key = mac.finalize().into_bytes();
        Sealer {
            cipher: ChaCha20Poly1305::new(Key::from_slice(&key)),
        }
    }

    /// A fresh random nonce followed by the ciphertext.
    pub fn seal(&self, code: &str, destination: &str) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_BYTES];
        OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: code.as_bytes(),
                    aad: destination.as_bytes(),
                },
            )
            .expect("ChaCha20-Poly1305 seals any message this short");
        [nonce.as_slice(), &sealed].concat()
    }

    /// `None` when the bytes were not sealed by this key for `destination`.
    pub fn open(&self, sealed: &[u8], destination: &str) -> Option<Secret> {
        if sealed.len() < NONCE_BYTES {
            return None;
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_BYTES);
        let opened = self
            .cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: destination.as_bytes(),
                },
            )
            .ok()?;
        String::from_utf8(opened).ok().map(Secret::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_code_opens_only_with_its_key_and_destination() {
        let sealer = Sealer::new(&[7u8; 32]);
        let sealed = sealer.seal("123456", "+15551234567");
        assert!(!sealed.windows(6).any(|window| window == b"123456"));
        assert_eq!(
            sealer
                .open(&sealed, "+15551234567")
                .map(|code| code.expose().to_owned()),
            Some("123456".to_owned())
        );
        assert!(sealer.open(&sealed, "+15559999999").is_none());
        assert!(
            Sealer::new(&[8u8; 32])
                .open(&sealed, "+15551234567")
                .is_none()
        );
        assert!(sealer.open(&sealed[..5], "+15551234567").is_none());
    }

    #[test]
    fn every_seal_uses_a_fresh_nonce() {
        let sealer = Sealer::new(&[7u8; 32]);
        assert_ne!(
            sealer.seal("123456", "a@b.example"),
            sealer.seal("123456", "a@b.example")
        );
    }
}
