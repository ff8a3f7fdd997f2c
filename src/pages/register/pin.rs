//! Step 5: the first PIN, with the same form as a PIN reset; setting it
//! completes the registration.

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint::{self, FlowId};

use super::use_wizard;
use crate::api::{ApiFuture, use_api};
use crate::components::SetPinForm;

#[component]
pub fn PinStep(employee_id: String) -> impl IntoView {
    let api = use_api();
    let wizard = use_wizard();
    let complete = move |new_pin: String| -> ApiFuture<wire::PinChanged> {
        Box::pin(api.call::<endpoint::SetRegistrationPin>(
            FlowId(wizard.flow_id()),
            wire::NewPinRequest { new_pin },
        ))
    };
    view! {
        <SetPinForm
            employee_id
            set_pin=Box::new(complete)
            on_done=Callback::new(move |_| wizard.done())
            on_flow_over=Callback::new(move |_| wizard.restart())
            testid="register-error"
            back=Callback::new(move |()| wizard.back())
        />
    }
}
