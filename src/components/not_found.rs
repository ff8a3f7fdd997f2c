//! Any path no route claims, and a help topic that is not there: the
//! router's fallback, and the help pages' own.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::use_page_title;
use crate::i18n::{Msg, use_i18n};
use crate::routes::Page;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::NotFoundHeading);
    view! {
        <section class="card" aria-labelledby="page-heading" data-testid="not-found">
            <h1 id="page-heading">{move || i18n.t(Msg::NotFoundHeading)}</h1>
            <p>{move || i18n.t(Msg::NotFoundBody)}</p>
            <p><A href=Page::Login.path()>{move || i18n.t(Msg::GoToSignIn)}</A></p>
        </section>
    }
}
