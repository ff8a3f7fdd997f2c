//! Remembered devices: the browsers where the PIN alone signs the employee
//! in (chosen with "Remember this device" on the one-time PIN step), each
//! with its browser, system, address and until when, this device marked;
//! any one can be forgotten, and then asks for a one-time PIN again.

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

#[component]
pub fn RememberedDevices(
    /// Moves when the account changed on this page (a PIN change forgets
    /// every device): the list is read again.
    changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    // Read again after each change; a forget answers the list as it is then.
    let listed = RwSignal::new(None::<Result<wire::RememberedDevices, ApiError>>);
    let devices = LocalResource::new({
        let api = api.clone();
        move || {
            changed.track();
            let api = api.clone();
            async move { api.call::<endpoint::ListRememberedDevices>((), ()).await }
        }
    });
    Effect::new(move |_| {
        if let Some(answer) = devices.get() {
            listed.set(Some(answer));
        }
    });
    let forgotten = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<Problem>);
    let forgetting = Pending::new();
    let forget = Callback::new(move |(device_id, device): (String, String)| {
        forgetting.send(
            api.call::<endpoint::ForgetDevice>((), wire::ForgetDeviceRequest { device_id }),
            move |result| match result {
                Ok(list) => {
                    problem.set(None);
                    listed.set(Some(Ok(list)));
                    forgotten.set(Some(device));
                    request_animation_frame(|| focus("device-forgotten"));
                }
                Err(error) if session_gone(&error) => to_sign_in(Leaving::Expired),
                Err(error) => problem.set(Some(general_problem(&error))),
            },
        );
    });

    view! {
        <h2>{move || i18n.t(Msg::DevicesHeading)}</h2>
        <p>{move || i18n.t(Msg::DevicesIntro)}</p>
        {move || forgotten.get().map(|device| view! {
            <Alert tone=Tone::Success testid="device-forgotten" id="device-forgotten">
                {move || fill(i18n.t(Msg::DeviceForgotten), &[("device", &device)])}
            </Alert>
        })}
        <ProblemAlert problem=problem.into() testid="devices-error" />
        {move || match listed.get() {
            Some(Ok(list)) if list.devices.is_empty() => view! {
                <p data-testid="no-devices">{move || i18n.t(Msg::DevicesNone)}</p>
            }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="session-list" data-testid="devices">
                    {list.devices.into_iter().enumerate().map(|(n, device)| view! {
                        <DeviceItem device n pending=forgetting.into() forget />
                    }).collect_view()}
                </ul>
            }.into_any(),
            Some(Err(error)) => {
                let problem = Signal::stored(Some(general_problem(&error)));
                view! { <ProblemAlert problem testid="devices-unavailable" /> }.into_any()
            }
            None => view! { <p role="status">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
        }}
    }
}

/// One remembered device: what it is, when it was remembered and last used,
/// until when, where from, and its Forget.
#[component]
fn DeviceItem(
    device: wire::RememberedDevice,
    /// Its place in the list, for the ids that name its button.
    n: usize,
    pending: Signal<bool>,
    forget: Callback<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wire::RememberedDevice {
        id,
        browser,
        os,
        address,
        remembered_at,
        last_used_at,
        expires_at,
        this_device,
    } = device;
    let name = move || device_name(i18n, browser.as_deref(), os.as_deref());
    let name_id = format!("device-{n}");
    let when = move |msg: Msg, at: i64| {
        fill(
            i18n.t(msg),
            &[("time", &local_time(at, i18n.locale().tag()))],
        )
    };
    view! {
        <li class="session-list__item" data-testid="device">
            <div class="session-list__about">
                <p class="session-list__device">
                    <strong id=name_id.clone()>{name.clone()}</strong>
                    {this_device.then(|| view! {
                        <span class="badge badge--done" data-testid="this-device">{move || i18n.t(Msg::ThisDevice)}</span>
                    })}
                </p>
                <p class="session-list__facts">
                    <span>{move || when(Msg::DeviceRememberedAt, remembered_at)}</span>
                    <span>{move || when(Msg::DeviceLastUsed, last_used_at)}</span>
                    <span>{move || when(Msg::DeviceUntil, expires_at)}</span>
                    {address.map(|address| view! {
                        <span>{move || fill(i18n.t(Msg::SessionAddress), &[("address", &address)])}</span>
                    })}
                </p>
            </div>
            <button
                type="button"
                class="button button--secondary"
                data-testid="forget-device"
                aria-describedby=name_id
                aria-disabled=move || pending.get().to_string()
                on:click=move |_| forget.run((id.clone(), name()))
            >
                {move || i18n.t(Msg::ForgetDevice)}
            </button>
        </li>
    }
}
