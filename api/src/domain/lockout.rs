//! The lockout rule of PRODUCT.md: three consecutive failures lock an Employee
//! ID for fifteen minutes, counted per submitted ID whether or not it exists.
//!
//! The store keeps, per ID, `attempts` (consecutive failures plus checks in
//! flight) and `locked_until`. Before any PIN or code is checked, one atomic
//! statement reserves an attempt; [`gate`] then decides from what it returned.
//! So fifty concurrent guesses can never get more than three checks in: the
//! fourth and later reservations see `attempts > max` and are refused unchecked.

/// What the store returned for an Employee ID.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Throttle {
    pub attempts: i64,
    pub locked_until: Option<i64>,
}

/// The policy numbers the rule needs.
#[derive(Clone, Copy, Debug)]
pub struct LockoutPolicy {
    pub max_failures: u32,
    pub lockout_secs: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    /// Check the secret: this attempt holds one of the allowed slots.
    Evaluate,
    /// Do not check anything; answer `locked` with this many seconds to wait.
    Locked { retry_after_secs: u64 },
}

/// The decision after the reservation (`throttle` is the reserved row).
pub fn gate(throttle: Throttle, now: i64, policy: LockoutPolicy) -> Gate {
    match throttle.locked_until {
        Some(until) if until > now => Gate::Locked {
            retry_after_secs: (until - now) as u64,
        },
        // More checks in flight than allowed: the lock is about to be set.
        _ if throttle.attempts > i64::from(policy.max_failures) => Gate::Locked {
            retry_after_secs: policy.lockout_secs,
        },
        _ => Gate::Evaluate,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterFailure {
    /// `attempts_remaining` more failures are allowed before the lock.
    Remaining { attempts_remaining: u32 },
    /// This failure locked the ID.
    Locked { retry_after_secs: u64 },
}

/// The answer after a failed check, from the row the failure left behind.
pub fn after_failure(throttle: Throttle, now: i64, policy: LockoutPolicy) -> AfterFailure {
    match throttle.locked_until {
        Some(until) if until > now => AfterFailure::Locked {
            retry_after_secs: (until - now) as u64,
        },
        _ => AfterFailure::Remaining {
            attempts_remaining: (i64::from(policy.max_failures) - throttle.attempts).max(0) as u32,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: LockoutPolicy = LockoutPolicy {
        max_failures: 3,
        lockout_secs: 900,
    };
    const NOW: i64 = 1_000_000;

    fn row(attempts: i64, locked_until: Option<i64>) -> Throttle {
        Throttle {
            attempts,
            locked_until,
        }
    }

    #[test]
    fn the_first_three_reservations_are_evaluated() {
        for attempts in 1..=3 {
            assert_eq!(gate(row(attempts, None), NOW, POLICY), Gate::Evaluate);
        }
    }

    #[test]
    fn a_fourth_reservation_in_flight_is_refused_unchecked() {
        assert_eq!(
            gate(row(4, None), NOW, POLICY),
            Gate::Locked {
                retry_after_secs: 900
            }
        );
    }

    #[test]
    fn a_locked_id_reports_the_time_left_which_attempts_do_not_extend() {
        assert_eq!(
            gate(row(3, Some(NOW + 600)), NOW, POLICY),
            Gate::Locked {
                retry_after_secs: 600
            }
        );
        assert_eq!(
            gate(row(3, Some(NOW + 600)), NOW + 599, POLICY),
            Gate::Locked {
                retry_after_secs: 1
            }
        );
    }

    #[test]
    fn an_expired_lock_no_longer_gates() {
        // The reservation statement resets the row when the lock has expired.
        assert_eq!(gate(row(1, None), NOW + 900, POLICY), Gate::Evaluate);
        assert_eq!(gate(row(1, Some(NOW)), NOW, POLICY), Gate::Evaluate);
    }

    #[test]
    fn failures_count_down_and_the_third_locks() {
        assert_eq!(
            after_failure(row(1, None), NOW, POLICY),
            AfterFailure::Remaining {
                attempts_remaining: 2
            }
        );
        assert_eq!(
            after_failure(row(2, None), NOW, POLICY),
            AfterFailure::Remaining {
                attempts_remaining: 1
            }
        );
        assert_eq!(
            after_failure(row(3, Some(NOW + 900)), NOW, POLICY),
            AfterFailure::Locked {
                retry_after_secs: 900
            }
        );
    }
}
