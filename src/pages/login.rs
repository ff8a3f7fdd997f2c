//! `/login`: Employee ID + PIN, with format checks from the API's policy, a
//! Caps Lock warning, `Show PIN`, an opt-in remembered ID, the attempts left
//! after a failure, and the lockout countdown (kept across a reload).
//!
//! A lock belongs to an Employee ID, not to the tab: one warehouse PC serves
//! many employees. The countdown shows only while the locked ID is the one
//! typed, and whenever the typed ID is whole the page asks the API whether
//! that ID is locked (asking takes no attempt), so typing the locked ID again
//! shows its countdown again, and a lock ended elsewhere (a PIN reset) ends
//! here too.

use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::api::{ApiError, use_api};
use crate::components::{
    Alert, EmployeeIdField, ErrorLink, ErrorSummary, ProblemAlert, ShowPinToggle, Tone,
    deadline_in, employee_id_message, focus_error_summary, format_mss, use_countdown,
    use_page_title,
};
use crate::dom::{focus, focus_after_render};
use crate::failures::Problem;
use crate::i18n::{Msg, fill, use_i18n};
use crate::pages::on_demand::{passkey_sign_in, prefetch_when_idle};
use crate::pending::Pending;
use crate::policy::use_policy;
use crate::routes::{HelpTopic, Page};
use crate::storage::{self, LOCK, LockNotice};
use crate::validation::{employee_id_problem, pin_problem};

/// Counts the changes of the page's lock, so an answer about a lock is not
/// applied over a newer one (a 423 that came back while the question was
/// out). Only compared before and after one question, so one counter serves
/// every mount of the page.
static LOCK_CHANGES: AtomicU64 = AtomicU64::new(0);

/// What the last answer of the API means for the form.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// A wrong PIN for `employee_id` (said only while that ID is typed).
    WrongCredentials {
        employee_id: String,
        attempts_remaining: Option<u32>,
    },
    Problem(Msg),
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::SignInHeading);
    let api = use_api();
    let navigate = use_navigate();
    let query = use_query_map();

    let policy = use_policy();

    // A signed-in employee (the wordmark, a bookmark) goes to the home hub;
    // not when the page says that a session has just ended.
    if query.with_untracked(|query| query.get("reason").is_none()) {
        let to_home = navigate.clone();
        let session = api.call::<endpoint::GetSession>((), ());
        Pending::new().send(session, move |session| {
            if session.is_ok() {
                let options = NavigateOptions {
                    replace: true,
                    ..Default::default()
                };
                to_home(&Page::Home.path(), options);
            }
        });
    }

    let stored_lock = storage::session_get::<LockNotice>(LOCK)
        .filter(|lock| lock.deadline > crate::components::now_ms());
    let remembered = storage::local_get(storage::REMEMBERED_ID);
    // Carried here by a registration just completed.
    let carried = storage::session_get::<String>(storage::CARRIED_ID);
    storage::session_remove(storage::CARRIED_ID);
    let employee_id = RwSignal::new(
        stored_lock
            .as_ref()
            .and_then(|lock| lock.employee_id.clone())
            .or(carried)
            .or(remembered.clone())
            .unwrap_or_default(),
    );
    // The ID as typed, trimmed (tracked). Plain closures rather than memos
    // here: each memo type costs the first load its own reactive machinery.
    let typed_id = move || employee_id.with(|id| id.trim().to_owned());
    let pin = RwSignal::new(String::new());
    let show_pin = RwSignal::new(false);
    let caps_lock = RwSignal::new(false);
    let remember = RwSignal::new(remembered.is_some());
    let submitted = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let lock = RwSignal::new(stored_lock);
    let lock_ended = RwSignal::new(false);
    // The lock that holds for the ID typed now, if any.
    let shown_lock = move || {
        lock.get()
            .filter(|notice| employee_id.with(|id| notice.applies_to(id.trim())))
    };
    let countdown = use_countdown(Signal::derive(move || {
        shown_lock().map(|notice| notice.deadline)
    }));
    let set_lock = move |notice: Option<LockNotice>| {
        match &notice {
            Some(notice) => storage::session_set(LOCK, notice),
            None => storage::session_remove(LOCK),
        }
        LOCK_CHANGES.fetch_add(1, Ordering::Relaxed);
        lock.set(notice);
    };

    // At zero the form comes back, and says so.
    Effect::new(move |_| {
        if shown_lock().is_some() && !countdown.running.get() {
            set_lock(None);
            outcome.set(None);
            lock_ended.set(true);
        }
    });

    // Whenever the typed ID is whole, the API says whether it is locked.
    let api_for_locks = api.clone();
    Effect::new(move |_| {
        let id = typed_id();
        if employee_id_problem(&id, policy.id_digits()).is_some() {
            return;
        }
        let query = wire::LockQuery {
            employee_id: id.clone(),
        };
        let asked = api_for_locks.call::<endpoint::GetLock>((), query);
        let changes_when_asked = LOCK_CHANGES.load(Ordering::Relaxed);
        leptos::task::spawn_local(async move {
            let Ok(answer) = asked.await else { return };
            // The page is gone, or the employee typed on: a later ask answers.
            if employee_id.try_with_untracked(|typed| typed.trim() == id) != Some(true) {
                return;
            }
            match answer.retry_after_secs {
                Some(secs) => set_lock(Some(LockNotice {
                    employee_id: Some(id),
                    deadline: deadline_in(secs),
                })),
                // Not locked now (the lock ended, or a PIN reset ended it):
                // the tab's notice for this ID goes, unless a newer one came.
                None => {
                    let stale = lock.with_untracked(|notice| {
                        notice
                            .as_ref()
                            .and_then(|notice| notice.employee_id.as_deref())
                            == Some(id.as_str())
                    }) && LOCK_CHANGES.load(Ordering::Relaxed) == changes_when_asked;
                    if stale {
                        set_lock(None);
                    }
                }
            }
        });
    });

    let id_error = move || {
        submitted
            .get()
            .then(|| employee_id_problem(&employee_id.get(), policy.id_digits()))
            .flatten()
    };
    let pin_error = move || {
        submitted
            .get()
            .then(|| pin_problem(&pin.get(), policy.pin_min(), policy.pin_max()))
            .flatten()
    };

    // Once this page is usable, its passkey part, and the pages an employee
    // goes to next, arrive while they type.
    passkey_sign_in();
    Effect::new(|| {
        prefetch_when_idle(&[
            Page::Verify,
            Page::Home,
            Page::Forgot,
            Page::Help,
            Page::Register,
        ])
    });

    let login = Pending::new();
    // `id` is the Employee ID that was sent: the answer is about it, even if
    // the field has changed while the answer was on its way.
    let on_answer = move |id: String, result: Result<wire::LoginStarted, ApiError>| {
        match result {
            Ok(started) => {
                if remember.get_untracked() {
                    storage::local_set(storage::REMEMBERED_ID, &id);
                } else {
                    storage::local_remove(storage::REMEMBERED_ID);
                }
                // A device the employee remembered needs no second step.
                let next = if started.signed_in() {
                    Page::Home
                } else {
                    storage::session_set(storage::FLOW, &started);
                    Page::Verify
                };
                navigate(&next.path(), Default::default());
            }
            Err(ApiError::Server(body)) => {
                // The PIN is cleared for the next try; its "required" error
                // waits for that next submit.
                pin.set(String::new());
                submitted.set(false);
                match body.code {
                    wire::ErrorCode::InvalidCredentials => {
                        outcome.set(Some(Outcome::WrongCredentials {
                            employee_id: id,
                            attempts_remaining: body.attempts_remaining,
                        }));
                        focus("pin");
                    }
                    // The right PIN of an ID a report locked: the reset page
                    // says why, and offers the way out.
                    wire::ErrorCode::Locked if body.names(wire::PIN_RESET_FIELD) => {
                        carry_typed_id(id);
                        let path = crate::routes::forgot_after_report();
                        navigate(&path, Default::default());
                    }
                    wire::ErrorCode::Locked | wire::ErrorCode::RateLimited => {
                        let locked = body.code == wire::ErrorCode::Locked;
                        lock_ended.set(false);
                        outcome.set(None);
                        set_lock(Some(LockNotice {
                            // A network's lock holds for every ID.
                            employee_id: locked.then_some(id),
                            deadline: deadline_in(body.retry_after_secs.unwrap_or(60)),
                        }));
                        // The button just went disabled under the pointer or
                        // the Enter key: focus goes to the explanation.
                        focus_after_render("lock-notice");
                    }
                    wire::ErrorCode::InvalidInput => {
                        submitted.set(true);
                        outcome.set(Some(Outcome::Problem(Msg::InvalidCredentials)));
                    }
                    wire::ErrorCode::Unavailable => {
                        outcome.set(Some(Outcome::Problem(Msg::Unavailable)))
                    }
                    _ => outcome.set(Some(Outcome::Problem(Msg::GenericError))),
                }
            }
            Err(ApiError::Network) => outcome.set(Some(Outcome::Problem(Msg::NetworkError))),
        }
    };

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submitted.set(true);
        lock_ended.set(false);
        let id_problem = employee_id_problem(&employee_id.get_untracked(), policy.id_digits());
        let pin_problem = pin_problem(&pin.get_untracked(), policy.pin_min(), policy.pin_max());
        if id_problem.is_some() || pin_problem.is_some() {
            // The form's own errors replace what the server said last.
            outcome.set(None);
            focus_error_summary();
        } else if !countdown.running.get_untracked() {
            outcome.set(None);
            let sent_id = employee_id.get_untracked().trim().to_owned();
            let request = wire::LoginRequest {
                employee_id: sent_id.clone(),
                pin: pin.get_untracked(),
            };
            let on_answer = on_answer.clone();
            let call = api.call::<endpoint::Login>((), request);
            login.send(call, move |result| on_answer(sent_id, result));
        }
    };

    let on_pin_key =
        move |event: leptos::ev::KeyboardEvent| caps_lock.set(event.get_modifier_state("CapsLock"));
    let reason = move || query.read().get("reason");
    let busy = move || login.get() || countdown.running.get();

    view! {
        <section class="card" aria-labelledby="page-heading">
            <h1 id="page-heading">{move || i18n.t(Msg::SignInHeading)}</h1>
            {move || match reason().as_deref() {
                Some("expired") => Some(view! {
                    <Alert tone=Tone::Info testid="session-ended">{move || {
                        fill(i18n.t(Msg::SessionExpired), &[("duration", &i18n.duration(policy.idle_secs()))])
                    }}</Alert>
                }.into_any()),
                Some("signed-out") => Some(view! {
                    <Alert tone=Tone::Info testid="session-ended">{move || i18n.t(Msg::SignedOut)}</Alert>
                }.into_any()),
                _ => None,
            }}
            <ProblemAlert problem=Signal::derive(move || outcome.get().and_then(|outcome| match outcome {
                Outcome::WrongCredentials { employee_id, attempts_remaining } => {
                    (employee_id == typed_id()).then_some(Problem {
                        msg: Msg::InvalidCredentials,
                        attempts_left: attempts_remaining,
                    })
                }
                Outcome::Problem(msg) => Some(Problem::new(msg)),
            })) testid="login-error" />
            // Drawn from the lock alone, not from the ticking countdown, so
            // the alert (and the focus on it) stays put while the time runs.
            {move || shown_lock().map(|notice| {
                let by_id = notice.employee_id.is_some();
                view! {
                    <Alert tone=Tone::Warning id="lock-notice" testid="login-error">
                        <p>{move || i18n.t(if by_id { Msg::Locked } else { Msg::RateLimited })}</p>
                        {by_id.then(|| view! {
                            <p data-testid="lock-reset-hint">
                                {move || i18n.t(Msg::LockedResetHint)}" "
                                <a href=Page::Forgot.path() on:click=move |_| carry_typed_id(employee_id.get_untracked())>
                                    {move || i18n.t(Msg::ForgotPin)}
                                </a>
                            </p>
                        })}
                    </Alert>
                }
            })}
            <LockoutTimer remaining=countdown.remaining running=countdown.running />
            {move || lock_ended.get().then(|| view! {
                <Alert tone=Tone::Success testid="lock-ended">{move || i18n.t(Msg::LockEnded)}</Alert>
            })}
            <ErrorSummary shown=Signal::derive(move || id_error().is_some() || pin_error().is_some())>
                {move || id_error().map(|msg| view! { <ErrorLink field="employee-id" message=employee_id_message(msg) /> })}
                {move || pin_error().map(|msg| view! { <ErrorLink field="pin" message=policy.pin_lengths_in(i18n, msg) /> })}
            </ErrorSummary>
            <form class="form" novalidate on:submit=on_submit>
                <EmployeeIdField value=employee_id error=Signal::derive(id_error) />
                <div class="field">
                    <label for="pin">{move || i18n.t(Msg::PinLabel)}</label>
                    <p class="hint" id="pin-hint">
                        {move || policy.pin_lengths_in(i18n, Msg::PinHint)}
                    </p>
                    <div class="field__row">
                        <input
                            id="pin"
                            name="pin"
                            type=move || if show_pin.get() { "text" } else { "password" }
                            autocomplete="current-password"
                            spellcheck="false"
                            aria-invalid=move || pin_error().is_some().to_string()
                            aria-describedby=move || {
                                let mut ids = vec!["pin-hint"];
                                if pin_error().is_some() { ids.push("pin-error"); }
                                if caps_lock.get() { ids.push("caps-lock-warning"); }
                                ids.join(" ")
                            }
                            prop:value=move || pin.get()
                            on:input=move |event| pin.set(event_target_value(&event))
                            on:keydown=on_pin_key
                            on:keyup=on_pin_key
                        />
                        <ShowPinToggle shown=show_pin controls="pin" />
                    </div>
                    {move || pin_error().map(|msg| view! {
                        <p class="field__error" id="pin-error">{policy.pin_lengths_in(i18n, msg)}</p>
                    })}
                    {move || caps_lock.get().then(|| view! {
                        <p class="field__warning" id="caps-lock-warning" role="status">
                            {i18n.t(Msg::CapsLockOn)}
                        </p>
                    })}
                </div>
                <div class="field field--checkbox">
                    <input
                        id="remember-id"
                        type="checkbox"
                        prop:checked=move || remember.get()
                        on:change=move |event| remember.set(event_target_checked(&event))
                    />
                    <label for="remember-id">{move || i18n.t(Msg::RememberId)}</label>
                </div>
                <button type="submit" class="button button--primary" disabled=busy data-testid="sign-in">
                    {move || i18n.t(if login.get() { Msg::Working } else { Msg::SignInButton })}
                </button>
            </form>
            <div id="passkey-slot"></div>
            <ul class="link-list">
                // A plain link (the router still handles it) so the click can
                // carry the typed Employee ID to the reset page first.
                <li><a href=Page::Forgot.path() data-testid="forgot-pin" on:click=move |_| {
                    carry_typed_id(employee_id.get_untracked())
                }>{move || i18n.t(Msg::ForgotPin)}</a></li>
                <li><A href=Page::Register.path()>{move || i18n.t(Msg::NewUserRegister)}</A></li>
                <li><A href=Page::HelpTopic(HelpTopic::Troubleshooting).path()>{move || i18n.t(Msg::HelpSignIn)}</A></li>
            </ul>
        </section>
    }
}

/// Carries the typed Employee ID to `Forgot your PIN?` (the link stays a plain
/// link, which the router still handles, so the click can do this first).
fn carry_typed_id(typed: String) {
    let typed = typed.trim();
    if !typed.is_empty() {
        storage::session_set(storage::CARRIED_ID, &typed);
    }
}

/// The visible lockout timer, and a polite announcement of it when it starts
/// and at each whole minute (not every second).
#[component]
fn LockoutTimer(
    /// Seconds left.
    remaining: Signal<u64>,
    /// Whether the lock is on.
    running: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The seconds left when last announced: the words are drawn from them,
    // so a language switch re-translates the announcement.
    let announced = RwSignal::new(None::<u64>);
    Effect::new(move |previous: Option<bool>| {
        let left = remaining.get();
        let on = running.get();
        if on && (previous != Some(true) || left.is_multiple_of(60)) {
            announced.set(Some(left));
        } else if !on {
            announced.set(None);
        }
        on
    });
    view! {
        <p class="visually-hidden" aria-live="polite" data-testid="lockout-announcer">{move || {
            announced.get().map(|left| fill(i18n.t(Msg::TryAgainIn), &[("time", &format_mss(left))]))
        }}</p>
        {move || running.get().then(|| view! {
            <p class="lockout" data-testid="lockout" aria-hidden="true">
                {move || fill(i18n.t(Msg::TryAgainIn), &[("time", &format_mss(remaining.get()))])}
            </p>
        })}
    }
}
