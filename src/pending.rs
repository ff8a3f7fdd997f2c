//! A request sent on an employee's action (a submit, a button) and what the
//! page does with its answer, written together where the request is sent.
//!
//! Leptos's `Action` keeps the answer in a signal for an `Effect` to pick up;
//! that puts the handling far from the sending and lets a second submit send
//! a second request. [`Pending`] sends one at a time and hands the answer
//! straight to the closure given with it.

use std::future::Future;

use leptos::prelude::*;

/// Whether a request of one form is on its way: the button's pending state,
/// and the guard against sending it twice.
#[derive(Clone, Copy)]
pub struct Pending(RwSignal<bool>);

impl Default for Pending {
    fn default() -> Self {
        Self::new()
    }
}

/// As a `Signal<bool>`, for components that take a pending state.
impl From<Pending> for Signal<bool> {
    fn from(pending: Pending) -> Self {
        pending.0.into()
    }
}

impl Pending {
    pub fn new() -> Self {
        Self(RwSignal::new(false))
    }

    /// Tracked, for `disabled` and `aria-busy`.
    pub fn get(self) -> bool {
        self.0.get()
    }

    /// Sends `request` unless one is already on its way (then `request` is
    /// dropped unpolled, and an API call sends nothing), then gives its answer
    /// to `then` under the page's reactive owner (so contexts are there). An
    /// answer that arrives after the page has gone is dropped.
    pub fn send<T: 'static>(
        self,
        request: impl Future<Output = T> + 'static,
        then: impl FnOnce(T) + 'static,
    ) {
        if self.0.get_untracked() {
            return;
        }
        self.0.set(true);
        let owner = Owner::current();
        leptos::task::spawn_local(async move {
            let answer = request.await;
            // An answer that is there at once (a test's, a cached one) waits
            // for the effects the sending scheduled, so the DOM has caught up
            // with what was typed before the answer changes it again.
            leptos::task::tick().await;
            if self.0.try_set(false).is_some() {
                return;
            }
            match owner {
                Some(owner) => owner.with(|| then(answer)),
                None => then(answer),
            }
        });
    }
}
