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
use leptos::wasm_split::SplitLoaderError;
use leptos_router::ChooseView;
use leptos_router::components::A;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::components::{Alert, Tone, use_page_title};
use crate::i18n::{Msg, use_i18n};
use crate::pages::passkey_sign_in::PasskeySignIn;
use crate::pages::{
    AccountPage, DeskPage, ForgotPage, HelpPage, HelpTopicPage, HomePage, LoginPage, RegisterPage,
    RootPage, VerifyPage,
};
use crate::routes::Page;

/// A page that is a split point: `$view` draws it, and wasm-split moves it,
/// with the code only it needs, into the module `$module`; `$preload` fetches
/// that module without drawing anything.
macro_rules! split_page {
    ($view:ident, $module:ident, $preload:ident => $page:ident) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
        fn $view() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <$page /> }.into_any())
        }

        #[cfg(not(feature = "split"))]
        fn $view() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <$page /> }.into_any())
        }

        #[cfg(not(feature = "split"))]
        async fn $preload() -> Result<(), SplitLoaderError> {
            Ok(())
        }
    };
}

split_page!(verify_view, verify, preload_verify => VerifyPage);
split_page!(forgot_view, forgot, preload_forgot => ForgotPage);
split_page!(register_view, register, preload_register => RegisterPage);
split_page!(home_view, home, preload_home => HomePage);
split_page!(account_view, account, preload_account => AccountPage);
split_page!(desk_view, desk, preload_desk => DeskPage);
split_page!(help_view, help, preload_help => HelpPage);
split_page!(help_topic_view, help_topic, preload_help_topic => HelpTopicPage);

/// Draws the sign-in page's passkey part ([`PasskeySignIn`]) into its slot
/// (`#passkey-slot`), under the page's `owner` (its contexts, and its end
/// ends the part). In the verify page's module: an employee who signs in
/// goes there next anyway, and it holds the passkey code the second step
/// uses too. Drawn into the slot rather than returned as a view, the first
/// load of `/login` carries no asynchronous view for it (a `Suspend` cost
/// 1.7 KB brotli there).
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(verify, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn draw_passkey_sign_in(owner: Owner) -> Result<(), SplitLoaderError> {
    use leptos::tachys::view::{Mountable, Render};
    owner.with(|| {
        let Some(slot) = document().get_element_by_id("passkey-slot") else {
            return;
        };
        let mut drawn = view! { <PasskeySignIn /> }.into_any().build();
        drawn.mount(&slot, None);
        // Kept as long as the page: its effects live in it.
        StoredValue::new_local(drawn);
    });
    Ok(())
}

/// Draws the sign-in page's passkey part once its module and the English of
/// the on-demand pages are here; nothing if they could not be fetched (the
/// Employee ID and PIN form is there anyway).
pub fn passkey_sign_in() {
    let Some(owner) = Owner::current() else {
        return;
    };
    leptos::task::spawn_local(async move {
        if !crate::i18n::prepare_pages().await {
            return;
        }
        // On a second visit everything is here at once: the page's slot is
        // in the document from the next frame on.
        request_animation_frame(move || {
            leptos::task::spawn_local(async move {
                #[cfg(feature = "split")]
                let _ = draw_passkey_sign_in(owner).await;
                #[cfg(not(feature = "split"))]
                let _ = draw_passkey_sign_in(owner);
            })
        });
    });
}

/// Draws a split page: awaits its module, and the English of the on-demand
/// pages, where the build is split.
macro_rules! draw {
    ($view:ident) => {{
        #[cfg(feature = "split")]
        let page = match crate::i18n::prepare_pages().await {
            true => $view().await.ok(),
            false => None,
        };
        #[cfg(not(feature = "split"))]
        let page = $view().ok();
        page.unwrap_or_else(|| view! { <PageUnavailable /> }.into_any())
    }};
}

/// What a route shows. Every route of the app has this one view type, so the
/// router's matching and rendering code is built once rather than once per
/// page (the router is the largest part of the first load after Leptos).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteView {
    /// `/`: the redirect to the home hub or to sign-in (in the first load).
    Root,
    /// The sign-in page (in the first load).
    Login,
    Verify,
    Forgot,
    Register,
    Home,
    Account,
    Desk,
    Help,
    /// `/help/:topic` (the page reads the topic from the path).
    HelpTopic,
}

impl RouteView {
    fn of(page: Page) -> RouteView {
        match page {
            Page::Login => RouteView::Login,
            Page::Verify => RouteView::Verify,
            Page::Forgot => RouteView::Forgot,
            Page::Register => RouteView::Register,
            Page::Home => RouteView::Home,
            Page::Account => RouteView::Account,
            Page::Desk => RouteView::Desk,
            Page::Help => RouteView::Help,
            Page::HelpTopic(_) => RouteView::HelpTopic,
        }
    }
}

impl ChooseView for RouteView {
    async fn choose(self) -> AnyView {
        match self {
            RouteView::Root => view! { <RootPage /> }.into_any(),
            RouteView::Login => view! { <LoginPage /> }.into_any(),
            RouteView::Verify => draw!(verify_view),
            RouteView::Forgot => draw!(forgot_view),
            RouteView::Register => draw!(register_view),
            RouteView::Home => draw!(home_view),
            RouteView::Account => draw!(account_view),
            RouteView::Desk => draw!(desk_view),
            RouteView::Help => draw!(help_view),
            RouteView::HelpTopic => draw!(help_topic_view),
        }
    }

    /// Fetches and instantiates the view's module, once: the loader keeps
    /// it. A failure costs nothing here; drawing the page tries again.
    /// The English of the on-demand pages comes first (once; it is small).
    async fn preload(&self) {
        if matches!(self, RouteView::Root | RouteView::Login) {
            return;
        }
        crate::i18n::prepare_pages().await;
        let _ = match self {
            RouteView::Root | RouteView::Login => Ok(()),
            RouteView::Verify => preload_verify().await,
            RouteView::Forgot => preload_forgot().await,
            RouteView::Register => preload_register().await,
            RouteView::Home => preload_home().await,
            RouteView::Account => preload_account().await,
            RouteView::Desk => preload_desk().await,
            RouteView::Help => preload_help().await,
            RouteView::HelpTopic => preload_help_topic().await,
        };
    }
}

/// Fetches the module of `page` ahead of need (a link to it was hovered or
/// focused, or the browser is idle), so entering it does not wait on the
/// network. Pages in the first load, and repeated calls, cost nothing.
pub fn prefetch(page: Page) {
    leptos::task::spawn_local(load(page));
}

async fn load(page: Page) {
    RouteView::of(page).preload().await;
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
            <Alert tone=Tone::Error testid="page-unavailable">
                <p>{move || i18n.t(Msg::PageUnavailableBody)}</p>
            </Alert>
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
