//! `/login/verify`: the second factor. The employee picks where the one-time
//! PIN goes (when both a mobile number and an email are registered), enters
//! it, and may resend it once the server's resend gap has passed.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use upsers_contract as wire;
use upsers_contract::endpoint::{self, FlowId};

use crate::api::{ApiError, use_api};
use crate::components::{
    Alert, CodeForm, ContextHelp, ProblemAlert, ResendCountdown, Tone, code_sent, use_countdown,
    use_page_title,
};
use crate::dom::{focus, focus_after_render};
use crate::failures::{Problem, code_failure};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pending::Pending;
use crate::routes::{HelpTopic, Page};
use crate::storage;

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

    let channel = RwSignal::new(channels.first().map(|option| option.channel));
    let sent = RwSignal::new(None::<wire::CodeSent>);
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let expired_flow = RwSignal::new(false);
    let resend_deadline = RwSignal::new(None::<f64>);
    let resend = use_countdown(resend_deadline.into());

    let sending = Pending::new();
    let verifying = Pending::new();
    let report = move |error: &ApiError| {
        let (shown, over) = code_failure(error, Msg::FlowExpired);
        problem.set(Some(shown));
        if over {
            expired_flow.set(true);
        }
    };

    let on_send = {
        let (api, flow_id) = (api.clone(), flow_id.clone());
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let Some(channel) = channel.get_untracked() else {
                return;
            };
            let request = wire::SendCodeRequest { channel };
            let call = api.call::<endpoint::SendLoginCode>(FlowId(flow_id.clone()), request);
            sending.send(call, move |result| {
                if let Some(answer) = code_sent(result, resend_deadline, report) {
                    problem.set(None);
                    sent.set(Some(answer));
                    focus_after_render("otp");
                }
            });
        }
    };
    let on_code = Callback::new(move |digits: String| {
        let request = wire::VerifyCodeRequest { code: digits };
        let call = api.call::<endpoint::VerifyLoginCode>(FlowId(flow_id.clone()), request);
        let navigate = navigate.clone();
        verifying.send(call, move |result| match result {
            Ok(_) => {
                storage::session_remove(storage::FLOW);
                navigate(&Page::Home.path(), Default::default());
            }
            Err(error) => {
                code.set(String::new());
                report(&error);
                focus("otp");
            }
        });
    });

    if channels.is_empty() {
        return view! { <Alert tone=Tone::Error testid="no-channel">{move || i18n.t(Msg::NoChannel)}</Alert> }
            .into_any();
    }
    let several = channels.len() > 1;
    let only = channels.first().map(|option| {
        let msg = match option.channel {
            wire::Channel::Sms => Msg::WillTextTo,
            wire::Channel::Email => Msg::WillEmailTo,
        };
        (msg, option.destination.clone())
    });
    view! {
        <p>{move || i18n.t(Msg::VerifyIntro)}</p>
        <ProblemAlert problem=problem.into() testid="verify-error" />
        {move || expired_flow.get().then(|| view! {
            <p><A href=Page::Login.path()>{move || i18n.t(Msg::BackToSignIn)}</A></p>
        })}
        <form class="form" novalidate on:submit=on_send>
            <fieldset class="choice" disabled=move || sending.get() || resend.running.get()>
                // With one channel there is nothing to choose: the legend says
                // where the code goes, and the one option is not a radio.
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
                                hidden=!several
                                prop:checked=move || channel.get() == Some(value)
                                on:change=move |_| channel.set(Some(value))
                            />
                            <label for=id>{move || fill(i18n.t(label), &[("dest", &destination)])}</label>
                        </div>
                    }
                }).collect_view())}
                // The step's main action until a code is sent; then Verify is,
                // and this becomes the secondary Resend.
                <button
                    type="submit"
                    class=move || if sent.with(Option::is_some) { "button button--secondary" } else { "button button--primary" }
                    data-testid="send-code"
                >
                    {move || i18n.t(if sending.get() {
                        Msg::Sending
                    } else if sent.with(Option::is_some) {
                        Msg::ResendCode
                    } else {
                        Msg::SendCode
                    })}
                </button>
            </fieldset>
            <ResendCountdown countdown=resend />
        </form>
        {move || sent.get().map(|answer| {
            let destination = answer.destination.clone();
            view! {
                <Alert tone=Tone::Success testid="code-sent">
                    {move || fill(i18n.t(Msg::CodeSentTo), &[("dest", &destination)])}
                </Alert>
                <CodeForm code expires_in_secs=answer.expires_in_secs pending=verifying.into() on_code />
            }
        })}
        <p><A href=Page::Login.path()>{move || i18n.t(Msg::BackToSignIn)}</A></p>
        <ContextHelp topic=HelpTopic::Mfa label=Msg::HelpCode />
    }
    .into_any()
}
