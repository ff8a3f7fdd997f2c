//! Sign-in: PIN, second factor, session, home hub.

use std::fmt;

use serde::{Deserialize, Serialize};

/// `POST /api/v1/login`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// The policy's digits (7 by default), spaces around them allowed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[0-9]{7}[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
        )
    )]
    pub employee_id: String,
    /// At most the policy's longest PIN (64 by default).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub pin: String,
}

impl fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginRequest")
            .field("employee_id", &self.employee_id)
            .field("pin", &"[redacted]")
            .finish()
    }
}

/// `POST /api/v1/login/lock`: the Employee ID typed on the sign-in page, to
/// learn whether it is locked. Each ID has its own lock (a shared PC serves
/// many employees), so the page asks whenever the typed ID changes; asking
/// takes no attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LockQuery {
    /// The policy's digits (7 by default), spaces around them allowed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[0-9]{7}[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
        )
    )]
    pub employee_id: String,
}

/// Whether that Employee ID is locked now: `retry_after_secs` while it is.
/// Known and unknown IDs lock alike, so this tells nothing about who exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LockState {
    pub retry_after_secs: Option<u64>,
    pub server_time: i64,
}

/// Where a one-time PIN can go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }
}

/// A registered channel, with its destination masked (`(•••) •••-0123`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelOption {
    pub channel: Channel,
    pub destination: String,
}

/// A contact added or replaced lately, which cannot recover the account
/// (reset the PIN, verify a caller to the desk, prove a change of what
/// recovers the account) until `settles_at` (Unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettlingChannel {
    pub channel: Channel,
    pub settles_at: i64,
}

/// The PIN was right: the second factor comes next, in this flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginStarted {
    /// Empty on a device the employee remembered: the sign-in is then
    /// complete (the `__Host-session` cookie is set) and no second step
    /// follows ([`LoginStarted::signed_in`]). Not a field of its own: each
    /// field decoded here weighs on the first load of `/login`.
    pub flow_id: String,
    pub channels: Vec<ChannelOption>,
    /// Seconds until the flow expires and sign-in must start again.
    pub expires_in_secs: u64,
    pub server_time: i64,
}

impl LoginStarted {
    /// Whether the PIN completed the sign-in (a remembered device).
    pub fn signed_in(&self) -> bool {
        self.flow_id.is_empty()
    }
}

/// `POST /api/v1/login/{flow}/send`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SendCodeRequest {
    pub channel: Channel,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeSent {
    pub flow_id: String,
    pub channel: Channel,
    pub destination: String,
    /// Seconds the code stays valid.
    pub expires_in_secs: u64,
    /// Seconds before `Resend code` may be used.
    pub resend_after_secs: u64,
    pub server_time: i64,
    /// Sign-in only: for how many days "Remember this device" would let a
    /// right PIN alone sign in on this browser; 0 (left out): not offered.
    /// Here rather than in the policy, which the first load of `/login`
    /// decodes: only the code step (loaded on demand) reads it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub remember_device_days: u16,
}

fn is_zero(value: &u16) -> bool {
    *value == 0
}

/// `POST /api/v1/login/{flow}/verify`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyCodeRequest {
    pub code: String,
    /// Sign-in only (elsewhere ignored): remember this browser, so a right
    /// PIN on it skips the one-time PIN for `OtpPolicy::remember_device_days`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub remember_device: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl fmt::Debug for VerifyCodeRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VerifyCodeRequest { code: [redacted] }")
    }
}

/// The signed-in employee (`GET /api/v1/session`, and the answer of a verify).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub employee_id: String,
    pub first_name: String,
    /// Unix seconds when the session ends without activity.
    pub idle_expires_at: i64,
    /// Unix seconds when the session ends whatever the activity.
    pub absolute_expires_at: i64,
    pub server_time: i64,
}

/// `GET /api/v1/home`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HomeHub {
    pub first_name: String,
    /// The sign-in before this one, if any (Unix seconds).
    pub last_sign_in_at: Option<i64>,
    pub tiles: Vec<Tile>,
    /// Whether the employee works the Technical Support desk (a support
    /// role): the hub then links to it.
    #[serde(default)]
    pub desk: bool,
    pub server_time: i64,
}

/// A resource on the home hub, as the operator configured it: its words in
/// each language the portal speaks, and where it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tile {
    pub id: String,
    pub title: Localized,
    pub description: Localized,
    /// An `https://` address, or a portal route such as `/help`.
    pub href: String,
}

/// A text in each language the portal speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Localized {
    pub en: String,
    pub es: String,
}

/// A message of the dev outbox (`GET /api/v1/dev/outbox`, demo mode only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DevOutboxMessage {
    pub channel: Channel,
    pub destination: String,
    pub employee_id: String,
    pub code: Option<String>,
    pub body: String,
    pub created_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug_output() {
        let login = LoginRequest {
            employee_id: "1234567".into(),
            pin: "Brown-Truck-1907".into(),
        };
        assert!(!format!("{login:?}").contains("Brown"));
        let verify = VerifyCodeRequest {
            code: "123456".into(),
            remember_device: true,
        };
        assert!(!format!("{verify:?}").contains("123456"));
    }

    #[test]
    fn remember_device_is_left_out_unless_chosen_and_optional_to_read() {
        let plain = VerifyCodeRequest {
            code: "123456".into(),
            remember_device: false,
        };
        assert_eq!(
            serde_json::to_string(&plain).unwrap(),
            r#"{"code":"123456"}"#
        );
        let read: VerifyCodeRequest =
            serde_json::from_str(r#"{"code":"123456","remember_device":true}"#).unwrap();
        assert!(read.remember_device);
        let read: VerifyCodeRequest = serde_json::from_str(r#"{"code":"1"}"#).unwrap();
        assert!(!read.remember_device);
    }

    #[test]
    fn channels_travel_as_sms_and_email() {
        assert_eq!(serde_json::to_string(&Channel::Sms).unwrap(), "\"sms\"");
        assert_eq!(
            serde_json::from_str::<Channel>("\"email\"").unwrap(),
            Channel::Email
        );
    }
}
