//! The Technical Support Center's desk: only support agents reach it. An
//! agent finds an employee by Employee ID, exact email or mobile number and
//! sees their card; acting on the account needs the caller verified first.

use serde::{Deserialize, Serialize};

use crate::{Channel, SettlingChannel};

/// `POST /api/v1/desk/search`: a POST, so an email address or a mobile
/// number never lands in an access log's query string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskSearchRequest {
    /// An Employee ID, an exact email address, or a mobile number in E.164;
    /// spaces around it do not count, and something besides them must be
    /// there.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"[^\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]",
            max_length = 254
        )
    )]
    pub query: String,
}

/// What the search found: one employee, or none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskSearchResult {
    pub employee: Option<DeskCard>,
    pub server_time: i64,
}

/// An employee as the desk shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskCard {
    pub employee_id: String,
    pub first_name: String,
    pub last_name: String,
    /// `active`, `pending` (not registered yet) or `disabled`.
    pub status: String,
    /// Until when sign-in is locked after failed attempts (Unix seconds).
    pub locked_until: Option<i64>,
    /// Locked by "This wasn't me" (since then): only a PIN reset by a
    /// one-time PIN unlocks it.
    pub reported_at: Option<i64>,
    /// The registered mobile number, masked (`•••• 0123`).
    pub mobile: Option<String>,
    pub mobile_verified: bool,
    /// The registered email address, masked (`j•••@upsers.example`).
    pub email: Option<String>,
    pub email_verified: bool,
    /// Contacts added or replaced lately: the desk verifies by another.
    #[serde(default)]
    pub settling: Vec<SettlingChannel>,
    pub last_sign_in_at: Option<i64>,
    /// `none`, `usable` (until `registration_code_expires_at`), `used` or
    /// `expired`.
    pub registration_code: String,
    pub registration_code_expires_at: Option<i64>,
    /// `support_agent`, `support_lead`.
    pub roles: Vec<String>,
    /// Whether the agent looking may verify and act on this employee at all:
    /// not their own account, nor another agent's unless they lead.
    pub may_act: bool,
    /// Whether the agent looking is a support lead (disable and enable).
    pub viewer_is_lead: bool,
    /// Until when this agent's verification of the caller holds (Unix
    /// seconds): the actions are open until then.
    pub verified_until: Option<i64>,
    /// The channel that verification's code went to.
    pub verified_by: Option<Channel>,
    /// Until when three wrong read-backs keep the desk from verifying this
    /// employee (for every agent).
    pub verification_locked_until: Option<i64>,
    /// The employee's last 50 audit events, the newest first.
    pub events: Vec<DeskEvent>,
}

/// One audit event of the employee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskEvent {
    pub at: i64,
    /// The audit trail's kind, such as `sign_in_failure`.
    pub kind: String,
    pub client_address: Option<String>,
    /// Such as "Chrome 131 on Windows 10", when the User-Agent tells.
    pub device: Option<String>,
    pub detail: Option<String>,
}

/// `POST /api/v1/desk/verification/send`: a one-time PIN to one of the
/// employee's verified channels, for the caller to read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskVerifyRequest {
    /// The policy's digits (7 by default), spaces around them allowed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[0-9]{7}[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
        )
    )]
    pub employee_id: String,
    pub channel: Channel,
}

/// Where the verification code went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskCodeSent {
    pub channel: Channel,
    /// The verified contact, masked.
    pub destination: String,
    /// Seconds the code stays valid.
    pub expires_in_secs: u64,
    /// Seconds before another code may be sent.
    pub resend_after_secs: u64,
    pub server_time: i64,
}

/// `POST /api/v1/desk/verification/check`: the code as the caller read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskReadBack {
    /// The policy's digits (7 by default), spaces around them allowed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[0-9]{7}[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
        )
    )]
    pub employee_id: String,
    pub code: String,
}

/// An employee the desk names: `POST /api/v1/desk/verification/end`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskEmployee {
    /// The policy's digits (7 by default), spaces around them allowed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[0-9]{7}[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
        )
    )]
    pub employee_id: String,
}

/// What an agent may do to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeskAction {
    /// End the sign-in lock that failed attempts set.
    Unlock,
    /// A PIN-reset link to a verified channel (`channel`): the employee sets
    /// the new PIN themselves; agents never see or set PINs.
    SendReset,
    /// A new registration code for a pending employee, shown once.
    RegistrationCode,
    /// Forget every remembered device and end every session.
    ForgetDevices,
    /// `support_lead` only, and no verification needed: it only protects.
    Disable,
    /// `support_lead` only.
    Enable,
}

impl DeskAction {
    pub const ALL: [DeskAction; 6] = [
        DeskAction::Unlock,
        DeskAction::SendReset,
        DeskAction::RegistrationCode,
        DeskAction::ForgetDevices,
        DeskAction::Disable,
        DeskAction::Enable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeskAction::Unlock => "unlock",
            DeskAction::SendReset => "send_reset",
            DeskAction::RegistrationCode => "registration_code",
            DeskAction::ForgetDevices => "forget_devices",
            DeskAction::Disable => "disable",
            DeskAction::Enable => "enable",
        }
    }
}

/// `POST /api/v1/desk/actions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskActionRequest {
    /// The policy's digits (7 by default), spaces around them allowed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[0-9]{7}[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
        )
    )]
    pub employee_id: String,
    pub action: DeskAction,
    /// `send_reset`: the verified channel the link goes to.
    #[serde(default)]
    pub channel: Option<Channel>,
}

/// The action was done: the card as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskActionDone {
    pub card: DeskCard,
    /// `registration_code`: the new code, the only time it is shown.
    pub registration_code: Option<String>,
    pub server_time: i64,
}
