//! `/register`: new-user registration with the code from HR.

use leptos::prelude::*;

use crate::components::UnbuiltPage;
use crate::i18n::Msg;

#[component]
pub fn RegisterPage() -> impl IntoView {
    view! { <UnbuiltPage heading=Msg::RegisterHeading /> }
}
