//! My account: what a signed-in employee changes for themselves. Every change
//! asks for the current PIN again (a step-up), which counts toward the
//! Employee ID's lockout like any PIN.

use std::fmt;

use serde::{Deserialize, Serialize};

/// `POST /api/v1/account/pin`: the current PIN, and the new one.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePinRequest {
    pub current_pin: String,
    pub new_pin: String,
}

impl fmt::Debug for ChangePinRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChangePinRequest { current_pin: [redacted], new_pin: [redacted] }")
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
