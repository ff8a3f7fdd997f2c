//! Remembered devices: a browser the employee chose to remember on the
//! one-time PIN step skips that step after a right PIN for a number of days
//! (`OtpPolicy::remember_device_days`). My account lists them and forgets
//! any one; a PIN change or reset forgets them all.

use serde::{Deserialize, Serialize};

/// `GET /api/v1/account/devices`: the employee's remembered devices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RememberedDevices {
    /// Still remembered, the last used first.
    pub devices: Vec<RememberedDevice>,
    pub server_time: i64,
}

/// One remembered device, as far as its browser can be told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RememberedDevice {
    /// The handle to forget it by ([`ForgetDeviceRequest`]).
    pub id: String,
    /// Such as "Chrome 131", when the User-Agent names a browser.
    pub browser: Option<String>,
    /// Such as "Windows 10", when the User-Agent names one.
    pub os: Option<String>,
    /// The client address it was remembered from.
    pub address: Option<String>,
    /// When it was remembered (Unix seconds).
    pub remembered_at: i64,
    /// Its last sign-in without a one-time PIN, or when it was remembered.
    pub last_used_at: i64,
    /// When it stops skipping the one-time PIN.
    pub expires_at: i64,
    /// The browser asking.
    pub this_device: bool,
}

/// `POST /api/v1/account/devices/forget`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ForgetDeviceRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub device_id: String,
}

/// `POST /api/v1/sign-in-reports`: "This wasn't me", with the token of the
/// link in a new-device alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSignInRequest {
    pub token: String,
}

/// The report was taken: every session of the employee ended, every device
/// forgotten, and the Employee ID locked until a PIN reset by a one-time PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInReported {
    pub server_time: i64,
}
