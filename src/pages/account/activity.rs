//! Recent activity: what happened to the account in the last 30 days (sign-ins,
//! failed attempts, lockouts, changes), newest first, each with its time in
//! the employee's own time zone and language, its browser, system and
//! address, and this device marked. Older events come a page at a time; focus
//! moves to the first of them, so a keyboard or screen reader user reads on
//! where the list grew.

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::api::use_api;
use crate::components::ProblemAlert;
use crate::dom::focus;
use crate::failures::{Problem, general_problem};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pending::Pending;

use super::device_name;
use crate::time::local_time;

#[component]
pub fn RecentActivity(
    /// Moves when the account changed on this page (a PIN change, a
    /// sign-out of other devices), so the list is read again from the newest.
    #[prop(into)]
    changed: Signal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let events = RwSignal::new(Vec::<wire::ActivityEvent>::new());
    let more_before = RwSignal::new(None::<i64>);
    let loaded = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let loading = Pending::new();
    let load = Callback::new(move |before: Option<i64>| {
        loading.send(
            api.call::<endpoint::GetActivity>(wire::ActivityBefore(before), ()),
            move |result| match result {
                Ok(page) => {
                    problem.set(None);
                    let first_new = page.events.first().map(|event| event.id);
                    more_before.set(page.more_before);
                    if before.is_some() {
                        events.update(|events| events.extend(page.events));
                        if let Some(id) = first_new {
                            request_animation_frame(move || focus(&element_id(id)));
                        }
                    } else {
                        events.set(page.events);
                    }
                    loaded.set(true);
                }
                // The page's own guard sends an ended session to sign-in.
                Err(error) => problem.set(Some(general_problem(&error))),
            },
        );
    });
    Effect::new(move |_| {
        changed.track();
        load.run(None);
    });

    view! {
        <h2>{move || i18n.t(Msg::ActivityHeading)}</h2>
        <p>{move || i18n.t(Msg::ActivityIntro)}</p>
        <ProblemAlert problem=problem.into() testid="activity-error" />
        <ol class="session-list" data-testid="activity">
            <For each=move || events.get() key=|event| event.id let:event>
                <ActivityItem event />
            </For>
        </ol>
        {move || loaded.get().then(|| match more_before.get() {
            Some(before) => view! {
                <button
                    type="button"
                    class="button button--secondary"
                    data-testid="older-activity"
                    aria-disabled=move || loading.get().to_string()
                    on:click=move |_| load.run(Some(before))
                >
                    {move || i18n.t(Msg::ActivityOlder)}
                </button>
            }.into_any(),
            None => {
                let msg = if events.with(Vec::is_empty) { Msg::ActivityNone } else { Msg::ActivityEnd };
                view! { <p data-testid="activity-end">{move || i18n.t(msg)}</p> }.into_any()
            }
        })}
    }
}

/// One event: what happened, when, and from which device.
#[component]
fn ActivityItem(event: wire::ActivityEvent) -> impl IntoView {
    let i18n = use_i18n();
    let wire::ActivityEvent {
        id,
        kind,
        at,
        browser,
        os,
        address,
        this_device,
    } = event;
    let device = move || device_name(i18n, browser.as_deref(), os.as_deref());
    view! {
        <li class="session-list__item" id=element_id(id) tabindex="-1" data-testid="activity-event">
            <div class="session-list__about">
                <p class="session-list__device">
                    <strong>{move || i18n.t(what(kind))}</strong>
                    {this_device.then(|| view! {
                        <span class="badge badge--done">{move || i18n.t(Msg::ThisDevice)}</span>
                    })}
                </p>
                <p class="session-list__facts">
                    <span>{move || local_time(at, i18n.locale().tag())}</span>
                    <span>{device}</span>
                    {address.map(|address| view! {
                        <span>{move || fill(i18n.t(Msg::SessionAddress), &[("address", &address)])}</span>
                    })}
                </p>
            </div>
        </li>
    }
}

/// The element id of event `id`, which focus moves to.
fn element_id(id: i64) -> String {
    format!("activity-{id}")
}

fn what(kind: wire::ActivityKind) -> Msg {
    use wire::ActivityKind::*;
    match kind {
        SignedIn => Msg::ActivitySignedIn,
        WrongPin => Msg::ActivityWrongPin,
        WrongCode => Msg::ActivityWrongCode,
        WrongCurrentPin => Msg::ActivityWrongCurrentPin,
        Locked => Msg::ActivityLocked,
        PinChanged => Msg::ActivityPinChanged,
        PinReset => Msg::ActivityPinReset,
        SessionsEnded => Msg::ActivitySessionsEnded,
        ContactChanged => Msg::ActivityContactChanged,
        ContactRemoved => Msg::ActivityContactRemoved,
        QuestionsChanged => Msg::ActivityQuestionsChanged,
        PasskeyAdded => Msg::ActivityPasskeyAdded,
        PasskeyRemoved => Msg::ActivityPasskeyRemoved,
        DeskVerified => Msg::ActivityDeskVerified,
        DeskUnlocked => Msg::ActivityDeskUnlocked,
        DeskResetLinkSent => Msg::ActivityDeskResetLinkSent,
        DeskSignedOut => Msg::ActivityDeskSignedOut,
        DeskDisabled => Msg::ActivityDeskDisabled,
        DeskEnabled => Msg::ActivityDeskEnabled,
        Unknown => Msg::ActivityUnknown,
    }
}
