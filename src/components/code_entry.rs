//! The one-time PIN step shared by sign-in verification and PIN recovery: the
//! code field with its expiry hint and format check, the resend countdown, and
//! what a failed send or verify means for the page.

use leptos::prelude::*;

use upsers_contract as wire;

use super::{Alert, Countdown, Tone, deadline_in, format_mss};
use crate::api::ApiError;
use crate::dom::focus;
use crate::failures::{Problem, resend_wait};
use crate::i18n::{Msg, fill, use_i18n};
use crate::policy::use_policy;
use crate::validation::otp_digits;

/// An error alert with the attempts left under it, when there are some.
#[component]
pub fn ProblemAlert(problem: Signal<Option<Problem>>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let policy = use_policy();
    move || {
        problem.get().map(|Problem { msg, attempts_left }| {
            view! {
                <Alert tone=Tone::Error testid>
                    <p>{move || i18n.t(msg)}</p>
                    {attempts_left.filter(|left| *left > 0).map(|left| view! {
                        <p data-testid="attempts-remaining">{move || {
                            let msg = if left == 1 { Msg::AttemptsRemainingOne } else { Msg::AttemptsRemainingMany };
                            let duration = i18n.duration(policy.lockout_secs());
                            fill(i18n.t(msg), &[("n", &left.to_string()), ("duration", &duration)])
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

/// An answer to "Send code", which says when the next may be asked for.
pub trait CodeSentAnswer {
    fn resend_after_secs(&self) -> u64;
}

impl CodeSentAnswer for wire::CodeSent {
    fn resend_after_secs(&self) -> u64 {
        self.resend_after_secs
    }
}

impl CodeSentAnswer for wire::RecoveryCodeSent {
    fn resend_after_secs(&self) -> u64 {
        self.resend_after_secs
    }
}

/// What every "Send code" does with the answer: the resend countdown starts
/// from the server's gap, also when it refused because the gap had not
/// passed; a refusal goes to `report`. Returns the code sent, for the step to
/// show.
pub fn code_sent<T: CodeSentAnswer>(
    result: Result<T, ApiError>,
    resend_deadline: RwSignal<Option<f64>>,
    report: impl FnOnce(&ApiError),
) -> Option<T> {
    match result {
        Ok(answer) => {
            resend_deadline.set(Some(deadline_in(answer.resend_after_secs())));
            Some(answer)
        }
        Err(error) => {
            if let Some(wait) = resend_wait(&error) {
                resend_deadline.set(Some(deadline_in(wait)));
            }
            report(&error);
            None
        }
    }
}
