//! The sign-in page's passkeys: "Sign in with a passkey" (a dialog, now) and
//! the passkey autofill of the Employee ID field (WebAuthn conditional
//! mediation, where the browser has it), both signing in with a
//! discoverable passkey and nothing typed. It loads on demand, after the
//! page is usable (`on_demand::passkey_sign_in`), and draws nothing where
//! the browser cannot use passkeys; the Employee ID and PIN form above it
//! is always the way on.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use send_wrapper::SendWrapper;
use upsers_contract as wire;
use upsers_contract::endpoint;
use wasm_bindgen::JsValue;

use crate::api::{Api, ApiError, use_api};
use crate::components::{Alert, Tone};
use crate::dom::focus_after_render;
use crate::i18n::{Msg, use_i18n};
use crate::passkey::{self, Failure, Mediation};
use crate::routes::{Page, forgot_after_report};

/// How a passkey sign-in ended without a session.
enum Ended {
    /// No challenge to begin with (the API refused, or did not answer).
    NoChallenge(ApiError),
    Ceremony(Failure),
    Api(ApiError),
}

/// What the sign-in's ceremonies share: what the page says, whether the
/// dialog is open, and the autofill's `AbortController` while one waits.
#[derive(Clone, Copy)]
struct Ceremonies {
    problem: RwSignal<Option<Msg>>,
    busy: RwSignal<bool>,
    autofill: StoredValue<Option<SendWrapper<JsValue>>>,
    /// Goes to a path (the router's, taken while the page is drawn).
    go: Callback<String>,
}

#[component]
pub fn PasskeySignIn() -> impl IntoView {
    if !passkey::available() {
        return ().into_any();
    }
    let i18n = use_i18n();
    let api = use_api();
    let ceremonies = Ceremonies {
        problem: RwSignal::new(None),
        busy: RwSignal::new(false),
        autofill: StoredValue::new(None),
        go: {
            let navigate = use_navigate();
            Callback::new(move |path: String| navigate(&path, Default::default()))
        },
    };
    arm_autofill(api.clone(), ceremonies);
    on_cleanup(move || stop_autofill(ceremonies));

    let on_click = move |_| {
        if ceremonies.busy.get_untracked() {
            return;
        }
        stop_autofill(ceremonies);
        ceremonies.busy.set(true);
        ceremonies.problem.set(None);
        let api = api.clone();
        leptos::task::spawn_local_scoped(async move {
            let ended = sign_in(&api, Mediation::Modal).await;
            ceremonies.busy.set(false);
            if settle(ended, ceremonies) {
                arm_autofill(api, ceremonies);
            }
        });
    };

    view! {
        <div class="passkey-sign-in" data-testid="passkey-sign-in">
            {move || ceremonies.problem.get().map(|msg| view! {
                <div id="passkey-error" tabindex="-1">
                    <Alert tone=Tone::Error testid="passkey-error">
                        <p>{move || i18n.t(msg)}</p>
                        <p>{move || i18n.t(Msg::PasskeyWayOnPin)}</p>
                    </Alert>
                </div>
            })}
            <button
                type="button"
                class="button button--secondary"
                data-testid="passkey-sign-in-button"
                aria-describedby="passkey-sign-in-hint"
                aria-disabled=move || ceremonies.busy.get().to_string()
                on:click=on_click
            >
                {move || i18n.t(if ceremonies.busy.get() { Msg::Working } else { Msg::PasskeySignIn })}
            </button>
            <p class="hint" id="passkey-sign-in-hint">{move || i18n.t(Msg::PasskeySignInHint)}</p>
        </div>
    }
    .into_any()
}

/// Offers the employee's passkeys in the Employee ID field's autofill, where
/// the browser can, until one is picked or [`stop_autofill`]. Tasks run
/// under the page's owner (`spawn_local_scoped`): the router's context is
/// needed to go home after the awaits.
fn arm_autofill(api: Api, ceremonies: Ceremonies) {
    leptos::task::spawn_local_scoped(async move {
        if !passkey::autofill_available().await {
            return;
        }
        let controller = passkey::abort_controller();
        ceremonies
            .autofill
            .set_value(Some(SendWrapper::new(controller.clone())));
        let ended = sign_in(&api, Mediation::Autofill { abort: &controller }).await;
        // Offered again only after what judged nothing (the challenge waited
        // too long): a refused passkey offered again would be refused again,
        // a failure each time, were the browser (or an extension) to answer
        // the autofill by itself. The button stays for another try.
        let again = match &ended {
            Err(Ended::Api(ApiError::Server(body))) => body.code == wire::ErrorCode::CodeExpired,
            Err(Ended::Ceremony(failure)) => *failure == Failure::TimedOut,
            _ => false,
        };
        // Aborted: stopped for the button, or the page went. No challenge:
        // the autofill is not offered, which is no news to the employee.
        if matches!(
            ended,
            Err(Ended::Ceremony(Failure::Aborted) | Ended::NoChallenge(_))
        ) {
            return;
        }
        let on_page = settle(ended, ceremonies);
        if again && on_page && ceremonies.autofill.try_get_value().is_some() {
            arm_autofill(api, ceremonies);
        }
    });
}

fn stop_autofill(ceremonies: Ceremonies) {
    if let Some(Some(controller)) = ceremonies.autofill.try_update_value(Option::take) {
        passkey::abort(&controller);
    }
}

/// A whole sign-in with a discoverable passkey: the challenge, the
/// browser's ceremony, the API's check.
async fn sign_in(api: &Api, mediation: Mediation<'_>) -> Result<wire::SessionInfo, Ended> {
    let challenge = api
        .call::<endpoint::StartPasskeySignIn>((), ())
        .await
        .map_err(Ended::NoChallenge)?;
    let credential = passkey::get(&challenge.options, mediation)
        .await
        .map_err(Ended::Ceremony)?;
    let answer = wire::PasskeyAnswer {
        challenge_id: challenge.challenge_id,
        credential,
    };
    api.call::<endpoint::FinishPasskeySignIn>((), answer)
        .await
        .map_err(Ended::Api)
}

/// Goes home after a sign-in; else says why (focus moves there). Whether
/// the autofill may be offered again.
fn settle(ended: Result<wire::SessionInfo, Ended>, ceremonies: Ceremonies) -> bool {
    let msg = match ended {
        Ok(_) => {
            ceremonies.go.run(Page::Home.path());
            return false;
        }
        Err(Ended::Ceremony(failure)) => failure.msg(),
        // "This wasn't me" locked the passkey's ID: the reset page says
        // why, and offers the way out.
        Err(Ended::Api(ApiError::Server(body))) if body.names(wire::PIN_RESET_FIELD) => {
            ceremonies.go.run(forgot_after_report());
            return false;
        }
        Err(Ended::Api(error) | Ended::NoChallenge(error)) => Some(passkey::api_failure(&error)),
    };
    if let Some(msg) = msg {
        ceremonies.problem.set(Some(msg));
        focus_after_render("passkey-error");
    }
    true
}
