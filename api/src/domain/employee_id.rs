//! Employee IDs: digits only, of the configured length; surrounding spaces ignored.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EmployeeId(String);

impl EmployeeId {
    /// Parses what the employee typed. The format is public policy, so a
    /// malformed ID is refused before any lookup or counting.
    pub fn parse(input: &str, digits: u8) -> Option<EmployeeId> {
        let trimmed = input.trim();
        (trimmed.len() == usize::from(digits) && trimmed.bytes().all(|byte| byte.is_ascii_digit()))
            .then(|| EmployeeId(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmployeeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::EmployeeId;

    #[test]
    fn seven_digits_with_surrounding_spaces_parse() {
        assert_eq!(
            EmployeeId::parse(" 1234567 ", 7).unwrap().as_str(),
            "1234567"
        );
    }

    #[test]
    fn wrong_lengths_letters_and_unicode_digits_are_refused() {
        for input in [
            "123456",
            "12345678",
            "12a4567",
            "",
            "１２３４５６７",
            "123 4567",
            "١٢٣٤٥٦٧",
        ] {
            assert!(EmployeeId::parse(input, 7).is_none(), "{input:?}");
        }
    }
}
