//! PIN recovery ("Forgot your PIN?") and the new-PIN rules it shares with
//! registration.
//!
//! Every answer here reads the same for known and unknown Employee IDs: the
//! methods offered, the "if a … is registered, we sent a code" acknowledgement,
//! and the (decoy) challenge questions.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Channel;

/// `POST /api/v1/recovery`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryRequest {
    /// The policy's digits (7 by default), spaces around them allowed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[0-9]{7}[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
        )
    )]
    pub employee_id: String,
}

/// A way to prove who you are when the PIN is forgotten.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecoveryMethod {
    Sms,
    Email,
    Questions,
}

/// A recovery flow began. `methods` is always all three, known ID or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryStarted {
    pub flow_id: String,
    /// The Employee ID as the server read it (surrounding spaces removed).
    pub employee_id: String,
    pub methods: Vec<RecoveryMethod>,
    /// Seconds until the flow expires and the reset must start again.
    pub expires_in_secs: u64,
    pub server_time: i64,
}

/// `POST /api/v1/recovery/{flow}/send` answered: a code went out if that
/// channel is registered. No destination, so nothing about the account leaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodeSent {
    pub flow_id: String,
    pub channel: Channel,
    /// Seconds the code stays valid.
    pub expires_in_secs: u64,
    /// Seconds before `Resend code` may be used.
    pub resend_after_secs: u64,
    pub server_time: i64,
}

/// A challenge question: `id` is stable (the SPA localizes by it), `text` is
/// the English fallback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    pub id: String,
    pub text: String,
}

/// `GET /api/v1/recovery/{flow}/questions`: the two questions of this flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryQuestions {
    pub flow_id: String,
    pub questions: Vec<Question>,
    pub server_time: i64,
}

/// One answer to a challenge question.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    pub question_id: String,
    pub answer: String,
}

impl fmt::Debug for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Answer")
            .field("question_id", &self.question_id)
            .field("answer", &"[redacted]")
            .finish()
    }
}

/// `POST /api/v1/recovery/{flow}/answers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswersRequest {
    pub answers: Vec<Answer>,
}

/// The employee proved who they are: a new PIN may be set in this flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryVerified {
    pub flow_id: String,
    /// Seconds left to set the new PIN.
    pub expires_in_secs: u64,
    pub server_time: i64,
}

/// `POST /api/v1/recovery/link`: the token of a PIN-reset link that a
/// Technical Support agent sent (`/forgot#reset=…`).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryLinkRequest {
    pub token: String,
}

impl fmt::Debug for RecoveryLinkRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryLinkRequest { token: [redacted] }")
    }
}

/// The link opened a PIN reset already proven by the channel it came by:
/// the new PIN may be set within `expires_in_secs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryLinked {
    pub flow_id: String,
    pub employee_id: String,
    pub expires_in_secs: u64,
    pub server_time: i64,
}

/// `POST /api/v1/recovery/{flow}/pin`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPinRequest {
    pub new_pin: String,
}

impl fmt::Debug for NewPinRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPinRequest { new_pin: [redacted] }")
    }
}

/// The new PIN is stored; every session of the employee has ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PinChanged {
    pub server_time: i64,
}

/// `POST /api/v1/pin/check`: feedback while the employee types a new PIN.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PinCheckRequest {
    pub new_pin: String,
    /// The Employee ID the PIN is for, so a PIN containing it is refused.
    #[serde(default)]
    pub employee_id: Option<String>,
}

impl fmt::Debug for PinCheckRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PinCheckRequest")
            .field("new_pin", &"[redacted]")
            .field("employee_id", &self.employee_id)
            .finish()
    }
}

/// Why a new PIN is refused. The SPA localizes by variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PinProblem {
    TooShort,
    TooLong,
    /// In the list of commonly used secrets.
    Blocklisted,
    ContainsEmployeeId,
    /// The strength estimate says it is easy to guess.
    Weak,
    #[serde(other)]
    Unknown,
}

/// The verdict on a candidate PIN: `score` 0 (very weak) to 4 (strong), and
/// what stops it from being accepted, if anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PinFeedback {
    pub acceptable: bool,
    pub score: u8,
    pub problems: Vec<PinProblem>,
    pub server_time: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug_output() {
        let answer = Answer {
            question_id: "first_pet".into(),
            answer: "Rex".into(),
        };
        assert!(!format!("{answer:?}").contains("Rex"));
        let pin = NewPinRequest {
            new_pin: "Brown-Truck-1907".into(),
        };
        assert!(!format!("{pin:?}").contains("Brown"));
        let check = PinCheckRequest {
            new_pin: "Brown-Truck-1907".into(),
            employee_id: None,
        };
        assert!(!format!("{check:?}").contains("Brown"));
    }

    #[test]
    fn methods_and_problems_travel_as_snake_case() {
        assert_eq!(
            serde_json::to_string(&RecoveryMethod::Questions).unwrap(),
            "\"questions\""
        );
        assert_eq!(
            serde_json::to_string(&PinProblem::ContainsEmployeeId).unwrap(),
            "\"contains_employee_id\""
        );
        assert_eq!(
            serde_json::from_str::<PinProblem>("\"from_the_future\"").unwrap(),
            PinProblem::Unknown
        );
    }
}
