//! "Remove …?" with the remove button and Cancel: what My account asks
//! before it removes a contact or a passkey (removing only protects, so a
//! confirmation is all it asks).

use leptos::prelude::*;

use crate::i18n::{Msg, use_i18n};

/// The question (which takes focus by its `id`, as the panel opens), the
/// button that removes and Cancel.
#[component]
pub fn ConfirmRemoval(
    /// The question's id; the panel's test id is `{id}-panel`.
    id: &'static str,
    /// The question, in the page's language.
    #[prop(into)]
    question: Signal<String>,
    /// The remove button's words and test id.
    action: Msg,
    action_testid: &'static str,
    /// True while the removal is on its way: the button waits.
    #[prop(into)]
    pending: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    /// What shows above the question (the panel's problem, say).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="step-up" data-testid=format!("{id}-panel")>
            {children.map(|children| children())}
            <p id=id tabindex="-1">{move || question.get()}</p>
            <div class="actions">
                <button
                    type="button"
                    class="button button--primary"
                    data-testid=action_testid
                    disabled=move || pending.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {move || i18n.t(action)}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| on_cancel.run(())>
                    {move || i18n.t(Msg::CancelButton)}
                </button>
            </div>
        </div>
    }
}
