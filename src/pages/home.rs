//! `/home`: the hub an employee lands on after signing in.

use leptos::prelude::*;

use crate::components::UnbuiltPage;
use crate::i18n::Msg;

#[component]
pub fn HomePage() -> impl IntoView {
    view! { <UnbuiltPage heading=Msg::HomeHeading /> }
}
