//! Step 2: a mobile number and/or an email address, checked for shape as the
//! employee types (the API normalizes and checks them again).

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::contact::format_mobile;
use upsers_contract::endpoint::{self, FlowId};

use super::{RegistrationStep, StepButtons, use_wizard};
use crate::api::{ApiError, use_api};
use crate::components::{
    ErrorLink, ErrorSummary, Input, ProblemAlert, TextField, focus_error_summary, words,
};
use crate::failures::{Problem, general_problem, is_flow_over};
use crate::i18n::{Msg, use_i18n};
use crate::pending::Pending;
use crate::validation::contact_problems;

#[component]
pub fn ContactStep(progress: wire::RegistrationProgress) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let wizard = use_wizard();
    let mobile = RwSignal::new(
        progress
            .mobile
            .as_deref()
            .map(format_mobile)
            .unwrap_or_default(),
    );
    let email = RwSignal::new(progress.email.unwrap_or_default());
    let submitted = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let problems = move || {
        if submitted.get() {
            contact_problems(&mobile.get(), &email.get())
        } else {
            (None, None)
        }
    };

    let saving = Pending::new();

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submitted.set(true);
        match contact_problems(&mobile.get_untracked(), &email.get_untracked()) {
            (Some(_), _) | (None, Some(_)) => {
                problem.set(None);
                focus_error_summary();
            }
            (None, None) => {
                problem.set(None);
                let given = |value: String| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
                let contact = wire::ContactRequest {
                    mobile: given(mobile.get_untracked()),
                    email: given(email.get_untracked()),
                };
                let call =
                    api.call::<endpoint::SetRegistrationContact>(FlowId(wizard.flow_id()), contact);
                saving.send(call, move |result| match result {
                    Ok(progress) => wizard.advance(progress, RegistrationStep::VerifyContacts),
                    Err(error) if is_flow_over(&error) => wizard.restart(),
                    Err(ApiError::Server(body)) if body.code == wire::ErrorCode::InvalidInput => {
                        submitted.set(true);
                        problem.set(Some(Problem::new(
                            if body.fields.iter().any(|field| field == "email") {
                                Msg::EmailFormat
                            } else {
                                Msg::MobileFormat
                            },
                        )));
                    }
                    Err(error) => problem.set(Some(general_problem(&error))),
                });
            }
        }
    };

    view! {
        <ProblemAlert problem=problem.into() testid="register-error" />
        <p>{move || i18n.t(Msg::ContactIntro)}</p>
        <ErrorSummary shown=Signal::derive(move || problems() != (None, None))>
            {move || problems().0.map(|msg| view! { <ErrorLink field="mobile" message=i18n.t(msg).to_owned() /> })}
            {move || problems().1.map(|msg| view! { <ErrorLink field="email" message=i18n.t(msg).to_owned() /> })}
        </ErrorSummary>
        <form class="form" novalidate on:submit=on_submit>
            <TextField
                id="mobile"
                label=words(Msg::MobileLabel)
                value=mobile
                input=Input::TEXT.of_kind("tel").filled_by("tel").named("mobile")
                hint=words(Msg::MobileHint)
                error=Signal::derive(move || problems().0.map(|msg| i18n.t(msg).to_owned()))
            />
            <TextField
                id="email"
                label=words(Msg::EmailLabel)
                value=email
                input=Input::TEXT.of_kind("email").filled_by("email").named("email")
                error=Signal::derive(move || problems().1.map(|msg| i18n.t(msg).to_owned()))
            />
            <StepButtons pending=saving.into() />
        </form>
    }
}
