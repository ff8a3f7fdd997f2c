//! Step 5: the first PIN, with the same form as a PIN reset; setting it
//! completes the registration.

use leptos::prelude::*;
use upsers_contract as wire;

use super::{general_problem, is_flow_over, use_wizard};
use crate::api::{ApiError, use_api};
use crate::components::{NewPinForm, Problem, ProblemAlert};
use crate::i18n::{Msg, use_i18n};
use crate::pages::login::focus;

#[component]
pub fn PinStep(employee_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let wizard = use_wizard();
    let refused = RwSignal::new(Vec::<wire::PinProblem>::new());
    let problem = RwSignal::new(None::<Problem>);
    let complete = Action::new_local(move |new_pin: &String| {
        let api = api.clone();
        let new_pin = new_pin.clone();
        let flow_id = wizard.flow_id();
        async move { api.complete_registration(flow_id, new_pin).await }
    });
    Effect::new(move |_| match complete.value().get() {
        Some(Ok(_)) => wizard.done(),
        Some(Err(error)) if is_flow_over(&error) => wizard.restart(),
        Some(Err(ApiError::Server(body))) if body.code == wire::ErrorCode::WeakPin => {
            refused.set(body.pin_problems.clone());
            focus("new-pin");
        }
        Some(Err(error)) => problem.set(Some(general_problem(&error))),
        None => {}
    });
    let on_pin = Callback::new(move |pin: String| {
        problem.set(None);
        complete.dispatch_local(pin);
    });
    view! {
        <ProblemAlert problem=problem.into() testid="register-error" />
        <NewPinForm employee_id pending=complete.pending().into() refused on_pin />
        <div class="wizard-buttons">
            <button type="button" class="button button--secondary" data-testid="back" on:click=move |_| wizard.back()>
                {move || i18n.t(Msg::BackButton)}
            </button>
        </div>
    }
}
