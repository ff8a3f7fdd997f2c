//! Sign out, as every signed-in page offers it: in the header, where every
//! portal puts it, while the page is open.
//!
//! Sign-out is honest: the page says "signed out" only once the server has
//! ended the session (or says there is none). When the request does not get
//! through, the employee stays on the page, is told the session may still
//! be open, and can try again; on a shared depot PC the next person would
//! otherwise inherit it. Every other tab hears of a sign-out and follows.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use upsers_contract as wire;
use upsers_contract::endpoint;
use wasm_bindgen::JsCast;

use crate::api::{ApiError, use_api};
use crate::components::{Alert, HEADER_ACTIONS, Tone};
use crate::i18n::{Msg, use_i18n};
use crate::pending::Pending;
use crate::routes::Page;
use crate::session_sync::{SessionNews, announce};

/// A signed-in page's sign-out: what starts it, and how it stands.
#[derive(Clone, Copy)]
pub struct SignOut {
    /// Asks the server to end the session.
    pub run: Callback<()>,
    /// The server ended it (or had none): the page is on its way out, and
    /// nothing else should send the employee anywhere.
    pub done: RwSignal<bool>,
    /// The last try did not get through.
    pub failed: RwSignal<bool>,
}

impl SignOut {
    /// "You may still be signed in", while the last try has failed.
    pub fn failure(self) -> impl IntoView {
        let i18n = use_i18n();
        move || {
            self.failed.get().then(|| {
                view! {
                    <Alert tone=Tone::Error testid="sign-out-failed" heading=Msg::SignOutFailedHeading>
                        <p>{move || i18n.t(Msg::SignOutFailed)}</p>
                    </Alert>
                }
            })
        }
    }
}

/// The page's sign-out, with its button in the header's box of actions.
pub fn use_sign_out() -> SignOut {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let done = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let pending = Pending::new();
    let run = Callback::new(move |_: ()| {
        failed.set(false);
        let navigate = navigate.clone();
        let ended = move || {
            done.set(true);
            announce(SessionNews::SignedOut);
            navigate(
                &format!("{}?reason=signed-out", Page::Login.path()),
                Default::default(),
            );
        };
        pending.send(
            api.call::<endpoint::Logout>((), ()),
            move |result| match result {
                // No session on the server any more: signed out either way.
                Ok(()) => ended(),
                Err(ApiError::Server(body)) if body.code == wire::ErrorCode::Unauthenticated => {
                    ended()
                }
                Err(_) => failed.set(true),
            },
        );
    });
    // Mounted once the page is in the document (the header may not be yet
    // while the page is drawn), and unmounted with the page: the handle is
    // dropped with its owner.
    let mounted = StoredValue::new_local(None::<Box<dyn std::any::Any>>);
    Effect::new(move |_| {
        if mounted.with_value(Option::is_some) {
            return;
        }
        let Some(actions) = document().get_element_by_id(HEADER_ACTIONS) else {
            return;
        };
        let button = leptos::mount::mount_to(actions.unchecked_into(), move || {
            view! {
                <button
                    type="button"
                    class="button button--secondary with-icon site-header__sign-out"
                    data-testid="sign-out"
                    aria-disabled=move || pending.get().to_string()
                    on:click=move |_| run.run(())
                >
                    {move || i18n.t(if failed.get() { Msg::SignOutRetry } else { Msg::SignOut })}
                </button>
            }
        });
        mounted.set_value(Some(Box::new(button)));
    });
    SignOut { run, done, failed }
}
