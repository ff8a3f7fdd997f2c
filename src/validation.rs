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
/// PIN rules apply when a PIN is created, not when it is used).
pub fn pin_problem(value: &str, max_length: u16) -> Option<Msg> {
    if value.is_empty() {
        Some(Msg::PinRequired)
    } else if value.chars().count() > usize::from(max_length) {
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
