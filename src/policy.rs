//! The policy the API enforces (`GET /api/v1/policy`), asked once per app and
//! shared through context, so every form checks lengths by the same numbers
//! the server does. Until the answer arrives (or if it never does) the
//! product's defaults apply; the server decides in any case.

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::api::use_api;
use crate::i18n::{I18n, Msg, fill};

/// PRODUCT.md's numbers, used until the API has answered.
const DEFAULT_ID_DIGITS: u8 = 7;
const DEFAULT_PIN_MIN: u16 = 8;
const DEFAULT_PIN_MAX: u16 = 64;
const DEFAULT_LOCKOUT_SECS: u64 = 15 * 60;
const DEFAULT_IDLE_SECS: u64 = 15 * 60;
const DEFAULT_ABSOLUTE_SECS: u64 = 8 * 60 * 60;
const DEFAULT_MAX_FAILURES: u32 = 3;
const DEFAULT_OTP_DIGITS: u8 = 6;
const DEFAULT_OTP_TTL_SECS: u64 = 10 * 60;
const DEFAULT_OTP_RESEND_SECS: u64 = 30;

/// The policy as a signal, `None` until the API has answered. A plain signal
/// filled by one task, not a `LocalResource`: nothing refetches it, and the
/// async-derived machinery of a resource would be in the first load for it.
#[derive(Clone, Copy)]
pub struct PolicyContext(ReadSignal<Option<wire::Policy>>);

impl PolicyContext {
    /// The policy, once the API has answered.
    pub fn get(&self) -> Option<wire::Policy> {
        self.0.get()
    }

    /// How many digits an Employee ID has.
    pub fn id_digits(&self) -> u8 {
        self.get()
            .map_or(DEFAULT_ID_DIGITS, |policy| policy.employee_id.digits)
    }

    /// The shortest new PIN the API accepts.
    pub fn pin_min(&self) -> u16 {
        self.get()
            .map_or(DEFAULT_PIN_MIN, |policy| policy.pin.min_length)
    }

    /// How long a lock lasts.
    pub fn lockout_secs(&self) -> u64 {
        self.get()
            .map_or(DEFAULT_LOCKOUT_SECS, |policy| policy.lockout.lockout_secs)
    }

    /// How long a session lasts without activity.
    pub fn idle_secs(&self) -> u64 {
        self.get()
            .map_or(DEFAULT_IDLE_SECS, |policy| policy.session.idle_secs)
    }

    /// `msg` with the PIN lengths filled in: `{min}`, `{max}`, and `{n}`, the
    /// bound the message is about (the longest for "too long", else the
    /// shortest). One place for every PIN hint and length error.
    pub fn pin_lengths_in(&self, i18n: I18n, msg: Msg) -> String {
        let (min, max) = (self.pin_min().to_string(), self.pin_max().to_string());
        let n = if msg == Msg::PinTooLong { &max } else { &min };
        fill(i18n.t(msg), &[("n", n), ("min", &min), ("max", &max)])
    }

    /// Failures in a row that lock an Employee ID.
    pub fn max_failures(&self) -> u32 {
        self.get()
            .map_or(DEFAULT_MAX_FAILURES, |policy| policy.lockout.max_failures)
    }

    /// How long a session lasts however active it is.
    pub fn absolute_secs(&self) -> u64 {
        self.get()
            .map_or(DEFAULT_ABSOLUTE_SECS, |policy| policy.session.absolute_secs)
    }

    /// A one-time PIN's digits, how long it is valid, and the gap before
    /// another may be sent.
    pub fn otp(&self) -> (u8, u64, u64) {
        self.get().map_or(
            (
                DEFAULT_OTP_DIGITS,
                DEFAULT_OTP_TTL_SECS,
                DEFAULT_OTP_RESEND_SECS,
            ),
            |policy| {
                (
                    policy.otp.digits,
                    policy.otp.ttl_secs,
                    policy.otp.resend_secs,
                )
            },
        )
    }

    /// `text` with the policy's numbers filled in, as the Help guides name
    /// them: `{attempts}`, `{lock}`, `{pin_min}`, `{pin_max}`,
    /// `{code_digits}`, `{code_valid}`, `{resend}`, `{idle}`, `{absolute}`.
    /// An operator's policy is then what the guides say.
    pub fn numbers_in(&self, i18n: I18n, text: &str) -> String {
        let (code_digits, code_valid, resend) = self.otp();
        fill(
            text,
            &[
                ("attempts", &self.max_failures().to_string()),
                ("lock", &i18n.duration(self.lockout_secs())),
                ("pin_min", &self.pin_min().to_string()),
                ("pin_max", &self.pin_max().to_string()),
                ("code_digits", &code_digits.to_string()),
                ("code_valid", &i18n.duration(code_valid)),
                ("resend", &i18n.duration(resend)),
                ("idle", &i18n.duration(self.idle_secs())),
                ("absolute", &i18n.duration(self.absolute_secs())),
            ],
        )
    }

    /// The longest PIN the API accepts.
    pub fn pin_max(&self) -> u16 {
        self.get()
            .map_or(DEFAULT_PIN_MAX, |policy| policy.pin.max_length)
    }
}

/// Asks the API for the policy; call once, after `provide_api`.
pub fn provide_policy() {
    let (policy, set_policy) = signal(None);
    let request = use_api().call::<endpoint::GetPolicy>((), ());
    leptos::task::spawn_local(async move {
        if let Ok(answer) = request.await {
            set_policy.try_set(Some(answer));
        }
    });
    provide_context(PolicyContext(policy));
}

pub fn use_policy() -> PolicyContext {
    expect_context::<PolicyContext>()
}
