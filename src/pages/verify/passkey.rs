//! The passkey as the second step: offered first to an employee who has one
//! ("Use your passkey"), with "Send a code instead" always beside it. The
//! challenge is asked for as the page opens, so the button calls the
//! browser at once; a refused or expired one is replaced for the next try.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use upsers_contract as wire;
use upsers_contract::endpoint::{self, FlowId};

use crate::api::{Api, ApiError, use_api};
use crate::components::{Alert, Tone};
use crate::dom::focus_after_render;
use crate::i18n::{Msg, use_i18n};
use crate::passkey::{self, Mediation};
use crate::routes::Page;
use crate::storage;

/// Whether a passkey is offered, and its challenge while it is.
#[derive(Clone, Debug, PartialEq)]
pub enum Offer {
    /// Asking the API whether the employee has one.
    Asking,
    Passkey(wire::PasskeyChallenge),
    /// No passkey (or no way to use one here): the one-time PIN.
    Code,
}

/// Asks the API for the challenge of the employee's passkeys (none where the
/// browser cannot use one) and sets `offer` by the answer.
pub fn ask_offer(api: &Api, flow_id: &str, offer: RwSignal<Offer>) {
    if !passkey::available() {
        offer.set(Offer::Code);
        return;
    }
    let call = api.call::<endpoint::StartPasskeyStep>(FlowId(flow_id.to_owned()), ());
    leptos::task::spawn_local_scoped(async move {
        let next = match call.await {
            Ok(challenge) => Offer::Passkey(challenge),
            Err(_) => Offer::Code,
        };
        let _ = offer.try_set(next);
    });
}

#[component]
pub fn PasskeyStep(
    flow_id: String,
    offer: RwSignal<Offer>,
    /// The flow is over (expired, or the ID locked): `Msg` says why.
    on_over: Callback<Msg>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let problem = RwSignal::new(None::<Msg>);
    let busy = RwSignal::new(false);

    let on_use = move |_| {
        let Offer::Passkey(challenge) = offer.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let (api, flow_id, navigate) = (api.clone(), flow_id.clone(), navigate.clone());
        leptos::task::spawn_local_scoped(async move {
            let credential = passkey::get(&challenge.options, Mediation::Modal).await;
            let answer = match credential {
                Ok(credential) => {
                    let answer = wire::PasskeyAnswer {
                        challenge_id: challenge.challenge_id,
                        credential,
                    };
                    let path = FlowId(flow_id.clone());
                    Some(api.call::<endpoint::FinishPasskeyStep>(path, answer).await)
                }
                Err(failure) => {
                    problem.set(failure.msg());
                    None
                }
            };
            busy.set(false);
            match answer {
                None => {}
                Some(Ok(_)) => {
                    storage::session_remove(storage::FLOW);
                    navigate(&Page::Home.path(), Default::default());
                    return;
                }
                Some(Err(ApiError::Server(body))) if body.code == wire::ErrorCode::Expired => {
                    return on_over.run(Msg::FlowExpired);
                }
                Some(Err(ApiError::Server(body)))
                    if body.code == wire::ErrorCode::Locked && !body.names(wire::PASSKEY_FIELD) =>
                {
                    return on_over.run(Msg::Locked);
                }
                Some(Err(error)) => {
                    problem.set(Some(passkey::api_failure(&error)));
                    // The challenge was taken: the next try needs another.
                    ask_offer(&api, &flow_id, offer);
                }
            }
            if problem.get_untracked().is_some() {
                focus_after_render("passkey-error");
            }
        });
    };
    let code_instead = move |_| {
        offer.set(Offer::Code);
        focus_after_render("send-code");
    };

    view! {
        <div class="passkey-step" data-testid="passkey-step">
            <p>{move || i18n.t(Msg::PasskeyVerifyIntro)}</p>
            {move || problem.get().map(|msg| view! {
                <div id="passkey-error" tabindex="-1">
                    <Alert tone=Tone::Error testid="passkey-error">
                        <p>{move || i18n.t(msg)}</p>
                        <p>{move || i18n.t(Msg::PasskeyWayOnCode)}</p>
                    </Alert>
                </div>
            })}
            <div class="actions">
                <button
                    type="button"
                    class="button button--primary"
                    data-testid="use-passkey"
                    aria-disabled=move || busy.get().to_string()
                    on:click=on_use
                >
                    {move || i18n.t(if busy.get() { Msg::Working } else { Msg::PasskeyUse })}
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    data-testid="send-code-instead"
                    on:click=code_instead
                >
                    {move || i18n.t(Msg::SendCodeInstead)}
                </button>
            </div>
        </div>
    }
}
