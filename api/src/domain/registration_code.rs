//! Registration codes HR hands to new hires: 12 characters of Crockford's
//! base32 (no I, L, O, U: nothing to misread), printed `XXXX-XXXX-XXXX`,
//! typed in any case with or without dashes, stored only as an HMAC keyed with
//! the server secret and bound to the Employee ID.

use hmac::{Hmac, Mac};
use rand::Rng;
use rand::rngs::OsRng;
use sha2::Sha256;

use super::Secret;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const LENGTH: usize = 12;
/// How long a code is valid after it is issued.
pub const TTL_SECS: i64 = 14 * 24 * 60 * 60;
/// Wrong codes per Employee ID before its registration locks.
pub const MAX_FAILURES: i64 = 5;

/// A fresh code from the OS's CSPRNG (60 bits), printed in groups of four.
pub fn generate() -> Secret {
    let raw: String = (0..LENGTH)
        .map(|_| char::from(ALPHABET[OsRng.gen_range(0..ALPHABET.len())]))
        .collect();
    Secret::new(format!("{}-{}-{}", &raw[..4], &raw[4..8], &raw[8..]))
}

/// The canonical 12 characters of what was typed: case and dashes or spaces
/// do not matter, and Crockford's look-alikes read as digits (`O` as `0`,
/// `I` and `L` as `1`).
pub fn normalize(input: &str) -> Option<Secret> {
    let mut canonical = String::with_capacity(LENGTH);
    for c in input.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' | '\u{a0}' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return None;
        }
        canonical.push(c);
    }
    (canonical.len() == LENGTH).then(|| Secret::new(canonical))
}

pub fn hash(key: &[u8], employee_id: &str, code: &Secret) -> Vec<u8> {
    mac(key, employee_id, code).finalize().into_bytes().to_vec()
}

/// Constant-time comparison; with no stored hash it still does the work.
pub fn matches(key: &[u8], employee_id: &str, code: &Secret, stored: Option<&[u8]>) -> bool {
    let computed = mac(key, employee_id, code);
    match stored {
        Some(stored) => computed.verify_slice(stored).is_ok(),
        None => {
            let _ = computed.finalize();
            false
        }
    }
}

fn mac(key: &[u8], employee_id: &str, code: &Secret) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(b"registration:");
    mac.update(employee_id.as_bytes());
    mac.update(b":");
    mac.update(code.expose().as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_twelve_crockford_characters_in_three_groups() {
        let code = generate();
        let text = code.expose();
        assert_eq!(text.len(), 14);
        assert_eq!((&text[4..5], &text[9..10]), ("-", "-"));
        assert!(normalize(text).is_some());
        assert_ne!(generate().expose(), text);
    }

    #[test]
    fn case_dashes_spaces_and_look_alikes_do_not_matter() {
        let canonical = normalize("K7PQ-M2XD-9HTA").unwrap();
        for typed in ["k7pq-m2xd-9hta", "K7PQM2XD9HTA", " k7pq m2xd 9hta "] {
            assert_eq!(
                normalize(typed).unwrap().expose(),
                canonical.expose(),
                "{typed}"
            );
        }
        assert_eq!(normalize("0O1IL-...").map(|_| ()), None);
        assert_eq!(
            normalize("o0i1-l000-0000").unwrap().expose(),
            "001110000000"
        );
    }

    #[test]
    fn what_is_not_a_code_is_refused() {
        for typed in [
            "",
            "K7PQ-M2XD",
            "K7PQ-M2XD-9HTAX",
            "K7PQ-M2XD-9HTU",
            "K7PQ-M2XD-9HT!",
        ] {
            assert!(normalize(typed).is_none(), "{typed}");
        }
    }

    #[test]
    fn a_code_matches_only_its_employee_and_key() {
        let code = normalize("K7PQ-M2XD-9HTA").unwrap();
        let stored = hash(b"key", "7654321", &code);
        assert!(matches(b"key", "7654321", &code, Some(&stored)));
        assert!(!matches(b"key", "7654322", &code, Some(&stored)));
        assert!(!matches(b"other", "7654321", &code, Some(&stored)));
        assert!(!matches(b"key", "7654321", &code, None));
    }
}
