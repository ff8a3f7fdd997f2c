//! Step 3: each contact detail given is verified with a one-time PIN (the
//! same code step as sign-in); Continue once all are. Each channel keeps its
//! own resend gap, so a code to the mobile never holds back the email's.

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::contact::format_mobile;
use upsers_contract::endpoint::{self, FlowId};

use super::{RegistrationStep, StepButtons, use_wizard};
use crate::api::{ApiError, use_api};
use crate::components::{CodeSentTo, ProblemAlert, ResendCountdown, code_sent, use_resend_gaps};
use crate::dom::{focus_after_render, focus_and_select};
use crate::failures::{Problem, code_failure};
use crate::i18n::{Msg, use_i18n};
use crate::pending::Pending;

/// The contact details given (a number as people read it), with whether
/// each is verified.
fn contacts(progress: &wire::RegistrationProgress) -> Vec<(wire::Channel, String, bool)> {
    let mobile = progress.mobile.clone().map(|mobile| {
        (
            wire::Channel::Sms,
            format_mobile(&mobile),
            progress.mobile_verified,
        )
    });
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
    // The contact to send to first: the first not verified yet.
    let first_unverified = given
        .iter()
        .find(|(_, _, verified)| !verified)
        .map(|(channel, _, _)| *channel);
    let sent = RwSignal::new(None::<wire::CodeSent>);
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let gaps = use_resend_gaps();

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
                if let Some(answer) = code_sent(result, gaps.deadline(channel), report) {
                    problem.set(None);
                    code.set(String::new());
                    sent.set(Some(answer));
                    focus_after_render("otp");
                }
            });
        }
    });
    let on_code = Callback::new(move |digits: String| {
        let request = wire::VerifyCodeRequest {
            code: digits,
            remember_device: false,
        };
        let call = api.call::<endpoint::VerifyRegistrationCode>(FlowId(wizard.flow_id()), request);
        verifying.send(call, move |result| match result {
            Ok(progress) => wizard.update(progress),
            Err(error) => {
                report(&error);
                focus_and_select("otp");
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
    let code_out_to = move |channel: wire::Channel| {
        sent.with(|sent| sent.as_ref().is_some_and(|sent| sent.channel == channel))
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
                let gap = gaps.countdown(channel);
                // The step's one primary action: sending the first code;
                // once a code is out, Verify is, and Resend sits under it.
                let class = move || if sent.with(Option::is_none) && first_unverified == Some(channel) {
                    "button button--primary"
                } else {
                    "button button--secondary"
                };
                view! {
                    <li class="contact-list__item" data-testid=testid>
                        <span class="contact-list__name">{move || {
                            // A number never wraps inside itself (an email
                            // address may have to, on a narrow phone).
                            let (before, after) = i18n.t(label).split_once("{dest}").unwrap_or(("", ""));
                            let class = (channel == wire::Channel::Sms).then_some("nowrap");
                            view! { {before} <span class=class>{destination.clone()}</span> {after} }
                        }}</span>
                        <span class=if verified { "badge badge--done" } else { "badge badge--todo" }>
                            {move || i18n.t(if verified { Msg::ContactVerified } else { Msg::ContactNotVerified })}
                        </span>
                        {(!verified).then(|| view! {
                            <Show when=move || !code_out_to(channel)>
                                <button
                                    type="button"
                                    class=class
                                    data-testid=format!("send-{}", channel.as_str())
                                    disabled=move || sending.get() || gap.running.get()
                                    on:click=move |_| send_code.run(channel)
                                >
                                    {move || i18n.t(Msg::SendCode)}
                                </button>
                                <ResendCountdown countdown=gap />
                            </Show>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {move || sent.get().map(|answer| view! {
            <CodeSentTo
                answer
                code
                problem
                verifying=verifying.into()
                on_code
                gaps
                sending=sending.into()
                send=send_code
            />
        })}
        <form class="form" novalidate on:submit=on_continue>
            <StepButtons pending=verifying.into() primary=Signal::derive(move || all_verified) />
        </form>
    }
}
