//! `/`: the home hub when signed in, else sign-in.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use upsers_contract::endpoint;

use crate::api::use_api;
use crate::i18n::{Msg, use_i18n};
use crate::pending::Pending;
use crate::routes::Page;

#[component]
pub fn RootPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    // Pending drops the answer if the employee has gone elsewhere meanwhile.
    Pending::new().send(api.call::<endpoint::GetSession>((), ()), move |session| {
        let page = if session.is_ok() {
            Page::Home
        } else {
            Page::Login
        };
        let options = NavigateOptions {
            replace: true,
            ..Default::default()
        };
        navigate(&page.path(), options);
    });
    view! { <p role="status">{move || i18n.t(Msg::Loading)}</p> }
}
