//! New-user registration: the registration code from HR, contact details
//! verified with one-time PINs, three challenge questions, a first PIN.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Question;

/// `POST /api/v1/registration`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationRequest {
    /// The policy's digits (7 by default), spaces around them allowed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[0-9]{7}[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
        )
    )]
    pub employee_id: String,
    /// `XXXX-XXXX-XXXX`, any case, dashes or spaces anywhere: 12 of
    /// Crockford's base-32 letters and digits (`O`, `I` and `L` read as
    /// `0`, `1` and `1`; no `U`).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[- \u00a0]*(?:[0-9A-TV-Za-tv-z][- \u00a0]*){12}$")
    )]
    pub registration_code: String,
}

impl fmt::Debug for RegistrationRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegistrationRequest")
            .field("employee_id", &self.employee_id)
            .field("registration_code", &"[redacted]")
            .finish()
    }
}

/// Where a registration stands; every step answers with it, so a reload can
/// pick up where the employee was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationProgress {
    pub flow_id: String,
    pub employee_id: String,
    pub first_name: String,
    /// The mobile number given (E.164), if any.
    pub mobile: Option<String>,
    pub mobile_verified: bool,
    pub email: Option<String>,
    pub email_verified: bool,
    /// The three challenge questions are chosen and answered.
    pub questions_set: bool,
    /// Seconds until the flow expires (the code stays valid for a new start).
    pub expires_in_secs: u64,
    pub server_time: i64,
}

/// `POST /api/v1/registration/{flow}/contact`: at least one of the two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactRequest {
    #[serde(default)]
    pub mobile: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// `GET /api/v1/registration/{flow}/questions`: the catalogue to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionCatalogue {
    pub flow_id: String,
    pub questions: Vec<Question>,
    /// How many to choose and answer.
    pub required: u8,
    /// Shortest answer accepted, in characters.
    pub min_answer_length: u8,
    pub server_time: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registration_code_never_shows_in_debug_output() {
        let request = RegistrationRequest {
            employee_id: "7654321".into(),
            registration_code: "K7PQ-M2XD-9HTA".into(),
        };
        assert!(!format!("{request:?}").contains("K7PQ"));
    }
}
