//! The link from a page to the Help & Support topic about it.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Msg, use_i18n};
use crate::routes::{HelpTopic, Page};

#[component]
pub fn ContextHelp(topic: HelpTopic, label: Msg) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="context-help" data-testid="context-help">
            <A href=Page::HelpTopic(topic).path()>{move || i18n.t(label)}</A>
        </p>
    }
}
