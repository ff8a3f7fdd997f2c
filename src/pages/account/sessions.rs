//! Where you're signed in: the employee's live sessions, each with its
//! browser, system and address, this device marked; any other one can be
//! signed out, or all of them at once. A device the employee does not know is
//! someone else's session: the intro says what to do about it.

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::api::{ApiError, use_api};
use crate::components::{Alert, Leaving, ProblemAlert, Tone, session_gone, to_sign_in};
use crate::dom::focus;
use crate::failures::{Problem, general_problem};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pending::Pending;

use super::device_name;
use crate::time::local_time;

/// What the last sign-out here did, for the message that says so.
#[derive(Clone, PartialEq)]
enum Ended {
    /// One session, by its device's description.
    One(String),
    Others,
}

#[component]
pub fn SignedInDevices(
    /// Moves when the account changed on this page (a PIN change ends the
    /// other sessions): the list is read again. Moved here by each sign-out.
    changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let sessions = LocalResource::new({
        let api = api.clone();
        move || {
            changed.track();
            let api = api.clone();
            async move { api.call::<endpoint::GetSessions>((), ()).await }
        }
    });
    let ended = RwSignal::new(None::<Ended>);
    let problem = RwSignal::new(None::<Problem>);
    let ending = Pending::new();
    let answered = move |result: Result<wire::SessionsEnded, ApiError>, what: Ended| match result {
        Ok(_) => {
            problem.set(None);
            ended.set(Some(what));
            changed.update(|n| *n += 1);
            request_animation_frame(|| focus("sessions-ended"));
        }
        Err(error) if session_gone(&error) => to_sign_in(Leaving::Expired),
        Err(error) => problem.set(Some(general_problem(&error))),
    };
    let end_one = Callback::new({
        let api = api.clone();
        move |(session_id, device): (String, String)| {
            ending.send(
                api.call::<endpoint::EndSession>((), wire::EndSessionRequest { session_id }),
                move |result| answered(result, Ended::One(device)),
            );
        }
    });
    let end_others = Callback::new(move |_: ()| {
        ending.send(
            api.call::<endpoint::EndOtherSessions>((), ()),
            move |result| answered(result, Ended::Others),
        );
    });
    Effect::new(move |_| {
        if let Some(Err(error)) = sessions.get()
            && session_gone(&error)
        {
            to_sign_in(Leaving::Expired);
        }
    });

    view! {
        <h2>{move || i18n.t(Msg::SessionsHeading)}</h2>
        <p>{move || i18n.t(Msg::SessionsIntro)}</p>
        {move || ended.get().map(|what| view! {
            <Alert tone=Tone::Success testid="sessions-ended" id="sessions-ended">
                {move || match &what {
                    Ended::One(device) => fill(i18n.t(Msg::SessionEnded), &[("device", device)]),
                    Ended::Others => i18n.t(Msg::OtherSessionsEnded).to_owned(),
                }}
            </Alert>
        })}
        <ProblemAlert problem=problem.into() testid="sessions-error" />
        {move || match sessions.get() {
            Some(Ok(list)) => {
                let others = list.sessions.iter().filter(|session| !session.this_device).count();
                view! {
                    <ul class="session-list" data-testid="sessions">
                        {list.sessions.into_iter().enumerate().map(|(n, session)| view! {
                            <SessionItem session n pending=ending.into() end_one />
                        }).collect_view()}
                    </ul>
                    {if others > 0 {
                        view! {
                            <button
                                type="button"
                                class="button button--secondary"
                                data-testid="end-other-sessions"
                                aria-disabled=move || ending.get().to_string()
                                on:click=move |_| end_others.run(())
                            >
                                {move || i18n.t(Msg::EndOtherSessions)}
                            </button>
                        }.into_any()
                    } else {
                        view! { <p data-testid="only-this-device">{move || i18n.t(Msg::OnlyThisDevice)}</p> }.into_any()
                    }}
                }.into_any()
            }
            Some(Err(error)) => {
                let problem = Signal::stored(Some(general_problem(&error)));
                view! { <ProblemAlert problem testid="sessions-unavailable" /> }.into_any()
            }
            None => view! { <p role="status">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
        }}
    }
}

/// One session: its device, when it started and was last active, where from,
/// and (unless it is this device) its own Sign out.
#[component]
fn SessionItem(
    session: wire::ActiveSession,
    /// Its place in the list, for the ids that name its button.
    n: usize,
    pending: Signal<bool>,
    end_one: Callback<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wire::ActiveSession {
        id,
        browser,
        os,
        address,
        started_at,
        last_active_at,
        this_device,
    } = session;
    let device = move || device_name(i18n, browser.as_deref(), os.as_deref());
    let device_id = format!("session-{n}");
    let when = move |msg: Msg, at: i64| {
        fill(
            i18n.t(msg),
            &[("time", &local_time(at, i18n.locale().tag()))],
        )
    };
    view! {
        <li class="session-list__item" data-testid="session">
            <div class="session-list__about">
                <p class="session-list__device">
                    <strong id=device_id.clone()>{device.clone()}</strong>
                    {this_device.then(|| view! {
                        <span class="badge badge--done" data-testid="this-device">{move || i18n.t(Msg::ThisDevice)}</span>
                    })}
                </p>
                <p class="session-list__facts">
                    <span>{move || when(Msg::SessionStarted, started_at)}</span>
                    <span>{move || when(Msg::SessionLastActive, last_active_at)}</span>
                    {address.map(|address| view! {
                        <span>{move || fill(i18n.t(Msg::SessionAddress), &[("address", &address)])}</span>
                    })}
                </p>
            </div>
            {(!this_device).then(|| view! {
                <button
                    type="button"
                    class="button button--secondary"
                    data-testid="end-session"
                    aria-describedby=device_id
                    aria-disabled=move || pending.get().to_string()
                    on:click=move |_| end_one.run((id.clone(), device()))
                >
                    {move || i18n.t(Msg::EndSession)}
                </button>
            })}
        </li>
    }
}
