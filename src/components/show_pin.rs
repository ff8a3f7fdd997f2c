//! The `Show PIN` / `Hide PIN` button beside a PIN field, on sign-in and on
//! the new-PIN form. Its icon (an open eye while the PIN is hidden, crossed
//! out while it shows) is the stylesheet's, from the field's type.

use leptos::prelude::*;

use crate::i18n::{Msg, use_i18n};

/// `shown` is the field's state (the page sets the input's type from it);
/// `controls` names the ids of the fields it shows, for `aria-controls`.
#[component]
pub fn ShowPinToggle(shown: RwSignal<bool>, controls: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="button button--secondary with-icon show-pin"
            aria-controls=controls
            data-testid="toggle-pin"
            on:click=move |_| shown.update(|shown| *shown = !*shown)
        >
            {move || i18n.t(if shown.get() { Msg::HidePin } else { Msg::ShowPin })}
        </button>
    }
}
