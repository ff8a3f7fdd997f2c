//! `/home`: the hub after sign-in, behind the session. Two minutes before the
//! idle timeout a dialog counts down, with `Stay signed in` and `Sign out`; at
//! zero the employee is back at sign-in with a message saying why. Sign out
//! is the header's, as on every signed-in page (`use_sign_out`).

use leptos::html::Dialog;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::api::{ApiError, use_api};
use crate::components::{
    Leaving, deadline_in, format_mss, use_countdown, use_page_title, use_sign_out,
};
use crate::i18n::{Locale, Msg, fill, use_i18n};
use crate::pending::Pending;
use crate::routes::Page;
use crate::session_sync::{SessionNews, announce, use_session_news};
use crate::time::local_time;

/// The dialog opens this many seconds before the idle timeout.
pub const IDLE_WARNING_SECS: u64 = 120;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::HomeHeading);
    let api = use_api();
    let navigate = use_navigate();

    let hub = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move {
                let home = api.call::<endpoint::GetHome>((), ()).await?;
                let session = api.call::<endpoint::GetSession>((), ()).await?;
                Ok::<_, ApiError>((home, session))
            }
        }
    });
    let idle_deadline = RwSignal::new(None::<f64>);
    let idle = use_countdown(idle_deadline.into());
    let sign_out = use_sign_out();
    let signed_out = sign_out.done;

    let go_to_login = {
        let navigate = navigate.clone();
        move |why: Leaving| {
            navigate(&why.path(), Default::default());
        }
    };

    // The route guard: no session, no hub.
    Effect::new({
        let go_to_login = go_to_login.clone();
        move |_| match hub.get() {
            Some(Ok((_, session))) => idle_deadline.set(Some(session_deadline(&session))),
            Some(Err(_)) => go_to_login(Leaving::NoSession),
            None => {}
        }
    });
    Effect::new({
        let go_to_login = go_to_login.clone();
        move |_| {
            if idle_deadline.with(Option::is_some)
                && !idle.running.get()
                && !signed_out.get_untracked()
            {
                go_to_login(Leaving::Expired);
            }
        }
    });

    let staying = Pending::new();
    let stay = Callback::new({
        let api = api.clone();
        move |_: ()| {
            staying.send(
                api.call::<endpoint::RefreshSession>((), ()),
                move |result| {
                    if let Ok(session) = result {
                        idle_deadline.set(Some(session_deadline(&session)));
                        announce(SessionNews::Refreshed {
                            idle_secs_left: idle_secs_left(&session),
                        });
                    }
                },
            );
        }
    });
    // Another tab signed out or kept the session alive; or this tab was
    // hidden (asleep, perhaps) and is shown again: the server says how the
    // session stands now.
    use_session_news(
        {
            let go_to_login = go_to_login.clone();
            move |news| match news {
                SessionNews::SignedOut => {
                    signed_out.set(true);
                    go_to_login(Leaving::SignedOut);
                }
                SessionNews::Refreshed { idle_secs_left } => {
                    idle_deadline.set(Some(deadline_in(idle_secs_left)));
                }
            }
        },
        {
            let api = api.clone();
            let go_to_login = go_to_login.clone();
            move || {
                let api = api.clone();
                let go_to_login = go_to_login.clone();
                leptos::task::spawn_local(async move {
                    match api.call::<endpoint::GetSession>((), ()).await {
                        Ok(session) => {
                            let _ = idle_deadline.try_set(Some(session_deadline(&session)));
                        }
                        Err(ApiError::Server(body))
                            if body.code == wire::ErrorCode::Unauthenticated
                                && signed_out.try_get_untracked() == Some(false) =>
                        {
                            go_to_login(Leaving::Expired)
                        }
                        Err(_) => {}
                    }
                });
            }
        },
    );
    let warning =
        Signal::derive(move || idle.running.get() && idle.remaining.get() <= IDLE_WARNING_SECS);
    // Where a failed sign-out shows: in the idle dialog while it is open
    // (the page behind a modal dialog is inert), else on the page.
    let failure =
        move |in_dialog: bool| move || (warning.get() == in_dialog).then(|| sign_out.failure());
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if warning.get() && !dialog.open() {
            let _ = dialog.show_modal();
        } else if !warning.get() && dialog.open() {
            dialog.close();
        }
    });

    view! {
        <section class="hub" aria-labelledby="page-heading">
            // One heading element whatever loads, so focus put on it after
            // the sign-in stays there when the greeting arrives.
            <h1 id="page-heading">
                {move || match hub.get() {
                    Some(Ok((home, _))) => fill(i18n.t(Msg::WelcomeName), &[("name", &home.first_name)]),
                    _ => i18n.t(Msg::HomeHeading).to_owned(),
                }}
            </h1>
            {failure(false)}
            {move || match hub.get() {
                Some(Ok((home, _))) => view! { <Hub home /> }.into_any(),
                _ => view! { <p role="status">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
            }}
        </section>
        <dialog node_ref=dialog class="dialog" aria-labelledby="idle-title" aria-describedby="idle-body" data-testid="idle-dialog">
            <h2 id="idle-title">{move || i18n.t(Msg::IdleTitle)}</h2>
            <p id="idle-body">
                {move || fill(i18n.t(Msg::IdleBody), &[("time", &format_mss(idle.remaining.get()))])}
            </p>
            {failure(true)}
            <div class="dialog__actions">
                <button type="button" class="button button--primary" autofocus on:click=move |_| stay.run(())>
                    {move || i18n.t(Msg::StaySignedIn)}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| sign_out.run.run(())>
                    {move || i18n.t(Msg::SignOut)}
                </button>
            </div>
        </dialog>
    }
}

/// Seconds to the idle timeout, by the server's own clock.
fn idle_secs_left(session: &wire::SessionInfo) -> u64 {
    (session.idle_expires_at - session.server_time).max(0) as u64
}

/// The idle deadline on the browser clock, from the server's own clock.
fn session_deadline(session: &wire::SessionInfo) -> f64 {
    deadline_in(idle_secs_left(session))
}

#[component]
fn Hub(home: wire::HomeHub) -> impl IntoView {
    let i18n = use_i18n();
    let last = home.last_sign_in_at;
    view! {
        <p data-testid="last-sign-in">
            {move || match last {
                Some(at) => fill(i18n.t(Msg::LastSignIn), &[("time", &local_time(at, i18n.locale().tag()))]),
                None => i18n.t(Msg::FirstSignIn).to_owned(),
            }}
        </p>
        // The portal's own: always first, whatever the operator configured.
        <ul class="tiles">
            <li class="tile">
                <A href=Page::Account.path() attr:data-testid="my-account">
                    <span class="tile__title">{move || i18n.t(Msg::MyAccount)}</span>
                    <span class="tile__text">{move || i18n.t(Msg::MyAccountText)}</span>
                </A>
            </li>
            {home.desk.then(|| view! {
                <li class="tile">
                    <A href=Page::Desk.path() attr:data-testid="desk-link">
                        <span class="tile__title">{move || i18n.t(Msg::DeskTile)}</span>
                        <span class="tile__text">{move || i18n.t(Msg::DeskTileText)}</span>
                    </A>
                </li>
            })}
        </ul>
        {(!home.tiles.is_empty()).then(|| view! {
            <h2>{move || i18n.t(Msg::YourResources)}</h2>
            <ul class="tiles" data-testid="tiles">
                {home.tiles.into_iter().map(|tile| {
                    let wire::Tile { title, description, href, .. } = tile;
                    view! {
                        <li class="tile">
                            <a href=href>
                                <span class="tile__title">{move || in_locale(&title, i18n.locale()).to_owned()}</span>
                                <span class="tile__text">{move || in_locale(&description, i18n.locale()).to_owned()}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
    }
}

/// The operator's words for a tile in the page's language.
fn in_locale(text: &wire::Localized, locale: Locale) -> &str {
    match locale {
        Locale::En => &text.en,
        Locale::Es => &text.es,
    }
}
