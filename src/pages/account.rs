//! `/account`: My account, behind the session. It changes the PIN: the
//! current PIN first (the step-up, which the API counts toward the lockout
//! like any PIN), then the new one under the same rules and live verdicts as
//! a reset; every other session ends with the change. It changes the
//! contact details and the challenge questions behind a step-up
//! (`step_up`), and adds, renames and removes passkeys (`passkeys`). It
//! lists where the
//! employee is signed in, to sign any other device out, and what happened to
//! the account in the last 30 days.

mod activity;
mod contacts;
mod devices;
mod passkeys;
mod questions;
mod sessions;
mod step_up;

use leptos::prelude::*;
use leptos_router::components::A;
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::api::{ApiError, use_api};
use crate::components::{
    Alert, CurrentPin, Leaving, NewPinForm, ProblemAlert, Tone, guard, to_sign_in, use_page_title,
    use_sign_out,
};
use crate::dom::{focus, focus_and_select};
use crate::failures::{Problem, general_problem};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pending::Pending;
use crate::routes::Page;
use activity::RecentActivity;
use contacts::ContactDetails;
use devices::RememberedDevices;
use passkeys::Passkeys;
use questions::ChallengeQuestions;
use sessions::SignedInDevices;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::AccountHeading);
    let api = use_api();
    let session = LocalResource::new(move || {
        let api = api.clone();
        async move { api.call::<endpoint::GetSession>((), ()).await }
    });
    // Moves with each change made here, so the lists below are read again
    // (a PIN change signs every other device out).
    let changes = RwSignal::new(0u32);
    let sign_out = use_sign_out();
    // The route guard: no session, no account.
    guard(session);
    view! {
        <section class="card account" aria-labelledby="page-heading">
            <h1 id="page-heading" tabindex="-1">{move || i18n.t(Msg::AccountHeading)}</h1>
            <p>{move || i18n.t(Msg::AccountIntro)}</p>
            {sign_out.failure()}
            {move || match session.get() {
                Some(Ok(session)) => view! {
                    <ChangePin employee_id=session.employee_id changed=changes />
                    <ContactDetails changed=changes />
                    <ChallengeQuestions changed=changes />
                    <Passkeys changed=changes />
                    <SignedInDevices changed=changes />
                    <RememberedDevices changed=changes />
                    <RecentActivity changed=changes />
                }.into_any(),
                _ => view! { <p role="status">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
            }}
            <p class="back-link"><A href=Page::Home.path()>{move || i18n.t(Msg::BackToHome)}</A></p>
        </section>
    }
}

/// Change your PIN: the form until the API has taken the new PIN, then what
/// happened. `changed` moves with each change.
#[component]
fn ChangePin(employee_id: String, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let current = CurrentPin::default();
    let refused = RwSignal::new(Vec::<wire::PinProblem>::new());
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(false);
    let changing = Pending::new();
    let on_pin = Callback::new(move |new_pin: String| {
        problem.set(None);
        let request = wire::ChangePinRequest {
            current_pin: current.value.get_untracked(),
            new_pin,
        };
        changing.send(
            api.call::<endpoint::ChangePin>((), request),
            move |result| match result {
                Ok(_) => {
                    done.set(true);
                    changed.update(|n| *n += 1);
                    request_animation_frame(|| focus("pin-changed"));
                }
                Err(ApiError::Server(body)) => match body.code {
                    wire::ErrorCode::InvalidCredentials => {
                        current.wrong.set(true);
                        problem.set(Some(Problem {
                            msg: Msg::CurrentPinWrong,
                            attempts_left: body.attempts_remaining,
                        }));
                        focus_and_select("current-pin");
                    }
                    wire::ErrorCode::WeakPin => {
                        refused.set(body.pin_problems);
                        focus("new-pin");
                    }
                    wire::ErrorCode::Locked => problem.set(Some(Problem::new(Msg::Locked))),
                    wire::ErrorCode::Unauthenticated => to_sign_in(Leaving::Expired),
                    _ => problem.set(Some(general_problem(&ApiError::Server(body)))),
                },
                Err(error) => problem.set(Some(general_problem(&error))),
            },
        );
    });
    view! {
        <h2>{move || i18n.t(Msg::ChangePinHeading)}</h2>
        {move || if done.get() {
            view! {
                <div id="pin-changed" tabindex="-1">
                    <Alert tone=Tone::Success testid="pin-changed">{move || i18n.t(Msg::PinChangedBody)}</Alert>
                </div>
            }.into_any()
        } else {
            let employee_id = employee_id.clone();
            view! {
                <ProblemAlert problem=problem.into() testid="change-pin-error" />
                <NewPinForm employee_id pending=changing.into() refused on_pin current />
            }.into_any()
        }}
    }
}

/// "Chrome 131 on Windows 10", as far as the API could tell.
pub(crate) fn device_name(
    i18n: crate::i18n::I18n,
    browser: Option<&str>,
    os: Option<&str>,
) -> String {
    match (browser, os) {
        (Some(browser), Some(os)) => fill(
            i18n.t(Msg::SessionDevice),
            &[("browser", browser), ("os", os)],
        ),
        (Some(browser), None) => browser.to_owned(),
        (None, Some(os)) => fill(i18n.t(Msg::SessionUnknownBrowser), &[("os", os)]),
        (None, None) => i18n.t(Msg::SessionUnknownDevice).to_owned(),
    }
}
