//! The Technical Support Center's desk: only support agents reach it. An
//! agent finds an employee by Employee ID, exact email or mobile number and
//! sees their card; acting on the account needs the caller verified first.

use serde::{Deserialize, Serialize};

/// `POST /api/v1/desk/search`: a POST, so an email address or a mobile
/// number never lands in an access log's query string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskSearchRequest {
    /// An Employee ID, an exact email address, or a mobile number in E.164.
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
    pub last_sign_in_at: Option<i64>,
    /// `none`, `usable` (until `registration_code_expires_at`), `used` or
    /// `expired`.
    pub registration_code: String,
    pub registration_code_expires_at: Option<i64>,
    /// `support_agent`, `support_lead`.
    pub roles: Vec<String>,
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
