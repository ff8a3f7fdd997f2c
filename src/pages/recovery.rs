//! `/forgot`: the reset-choice page and the PIN reset that follows it.

use leptos::prelude::*;

use crate::components::UnbuiltPage;
use crate::i18n::Msg;

#[component]
pub fn ForgotPage() -> impl IntoView {
    view! { <UnbuiltPage heading=Msg::ResetHeading /> }
}
