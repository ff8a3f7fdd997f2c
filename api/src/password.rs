//! PIN hashing with argon2id (m = 19 MiB, t = 2, p = 1: OWASP's minimum and
//! PRODUCT.md's setting), run off the async workers on a bounded pool so that
//! session checks stay fast while sign-ins hash.

use std::sync::Arc;

use anyhow::Context;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::domain::Secret;

#[derive(Clone)]
pub struct PinHasher {
    permits: Arc<Semaphore>,
    /// Verified against when the Employee ID is unknown or has no PIN, so the
    /// answer takes as long as for a real employee (no enumeration by timing).
    dummy_hash: Arc<str>,
}

/// The hasher with PRODUCT.md's parameters (also used by `make bench` as the baseline).
pub fn argon2() -> Argon2<'static> {
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters"),
    )
}

impl PinHasher {
    /// A pool of `max_concurrent` hashing slots (one per core is the most the
    /// machine can run at once anyway).
    pub fn new(max_concurrent: usize) -> Self {
        let dummy = hash_blocking(&Secret::new(crate::domain::token::new_id()))
            .expect("hashing the dummy PIN");
        Self {
            permits: Arc::new(Semaphore::new(max_concurrent.max(1))),
            dummy_hash: dummy.into(),
        }
    }

    /// True when `pin` matches `stored`; with no stored hash, verifies against
    /// the dummy hash and returns false.
    pub async fn verify(&self, stored: Option<String>, pin: Secret) -> anyhow::Result<bool> {
        crate::work::count_hash();
        let _permit = self
            .permits
            .acquire()
            .await
            .context("hashing pool closed")?;
        let dummy = self.dummy_hash.clone();
        tokio::task::spawn_blocking(move || {
            let real = stored.is_some();
            let hash = stored.unwrap_or_else(|| dummy.to_string());
            let parsed = PasswordHash::new(&hash).context("a stored PIN hash is malformed")?;
            let matches = argon2()
                .verify_password(stabilized(&pin).as_bytes(), &parsed)
                .is_ok();
            Ok(real && matches)
        })
        .await
        .context("the hashing task failed")?
    }

    pub async fn hash(&self, pin: Secret) -> anyhow::Result<String> {
        crate::work::count_hash();
        let _permit = self
            .permits
            .acquire()
            .await
            .context("hashing pool closed")?;
        tokio::task::spawn_blocking(move || hash_blocking(&pin))
            .await
            .context("the hashing task failed")?
    }
}

/// NIST SP 800-63B §5.1.1.2: secrets are NFKC-normalized before hashing, so
/// an `é` typed as one character or as `e` + accent is the same PIN (or
/// challenge answer) on every keyboard. ASCII is unchanged.
fn stabilized(secret: &Secret) -> String {
    use unicode_normalization::UnicodeNormalization;
    secret.expose().nfkc().collect()
}

fn hash_blocking(pin: &Secret) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(stabilized(pin).as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| anyhow::anyhow!("argon2 failed: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn composed_and_decomposed_accents_are_the_same_secret() {
        let hasher = PinHasher::new(1);
        let hash = hasher
            .hash(Secret::new("Caf\u{e9}-Olé-Niño-42"))
            .await
            .unwrap();
        assert!(
            hasher
                .verify(Some(hash), Secret::new("Cafe\u{301}-Olé-Niño-42"))
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn a_pin_verifies_against_its_own_hash_only() {
        let hasher = PinHasher::new(1);
        let hash = hasher.hash(Secret::new("Brown-Truck-1907")).await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            hasher
                .verify(Some(hash.clone()), Secret::new("Brown-Truck-1907"))
                .await
                .unwrap()
        );
        assert!(
            !hasher
                .verify(Some(hash), Secret::new("brown-truck-1907"))
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn without_a_stored_hash_nothing_verifies() {
        let hasher = PinHasher::new(1);
        assert!(!hasher.verify(None, Secret::new("anything")).await.unwrap());
    }
}
