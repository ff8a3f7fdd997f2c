//! My account: what a signed-in employee changes for themselves, and where
//! they are signed in. Every change asks for the current PIN again (a
//! step-up), which counts toward the Employee ID's lockout like any PIN;
//! ending a session of one's own asks for nothing, since it only protects.

use std::fmt;

use serde::{Deserialize, Serialize};

/// `POST /api/v1/account/pin`: the current PIN, and the new one.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePinRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub current_pin: String,
    pub new_pin: String,
}

impl fmt::Debug for ChangePinRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChangePinRequest { current_pin: [redacted], new_pin: [redacted] }")
    }
}

/// `GET /api/v1/account/sessions`: where the employee is signed in now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActiveSessions {
    /// Live sessions, the latest active first; the one asking is among them.
    pub sessions: Vec<ActiveSession>,
    pub server_time: i64,
}

/// One live session, as far as its device can be told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActiveSession {
    /// The handle to end it by ([`EndSessionRequest`]).
    pub id: String,
    /// Such as "Chrome 131", when the User-Agent names a browser.
    pub browser: Option<String>,
    /// Such as "Windows 10" or "iOS 17.5", when the User-Agent names one.
    pub os: Option<String>,
    /// The client address the session was opened from.
    pub address: Option<String>,
    /// When the sign-in that opened it finished (Unix seconds).
    pub started_at: i64,
    /// Its last activity (Unix seconds).
    pub last_active_at: i64,
    /// Whether this is the session of the request (this device).
    pub this_device: bool,
}

/// `POST /api/v1/account/sessions/end`: one of the employee's other sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndSessionRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub session_id: String,
}

/// How many sessions a sign-out of other devices ended (none when they had
/// already ended).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionsEnded {
    pub ended: u64,
}

/// `GET /api/v1/account/activity`: one page of the employee's recent
/// activity (the last 30 days of the audit trail), the newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityPage {
    pub events: Vec<ActivityEvent>,
    /// Where the next (older) page starts: the `before` to ask with; `None`
    /// on the last page.
    pub more_before: Option<i64>,
    pub server_time: i64,
}

/// One event of the employee's account, as far as its device can be told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityEvent {
    pub id: i64,
    pub kind: ActivityKind,
    /// When (Unix seconds).
    pub at: i64,
    /// Such as "Chrome 131", when the request's User-Agent named a browser.
    pub browser: Option<String>,
    pub os: Option<String>,
    /// The client address of the request.
    pub address: Option<String>,
    /// Whether the request came from this session's browser and address.
    pub this_device: bool,
}

/// What happened, in the words of the activity list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    SignedIn,
    /// A wrong PIN at sign-in.
    WrongPin,
    /// A wrong sign-in one-time PIN.
    WrongCode,
    /// A wrong current PIN in My account.
    WrongCurrentPin,
    /// Three failures in a row locked the Employee ID.
    Locked,
    PinChanged,
    PinReset,
    /// Other devices were signed out from My account.
    SessionsEnded,
    /// A new mobile number or email address replaced (or joined) the old.
    ContactChanged,
    ContactRemoved,
    /// The challenge questions and answers were replaced.
    QuestionsChanged,
    /// A passkey was added, or removed.
    PasskeyAdded,
    PasskeyRemoved,
    /// What the Technical Support Center did on the employee's account: it
    /// verified a caller as them, unlocked the Employee ID, sent a PIN reset
    /// link, signed them out everywhere (forgetting remembered devices),
    /// disabled the account or enabled it again.
    DeskVerified,
    DeskUnlocked,
    DeskResetLinkSent,
    DeskSignedOut,
    DeskDisabled,
    DeskEnabled,
    /// A kind this client does not know yet: newer servers may add kinds.
    #[serde(other)]
    Unknown,
}

/// Which page of [`ActivityPage`] a request asks for: the first, or the one
/// before an event id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActivityBefore(pub Option<i64>);

impl crate::endpoint::PathParams for ActivityBefore {
    fn fill(&self, route: &str) -> String {
        match self.0 {
            Some(before) => format!("{route}?before={before}"),
            None => route.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neither_pin_reaches_a_log() {
        let request = ChangePinRequest {
            current_pin: "Brown-Truck-1907".into(),
            new_pin: "Maple-Lantern-Harbor-31".into(),
        };
        let printed = format!("{request:?}");
        assert!(
            !printed.contains("Brown") && !printed.contains("Maple"),
            "{printed}"
        );
    }
}
