//! The one error shape every non-2xx answer of the API uses.

use serde::{Deserialize, Serialize};

/// Machine-readable reason of a failed request. The SPA branches on this, never
/// on the English `message`, so copy can change without breaking clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body or a parameter is malformed (400/422).
    InvalidInput,
    /// The Employee ID and PIN do not match (401).
    InvalidCredentials,
    /// The Employee ID is locked; see `retry_after_secs` (423).
    Locked,
    /// Too many attempts from this client; see `retry_after_secs` (429).
    RateLimited,
    /// A one-time PIN or registration code is wrong (401).
    InvalidCode,
    /// The flow or session has expired, or is not this browser's: start
    /// again (410).
    Expired,
    /// Only the one-time PIN expired, was used, or took its wrong tries; the
    /// flow goes on with a new one (410).
    CodeExpired,
    /// The new PIN is refused by the PIN rules (422).
    WeakPin,
    /// No such resource or API endpoint (404).
    NotFound,
    /// The HTTP method is not supported on this endpoint (405).
    MethodNotAllowed,
    /// The request body is larger than the API accepts (413).
    PayloadTooLarge,
    /// Sign-in is required (401).
    Unauthenticated,
    /// A state-changing request from another site (403): cross-site request
    /// forgery is refused whatever the cookies say.
    Forbidden,
    /// A dependency such as the store is down; retry later (503).
    Unavailable,
    /// Anything unexpected; details are in the server log, never in the answer (500).
    Internal,
    /// A code this client does not know yet: newer servers may add codes, and
    /// older SPAs must still show a generic message instead of failing to decode.
    #[serde(other)]
    Unknown,
}

/// Body of every error answer: `{ "code", "message", … }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// English fallback text; the SPA shows its own localized message per `code`.
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_remaining: Option<u32>,
    /// Names of the request fields that are wrong, for inline form errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// With `weak_pin`: every rule the new PIN breaks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pin_problems: Vec<crate::PinProblem>,
    /// Server clock (Unix seconds), so countdowns do not trust the browser clock.
    pub server_time: i64,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>, server_time: i64) -> Self {
        Self {
            code,
            message: message.into(),
            retry_after_secs: None,
            attempts_remaining: None,
            fields: Vec::new(),
            pin_problems: Vec::new(),
            server_time,
        }
    }

    /// Whether the answer names `field` among the wrong ones.
    pub fn names(&self, field: &str) -> bool {
        self.fields.iter().any(|named| named == field)
    }

    /// Whether a change was refused only until the employee confirms it's
    /// them: `forbidden` naming [`STEP_UP_FIELD`]. It has no code of its own
    /// because every code weighs on the SPA's first load, which decodes them all.
    pub fn needs_step_up(&self) -> bool {
        self.code == ErrorCode::Forbidden && self.names(STEP_UP_FIELD)
    }
}

/// The field a `forbidden` answer names when a step-up comes first.
pub const STEP_UP_FIELD: &str = "step_up";

/// The field a `locked` answer names (after a right PIN) when the employee
/// reported a sign-in ("This wasn't me"): the ID stays locked until its PIN
/// is reset with a one-time PIN by text or email, and has no countdown. The
/// same field in a `forbidden` answer to right challenge answers says they
/// are not enough for that reset.
pub const PIN_RESET_FIELD: &str = "pin_reset";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_travel_as_snake_case() {
        let body = ErrorBody::new(ErrorCode::InvalidCredentials, "Wrong PIN.", 1_700_000_000);
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["code"], "invalid_credentials");
        assert_eq!(json["server_time"], 1_700_000_000);
        assert!(
            json.get("retry_after_secs").is_none(),
            "absent options are omitted"
        );
        assert!(
            json.get("fields").is_none(),
            "empty field lists are omitted"
        );
    }

    #[test]
    fn only_forbidden_naming_step_up_asks_for_a_step_up() {
        let naming = |code, field: &str| ErrorBody {
            fields: vec![field.into()],
            ..ErrorBody::new(code, "", 0)
        };
        assert!(naming(ErrorCode::Forbidden, STEP_UP_FIELD).needs_step_up());
        assert!(!ErrorBody::new(ErrorCode::Forbidden, "cross-site", 0).needs_step_up());
        assert!(!naming(ErrorCode::InvalidInput, STEP_UP_FIELD).needs_step_up());
        assert!(naming(ErrorCode::InvalidInput, "channel").names("channel"));
    }

    #[test]
    fn an_error_body_round_trips_with_every_optional_field() {
        let body = ErrorBody {
            retry_after_secs: Some(899),
            attempts_remaining: Some(2),
            fields: vec!["employee_id".into()],
            ..ErrorBody::new(ErrorCode::Locked, "Locked.", 5)
        };
        let back: ErrorBody = serde_json::from_str(&serde_json::to_string(&body).unwrap()).unwrap();
        assert_eq!(back, body);
    }

    #[test]
    fn an_unknown_error_code_from_a_newer_server_still_decodes() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"code":"brand_new_reason","message":"x","server_time":1}"#)
                .unwrap();
        assert_eq!(body.code, ErrorCode::Unknown);
    }
}
