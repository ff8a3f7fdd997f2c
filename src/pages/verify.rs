//! `/login/verify`: the second factor. The employee picks where the one-time
//! PIN goes (when both a mobile number and an email are registered), enters
//! it, and may resend it once the server's resend gap has passed, or go back
//! and choose the other channel. "Remember this device" under the code
//! lets a right PIN alone sign in on this browser for a while (the policy's
//! days). An employee with a passkey is offered it first (`passkey`), the
//! one-time PIN a button away.

mod passkey;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use upsers_contract as wire;
use upsers_contract::endpoint::{self, FlowId};

use crate::api::{ApiError, use_api};
use crate::components::{
    Alert, CodeSentTo, ContextHelp, ProblemAlert, RememberDevice, ResendCountdown, Tone, code_sent,
    use_page_title, use_resend_gaps,
};
use crate::dom::{focus_after_render, focus_and_select};
use crate::failures::{Problem, code_failure};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pending::Pending;
use crate::routes::{HelpTopic, Page};
use crate::storage;
use passkey::{Offer, PasskeyStep, ask_offer};

#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::VerifyHeading);
    let flow = storage::session_get::<wire::LoginStarted>(storage::FLOW);
    view! {
        <section class="card" aria-labelledby="page-heading">
            <h1 id="page-heading">{move || i18n.t(Msg::VerifyHeading)}</h1>
            {match flow {
                Some(flow) => view! { <VerifyFlow flow /> }.into_any(),
                None => view! {
                    <Alert tone=Tone::Info testid="flow-expired">{move || i18n.t(Msg::FlowExpired)}</Alert>
                    <p><A href=Page::Login.path()>{move || i18n.t(Msg::BackToSignIn)}</A></p>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn VerifyFlow(flow: wire::LoginStarted) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let wire::LoginStarted {
        flow_id, channels, ..
    } = flow;
    let Some(first) = channels.first().map(|option| option.channel) else {
        return view! { <Alert tone=Tone::Error testid="no-channel">{move || i18n.t(Msg::NoChannel)}</Alert> }
            .into_any();
    };

    let channel = RwSignal::new(first);
    let sent = RwSignal::new(None::<wire::CodeSent>);
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let expired_flow = RwSignal::new(false);
    let gaps = use_resend_gaps();
    let chosen_gap = gaps.countdown_of(channel.into());
    let remember = RwSignal::new(false);
    let offer = RwSignal::new(Offer::Asking);
    ask_offer(&api, &flow_id, offer);
    // Which step shows; a new challenge for the passkey redraws nothing.
    let step = Memo::new(move |_| match offer.get() {
        Offer::Asking => 0u8,
        Offer::Passkey(_) => 1,
        Offer::Code => 2,
    });
    let on_over = Callback::new(move |msg: Msg| {
        problem.set(Some(Problem::new(msg)));
        expired_flow.set(true);
        offer.set(Offer::Code);
    });
    let passkey_flow = flow_id.clone();

    let sending = Pending::new();
    let verifying = Pending::new();
    let report = move |error: &ApiError| {
        let (shown, over) = code_failure(error, Msg::FlowExpired);
        problem.set(Some(shown));
        if over {
            expired_flow.set(true);
        }
    };

    let send = Callback::new({
        let (api, flow_id) = (api.clone(), flow_id.clone());
        move |channel: wire::Channel| {
            let request = wire::SendCodeRequest { channel };
            let call = api.call::<endpoint::SendLoginCode>(FlowId(flow_id.clone()), request);
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
    let on_send = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        send.run(channel.get_untracked());
    };
    let on_code = Callback::new(move |digits: String| {
        let request = wire::VerifyCodeRequest {
            code: digits,
            remember_device: remember.get_untracked(),
        };
        let call = api.call::<endpoint::VerifyLoginCode>(FlowId(flow_id.clone()), request);
        let navigate = navigate.clone();
        verifying.send(call, move |result| match result {
            Ok(_) => {
                storage::session_remove(storage::FLOW);
                navigate(&Page::Home.path(), Default::default());
            }
            Err(error) => {
                report(&error);
                focus_and_select("otp");
            }
        });
    });
    // Back to the choice of channel, on the one chosen before.
    let choose_again = move |_| {
        sent.set(None);
        problem.set(None);
        focus_after_render(match channel.get_untracked() {
            wire::Channel::Sms => "channel-sms",
            wire::Channel::Email => "channel-email",
        });
    };

    let several = channels.len() > 1;
    let only = channels.first().map(|option| {
        let msg = match option.channel {
            wire::Channel::Sms => Msg::WillTextTo,
            wire::Channel::Email => Msg::WillEmailTo,
        };
        (msg, option.destination.clone())
    });
    let chooser = move || {
        let (channels, only) = (channels.clone(), only.clone());
        view! {
            <form class="form" novalidate on:submit=on_send>
                <fieldset class="choice" disabled=move || sending.get()>
                    // With one channel there is nothing to choose: the legend
                    // says where the code goes, and the option is not a radio.
                    <legend>{move || match (several, &only) {
                        (false, Some((msg, destination))) => fill(i18n.t(*msg), &[("dest", destination)]),
                        _ => i18n.t(Msg::ChooseChannel).to_owned(),
                    }}</legend>
                    {several.then(|| channels.iter().map(|option| {
                        let value = option.channel;
                        let label = match value {
                            wire::Channel::Sms => Msg::TextTo,
                            wire::Channel::Email => Msg::EmailTo,
                        };
                        let destination = option.destination.clone();
                        let id = format!("channel-{}", value.as_str());
                        view! {
                            <div class="choice__option">
                                <input
                                    type="radio"
                                    name="channel"
                                    id=id.clone()
                                    value=value.as_str()
                                    prop:checked=move || channel.get() == value
                                    on:change=move |_| channel.set(value)
                                />
                                <label for=id>{move || fill(i18n.t(label), &[("dest", &destination)])}</label>
                            </div>
                        }
                    }).collect_view())}
                </fieldset>
                <button
                    type="submit"
                    id="send-code"
                    class="button button--primary"
                    data-testid="send-code"
                    disabled=move || sending.get() || chosen_gap.running.get()
                >
                    {move || i18n.t(if sending.get() { Msg::Sending } else { Msg::SendCode })}
                </button>
                <ResendCountdown countdown=chosen_gap />
            </form>
        }
    };
    let code_step = move || {
        view! {
            <p>{move || i18n.t(Msg::VerifyIntro)}</p>
            <ProblemAlert problem=problem.into() testid="verify-error" />
            {move || expired_flow.get().then(|| view! {
                <p><A href=Page::Login.path()>{move || i18n.t(Msg::BackToSignIn)}</A></p>
            })}
            {move || match sent.get() {
                None => chooser().into_any(),
                Some(answer) => {
                    // Offered only when the policy remembers devices at all.
                    let days = answer.remember_device_days;
                    let remember = (days > 0).then_some(RememberDevice { checked: remember, days });
                    view! {
                    <CodeSentTo
                        answer
                        code
                        problem
                        verifying=verifying.into()
                        on_code
                        gaps
                        sending=sending.into()
                        send
                        remember
                    >
                        {several.then(|| view! {
                            <button type="button" class="button button--secondary" data-testid="another-way" on:click=choose_again>
                                {move || i18n.t(Msg::ChooseAnotherWay)}
                            </button>
                        })}
                    </CodeSentTo>
                }.into_any()
                },
            }}
        }
    };
    view! {
        {move || match step.get() {
            0 => view! { <p role="status">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
            1 => view! { <PasskeyStep flow_id=passkey_flow.clone() offer on_over /> }.into_any(),
            _ => code_step.clone()().into_any(),
        }}
        <p><A href=Page::Login.path()>{move || i18n.t(Msg::BackToSignIn)}</A></p>
        <ContextHelp topic=HelpTopic::Mfa label=Msg::HelpCode />
    }
    .into_any()
}
