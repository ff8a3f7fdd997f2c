//! The sign-in policy the API enforces, served by `GET /api/v1/policy` so the
//! SPA's format checks use the same numbers as the server's decisions.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Policy {
    pub employee_id: EmployeeIdPolicy,
    pub pin: PinPolicy,
    pub otp: OtpPolicy,
    pub lockout: LockoutPolicy,
    pub session: SessionPolicy,
    /// Server clock (Unix seconds) when the policy was read.
    pub server_time: i64,
}

/// Employee IDs are digits only, of exactly this length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmployeeIdPolicy {
    pub digits: u8,
}

/// PIN length bounds (NIST SP 800-63B §5.1.1: at least 8, allow at least 64).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PinPolicy {
    pub min_length: u16,
    pub max_length: u16,
}

/// One-time PIN shape and timing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OtpPolicy {
    pub digits: u8,
    pub ttl_secs: u64,
    pub resend_secs: u64,
}

/// Consecutive failures that lock an Employee ID, and for how long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LockoutPolicy {
    pub max_failures: u32,
    pub lockout_secs: u64,
}

/// Session lifetimes, so the home hub can warn before the idle timeout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionPolicy {
    pub idle_secs: u64,
    pub absolute_secs: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_round_trips_through_json_with_snake_case_names() {
        let policy = Policy {
            employee_id: EmployeeIdPolicy { digits: 7 },
            pin: PinPolicy {
                min_length: 8,
                max_length: 64,
            },
            otp: OtpPolicy {
                digits: 6,
                ttl_secs: 600,
                resend_secs: 30,
            },
            lockout: LockoutPolicy {
                max_failures: 3,
                lockout_secs: 900,
            },
            session: SessionPolicy {
                idle_secs: 900,
                absolute_secs: 28_800,
            },
            server_time: 1_700_000_000,
        };
        let json = serde_json::to_value(&policy).unwrap();
        assert_eq!(json["lockout"]["max_failures"], 3);
        assert_eq!(json["employee_id"]["digits"], 7);
        let back: Policy = serde_json::from_value(json).unwrap();
        assert_eq!(back, policy);
    }
}
