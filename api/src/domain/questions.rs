//! Challenge questions: the catalogue, answer normalization, which questions a
//! recovery flow asks, and the stable decoys for IDs without questions.

use hmac::{Hmac, Mac};
use rand::seq::SliceRandom;
use sha2::Sha256;

/// Questions an employee chooses from at registration. Ids are stable: they
/// are stored with the answers and the SPA localizes by them.
pub const CATALOGUE: [(&str, &str); 10] = [
    ("birth_city", "In what city were you born?"),
    ("first_pet", "What was the name of your first pet?"),
    ("first_car", "What was the make of your first car?"),
    (
        "elementary_school",
        "What was the name of your elementary school?",
    ),
    (
        "childhood_street",
        "What street did you live on as a child?",
    ),
    ("parents_met", "In what city did your parents meet?"),
    ("first_job", "What was your first job?"),
    (
        "childhood_friend",
        "What is the first name of your childhood best friend?",
    ),
    (
        "favorite_teacher",
        "What was the last name of your favorite teacher?",
    ),
    ("first_concert", "What was the first concert you attended?"),
];

/// How many answers registration stores and recovery asks for.
pub const REGISTERED: usize = 3;
pub const ASKED: usize = 2;

/// Longest answer accepted, in characters.
pub const MAX_ANSWER_LENGTH: usize = 100;

pub fn text_of(id: &str) -> Option<&'static str> {
    CATALOGUE
        .iter()
        .find(|(known, _)| *known == id)
        .map(|(_, text)| *text)
}

/// Trim, case-fold, collapse inner whitespace: `  new  YORK ` is `new york`.
pub fn normalize_answer(answer: &str) -> String {
    answer
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Three distinct catalogue questions derived from the Employee ID with a keyed
/// hash: the same ID always gets the same decoys, and without the server key
/// nobody can tell decoys from real questions.
pub fn decoys(key: &[u8], employee_id: &str) -> Vec<&'static str> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(b"decoy-questions:");
    mac.update(employee_id.as_bytes());
    let digest = mac.finalize().into_bytes();
    let mut remaining: Vec<&'static str> = CATALOGUE.iter().map(|(id, _)| *id).collect();
    digest
        .iter()
        .take(REGISTERED)
        .map(|byte| remaining.remove(usize::from(*byte) % remaining.len()))
        .collect()
}

/// The questions one flow asks: `ASKED` of the employee's, in a random order.
pub fn ask_from(registered: &[String]) -> Vec<String> {
    let mut chosen = registered.to_vec();
    chosen.shuffle(&mut rand::rngs::OsRng);
    chosen.truncate(ASKED);
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_has_at_least_eight_distinct_questions() {
        let mut ids: Vec<_> = CATALOGUE.iter().map(|(id, _)| id).collect();
        ids.sort();
        ids.dedup();
        assert!(ids.len() >= 8 && ids.len() == CATALOGUE.len());
    }

    #[test]
    fn answers_are_trimmed_case_folded_and_spaced_once() {
        assert_eq!(normalize_answer("  New \t YORK  "), "new york");
        assert_eq!(normalize_answer("ATLANTA"), normalize_answer("atlanta"));
        assert_eq!(normalize_answer("Zoë"), "zoë");
    }

    #[test]
    fn decoys_are_stable_per_id_distinct_and_from_the_catalogue() {
        let key = b"key-one";
        let first = decoys(key, "9999999");
        assert_eq!(first, decoys(key, "9999999"));
        assert_eq!(first.len(), REGISTERED);
        let mut unique = first.clone();
        unique.dedup();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), REGISTERED);
        assert!(first.iter().all(|id| text_of(id).is_some()));
        let spread: std::collections::HashSet<_> = (0..50)
            .map(|n| decoys(key, &format!("{:07}", 1_000_000 + n)))
            .collect();
        assert!(spread.len() > 10, "different IDs get different decoys");
    }

    #[test]
    fn a_flow_asks_two_of_the_three_questions() {
        let registered: Vec<String> = ["birth_city", "first_pet", "first_car"]
            .map(String::from)
            .to_vec();
        let asked = ask_from(&registered);
        assert_eq!(asked.len(), ASKED);
        assert!(asked.iter().all(|id| registered.contains(id)));
        assert_ne!(asked[0], asked[1]);
    }
}
