//! The new-PIN rules of PRODUCT.md (NIST SP 800-63B §5.1.1.2): length only, no
//! composition rules, but refuse common secrets, anything containing the
//! Employee ID, and what a zxcvbn strength estimate calls easy to guess.

use upsers_contract::PinProblem;

/// Lowest zxcvbn score accepted: 3 is "safely unguessable" (about 10^10
/// guesses), which an argon2id hash makes impractical offline.
pub const MIN_SCORE: u8 = 3;

/// Commonly used secrets, one per line, compared without regard to case.
const BLOCKLIST: &str = include_str!("pin_blocklist.txt");

/// What the rules say about a candidate PIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub score: u8,
    pub problems: Vec<PinProblem>,
}

impl Verdict {
    pub fn acceptable(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Judges `pin` for the employee `employee_id` (when known), with `context`
/// words (first name, company) that make a PIN easier to guess.
pub fn judge(
    pin: &str,
    employee_id: Option<&str>,
    context: &[&str],
    min_length: u16,
    max_length: u16,
) -> Verdict {
    let length = pin.chars().count();
    let mut problems = Vec::new();
    if length < usize::from(min_length) {
        problems.push(PinProblem::TooShort);
    }
    if length > usize::from(max_length) {
        problems.push(PinProblem::TooLong);
        // Not worth estimating: it is refused already, and zxcvbn is costly
        // on long inputs.
        return Verdict { score: 0, problems };
    }
    if is_blocklisted(pin) {
        problems.push(PinProblem::Blocklisted);
    }
    if employee_id.is_some_and(|id| !id.is_empty() && pin.contains(id)) {
        problems.push(PinProblem::ContainsEmployeeId);
    }
    let mut inputs: Vec<&str> = context.to_vec();
    inputs.extend(employee_id);
    inputs.extend(["upsers", "ups"]);
    let score = if pin.is_empty() {
        0
    } else {
        u8::from(zxcvbn::zxcvbn(pin, &inputs).score())
    };
    if score < MIN_SCORE && !problems.contains(&PinProblem::Blocklisted) {
        problems.push(PinProblem::Weak);
    }
    // A refused PIN never reads as strong on the meter, whatever the
    // estimate says of it in general (a PIN holding the ID is weak for *this*
    // employee).
    let score = if problems.is_empty() {
        score
    } else {
        score.min(1)
    };
    Verdict { score, problems }
}

fn is_blocklisted(pin: &str) -> bool {
    let folded = pin.trim().to_lowercase();
    BLOCKLIST
        .lines()
        .map(str::trim)
        .filter(|entry| !entry.is_empty() && !entry.starts_with('#'))
        .any(|entry| entry == folded)
}

/// English sentence for logs and the API's fallback `message`.
pub fn describe(problems: &[PinProblem]) -> String {
    let reasons: Vec<&str> = problems
        .iter()
        .map(|problem| match problem {
            PinProblem::TooShort => "it is too short",
            PinProblem::TooLong => "it is too long",
            PinProblem::Blocklisted => "it is a commonly used secret",
            PinProblem::ContainsEmployeeId => "it contains your Employee ID",
            PinProblem::Weak => "it is easy to guess",
            PinProblem::Unknown => "it breaks a PIN rule",
        })
        .collect();
    format!("Choose a different PIN: {}.", reasons.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(pin: &str) -> Vec<PinProblem> {
        judge(pin, Some("1234567"), &["Jordan"], 8, 64).problems
    }

    #[test]
    fn the_demo_pins_are_acceptable() {
        assert_eq!(problems("Brown-Truck-1907"), []);
        assert_eq!(problems("Package-Car-2024"), []);
    }

    #[test]
    fn length_is_the_only_composition_rule() {
        assert!(problems("Ab1!x").contains(&PinProblem::TooShort));
        assert!(problems(&"long and dull sentence ".repeat(3)).contains(&PinProblem::TooLong));
        assert_eq!(problems("correct horse battery staple"), []);
        assert_eq!(problems("ñandú-pingüino-fiordo"), [], "any characters");
    }

    #[test]
    fn common_secrets_are_refused_whatever_their_case() {
        assert_eq!(problems("Password1"), [PinProblem::Blocklisted]);
        assert_eq!(problems("QWERTYUIOP"), [PinProblem::Blocklisted]);
    }

    #[test]
    fn a_pin_containing_the_employee_id_is_refused() {
        assert!(problems("Sunrise-1234567-Lake").contains(&PinProblem::ContainsEmployeeId));
        assert!(!problems("Sunrise-7654321-Lake").contains(&PinProblem::ContainsEmployeeId));
    }

    #[test]
    fn guessable_pins_are_weak() {
        assert_eq!(problems("aaaaaaaaaa"), [PinProblem::Weak]);
        assert_eq!(problems("Jordan2024"), [PinProblem::Weak]);
        assert!(judge("Brown-Truck-1907", None, &[], 8, 64).score >= MIN_SCORE);
        assert!(
            judge("Sunrise-1234567-Lake", Some("1234567"), &[], 8, 64).score <= 1,
            "a refused PIN never scores as strong"
        );
    }

    #[test]
    fn the_description_names_every_problem() {
        let text = describe(&[PinProblem::TooShort, PinProblem::ContainsEmployeeId]);
        assert!(
            text.contains("too short") && text.contains("Employee ID"),
            "{text}"
        );
    }
}
