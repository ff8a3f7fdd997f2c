//! "Confirm it's you": the step-up My account's changes ask for. A change of
//! what recovers the account (a contact detail, the challenge questions, a
//! passkey) always asks for a one-time PIN to a channel the employee has
//! verified, made for that change: a session left open on a shared PC, or a
//! copied cookie, is then not enough to take the account over. A removal
//! only protects, and asks once the sign-in is a few minutes old: the
//! current PIN (which the API counts toward the lockout like any PIN) or a
//! one-time PIN.

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint::{self, FlowId};

use crate::api::{Api, ApiError, use_api};
use crate::components::{
    CodeSentTo, Input, Leaving, ProblemAlert, ShowPinToggle, TextField, code_sent, to_sign_in,
    use_resend_gaps, words,
};
use crate::dom::{focus, focus_after_render, focus_and_select};
use crate::failures::{Problem, code_failure, general_problem};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pending::Pending;

use crate::time::local_time;

/// What a change asks the session to have proven.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    /// A removal: the sign-in or a step-up, within the last few minutes.
    Recent,
    /// A change of what recovers the account: a one-time PIN made for it.
    Recovery,
}

impl Proof {
    fn missing(self, state: &wire::StepUpState) -> bool {
        match self {
            Proof::Recent => state.needs_step_up(),
            Proof::Recovery => state.needs_recovery_step_up(),
        }
    }
}

/// Asks the API whether a change needing `proof` needs a step-up now, then
/// either runs `fresh` at once or hands the step-up's state to `stale`.
pub fn ask_step_up(
    api: &Api,
    pending: Pending,
    problem: RwSignal<Option<Problem>>,
    proof: Proof,
    fresh: impl FnOnce() + 'static,
    stale: impl FnOnce(wire::StepUpState) + 'static,
) {
    pending.send(
        api.call::<endpoint::GetStepUp>((), ()),
        move |result| match result {
            Ok(state) if proof.missing(&state) => stale(state),
            Ok(_) => fresh(),
            Err(ApiError::Server(body)) if body.code == wire::ErrorCode::Unauthenticated => {
                to_sign_in(Leaving::Expired)
            }
            Err(error) => problem.set(Some(general_problem(&error))),
        },
    );
}

#[component]
pub fn StepUpForm(
    /// The API's answer: where a one-time PIN can go.
    state: wire::StepUpState,
    /// What the change needs: for a recovery change, a one-time PIN only.
    proof: Proof,
    /// What the step-up is for ("to change your contact details").
    purpose: Msg,
    /// Runs once the API has taken the PIN or the code.
    on_done: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let pin = RwSignal::new(String::new());
    let show = RwSignal::new(false);
    let pin_missing = RwSignal::new(false);
    let pin_wrong = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let sent = RwSignal::new(None::<wire::CodeSent>);
    let code = RwSignal::new(String::new());
    let gaps = use_resend_gaps();
    let confirming = Pending::new();
    let sending = Pending::new();
    let verifying = Pending::new();

    let on_pin = {
        let api = api.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let typed = pin.get_untracked();
            if typed.is_empty() {
                pin_missing.set(true);
                problem.set(None);
                focus("step-up-pin");
                return;
            }
            pin_missing.set(false);
            let request = wire::StepUpPinRequest { pin: typed };
            confirming.send(
                api.call::<endpoint::StepUpWithPin>((), request),
                move |result| match result {
                    Ok(_) => on_done.run(()),
                    Err(ApiError::Server(body)) => match body.code {
                        wire::ErrorCode::InvalidCredentials => {
                            pin_wrong.set(true);
                            problem.set(Some(Problem {
                                msg: Msg::CurrentPinWrong,
                                attempts_left: body.attempts_remaining,
                            }));
                            focus_and_select("step-up-pin");
                        }
                        wire::ErrorCode::Locked => problem.set(Some(Problem::new(Msg::Locked))),
                        wire::ErrorCode::Unauthenticated => to_sign_in(Leaving::Expired),
                        _ => problem.set(Some(general_problem(&ApiError::Server(body)))),
                    },
                    Err(error) => problem.set(Some(general_problem(&error))),
                },
            );
        }
    };
    let report = move |error: &ApiError| match error {
        ApiError::Server(body) if body.code == wire::ErrorCode::Unauthenticated => {
            to_sign_in(Leaving::Expired)
        }
        _ => {
            let (shown, over) = code_failure(error, Msg::StepUpExpired);
            if over {
                sent.set(None);
            }
            problem.set(Some(shown));
        }
    };
    let send_code = Callback::new({
        let api = api.clone();
        move |channel: wire::Channel| {
            let request = wire::SendCodeRequest { channel };
            sending.send(
                api.call::<endpoint::SendStepUpCode>((), request),
                move |result| {
                    if let Some(answer) = code_sent(result, gaps.deadline(channel), report) {
                        problem.set(None);
                        code.set(String::new());
                        sent.set(Some(answer));
                        focus_after_render("otp");
                    }
                },
            );
        }
    });
    let on_code = Callback::new(move |digits: String| {
        let Some(flow_id) = sent.with_untracked(|sent| sent.as_ref().map(|s| s.flow_id.clone()))
        else {
            return;
        };
        let request = wire::VerifyCodeRequest {
            code: digits,
            remember_device: false,
        };
        verifying.send(
            api.call::<endpoint::VerifyStepUpCode>(FlowId(flow_id), request),
            move |result| match result {
                Ok(_) => on_done.run(()),
                Err(error) => {
                    report(&error);
                    focus_and_select("otp");
                }
            },
        );
    });
    let pin_error = move || {
        if pin_missing.get() {
            Some(Msg::CurrentPinRequired)
        } else {
            None
        }
    };
    let field_type = move || if show.get() { "text" } else { "password" };
    // A contact added lately settles before it proves a change of what
    // recovers the account: the API takes no such proof from it.
    let settling = state.settling;
    let channels: Vec<_> = state
        .channels
        .into_iter()
        .filter(|option| {
            proof == Proof::Recent || settling.iter().all(|held| held.channel != option.channel)
        })
        .collect();
    let settles_at = settling
        .iter()
        .map(|held| held.settles_at)
        .min()
        .filter(|_| proof == Proof::Recovery);

    view! {
        <div class="step-up" data-testid="step-up">
            <h3 id="step-up-heading" tabindex="-1">{move || i18n.t(Msg::StepUpHeading)}</h3>
            {settles_at.map(|at| view! {
                <p data-testid="step-up-settling">
                    {move || fill(i18n.t(Msg::StepUpSettling), &[("time", &local_time(at, i18n.locale().tag()))])}
                </p>
            })}
            <p>{move || i18n.t(purpose)}</p>
            <ProblemAlert problem=problem.into() testid="step-up-error" />
            {move || match sent.get() {
                None => view! {
                    {(proof == Proof::Recent).then(|| view! {
                        <form class="form" novalidate on:submit=on_pin.clone()>
                            <TextField
                                id="step-up-pin"
                                label=words(Msg::CurrentPinLabel)
                                value=pin
                                input=Input::TEXT.filled_by("current-password").named("pin")
                                kind=Signal::derive(field_type)
                                error=Signal::derive(move || pin_error().map(|msg| i18n.t(msg).to_owned()))
                                invalid=pin_wrong
                                on_input=move |_| pin_wrong.set(false)
                            >
                                <ShowPinToggle shown=show controls="step-up-pin" />
                            </TextField>
                            <div class="actions">
                                <button type="submit" class="button button--primary" data-testid="step-up-confirm" disabled=move || confirming.get()>
                                    {move || i18n.t(if confirming.get() { Msg::Working } else { Msg::StepUpConfirm })}
                                </button>
                                <button type="button" class="button button--secondary" data-testid="step-up-cancel" on:click=move |_| on_cancel.run(())>
                                    {move || i18n.t(Msg::CancelButton)}
                                </button>
                            </div>
                        </form>
                        {(!channels.is_empty()).then(|| view! {
                            <p>{move || i18n.t(Msg::StepUpOrCode)}</p>
                        })}
                    })}
                    <div class="actions">
                        {channels.iter().cloned().map(|option| {
                            let channel = option.channel;
                            let label = match channel {
                                wire::Channel::Sms => Msg::TextTo,
                                wire::Channel::Email => Msg::EmailTo,
                            };
                            view! {
                                <button
                                    type="button"
                                    class="button button--secondary"
                                    data-testid=format!("step-up-send-{}", channel.as_str())
                                    disabled=move || sending.get() || gaps.countdown(channel).running.get()
                                    on:click=move |_| send_code.run(channel)
                                >
                                    {move || fill(i18n.t(label), &[("dest", &option.destination)])}
                                </button>
                            }
                        }).collect_view()}
                        {(proof == Proof::Recovery).then(|| view! {
                            <button type="button" class="button button--secondary" data-testid="step-up-cancel" on:click=move |_| on_cancel.run(())>
                                {move || i18n.t(Msg::CancelButton)}
                            </button>
                        })}
                    </div>
                }.into_any(),
                Some(answer) => view! {
                    <CodeSentTo
                        answer
                        code
                        problem
                        verifying=verifying.into()
                        on_code
                        gaps
                        sending=sending.into()
                        send=send_code
                    >
                        <button type="button" class="button button--secondary" data-testid="step-up-cancel" on:click=move |_| on_cancel.run(())>
                            {move || i18n.t(Msg::CancelButton)}
                        </button>
                    </CodeSentTo>
                }.into_any(),
            }}
        </div>
    }
}
