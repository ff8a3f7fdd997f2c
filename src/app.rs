//! The root component: the i18n context, the router, the shell.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use std::sync::Arc;

use crate::api::{FetchTransport, Transport, provide_api};
use crate::components::Shell;
use crate::i18n::provide_i18n;
use crate::pages::{
    ForgotPage, HelpPage, HelpTopicPage, HomePage, LoginPage, NotFoundPage, RegisterPage, RootPage,
    VerifyPage,
};
use crate::policy::provide_policy;

/// The app, talking to the API over `fetch`.
#[component]
pub fn App() -> impl IntoView {
    view! { <AppWith transport=Arc::new(FetchTransport) /> }
}

/// The app over any transport (browser tests pass a scripted one).
#[component]
pub fn AppWith(
    /// How the pages' calls reach the auth API.
    transport: Arc<dyn Transport>,
) -> impl IntoView {
    provide_api(transport);
    provide_policy();
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

/// Removes the shell index.html paints before the app arrives (`#boot`): the
/// app has drawn the same header and heading in its place.
pub fn remove_boot_shell() {
    if let Some(shell) = document().get_element_by_id("boot") {
        shell.remove();
    }
}
