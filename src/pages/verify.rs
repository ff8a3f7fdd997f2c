//! `/login/verify`: the second factor. The employee picks where the one-time
//! PIN goes (when both a mobile number and an email are registered), enters
//! it, and may resend it once the server's resend gap has passed.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use upsers_contract as wire;

use crate::api::{ApiError, use_api};
use crate::components::{Alert, Tone, deadline_in, format_mss, use_countdown, use_page_title};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pages::login::{focus, focus_after_render};
use crate::routes::Page;
use crate::storage;
use crate::validation::otp_digits;

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
    let code_error = RwSignal::new(None::<Msg>);
    let problem = RwSignal::new(None::<(Msg, Option<u32>)>);
    let expired_flow = RwSignal::new(false);
    let resend_deadline = RwSignal::new(None::<f64>);
    let resend = use_countdown(resend_deadline.into());

    let send = Action::new_local({
        let api = api.clone();
        let flow_id = flow_id.clone();
        move |channel: &wire::Channel| {
            let api = api.clone();
            let flow_id = flow_id.clone();
            let channel = *channel;
            async move { api.send_code(flow_id, channel).await }
        }
    });
    let verify = Action::new_local({
        let flow_id = flow_id.clone();
        move |code: &String| {
            let api = api.clone();
            let flow_id = flow_id.clone();
            let code = code.clone();
            async move { api.verify_code(flow_id, code).await }
        }
    });

    Effect::new(move |_| {
        let Some(result) = send.value().get() else {
            return;
        };
        match result {
            Ok(answer) => {
                resend_deadline.set(Some(deadline_in(answer.resend_after_secs)));
                problem.set(None);
                sent.set(Some(answer));
                focus_after_render("otp");
            }
            Err(error) => {
                if let ApiError::Server(body) = &error
                    && body.code == wire::ErrorCode::RateLimited
                    && let Some(wait) = body.retry_after_secs
                {
                    resend_deadline.set(Some(deadline_in(wait)));
                }
                report(&error, problem, expired_flow);
            }
        }
    });

    Effect::new(move |_| {
        let Some(result) = verify.value().get() else {
            return;
        };
        match result {
            Ok(_) => {
                storage::session_remove(storage::FLOW);
                navigate(&Page::Home.path(), Default::default());
            }
            Err(error) => {
                code.set(String::new());
                report(&error, problem, expired_flow);
                focus("otp");
            }
        }
    });

    let on_send = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if let Some(channel) = channel.get_untracked() {
            send.dispatch_local(channel);
        }
    };
    let on_verify = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match otp_digits(&code.get_untracked()) {
            Some(digits) => {
                code_error.set(None);
                verify.dispatch_local(digits);
            }
            None => {
                code_error.set(Some(Msg::OtpFormat));
                focus("otp");
            }
        }
    };

    if channels.is_empty() {
        return view! { <Alert tone=Tone::Error testid="no-channel">{move || i18n.t(Msg::NoChannel)}</Alert> }
            .into_any();
    }
    let several = channels.len() > 1;
    view! {
        <p>{move || i18n.t(Msg::VerifyIntro)}</p>
        {move || problem.get().map(|(msg, left)| view! {
            <Alert tone=Tone::Error testid="verify-error">
                <p>{i18n.t(msg)}</p>
                {left.filter(|left| *left > 0).map(|left| view! {
                    <p>{if left == 1 {
                        i18n.t(Msg::AttemptsRemainingOne).to_owned()
                    } else {
                        fill(i18n.t(Msg::AttemptsRemainingMany), &[("n", &left.to_string())])
                    }}</p>
                })}
            </Alert>
        })}
        {move || expired_flow.get().then(|| view! {
            <p><A href=Page::Login.path()>{i18n.t(Msg::BackToSignIn)}</A></p>
        })}
        <form class="form" novalidate on:submit=on_send>
            <fieldset class="choice" disabled=move || send.pending().get() || resend.running.get()>
                <legend>{move || i18n.t(Msg::ChooseChannel)}</legend>
                {channels.iter().map(|option| {
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
                }).collect_view()}
                <button type="submit" class="button button--secondary" data-testid="send-code">
                    {move || i18n.t(if sent.with(Option::is_some) { Msg::ResendCode } else { Msg::SendCode })}
                </button>
            </fieldset>
            {move || resend.running.get().then(|| view! {
                <p class="hint" data-testid="resend-countdown">
                    {move || fill(i18n.t(Msg::ResendIn), &[("time", &format_mss(resend.remaining.get()))])}
                </p>
            })}
        </form>
        {move || sent.get().map(|answer| {
            let destination = answer.destination.clone();
            let minutes = answer.expires_in_secs.div_ceil(60).to_string();
            view! {
                <Alert tone=Tone::Success testid="code-sent">
                    {fill(i18n.t(Msg::CodeSentTo), &[("dest", &destination)])}
                </Alert>
                <form class="form" novalidate on:submit=on_verify>
                    <div class="field">
                        <label for="otp">{i18n.t(Msg::OtpLabel)}</label>
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
                        <p class="hint" id="otp-hint">{fill(i18n.t(Msg::OtpExpiresIn), &[("n", &minutes)])}</p>
                        {move || code_error.get().map(|msg| view! {
                            <p class="field__error" id="otp-error">{i18n.t(msg)}</p>
                        })}
                    </div>
                    <button type="submit" class="button button--primary" disabled=move || verify.pending().get() data-testid="verify">
                        {i18n.t(Msg::VerifyButton)}
                    </button>
                </form>
            }
        })}
        <p><A href=Page::Login.path()>{move || i18n.t(Msg::BackToSignIn)}</A></p>
    }
    .into_any()
}

/// Turns a failed send or verify into the message the page shows.
fn report(
    error: &ApiError,
    problem: RwSignal<Option<(Msg, Option<u32>)>>,
    expired_flow: RwSignal<bool>,
) {
    let shown = match error {
        ApiError::Network => (Msg::NetworkError, None),
        ApiError::Server(body) => match body.code {
            wire::ErrorCode::InvalidCode => (Msg::InvalidCode, body.attempts_remaining),
            wire::ErrorCode::Locked => {
                expired_flow.set(true);
                (Msg::Locked, None)
            }
            wire::ErrorCode::RateLimited => (Msg::RateLimited, None),
            // `fields: ["code"]`: only the code expired; otherwise the whole flow did.
            wire::ErrorCode::Expired if body.fields.iter().any(|field| field == "code") => {
                (Msg::CodeExpired, None)
            }
            wire::ErrorCode::Expired => {
                expired_flow.set(true);
                (Msg::FlowExpired, None)
            }
            wire::ErrorCode::InvalidInput => (Msg::OtpFormat, None),
            wire::ErrorCode::Unavailable => (Msg::Unavailable, None),
            _ => (Msg::GenericError, None),
        },
    };
    problem.set(Some(shown));
}
