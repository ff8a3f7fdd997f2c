//! Step 3: each contact detail given is verified with a one-time PIN (the
//! same code form and resend countdown as sign-in); Continue once all are.

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint::{self, FlowId};

use super::{RegistrationStep, StepButtons, use_wizard};
use crate::api::{ApiError, use_api};
use crate::components::{
    Alert, CodeForm, ProblemAlert, ResendCountdown, Tone, code_sent, use_countdown,
};
use crate::dom::{focus, focus_after_render};
use crate::failures::{Problem, code_failure};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pending::Pending;

/// The contact details given, with whether each is verified.
fn contacts(progress: &wire::RegistrationProgress) -> Vec<(wire::Channel, String, bool)> {
    let mobile = progress
        .mobile
        .clone()
        .map(|mobile| (wire::Channel::Sms, mobile, progress.mobile_verified));
    let email = progress
        .email
        .clone()
        .map(|email| (wire::Channel::Email, email, progress.email_verified));
    [mobile, email].into_iter().flatten().collect()
}

#[component]
pub fn VerifyContactsStep(progress: wire::RegistrationProgress) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let wizard = use_wizard();
    let given = contacts(&progress);
    let all_verified = given.iter().all(|(_, _, verified)| *verified);
    let sent = RwSignal::new(None::<wire::CodeSent>);
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let resend_deadline = RwSignal::new(None::<f64>);
    let resend = use_countdown(resend_deadline.into());

    let sending = Pending::new();
    let verifying = Pending::new();
    let report = move |error: &ApiError| {
        let (shown, over) = code_failure(error, Msg::RegistrationExpired);
        if over {
            wizard.restart();
        } else {
            problem.set(Some(shown));
        }
    };
    let send_code = Callback::new({
        let api = api.clone();
        move |channel: wire::Channel| {
            let request = wire::SendCodeRequest { channel };
            let call =
                api.call::<endpoint::SendRegistrationCode>(FlowId(wizard.flow_id()), request);
            sending.send(call, move |result| {
                if let Some(answer) = code_sent(result, resend_deadline, report) {
                    problem.set(None);
                    sent.set(Some(answer));
                    focus_after_render("otp");
                }
            });
        }
    });
    let on_code = Callback::new(move |digits: String| {
        let request = wire::VerifyCodeRequest { code: digits };
        let call = api.call::<endpoint::VerifyRegistrationCode>(FlowId(wizard.flow_id()), request);
        verifying.send(call, move |result| match result {
            Ok(progress) => wizard.update(progress),
            Err(error) => {
                code.set(String::new());
                report(&error);
                focus("otp");
            }
        });
    });
    let on_continue = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match wizard.current() {
            Some(enrolment) if all_verified => {
                wizard.advance(enrolment.progress, RegistrationStep::Questions)
            }
            _ => problem.set(Some(Problem::new(Msg::VerifyAllFirst))),
        }
    };

    view! {
        <p>{move || i18n.t(Msg::VerifyContactsIntro)}</p>
        <ProblemAlert problem=problem.into() testid="register-error" />
        <ul class="contact-list">
            {given.into_iter().map(|(channel, destination, verified)| {
                let label = match channel {
                    wire::Channel::Sms => Msg::TextTo,
                    wire::Channel::Email => Msg::EmailTo,
                };
                let testid = format!("contact-{}", channel.as_str());
                view! {
                    <li class="contact-list__item" data-testid=testid>
                        <span class="contact-list__name">{move || fill(i18n.t(label), &[("dest", &destination)])}</span>
                        <span class=if verified { "badge badge--done" } else { "badge" }>
                            {move || i18n.t(if verified { Msg::ContactVerified } else { Msg::ContactNotVerified })}
                        </span>
                        {(!verified).then(|| view! {
                            <button
                                type="button"
                                class="button button--secondary"
                                data-testid=format!("send-{}", channel.as_str())
                                disabled=move || sending.get() || resend.running.get()
                                on:click=move |_| send_code.run(channel)
                            >
                                {move || i18n.t(
                                    if sent.with(|sent| sent.as_ref().is_some_and(|sent| sent.channel == channel)) {
                                        Msg::ResendCode
                                    } else {
                                        Msg::SendCode
                                    },
                                )}
                            </button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        <ResendCountdown countdown=resend />
        {move || sent.get().map(|answer| {
            let destination = answer.destination.clone();
            view! {
                <Alert tone=Tone::Success testid="code-sent">
                    {move || fill(i18n.t(Msg::CodeSentTo), &[("dest", &destination)])}
                </Alert>
                <CodeForm code expires_in_secs=answer.expires_in_secs pending=verifying.into() on_code />
            }
        })}
        <form class="form" novalidate on:submit=on_continue>
            <StepButtons pending=verifying.into() />
        </form>
    }
}
