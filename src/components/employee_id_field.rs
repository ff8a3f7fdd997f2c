//! The Employee ID field of sign-in, PIN reset and registration: one markup,
//! one error text, and the digit count from the policy.

use leptos::prelude::*;

use crate::i18n::{Msg, fill, use_i18n};
use crate::policy::use_policy;

/// The labelled Employee ID input (`#employee-id`), bound to `value`, with
/// `error` shown under it and linked for screen readers.
#[component]
pub fn EmployeeIdField(
    /// What the employee typed.
    value: RwSignal<String>,
    /// The format problem to show, if the form was submitted with one.
    #[prop(into)]
    error: Signal<Option<Msg>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for="employee-id">{move || i18n.t(Msg::EmployeeIdLabel)}</label>
            <input
                id="employee-id"
                name="employee_id"
                type="text"
                inputmode="numeric"
                autocomplete="username webauthn"
                spellcheck="false"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=move || error.get().map(|_| "employee-id-error")
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            />
            {move || error.get().map(|msg| view! {
                <p class="field__error" id="employee-id-error">{employee_id_message(msg)}</p>
            })}
        </div>
    }
}

/// The words of an Employee ID problem, as the field and the error summary
/// say it (tracked: the language and the policy's digit count).
pub fn employee_id_message(msg: Msg) -> String {
    let (i18n, policy) = (use_i18n(), use_policy());
    fill(i18n.t(msg), &[("n", &policy.id_digits().to_string())])
}
