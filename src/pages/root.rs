//! `/`: the home hub when signed in, else sign-in.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use upsers_contract::endpoint;

use crate::api::use_api;
use crate::i18n::{Msg, use_i18n};
use crate::routes::Page;

#[component]
pub fn RootPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let session = LocalResource::new(move || {
        let api = api.clone();
        async move { api.call::<endpoint::GetSession>((), ()).await.is_ok() }
    });
    Effect::new(move |_| {
        if let Some(signed_in) = session.get() {
            let page = if signed_in { Page::Home } else { Page::Login };
            navigate(
                &page.path(),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    view! { <p role="status">{move || i18n.t(Msg::Loading)}</p> }
}
