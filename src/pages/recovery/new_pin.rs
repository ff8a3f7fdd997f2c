//! The recovery's new-PIN step: the shared new-PIN form, set with
//! `POST /recovery/{flow}/pin`.

use leptos::prelude::*;
use upsers_contract as wire;

use super::{general_problem, is_flow_over, use_reset_flow};
use crate::api::{ApiError, use_api};
use crate::components::{NewPinForm, Problem, ProblemAlert};
use crate::pages::login::focus;

#[component]
pub fn NewPinStep(employee_id: String) -> impl IntoView {
    let api = use_api();
    let flow = use_reset_flow();
    let refused = RwSignal::new(Vec::<wire::PinProblem>::new());
    let problem = RwSignal::new(None::<Problem>);
    let set_pin = Action::new_local(move |new_pin: &String| {
        let api = api.clone();
        let new_pin = new_pin.clone();
        let flow_id = flow
            .current()
            .map(|reset| reset.flow_id)
            .unwrap_or_default();
        async move { api.set_new_pin(flow_id, new_pin).await }
    });
    Effect::new(move |_| match set_pin.value().get() {
        Some(Ok(_)) => flow.done(),
        Some(Err(error)) if is_flow_over(&error) => flow.restart(),
        Some(Err(ApiError::Server(body))) if body.code == wire::ErrorCode::WeakPin => {
            refused.set(body.pin_problems.clone());
            focus("new-pin");
        }
        Some(Err(error)) => problem.set(Some(general_problem(&error))),
        None => {}
    });
    let on_pin = Callback::new(move |pin: String| {
        problem.set(None);
        set_pin.dispatch_local(pin);
    });
    view! {
        <ProblemAlert problem=problem.into() testid="reset-error" />
        <NewPinForm employee_id pending=set_pin.pending().into() refused on_pin />
    }
}
