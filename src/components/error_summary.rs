//! GOV.UK's error summary, for a form with several fields: after a submit
//! with errors, one alert above the form lists every error as a link to its
//! field, and focus moves to it, so a screen reader hears them all at once
//! and a keyboard reaches each field in one step.

use leptos::prelude::*;

use super::{Alert, Tone};
use crate::dom::{focus, focus_after_render};

/// The summary's id, where focus goes after a submit with errors.
pub const ERROR_SUMMARY: &str = "error-summary";

/// Moves focus to the summary once it is drawn.
pub fn focus_error_summary() {
    focus_after_render(ERROR_SUMMARY);
}

#[component]
pub fn ErrorSummary(
    /// Whether the form was submitted with errors.
    #[prop(into)]
    shown: Signal<bool>,
    /// One [`ErrorLink`] per field in error, in the form's order.
    children: ChildrenFn,
) -> impl IntoView {
    move || {
        let children = children.clone();
        shown.get().then(move || {
            view! {
                <Alert tone=Tone::Error id=ERROR_SUMMARY testid="error-summary">
                    <ul class="error-summary">{children()}</ul>
                </Alert>
            }
        })
    }
}

/// One error of the summary: its message, linking to its field.
#[component]
pub fn ErrorLink(field: &'static str, message: String) -> impl IntoView {
    view! {
        // The router would take `#field` for a navigation.
        <li><a href=format!("#{field}") on:click=move |event| {
            event.prevent_default();
            focus(field);
        }>{message}</a></li>
    }
}
