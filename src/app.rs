//! The root component: the i18n context, the router, the shell.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use std::sync::Arc;

use crate::api::{FetchTransport, Transport, provide_api};
use crate::components::NotFoundPage;
use crate::components::Shell;
use crate::i18n::provide_i18n;
use crate::pages::on_demand::{RouteView, prefetch_on_intent};
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
    prefetch_on_intent();
    let (routing, set_routing) = signal(false);
    provide_context(Routing(routing));
    view! {
        <Router set_is_routing=set_routing>
            <Shell>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=RouteView::Root />
                    <Route path=path!("/login") view=RouteView::Login />
                    <Route path=path!("/login/verify") view=RouteView::Verify />
                    <Route path=path!("/forgot") view=RouteView::Forgot />
                    <Route path=path!("/register") view=RouteView::Register />
                    <Route path=path!("/home") view=RouteView::Home />
                    <Route path=path!("/account") view=RouteView::Account />
                    <Route path=path!("/desk") view=RouteView::Desk />
                    <Route path=path!("/help") view=RouteView::Help />
                    <Route path=path!("/help/:topic") view=RouteView::HelpTopic />
                </Routes>
            </Shell>
        </Router>
    }
}

/// Whether the router is between pages: the next page's module (or its
/// view) is still on its way. The shell waits for it before moving focus.
#[derive(Clone, Copy)]
pub struct Routing(pub ReadSignal<bool>);

/// Removes the shell index.html paints before the app arrives (`#boot`): the
/// app has drawn the same header and heading in its place.
pub fn remove_boot_shell() {
    if let Some(shell) = document().get_element_by_id("boot") {
        shell.remove();
    }
}
