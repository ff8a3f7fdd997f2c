//! PIN hashing with argon2id (m = 19 MiB, t = 2, p = 1: OWASP's minimum and
//! PRODUCT.md's setting), run off the async workers on a pool of hashing
//! threads, one per core, so that session checks stay fast while sign-ins
//! hash.
//!
//! Each hashing thread keeps its 19 MiB of argon2 memory from one
//! verification to the next. Allocated afresh for every hash (what
//! `PasswordVerifier::verify_password` does), the memory was mapped, zeroed
//! and unmapped by the kernel each time: a quarter of the API's CPU per
//! sign-in under load went to page faults (perf, 2026-12-03).

use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};

use crate::domain::Secret;

#[derive(Clone)]
pub struct PinHasher {
    jobs: mpsc::Sender<Job>,
    /// Verified against when the Employee ID is unknown or has no PIN, so the
    /// answer takes as long as for a real employee (no enumeration by timing).
    dummy_hash: Arc<str>,
}

/// Work for a hashing thread, with that thread's argon2 memory.
type Job = Box<dyn FnOnce(&mut Memory) + Send>;

/// The hasher with PRODUCT.md's parameters (also used by `make bench` as the baseline).
pub fn argon2() -> Argon2<'static> {
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters"),
    )
}

/// Argon2 memory kept by one thread and reused by each hash it computes.
#[derive(Default)]
pub struct Memory(Vec<Block>);

impl Memory {
    /// The first `count` blocks, grown once to the largest count asked for.
    fn blocks(&mut self, count: usize) -> &mut [Block] {
        if self.0.len() < count {
            self.0.resize(count, Block::default());
        }
        &mut self.0[..count]
    }
}

/// True when `secret` (as given: callers stabilize it) matches the PHC
/// string `stored`, computed in `memory` with the stored hash's own
/// parameters; the outputs are compared in constant time.
pub fn verify_with(memory: &mut Memory, stored: &str, secret: &[u8]) -> anyhow::Result<bool> {
    fn malformed(error: impl std::fmt::Display) -> anyhow::Error {
        anyhow::anyhow!("a stored PIN hash is malformed: {error}")
    }
    let parsed = PasswordHash::new(stored).map_err(malformed)?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        anyhow::bail!("a stored PIN hash has no salt or no output");
    };
    let algorithm = Algorithm::try_from(parsed.algorithm).map_err(malformed)?;
    let version = parsed
        .version
        .map(Version::try_from)
        .transpose()
        .map_err(malformed)?
        .unwrap_or_default();
    let params = Params::try_from(&parsed).map_err(malformed)?;
    let blocks = params.block_count();
    let hasher = Argon2::new(algorithm, version, params);
    let mut salt_bytes = [0u8; 64];
    let salt = salt.decode_b64(&mut salt_bytes).map_err(malformed)?;
    let mut computed = [0u8; Output::MAX_LENGTH];
    let computed = &mut computed[..expected.len()];
    hasher
        .hash_password_into_with_memory(secret, salt, computed, memory.blocks(blocks))
        .map_err(|error| anyhow::anyhow!("argon2 failed: {error}"))?;
    // `Output`'s equality is constant-time.
    Ok(Output::new(computed).map_err(malformed)? == expected)
}

/// Starts `threads` hashing threads that take jobs from one queue; they end
/// when the last [`PinHasher`] holding the queue is dropped.
fn start_hashing_threads(threads: usize) -> mpsc::Sender<Job> {
    let (jobs, queue) = mpsc::channel::<Job>();
    let queue = Arc::new(Mutex::new(queue));
    for index in 0..threads.max(1) {
        let queue = queue.clone();
        std::thread::Builder::new()
            .name(format!("pin-hasher-{index}"))
            .spawn(move || {
                yield_to_requests();
                let mut memory = Memory::default();
                loop {
                    // The lock is held only while waiting for the next job.
                    let next = queue.lock().map(|queue| queue.recv());
                    let Ok(Ok(job)) = next else { return };
                    job(&mut memory);
                }
            })
            .expect("starting a hashing thread");
    }
    jobs
}

/// Lowers the calling thread to nice 10 (on Linux the nice value is per
/// thread), so a request that only reads, such as a session check, gets a
/// core as soon as it wakes instead of waiting out a hash's time slice; the
/// hashes still get every cycle the requests leave.
fn yield_to_requests() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers and touches no memory of ours.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

impl PinHasher {
    /// A pool of `threads` hashing threads (one per core is the most the
    /// machine can run at once anyway).
    pub fn new(threads: usize) -> Self {
        let dummy = hash_blocking(&Secret::new(crate::domain::token::new_id()))
            .expect("hashing the dummy PIN");
        Self {
            jobs: start_hashing_threads(threads),
            dummy_hash: dummy.into(),
        }
    }

    /// Runs `work` on a hashing thread. A job whose caller has gone (the
    /// client hung up while it waited in the queue) is skipped.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Memory) -> anyhow::Result<T> + Send + 'static,
    ) -> anyhow::Result<T> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |memory| {
            if !reply.is_closed() {
                let _ = reply.send(work(memory));
            }
        });
        self.jobs
            .send(job)
            .map_err(|_| anyhow::anyhow!("the hashing threads have stopped"))?;
        answer.await.context("a hashing job was dropped")?
    }

    /// True when `pin` matches `stored`; with no stored hash, verifies against
    /// the dummy hash and returns false.
    pub async fn verify(&self, stored: Option<String>, pin: Secret) -> anyhow::Result<bool> {
        crate::work::count_hash();
        let dummy = self.dummy_hash.clone();
        self.run(move |memory| {
            let real = stored.is_some();
            let hash = stored.as_deref().unwrap_or(&dummy);
            let matches = verify_with(memory, hash, stabilized(&pin).as_bytes())?;
            Ok(real && matches)
        })
        .await
    }

    /// A new PHC string for `pin` (setting a PIN is rare: this allocates).
    pub async fn hash(&self, pin: Secret) -> anyhow::Result<String> {
        crate::work::count_hash();
        self.run(move |_| hash_blocking(&pin)).await
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

    #[test]
    fn reused_memory_verifies_as_the_crate_does() {
        use argon2::password_hash::PasswordVerifier;
        let mut memory = Memory::default();
        let stored = hash_blocking(&Secret::new("Brown-Truck-1907")).unwrap();
        let parsed = PasswordHash::new(&stored).unwrap();
        for (pin, expected) in [("Brown-Truck-1907", true), ("Brown-Truck-1908", false)] {
            assert_eq!(
                argon2().verify_password(pin.as_bytes(), &parsed).is_ok(),
                expected
            );
            // Twice: the second use finds the first's blocks in the memory.
            for _ in 0..2 {
                assert_eq!(
                    verify_with(&mut memory, &stored, pin.as_bytes()).unwrap(),
                    expected
                );
            }
        }
        // Other parameters (an older hash) verify in the same memory.
        let cheaper = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8 * 1024, 1, 1, None).unwrap(),
        )
        .hash_password(b"Old-Hash-Pin-1", &SaltString::generate(&mut OsRng))
        .unwrap()
        .to_string();
        assert!(verify_with(&mut memory, &cheaper, b"Old-Hash-Pin-1").unwrap());
        assert!(verify_with(&mut memory, "$argon2id$v=19$m=19456", b"x").is_err());
    }

    #[tokio::test]
    async fn without_a_stored_hash_nothing_verifies() {
        let hasher = PinHasher::new(1);
        assert!(!hasher.verify(None, Secret::new("anything")).await.unwrap());
    }
}
