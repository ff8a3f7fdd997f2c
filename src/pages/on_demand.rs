//! The pages that load on demand. The sign-in page (and the root redirect) are
//! in the first load; every other page is its own wasm module when the SPA is
//! built with the `split` feature (trunk builds; scripts/split-wasm cuts the
//! modules), fetched the first time its route is entered, or earlier by
//! [`prefetch`]. Without the feature (`cargo test`) the same routes are built
//! into the one module, so the router and the pages behave the same either way.
//!
//! A module that fails to load (the network dropped) is not remembered as
//! failed: the page says so with a way to try again, and the next attempt
//! fetches it afresh.

use leptos::prelude::*;
use leptos_router::LazyRoute;
use leptos_router::components::A;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::components::use_page_title;
use crate::i18n::{Msg, use_i18n};
use crate::pages::{ForgotPage, HelpPage, HelpTopicPage, HomePage, RegisterPage, VerifyPage};
use crate::routes::Page;

/// A route whose page is a split point: `$route` is the type the router holds
/// (`Lazy::<$route>::new()`), `$view` the function wasm-split moves, with the
/// page's code, into the module named `$module`.
macro_rules! on_demand {
    ($(#[$doc:meta])* $route:ident, $module:ident, $view:ident, $preload:ident => $page:ident) => {
        $(#[$doc])*
        pub struct $route;

        #[cfg_attr(
            feature = "split",
            leptos::wasm_split::wasm_split(
                $module,
                wasm_split_path = ::leptos::wasm_split,
                fallible,
                preload(#[doc(hidden)] $preload)
            )
        )]
        fn $view() -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
            Ok(view! { <$page /> }.into_any())
        }

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> AnyView {
                #[cfg(feature = "split")]
                let page = $view().await;
                #[cfg(not(feature = "split"))]
                let page = $view();
                page.unwrap_or_else(|_| view! { <PageUnavailable /> }.into_any())
            }

            async fn preload() {
                // A failed prefetch costs nothing: entering the route tries again.
                #[cfg(feature = "split")]
                let _ = $preload().await;
            }
        }
    };
}

on_demand! {
    /// `/login/verify`: the one-time PIN step of sign-in.
    VerifyRoute, verify, verify_view, preload_verify => VerifyPage
}
on_demand! {
    /// `/forgot`: the PIN reset, all three ways.
    ForgotRoute, forgot, forgot_view, preload_forgot => ForgotPage
}
on_demand! {
    /// `/register`: the new-user wizard.
    RegisterRoute, register, register_view, preload_register => RegisterPage
}
on_demand! {
    /// `/home`: the hub after sign-in.
    HomeRoute, home, home_view, preload_home => HomePage
}
on_demand! {
    /// `/help`: Help & Support and its search.
    HelpRoute, help, help_view, preload_help => HelpPage
}
on_demand! {
    /// `/help/<topic>`: one guide.
    HelpTopicRoute, help_topic, help_topic_view, preload_help_topic => HelpTopicPage
}

/// Fetches the module of `page` ahead of need (a link to it was hovered or
/// focused, or the browser is idle), so entering it does not wait on the
/// network. Pages in the first load, and repeated calls, cost nothing.
pub fn prefetch(page: Page) {
    leptos::task::spawn_local(load(page));
}

/// Fetches and instantiates the module of `page` (once: the loader keeps it).
async fn load(page: Page) {
    match page {
        Page::Login => {}
        Page::Verify => VerifyRoute::preload().await,
        Page::Forgot => ForgotRoute::preload().await,
        Page::Register => RegisterRoute::preload().await,
        Page::Home => HomeRoute::preload().await,
        Page::Help => HelpRoute::preload().await,
        Page::HelpTopic(_) => HelpTopicRoute::preload().await,
    }
}

/// Prefetches the page a link leads to as soon as the pointer is over it or
/// it has keyboard focus: one listener for every link of the app.
pub fn prefetch_on_intent() {
    let on_intent = |event: web_sys::Event| {
        if let Some(page) = link_target(&event) {
            prefetch(page);
        }
    };
    window_event_listener_untyped("pointerover", on_intent);
    window_event_listener_untyped("focusin", on_intent);
}

/// The page of the link `event` happened in or on.
fn link_target(event: &web_sys::Event) -> Option<Page> {
    let element = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let link = element.closest("a[href]").ok()??;
    Page::from_path(&link.get_attribute("href")?)
}

/// Prefetches `pages` one after another, each when the browser is next idle
/// (the sign-in page calls it once it is usable, with the pages an employee
/// is likely to go to next first), so none of it competes with the first load.
pub fn prefetch_when_idle(pages: &'static [Page]) {
    let Some((&first, rest)) = pages.split_first() else {
        return;
    };
    when_idle(move || {
        leptos::task::spawn_local(async move {
            load(first).await;
            prefetch_when_idle(rest);
        });
    });
}

/// Runs `task` when the browser is idle (`requestIdleCallback`), or after a
/// second where it has no such thing.
fn when_idle(task: impl FnOnce() + 'static) {
    let task = Closure::once_into_js(task);
    let scheduled = window().request_idle_callback(task.unchecked_ref()).is_ok();
    if !scheduled {
        let _ = window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 1000);
    }
}

/// Shown in place of a page whose module could not be fetched.
#[component]
fn PageUnavailable() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::PageUnavailable);
    view! {
        <section class="card" aria-labelledby="page-heading">
            <h1 id="page-heading">{move || i18n.t(Msg::PageUnavailable)}</h1>
            <div class="alert alert--error" role="alert">
                <p>{move || i18n.t(Msg::PageUnavailableBody)}</p>
            </div>
            <p>
                <button type="button" class="button button--primary" on:click=|_| reload()>
                    {move || i18n.t(Msg::TryAgain)}
                </button>
            </p>
            <p><A href=Page::Login.path()>{move || i18n.t(Msg::BackToSignIn)}</A></p>
        </section>
    }
}

/// Enters the current route again, which fetches its module afresh.
fn reload() {
    let _ = window().location().reload();
}
