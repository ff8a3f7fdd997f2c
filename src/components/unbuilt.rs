//! A routed page whose feature has not landed yet: it shows the page's real
//! heading and says plainly that the page is not built, instead of a blank screen.

use crate::components::use_page_title;
use crate::i18n::{Msg, use_i18n};
use leptos::prelude::*;

#[component]
pub fn UnbuiltPage(
    /// The page's heading and title.
    heading: Msg,
    /// Links or text that already work on this page.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(heading);
    view! {
        <section class="card" aria-labelledby="page-heading">
            <h1 id="page-heading">{move || i18n.t(heading)}</h1>
            <p class="notice" data-testid="unbuilt-notice">{move || i18n.t(Msg::NotBuiltYet)}</p>
            {children.map(|children| children())}
        </section>
    }
}
