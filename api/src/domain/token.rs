//! Random identifiers and bearer tokens. Tokens are 256 bits from the OS's
//! CSPRNG; the store keeps only their SHA-256, so a database copy cannot be
//! replayed as cookies.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};

use super::Secret;

/// A session or flow cookie value: 32 random bytes, base64url.
pub fn new_token() -> Secret {
    Secret::new(random_base64(32))
}

/// A public identifier (flow IDs in URLs): 16 random bytes, base64url.
pub fn new_id() -> String {
    random_base64(16)
}

pub fn hash(token: &Secret) -> Vec<u8> {
    Sha256::digest(token.expose().as_bytes()).to_vec()
}

/// `bytes` random bytes from the OS's CSPRNG.
pub fn random_bytes(bytes: usize) -> Vec<u8> {
    let mut buffer = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buffer);
    buffer
}

fn random_base64(bytes: usize) -> String {
    URL_SAFE_NO_PAD.encode(random_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bits_and_distinct() {
        let a = new_token();
        let b = new_token();
        assert_eq!(URL_SAFE_NO_PAD.decode(a.expose()).unwrap().len(), 32);
        assert_ne!(a, b);
        assert_eq!(hash(&a), hash(&a.clone()));
        assert_ne!(hash(&a), hash(&b));
    }
}
