//! Format checks of what employees type, for fast feedback before anything is
//! sent. The API decides everything else (and checks these again).

use crate::i18n::Msg;

/// What is wrong with an Employee ID, if anything.
pub fn employee_id_problem(value: &str, digits: u8) -> Option<Msg> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        Some(Msg::EmployeeIdRequired)
    } else if trimmed.len() != usize::from(digits)
        || !trimmed.bytes().all(|byte| byte.is_ascii_digit())
    {
        Some(Msg::EmployeeIdFormat)
    } else {
        None
    }
}

/// What is wrong with a PIN typed to sign in, if anything (length only: the
/// PIN rules apply when a PIN is created, not when it is used). A PIN
/// shorter than any PIN can be is refused here, so a slip of the finger
/// does not spend one of the attempts before the lockout.
pub fn pin_problem(value: &str, min_length: u16, max_length: u16) -> Option<Msg> {
    let length = value.chars().count();
    if length == 0 {
        Some(Msg::PinRequired)
    } else if length < usize::from(min_length) {
        Some(Msg::PinShorterThanAny)
    } else if length > usize::from(max_length) {
        Some(Msg::PinTooLong)
    } else {
        None
    }
}

/// The six digits of a one-time PIN as typed or pasted (`123 456`, `123-456`).
pub fn otp_digits(value: &str) -> Option<String> {
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
        .collect();
    (digits.len() == 6 && digits.bytes().all(|byte| byte.is_ascii_digit())).then_some(digits)
}

/// What is wrong with a registration code as typed, if anything: 12 letters
/// and digits of Crockford's base32, dashes, spaces and case ignored.
pub fn registration_code_problem(value: &str) -> Option<Msg> {
    const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZOIL";
    let characters: Vec<char> = value
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\u{a0}'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if characters.is_empty() {
        Some(Msg::RegistrationCodeRequired)
    } else if characters.len() != 12 || !characters.iter().all(|c| ALPHABET.contains(*c)) {
        Some(Msg::RegistrationCodeFormat)
    } else {
        None
    }
}

/// What is wrong with the contact details given, field by field: each one
/// given must have its shape, and at least one must be given.
pub fn contact_problems(mobile: &str, email: &str) -> (Option<Msg>, Option<Msg>) {
    use upsers_contract::contact::{normalize_email, normalize_mobile};
    let (mobile, email) = (mobile.trim(), email.trim());
    if mobile.is_empty() && email.is_empty() {
        return (Some(Msg::ContactRequired), None);
    }
    let mobile_problem =
        (!mobile.is_empty() && normalize_mobile(mobile).is_none()).then_some(Msg::MobileFormat);
    let email_problem =
        (!email.is_empty() && normalize_email(email).is_none()).then_some(Msg::EmailFormat);
    (mobile_problem, email_problem)
}
