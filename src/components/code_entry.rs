//! The one-time PIN step shared by sign-in verification and PIN recovery: the
//! code field with its expiry hint and format check, the resend countdown, and
//! what a failed send or verify means for the page.

use leptos::prelude::*;

use upsers_contract as wire;
use upsers_contract::contact::format_mobile;

use super::{Alert, Countdown, Tone, deadline_in, format_mss, use_countdown};
use crate::api::ApiError;
use crate::components::{Input, TextField, words};
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
/// allowed) before `on_code` gets the digits. A wrong code from the server
/// marks the field invalid and keeps what was typed, selected, so it can be
/// corrected or typed over; a new format error replaces a stale server one.
#[component]
pub fn CodeForm(
    /// What is typed.
    code: RwSignal<String>,
    /// Minutes the code stays valid, for the hint under the field.
    expires_in_secs: u64,
    /// The step's last server problem, shown above the form.
    problem: RwSignal<Option<Problem>>,
    /// True while the code is being checked.
    pending: Signal<bool>,
    on_code: Callback<String>,
    /// "Remember this device" under the field (sign-in only).
    #[prop(optional_no_strip)]
    remember: Option<RememberDevice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let format_error = RwSignal::new(false);
    let minutes = expires_in_secs.div_ceil(60).to_string();
    // A server answer about the typed code itself (wrong, or expired) marks
    // the field too.
    let field_error = move || {
        if format_error.get() {
            return Some(Msg::OtpFormat);
        }
        problem
            .get()
            .map(|problem| problem.msg)
            .filter(|msg| matches!(msg, Msg::InvalidCode | Msg::CodeExpired))
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match otp_digits(&code.get_untracked()) {
            Some(digits) => {
                format_error.set(false);
                on_code.run(digits);
            }
            None => {
                problem.set(None);
                format_error.set(true);
                focus("otp");
            }
        }
    };
    view! {
        <form class="form" novalidate on:submit=on_submit>
            <TextField
                id="otp"
                label=words(Msg::OtpLabel)
                value=code
                input=Input::TEXT.filled_by("one-time-code").named("code").digits(9)
                hint=Signal::derive(move || fill(i18n.t(Msg::OtpExpiresIn), &[("n", &minutes)]))
                error=Signal::derive(move || field_error().map(|msg| i18n.t(msg).to_owned()))
            />
            {remember.map(|RememberDevice { checked, days }| {
                let days = days.to_string();
                view! {
                    <div class="field field--checkbox">
                        <input
                            id="remember-device"
                            type="checkbox"
                            aria-describedby="remember-device-hint"
                            prop:checked=move || checked.get()
                            on:change=move |event| checked.set(event_target_checked(&event))
                        />
                        <label for="remember-device">{move || fill(i18n.t(Msg::RememberDevice), &[("n", &days)])}</label>
                    </div>
                    <p class="hint" id="remember-device-hint">{move || i18n.t(Msg::RememberDeviceHint)}</p>
                }
            })}
            <button type="submit" class="button button--primary" disabled=move || pending.get() data-testid="verify">
                {move || i18n.t(Msg::VerifyButton)}
            </button>
        </form>
    }
}

/// The sign-in's "Remember this device for N days", checked or not: after
/// a right code the API remembers the browser, and a right PIN on it then
/// signs in without a one-time PIN for that long.
#[derive(Clone, Copy)]
pub struct RememberDevice {
    pub checked: RwSignal<bool>,
    /// From the policy; the choice is offered only when it is not 0.
    pub days: u16,
}

/// A code that is out, as every code step shows it (sign-in, reset,
/// registration): where it went, the code form with Verify as the step's one
/// primary action, then the secondary Resend beside any other way on, and the
/// resend countdown under them. After each send the focus is on the code field.
#[component]
pub fn SentCode(
    /// Where the code went.
    #[prop(into)]
    notice: Signal<String>,
    /// Success when the code surely went; information when the API only says
    /// it went if that contact is registered (a reset).
    #[prop(default = Tone::Success)]
    tone: Tone,
    code: RwSignal<String>,
    expires_in_secs: u64,
    problem: RwSignal<Option<Problem>>,
    verifying: Signal<bool>,
    on_code: Callback<String>,
    /// The resend gap of the channel the code went to.
    resend: Countdown,
    sending: Signal<bool>,
    on_resend: Callback<()>,
    /// "Remember this device" under the code (sign-in only).
    #[prop(optional_no_strip)]
    remember: Option<RememberDevice>,
    /// Other ways on, beside Resend.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Alert tone testid="code-sent">{move || notice.get()}</Alert>
        <CodeForm code expires_in_secs problem pending=verifying on_code remember />
        <div class="actions">
            <button
                type="button"
                class="button button--secondary"
                data-testid="resend-code"
                disabled=move || sending.get() || resend.running.get()
                on:click=move |_| on_resend.run(())
            >
                {move || i18n.t(if sending.get() { Msg::Sending } else { Msg::ResendCode })}
            </button>
            {children.map(|children| children())}
        </div>
        <ResendCountdown countdown=resend />
    }
}

/// [`SentCode`] for an answer to "Send code" at sign-in or registration: the
/// notice names where the code went (a number as people read it), and Resend
/// sends to the same channel again.
#[component]
pub fn CodeSentTo(
    answer: wire::CodeSent,
    code: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
    verifying: Signal<bool>,
    on_code: Callback<String>,
    gaps: ResendGaps,
    sending: Signal<bool>,
    /// Sends a code to a channel.
    send: Callback<wire::Channel>,
    /// "Remember this device" under the code (sign-in only).
    #[prop(optional_no_strip)]
    remember: Option<RememberDevice>,
    /// Other ways on, beside Resend.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wire::CodeSent {
        channel,
        destination,
        expires_in_secs,
        ..
    } = answer;
    let destination = match channel {
        wire::Channel::Sms => format_mobile(&destination),
        wire::Channel::Email => destination,
    };
    let notice = Signal::derive(move || fill(i18n.t(Msg::CodeSentTo), &[("dest", &destination)]));
    view! {
        <SentCode
            notice
            code
            expires_in_secs
            problem
            verifying
            on_code
            resend=gaps.countdown(channel)
            sending
            on_resend=Callback::new(move |()| send.run(channel))
            remember
        >
            {children.map(|children| children())}
        </SentCode>
    }
}

/// The resend gap of each channel: a code to one never holds back the first
/// code to the other (the server keeps the gap per channel too).
#[derive(Clone, Copy)]
pub struct ResendGaps {
    sms: (RwSignal<Option<f64>>, Countdown),
    email: (RwSignal<Option<f64>>, Countdown),
}

/// A resend gap per channel, each counting down on its own.
pub fn use_resend_gaps() -> ResendGaps {
    let gap = || {
        let deadline = RwSignal::new(None);
        (deadline, use_countdown(deadline.into()))
    };
    ResendGaps {
        sms: gap(),
        email: gap(),
    }
}

impl ResendGaps {
    fn of(self, channel: wire::Channel) -> (RwSignal<Option<f64>>, Countdown) {
        match channel {
            wire::Channel::Sms => self.sms,
            wire::Channel::Email => self.email,
        }
    }

    /// When the next code to `channel` may be asked for.
    pub fn deadline(self, channel: wire::Channel) -> RwSignal<Option<f64>> {
        self.of(channel).0
    }

    pub fn countdown(self, channel: wire::Channel) -> Countdown {
        self.of(channel).1
    }

    /// The countdown of whichever channel `channel` holds as it changes.
    pub fn countdown_of(self, channel: Signal<wire::Channel>) -> Countdown {
        Countdown {
            remaining: Signal::derive(move || self.countdown(channel.get()).remaining.get()),
            running: Signal::derive(move || self.countdown(channel.get()).running.get()),
        }
    }
}

/// `You can ask for a new one-time PIN in 0:27` while the server's resend gap runs.
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
            <p class="hint resend-countdown" data-testid="resend-countdown">
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
