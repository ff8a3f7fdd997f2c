//! The page shell every route sits in: skip link, header with the wordmark and
//! the language switcher, the main landmark, and a footer linking to help.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::app::Routing;
use crate::dom::focus_page_heading;
use crate::i18n::{Locale, Msg, use_i18n};
use crate::routes::Page;

/// Wraps the routed page in the site's landmarks.
#[component]
pub fn Shell(
    /// The routed page.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let routing = use_context::<Routing>().map(|Routing(routing)| routing);
    let is_routing = move || routing.is_some_and(|routing| routing.get());
    // After a navigation (not the first load, where the skip link must stay
    // the first stop), focus goes to the new page's heading, so screen
    // readers announce where the employee is and Tab starts from the page;
    // a page that loads on demand is waited for, so focus lands on its
    // heading, not on the page being left.
    Effect::new(move |settled: Option<Option<String>>| {
        let settled = settled.flatten();
        let path = location.pathname.get();
        if is_routing() {
            return settled;
        }
        if settled.as_ref().is_some_and(|settled| *settled != path) {
            request_animation_frame(focus_page_heading);
        }
        Some(path)
    });
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>
            {move || i18n.t(Msg::SkipToContent)}
        </a>
        <header class="site-header">
            <div class="container site-header__bar">
                <A href=Page::Login.path() attr:class="wordmark">
                    "UPS"<span class="wordmark__accent">"ers"</span>
                </A>
                // A page may add an action of its own here, after the
                // switcher (the home hub's Sign out: `HEADER_ACTIONS`).
                <div class="site-header__actions" id=HEADER_ACTIONS>
                    <LanguageSwitcher />
                </div>
            </div>
        </header>
        <main id="main" class="container site-main" tabindex="-1" aria-busy=move || is_routing().to_string()>
            <p class="route-progress" role="status">
                {move || is_routing().then(|| i18n.t(Msg::Loading))}
            </p>
            {children()}
        </main>
        <footer class="site-footer">
            <div class="container site-footer__bar">
                <A href=Page::Help.path() attr:class="with-icon help-link">
                    {move || i18n.t(Msg::HelpAndSupport)}
                </A>
                <p class="site-footer__note">{move || i18n.t(Msg::FooterNote)}</p>
            </div>
        </footer>
    }
}

/// The id of the header's box of actions, where a page mounts its own.
pub const HEADER_ACTIONS: &str = "header-actions";

/// Moves keyboard focus into the main landmark. The router would treat `#main`
/// as a navigation and leave focus on the link, which defeats a skip link.
fn skip_to_main(event: leptos::ev::MouseEvent) {
    event.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// One button per language, each named in its own language (and marked with
/// `lang` so screen readers pronounce it right); the current one is pressed.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="language-switcher" role="group" aria-label=move || i18n.t(Msg::LanguageLabel)>
            {Locale::ALL
                .into_iter()
                .map(|locale| {
                    view! {
                        <button
                            type="button"
                            class="language-switcher__option"
                            lang=locale.tag()
                            data-testid=format!("language-{}", locale.tag())
                            aria-pressed=move || (i18n.locale() == locale).to_string()
                            on:click=move |_| i18n.set_locale(locale)
                        >
                            {locale.native_name()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
