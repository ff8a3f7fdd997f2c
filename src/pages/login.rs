//! `/login`: sign-in with Employee ID and PIN (the form lands with the auth API).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::UnbuiltPage;
use crate::i18n::{Msg, use_i18n};
use crate::routes::Page;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <UnbuiltPage heading=Msg::SignInHeading>
            <ul class="link-list">
                <li><A href=Page::Forgot.path()>{move || i18n.t(Msg::ForgotPin)}</A></li>
                <li><A href=Page::Register.path()>{move || i18n.t(Msg::NewUserRegister)}</A></li>
            </ul>
        </UnbuiltPage>
    }
}
