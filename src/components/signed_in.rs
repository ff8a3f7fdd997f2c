//! What every signed-in page (the hub, My account, the desk) shares: the way
//! back to sign-in, saying why, and the guard of the page's session.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use upsers_contract as wire;

use crate::api::ApiError;
use crate::routes::Page;
use crate::session_sync::{SessionNews, use_session_news};

/// Why a signed-in page sends the employee to sign-in; the sign-in page
/// says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaving {
    /// There was no session to begin with: nothing to explain.
    NoSession,
    /// The session ended: it idled out, or was ended from elsewhere.
    Expired,
    /// The employee signed out, here or in another tab.
    SignedOut,
}

impl Leaving {
    /// The sign-in page, with the reason it shows.
    pub fn path(self) -> String {
        let login = Page::Login.path();
        match self {
            Leaving::NoSession => login,
            Leaving::Expired => login + "?reason=expired",
            Leaving::SignedOut => login + "?reason=signed-out",
        }
    }
}

/// Goes to sign-in, saying why (from where the router is in reach: a
/// component, an effect, an answer to a call it made).
pub fn to_sign_in(why: Leaving) {
    use_navigate()(&why.path(), Default::default());
}

/// Whether `error` says the session is gone (every signed-in call may find
/// it so: idle, or ended from another device).
pub fn session_gone(error: &ApiError) -> bool {
    matches!(error, ApiError::Server(body) if body.code == wire::ErrorCode::Unauthenticated)
}

/// The guard of a signed-in page whose session is `session`: without one,
/// to sign-in; when one that was here is gone (read again when the tab is
/// shown again after a while), to sign-in saying it expired; a sign-out in
/// another tab signs this one out too.
pub fn guard<T: Clone + Send + Sync + 'static>(session: LocalResource<Result<T, ApiError>>) {
    let navigate = use_navigate();
    let leave = move |why: Leaving| navigate(&why.path(), Default::default());
    let on_news = {
        let leave = leave.clone();
        move |news| {
            if news == SessionNews::SignedOut {
                leave(Leaving::SignedOut);
            }
        }
    };
    Effect::new(move |had_session: Option<bool>| match session.get() {
        Some(Ok(_)) => true,
        Some(Err(_)) => {
            let why = match had_session {
                Some(true) => Leaving::Expired,
                _ => Leaving::NoSession,
            };
            leave(why);
            false
        }
        None => had_session.unwrap_or(false),
    });
    use_session_news(on_news, move || session.refetch());
}
