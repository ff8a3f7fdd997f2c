//! The recovery's new-PIN step: the shared new-PIN form, set with
//! `POST /recovery/{flow}/pin`.

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint::{self, FlowId};

use super::use_reset_flow;
use crate::api::{ApiFuture, use_api};
use crate::components::SetPinForm;

#[component]
pub fn NewPinStep(employee_id: String) -> impl IntoView {
    let api = use_api();
    let flow = use_reset_flow();
    let set_pin = move |new_pin: String| -> ApiFuture<wire::PinChanged> {
        let request = wire::NewPinRequest { new_pin };
        Box::pin(api.call::<endpoint::SetRecoveryPin>(FlowId(flow.flow_id()), request))
    };
    view! {
        <SetPinForm
            employee_id
            set_pin=Box::new(set_pin)
            on_done=Callback::new(move |_| flow.done())
            on_flow_over=Callback::new(move |_| flow.restart())
            testid="reset-error"
        />
    }
}
