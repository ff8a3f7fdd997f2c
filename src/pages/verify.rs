//! `/login/verify`: the multi-factor step of sign-in.

use leptos::prelude::*;

use crate::components::UnbuiltPage;
use crate::i18n::Msg;

#[component]
pub fn VerifyPage() -> impl IntoView {
    view! { <UnbuiltPage heading=Msg::VerifyHeading /> }
}
