//! The one-time PIN step shared by sign-in verification and PIN recovery: the
//! code field with its expiry hint and format check, the resend countdown, and
//! what a failed send or verify means for the page.

use leptos::prelude::*;
use upsers_contract as wire;

use super::{Alert, Countdown, Tone, format_mss};
use crate::api::ApiError;
use crate::i18n::{Msg, fill, use_i18n};
use crate::pages::login::focus;
use crate::validation::otp_digits;

/// What the page says after a failed call, and the attempts left if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Problem {
    pub msg: Msg,
    pub attempts_left: Option<u32>,
}

impl Problem {
    pub fn new(msg: Msg) -> Self {
        Problem {
            msg,
            attempts_left: None,
        }
    }
}

/// A failed send or verify of a one-time PIN: the message, and whether the
/// whole flow is over (expired, or locked) so the page offers to start again.
pub fn code_failure(error: &ApiError, flow_expired: Msg) -> (Problem, bool) {
    let body = match error {
        ApiError::Network => return (Problem::new(Msg::NetworkError), false),
        ApiError::Server(body) => body,
    };
    match body.code {
        wire::ErrorCode::InvalidCode => (
            Problem {
                msg: Msg::InvalidCode,
                attempts_left: body.attempts_remaining,
            },
            false,
        ),
        wire::ErrorCode::Locked => (Problem::new(Msg::Locked), true),
        wire::ErrorCode::RateLimited => (Problem::new(Msg::RateLimited), false),
        wire::ErrorCode::CodeExpired => (Problem::new(Msg::CodeExpired), false),
        wire::ErrorCode::Expired => (Problem::new(flow_expired), true),
        wire::ErrorCode::InvalidInput => (Problem::new(Msg::OtpFormat), false),
        wire::ErrorCode::Unavailable => (Problem::new(Msg::Unavailable), false),
        _ => (Problem::new(Msg::GenericError), false),
    }
}

/// The API says this flow is over (expired, used, or not this browser's),
/// not only its code.
pub fn is_flow_over(error: &ApiError) -> bool {
    matches!(error, ApiError::Server(body) if body.code == wire::ErrorCode::Expired)
}

/// The message for failures every step of a flow shares.
pub fn general_problem(error: &ApiError) -> Problem {
    match error {
        ApiError::Network => Problem::new(Msg::NetworkError),
        ApiError::Server(body) => Problem::new(match body.code {
            wire::ErrorCode::RateLimited => Msg::RateLimited,
            wire::ErrorCode::Unavailable => Msg::Unavailable,
            _ => Msg::GenericError,
        }),
    }
}

/// An error alert with the attempts left under it, when there are some.
#[component]
pub fn ProblemAlert(problem: Signal<Option<Problem>>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        problem.get().map(|Problem { msg, attempts_left }| {
            view! {
                <Alert tone=Tone::Error testid>
                    <p>{move || i18n.t(msg)}</p>
                    {attempts_left.filter(|left| *left > 0).map(|left| view! {
                        <p data-testid="attempts-remaining">{move || if left == 1 {
                            i18n.t(Msg::AttemptsRemainingOne).to_owned()
                        } else {
                            fill(i18n.t(Msg::AttemptsRemainingMany), &[("n", &left.to_string())])
                        }}</p>
                    })}
                </Alert>
            }
        })
    }
}

/// The `One-time PIN` form: checks the format (six digits, spaces and dashes
/// allowed) before `on_code` gets the digits.
#[component]
pub fn CodeForm(
    /// What is typed; the page clears it after a wrong code.
    code: RwSignal<String>,
    /// Minutes the code stays valid, for the hint under the field.
    expires_in_secs: u64,
    /// True while the code is being checked.
    pending: Signal<bool>,
    on_code: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let code_error = RwSignal::new(None::<Msg>);
    let minutes = expires_in_secs.div_ceil(60).to_string();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match otp_digits(&code.get_untracked()) {
            Some(digits) => {
                code_error.set(None);
                on_code.run(digits);
            }
            None => {
                code_error.set(Some(Msg::OtpFormat));
                focus("otp");
            }
        }
    };
    view! {
        <form class="form" novalidate on:submit=on_submit>
            <div class="field">
                <label for="otp">{move || i18n.t(Msg::OtpLabel)}</label>
                <input
                    id="otp"
                    name="code"
                    type="text"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    maxlength="9"
                    aria-invalid=move || code_error.get().is_some().to_string()
                    aria-describedby=move || if code_error.get().is_some() { "otp-error otp-hint" } else { "otp-hint" }
                    prop:value=move || code.get()
                    on:input=move |event| code.set(event_target_value(&event))
                />
                <p class="hint" id="otp-hint">{move || fill(i18n.t(Msg::OtpExpiresIn), &[("n", &minutes)])}</p>
                {move || code_error.get().map(|msg| view! {
                    <p class="field__error" id="otp-error">{i18n.t(msg)}</p>
                })}
            </div>
            <button type="submit" class="button button--primary" disabled=move || pending.get() data-testid="verify">
                {move || i18n.t(Msg::VerifyButton)}
            </button>
        </form>
    }
}

/// `You can ask for a new code in 0:27` while the server's resend gap runs.
/// The ticking text is not a live region (a screen reader would read it every
/// second); a polite announcement says once when a new code may be asked for.
#[component]
pub fn ResendCountdown(countdown: Countdown) -> impl IntoView {
    let i18n = use_i18n();
    let ready = RwSignal::new(false);
    Effect::new(move |was_running: Option<bool>| {
        let running = countdown.running.get();
        ready.set(was_running == Some(true) && !running);
        running
    });
    view! {
        <p class="visually-hidden" aria-live="polite" data-testid="resend-announcer">
            {move || ready.get().then(|| i18n.t(Msg::ResendReady))}
        </p>
        {move || countdown.running.get().then(|| view! {
            <p class="hint" data-testid="resend-countdown">
                {move || fill(i18n.t(Msg::ResendIn), &[("time", &format_mss(countdown.remaining.get()))])}
            </p>
        })}
    }
}
