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

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A stored ID that is not all digits: the store was written by something
/// other than the API.
#[derive(Debug, thiserror::Error)]
#[error("not an Employee ID: {0:?}")]
pub struct NotAnEmployeeId(String);

/// Decodes an ID read from the store. It was parsed when it was written, under
/// whatever length the policy had then, so only its form is checked here.
impl TryFrom<String> for EmployeeId {
    type Error = NotAnEmployeeId;

    fn try_from(stored: String) -> Result<Self, Self::Error> {
        if !stored.is_empty() && stored.bytes().all(|byte| byte.is_ascii_digit()) {
            Ok(EmployeeId(stored))
        } else {
            Err(NotAnEmployeeId(stored))
        }
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

    #[test]
    fn a_stored_id_decodes_when_it_is_digits_only() {
        assert_eq!(
            EmployeeId::try_from("12345678".to_owned())
                .unwrap()
                .as_str(),
            "12345678",
            "a length from an older policy still decodes"
        );
        for stored in ["", "12a4567", "１２３４５６７", " 1234567"] {
            assert!(
                EmployeeId::try_from(stored.to_owned()).is_err(),
                "{stored:?}"
            );
        }
    }
}
