//! The root component: the i18n context, the router, the shell.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use std::sync::Arc;

use crate::api::{AuthApi, HttpApi, provide_api};
use crate::components::Shell;
use crate::i18n::provide_i18n;
use crate::pages::{
    ForgotPage, HelpPage, HelpTopicPage, HomePage, LoginPage, NotFoundPage, RegisterPage, RootPage,
    VerifyPage,
};

/// The app with the real API client.
#[component]
pub fn App() -> impl IntoView {
    view! { <AppWith api=Arc::new(HttpApi) /> }
}

/// The app with any API client (browser tests pass a scripted one).
#[component]
pub fn AppWith(
    /// The auth API the pages ask.
    api: Arc<dyn AuthApi>,
) -> impl IntoView {
    provide_api(api);
    provide_i18n();
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=RootPage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/login/verify") view=VerifyPage />
                    <Route path=path!("/forgot") view=ForgotPage />
                    <Route path=path!("/register") view=RegisterPage />
                    <Route path=path!("/home") view=HomePage />
                    <Route path=path!("/help") view=HelpPage />
                    <Route path=path!("/help/:topic") view=HelpTopicPage />
                </Routes>
            </Shell>
        </Router>
    }
}
