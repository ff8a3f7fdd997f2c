//! One-time PINs: six digits from the OS's CSPRNG, stored only as an HMAC keyed
//! with the server secret and bound to their flow, so a copy of the database
//! alone cannot be searched for the code.

use hmac::{Hmac, Mac};
use rand::Rng;
use rand::rngs::OsRng;
use sha2::Sha256;

use super::Secret;

/// Most wrong tries one code accepts before it is spent.
pub const MAX_FAILURES_PER_CODE: i64 = 5;
/// Most codes one flow may send.
pub const MAX_SENDS_PER_FLOW: i64 = 5;

pub fn generate() -> Secret {
    Secret::new(format!("{:06}", OsRng.gen_range(0..1_000_000u32)))
}

/// Accepts what people paste: `123 456`, `123-456`, surrounding spaces.
pub fn normalize(input: &str) -> Option<Secret> {
    let digits: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
        .collect();
    (digits.len() == 6 && digits.bytes().all(|byte| byte.is_ascii_digit()))
        .then(|| Secret::new(digits))
}

pub fn hash(key: &[u8], flow_id: &str, code: &Secret) -> Vec<u8> {
    mac(key, flow_id, code).finalize().into_bytes().to_vec()
}

/// Constant-time comparison of `code` against the stored hash.
pub fn matches(key: &[u8], flow_id: &str, code: &Secret, stored: &[u8]) -> bool {
    mac(key, flow_id, code).verify_slice(stored).is_ok()
}

fn mac(key: &[u8], flow_id: &str, code: &Secret) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(flow_id.as_bytes());
    mac.update(b":");
    mac.update(code.expose().as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..100 {
            let code = generate();
            assert!(normalize(code.expose()).is_some(), "{}", code.expose());
        }
    }

    #[test]
    fn pasted_codes_with_spaces_or_dashes_are_accepted() {
        assert_eq!(normalize(" 123 456 ").unwrap().expose(), "123456");
        assert_eq!(normalize("123-456").unwrap().expose(), "123456");
        assert!(normalize("12345").is_none());
        assert!(normalize("12345a").is_none());
        assert!(normalize("１２３４５６").is_none());
    }

    #[test]
    fn a_code_matches_only_its_own_flow_and_key() {
        let code = Secret::new("123456");
        let stored = hash(b"key", "flow-a", &code);
        assert!(matches(b"key", "flow-a", &code, &stored));
        assert!(!matches(b"key", "flow-b", &code, &stored));
        assert!(!matches(b"other", "flow-a", &code, &stored));
        assert!(!matches(b"key", "flow-a", &Secret::new("123457"), &stored));
    }
}
