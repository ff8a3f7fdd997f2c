//! Sign out, as every signed-in page offers it: in the header, where every
//! portal puts it, while the page is open.
//!
//! Sign-out is honest: the page says "signed out" only once the server has
//! ended the session (or says there is none). When the request does not get
//! through, the employee stays on the page, is told the session may still
//! be open, and can try again; on a shared depot PC the next person would
//! otherwise inherit it. Every other tab hears of a sign-out and follows.

use std::any::Any;
use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use upsers_contract as wire;
use upsers_contract::endpoint;
use wasm_bindgen::JsCast;

use crate::api::{ApiError, use_api};
use crate::components::{Alert, HEADER_ACTIONS, Leaving, Tone};
use crate::i18n::{Msg, use_i18n};
use crate::pending::Pending;
use crate::session_sync::{SessionNews, announce};

thread_local! {
    /// The header's one Sign out: the page that put it there, and the
    /// handle that keeps it mounted.
    static IN_HEADER: RefCell<Option<(u64, Box<dyn Any>)>> = const { RefCell::new(None) };
    /// Numbers the pages that put one there.
    static NEXT_PAGE: Cell<u64> = const { Cell::new(0) };
}

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
            navigate(&Leaving::SignedOut.path(), Default::default());
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
    // while the page is drawn). The header holds one Sign out: the page
    // before may still be on its way out when this one mounts, and its
    // button goes at once; this page's goes with it.
    let mine = NEXT_PAGE.with(|next| {
        next.set(next.get() + 1);
        next.get()
    });
    Effect::new(move |_| {
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
        let before = IN_HEADER.with(|slot| slot.replace(Some((mine, Box::new(button)))));
        drop(before);
    });
    on_cleanup(move || {
        let ours = IN_HEADER.with(|slot| {
            let mut slot = slot.borrow_mut();
            if slot.as_ref().is_some_and(|(page, _)| *page == mine) {
                slot.take()
            } else {
                None
            }
        });
        drop(ours);
    });
    SignOut { run, done, failed }
}
