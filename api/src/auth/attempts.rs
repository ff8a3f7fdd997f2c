//! The attempts guard: every limit on guessing and on sending goes through
//! here, taken atomically *before* any secret is compared.
//!
//! An [`Attempt`] counts as a failure from the moment it is taken. It is given
//! back only by [`Attempt::passed`] or [`Attempt::succeeded`]; a request that
//! is cancelled (the client hung up, the handler was dropped) or a process that
//! dies mid-check leaves it counted, and the take that reaches a limit sets the
//! lock's end at once. So concurrent requests never get more checks in than the
//! policy allows, and nothing left behind outlives the lock window.

use std::net::IpAddr;

use crate::courier::Channel;
use crate::domain::{desk, token};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{AuditKind, Reset, Store, Taken};

/// Wrong registration codes one Employee ID may submit before its
/// registration locks (for the lockout's duration).
pub const REGISTRATION_CODE_MAX_FAILURES: u32 = 5;
/// Strength checks one client address may ask for per minute: far more than
/// typing needs (the SPA asks once a pause in typing), far fewer than a flood.
pub const PIN_CHECKS_PER_MINUTE: u32 = 120;
/// Passkey sign-ins one client address may begin per minute: a sign-in page
/// begins one when it opens (for autofill) and one per button press, and a
/// depot's PCs share one address; each is a row for at most 5 minutes.
pub const PASSKEY_SIGN_INS_PER_MINUTE: u32 = 120;
/// Look-ups one client address may make per minute without a session: an
/// Employee ID's lock (the sign-in page asks once an ID is whole), a "This
/// wasn't me" link, a desk's reset link. A depot's PCs share one address at
/// shift change; a flood gets nothing to count with.
pub const LOOKUPS_PER_MINUTE: u32 = 300;
/// The window of the per-employee message cap.
const MESSAGE_WINDOW_SECS: u64 = 60 * 60;

/// One limit and what it counts. Subjects are as submitted: a count exists for
/// an Employee ID whether or not that employee does, so no answer tells them
/// apart.
#[derive(Clone, Copy, Debug)]
pub enum Limit<'a> {
    /// Wrong PINs, sign-in codes and challenge answers per submitted ID: the
    /// lockout (3 in a row lock the ID for 15 minutes).
    EmployeeId(&'a str),
    /// Failures per client address across every ID (20 per 15 minutes); IPv6
    /// addresses count by their /64, which one subscriber usually holds whole.
    Address(&'a str),
    /// Wrong HR registration codes per submitted ID (5, then a 15-minute lock).
    RegistrationCode(&'a str),
    /// Messages per employee and channel per hour, across every flow.
    Messages(&'a str, Channel),
    /// The resend gap of reset codes per employee and channel, across every
    /// flow (anyone may ask for a reset of any ID).
    ResendGap(&'a str, Channel),
    /// Strength checks (`POST /pin/check`) per client address: each one is
    /// CPU work, so a flood is refused before it is done.
    PinChecks(&'a str),
    /// Wrong read-backs of the desk's verification codes per employee,
    /// across agents (3, then the desk cannot verify them for 15 minutes).
    DeskReadBack(&'a str),
    /// Passkey sign-ins begun per client address: each one is a row in the
    /// store until it is answered or expires, so a flood is refused.
    PasskeySignIns(&'a str),
    /// Notices per employee and channel per hour (codes count in
    /// `Messages`): past `notices_per_hour` (5: a real burst of changes is
    /// rare, and past it each would be noise whoever caused it), the next
    /// becomes the hour's digest.
    Notices(&'a str, Channel),
    /// The one digest per employee, channel and hour that says notices
    /// were folded.
    NoticeDigest(&'a str, Channel),
    /// New-device alerts per employee: one per `device_alert_gap_secs` (600:
    /// a burst of sign-ins from new browsers, one cause, is one alert, whose
    /// "This wasn't me" link ends every session of the burst).
    DeviceAlerts(&'a str),
    /// Look-ups without a session per client address: `/login/lock`,
    /// `/sign-in-reports` and `/recovery/link`, each a read of the store that
    /// answers something about an ID or a link.
    Lookups(&'a str),
}

impl Limit<'_> {
    fn scope(&self) -> &'static str {
        match self {
            Limit::EmployeeId(_) => "employee_id",
            Limit::Address(_) => "address",
            Limit::RegistrationCode(_) => "registration_code",
            Limit::Messages(_, Channel::Sms) => "messages_sms",
            Limit::Messages(_, Channel::Email) => "messages_email",
            Limit::ResendGap(_, Channel::Sms) => "resend_sms",
            Limit::ResendGap(_, Channel::Email) => "resend_email",
            Limit::PinChecks(_) => "pin_checks",
            Limit::DeskReadBack(_) => "desk_read_back",
            Limit::PasskeySignIns(_) => "passkey_sign_ins",
            Limit::Lookups(_) => "lookups",
            Limit::Notices(_, Channel::Sms) => "notices_sms",
            Limit::Notices(_, Channel::Email) => "notices_email",
            Limit::NoticeDigest(_, Channel::Sms) => "notice_digest_sms",
            Limit::NoticeDigest(_, Channel::Email) => "notice_digest_email",
            Limit::DeviceAlerts(_) => "device_alerts",
        }
    }

    fn subject(&self) -> String {
        match self {
            Limit::Address(address)
            | Limit::PinChecks(address)
            | Limit::PasskeySignIns(address)
            | Limit::Lookups(address) => address_group(address),
            Limit::EmployeeId(id)
            | Limit::RegistrationCode(id)
            | Limit::Messages(id, _)
            | Limit::Notices(id, _)
            | Limit::NoticeDigest(id, _)
            | Limit::DeviceAlerts(id)
            | Limit::ResendGap(id, _)
            | Limit::DeskReadBack(id) => (*id).to_owned(),
        }
    }

    /// The most attempts and how the count starts over, from the policy.
    fn rule(&self, state: &AppState) -> (u32, Reset) {
        let policy = &state.settings().policy;
        let lock = Reset::Lock {
            secs: policy.lockout_secs,
        };
        match self {
            Limit::EmployeeId(_) => (policy.lockout_max_failures, lock),
            Limit::RegistrationCode(_) => (REGISTRATION_CODE_MAX_FAILURES, lock),
            Limit::Address(_) => (
                policy.address_max_failures,
                Reset::Window {
                    secs: policy.lockout_secs,
                },
            ),
            Limit::Messages(..) => (
                policy.messages_per_hour,
                Reset::Window {
                    secs: MESSAGE_WINDOW_SECS,
                },
            ),
            Limit::ResendGap(..) => (
                1,
                Reset::Window {
                    secs: policy.otp_resend_secs,
                },
            ),
            Limit::PinChecks(_) => (PIN_CHECKS_PER_MINUTE, Reset::Window { secs: 60 }),
            Limit::PasskeySignIns(_) => (PASSKEY_SIGN_INS_PER_MINUTE, Reset::Window { secs: 60 }),
            Limit::Lookups(_) => (LOOKUPS_PER_MINUTE, Reset::Window { secs: 60 }),
            Limit::Notices(..) => (
                policy.notices_per_hour,
                Reset::Window {
                    secs: MESSAGE_WINDOW_SECS,
                },
            ),
            Limit::NoticeDigest(..) => (
                1,
                Reset::Window {
                    secs: MESSAGE_WINDOW_SECS,
                },
            ),
            Limit::DeviceAlerts(_) => (
                1,
                Reset::Window {
                    secs: policy.device_alert_gap_secs,
                },
            ),
            Limit::DeskReadBack(_) => (
                desk::READ_BACK_MAX_FAILURES,
                Reset::Lock {
                    secs: desk::READ_BACK_LOCK_SECS,
                },
            ),
        }
    }

    /// The answer when no slot is free.
    fn refusal(&self, retry_after_secs: u64) -> ApiError {
        match self {
            Limit::EmployeeId(_) | Limit::RegistrationCode(_) | Limit::DeskReadBack(_) => {
                ApiError::Locked { retry_after_secs }
            }
            Limit::Address(_) => ApiError::RateLimited {
                retry_after_secs: Some(retry_after_secs),
                message: "Too many failed attempts from this network. Please wait.",
            },
            Limit::Messages(..) => ApiError::RateLimited {
                retry_after_secs: Some(retry_after_secs),
                message: "Too many codes were sent to this contact. Please wait.",
            },
            Limit::ResendGap(..) => ApiError::RateLimited {
                retry_after_secs: Some(retry_after_secs),
                message: "Please wait before asking for another code.",
            },
            Limit::PinChecks(_) => ApiError::RateLimited {
                retry_after_secs: Some(retry_after_secs),
                message: "Too many PIN checks from this network. Please wait.",
            },
            Limit::PasskeySignIns(_) => ApiError::RateLimited {
                retry_after_secs: Some(retry_after_secs),
                message: "Too many passkey sign-ins from this network. Please wait.",
            },
            Limit::Lookups(_) => ApiError::RateLimited {
                retry_after_secs: Some(retry_after_secs),
                message: "Too many requests from this network. Please wait.",
            },
            // Never answered: a notice over the cap is folded, not refused.
            Limit::Notices(..) | Limit::NoticeDigest(..) | Limit::DeviceAlerts(_) => {
                ApiError::RateLimited {
                    retry_after_secs: Some(retry_after_secs),
                    message: "Too many notices to this contact.",
                }
            }
        }
    }
}

/// The client address as the per-address limit counts it: IPv4 whole, IPv6
/// by its /64 (an IPv4-mapped IPv6 address as the IPv4 address it is).
/// Anything else (no peer address) counts as itself.
pub fn address_group(address: &str) -> String {
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let network = u128::from(v6) & !((1u128 << 64) - 1);
                format!("{}/64", std::net::Ipv6Addr::from(network))
            }
        },
        Err(_) => address.to_owned(),
    }
}

/// One slot held of one limit.
struct Hold {
    scope: &'static str,
    subject: String,
    max: u32,
    reset: Reset,
    grant: String,
    taken: Taken,
}

/// Slots taken of one or more limits for one check of a secret. Counted as a
/// failure until it passes; see the module documentation.
#[must_use = "an attempt counts as a failure until it passes or fails"]
pub struct Attempt {
    store: Store,
    now: i64,
    holds: Vec<Hold>,
}

/// Takes a slot of each of `limits`, in order, before anything is checked.
/// When one is full, the slots already taken are given back (nothing was
/// judged) and the answer is that limit's refusal: `locked` for an Employee
/// ID, `rate_limited` for the rest.
pub async fn take(state: &AppState, limits: &[Limit<'_>], now: i64) -> Result<Attempt, ApiError> {
    let mut attempt = Attempt {
        store: state.store().clone(),
        now,
        holds: Vec::with_capacity(limits.len()),
    };
    for limit in limits {
        let (max, reset) = limit.rule(state);
        let grant = token::new_id();
        let subject = limit.subject();
        let taken = state
            .store()
            .take_attempt(limit.scope(), &subject, max, reset, &grant, now)
            .await?;
        if !taken.granted {
            let retry_after_secs = taken
                .resets_at
                .map_or(1, |resets_at| (resets_at - now).max(1) as u64);
            attempt.give_back().await?;
            return Err(limit.refusal(retry_after_secs));
        }
        attempt.holds.push(Hold {
            scope: limit.scope(),
            subject,
            max,
            reset,
            grant,
            taken,
        });
    }
    Ok(attempt)
}

/// The lock in force on `limit`, if any, without taking anything: whether a
/// locked Employee ID may still be offered a step (send a code, see its
/// questions).
pub async fn lock_of(state: &AppState, limit: Limit<'_>, now: i64) -> Result<(), ApiError> {
    let (max, reset) = limit.rule(state);
    let (taken, resets_at) = state
        .store()
        .read_attempts(limit.scope(), &limit.subject())
        .await?;
    let locked = match reset {
        Reset::Lock { .. } => resets_at.is_some_and(|end| end > now),
        Reset::Window { .. } => taken >= i64::from(max) && resets_at.is_some_and(|end| end > now),
    };
    match resets_at.filter(|_| locked) {
        Some(end) => Err(limit.refusal((end - now) as u64)),
        None => Ok(()),
    }
}

/// Clears `limit`'s count for its subject: an Employee ID's run of failures
/// and its lock (the admin's `unlock`), or a resend gap whose code was used.
pub async fn clear(store: &Store, limit: Limit<'_>) -> Result<(), sqlx::Error> {
    store.clear_attempts(limit.scope(), &limit.subject()).await
}

/// What a failed attempt left: whether it locked a subject, and how many
/// tries the tightest consecutive-failure limit has left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure {
    pub locked_for: Option<u64>,
    pub attempts_remaining: u32,
}

impl Attempt {
    /// The secret was right: every slot is given back. Failures before it
    /// stay counted (the PIN was right, the second factor is still to come).
    pub async fn passed(mut self) -> Result<(), ApiError> {
        self.give_back().await
    }

    /// The whole proof succeeded: the run of consecutive failures ends (the
    /// Employee ID's count and lock are cleared); windows keep their count
    /// less this slot.
    pub async fn succeeded(mut self) -> Result<(), ApiError> {
        for hold in std::mem::take(&mut self.holds) {
            match hold.reset {
                Reset::Lock { .. } => self.store.clear_attempts(hold.scope, &hold.subject).await?,
                Reset::Window { .. } => {
                    self.store
                        .give_back_attempt(hold.scope, &hold.subject, hold.reset, &hold.grant)
                        .await?
                }
            }
        }
        Ok(())
    }

    /// Nothing was judged after all (the code had expired, the flow had sent
    /// all it may): every slot is given back.
    pub async fn unjudged(mut self) -> Result<(), ApiError> {
        self.give_back().await
    }

    /// What the slots limit happened (a message was sent): they stay counted.
    pub fn keep(self) {}

    /// The secret was wrong: records `audit` (its kind and detail) for the
    /// employee, and returns the answer ([`Failure::answer`]).
    pub async fn refused(
        self,
        state: &AppState,
        employee_id: &str,
        address: &str,
        audit: (AuditKind, Option<&str>),
        wrong: ApiError,
    ) -> Result<ApiError, ApiError> {
        let (kind, detail) = audit;
        state
            .store()
            .audit(kind, Some(employee_id), address, detail, state.now())
            .await?;
        self.failed()
            .answer(state, employee_id, address, wrong)
            .await
    }

    /// The secret was wrong: the slots stay counted (they were counted when
    /// taken). Returns whether this failure locked a subject, and the tries
    /// left before a lock.
    pub fn failed(self) -> Failure {
        let mut failure = Failure {
            locked_for: None,
            attempts_remaining: u32::MAX,
        };
        for hold in &self.holds {
            let Reset::Lock { .. } = hold.reset else {
                continue;
            };
            if let Some(end) = hold.taken.resets_at.filter(|end| *end > self.now) {
                failure.locked_for = Some((end - self.now) as u64);
            }
            let left = (i64::from(hold.max) - hold.taken.taken).max(0) as u32;
            failure.attempts_remaining = failure.attempts_remaining.min(left);
        }
        failure
    }

    async fn give_back(&mut self) -> Result<(), ApiError> {
        for hold in std::mem::take(&mut self.holds) {
            self.store
                .give_back_attempt(hold.scope, &hold.subject, hold.reset, &hold.grant)
                .await?;
        }
        Ok(())
    }
}

impl Failure {
    /// The answer to the client: `locked` when this failure locked the ID,
    /// else `wrong` with the attempts left (for a code, the fewer of the
    /// code's tries and the ID's). Records the lock in the audit trail.
    pub async fn answer(
        self,
        state: &AppState,
        employee_id: &str,
        address: &str,
        wrong: ApiError,
    ) -> Result<ApiError, ApiError> {
        if let Some(retry_after_secs) = self.locked_for {
            state
                .store()
                .audit(
                    AuditKind::Lock,
                    Some(employee_id),
                    address,
                    None,
                    state.now(),
                )
                .await?;
            return Ok(ApiError::Locked { retry_after_secs });
        }
        let left = self.attempts_remaining;
        Ok(match wrong {
            ApiError::InvalidCredentials { .. } => ApiError::InvalidCredentials {
                attempts_remaining: left,
            },
            ApiError::WrongAnswers { .. } => ApiError::WrongAnswers {
                attempts_remaining: left,
            },
            ApiError::InvalidCode {
                attempts_remaining: code_tries,
            } => ApiError::InvalidCode {
                attempts_remaining: left.min(code_tries),
            },
            // Only a lock counts the tries a passkey has left.
            ApiError::PasskeyRefused { .. } => ApiError::PasskeyRefused {
                attempts_remaining: (left != u32::MAX).then_some(left),
            },
            other => other,
        })
    }
}

/// Takes the attempt of `limits`; a refusal because the ID is locked is
/// recorded in the audit trail as `locked` (with the employee, address and
/// detail of `who`).
pub(crate) async fn take_audited(
    state: &AppState,
    limits: &[Limit<'_>],
    who: (&str, &str, Option<&str>),
    locked: AuditKind,
    now: i64,
) -> Result<Attempt, ApiError> {
    let taken = take(state, limits, now).await;
    if let Err(ApiError::Locked { .. }) = &taken {
        let (employee_id, address, detail) = who;
        state
            .store()
            .audit(locked, Some(employee_id), address, detail, now)
            .await?;
    }
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_addresses_count_by_their_64() {
        assert_eq!(
            address_group("2001:db8:1:2:aaaa:bbbb:cccc:dddd"),
            "2001:db8:1:2::/64"
        );
        assert_eq!(address_group("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_ne!(address_group("2001:db8:1:3::1"), "2001:db8:1:2::/64");
    }

    #[test]
    fn ipv4_addresses_count_whole_however_written() {
        assert_eq!(address_group("203.0.113.9"), "203.0.113.9");
        assert_eq!(address_group("::ffff:203.0.113.9"), "203.0.113.9");
        assert_eq!(address_group("unknown"), "unknown");
    }
}
