//! `/login`: Employee ID + PIN, with format checks from the API's policy, a
//! Caps Lock warning, `Show PIN`, an opt-in remembered ID, the attempts left
//! after a failure, and the lockout countdown (kept across a reload).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::api::{ApiError, use_api};
use crate::components::{
    Alert, EmployeeIdField, ProblemAlert, Tone, deadline_in, format_mss, use_countdown,
    use_page_title,
};
use crate::dom::focus;
use crate::failures::Problem;
use crate::i18n::{Msg, fill, use_i18n};
use crate::pages::on_demand::prefetch_when_idle;
use crate::pending::Pending;
use crate::policy::use_policy;
use crate::routes::{HelpTopic, Page};
use crate::storage::{self, LOCK, LockNotice};
use crate::validation::{employee_id_problem, pin_problem};

/// What the last answer of the API means for the form.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    WrongCredentials { attempts_remaining: Option<u32> },
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

    let stored_lock = storage::session_get::<LockNotice>(LOCK)
        .filter(|lock| lock.deadline > crate::components::now_ms());
    let remembered = storage::local_get(storage::REMEMBERED_ID);
    let employee_id = RwSignal::new(
        stored_lock
            .as_ref()
            .map(|lock| lock.employee_id.clone())
            .or(remembered.clone())
            .unwrap_or_default(),
    );
    let pin = RwSignal::new(String::new());
    let show_pin = RwSignal::new(false);
    let caps_lock = RwSignal::new(false);
    let remember = RwSignal::new(remembered.is_some());
    let submitted = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let lock = RwSignal::new(stored_lock);
    let lock_ended = RwSignal::new(false);
    let countdown = use_countdown(Signal::derive(move || lock.get().map(|lock| lock.deadline)));

    // At zero the form comes back, and says so.
    Effect::new(move |_| {
        if lock.with(Option::is_some) && !countdown.running.get() {
            lock.set(None);
            storage::session_remove(LOCK);
            outcome.set(None);
            lock_ended.set(true);
        }
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
            .then(|| pin_problem(&pin.get(), policy.pin_max()))
            .flatten()
    };

    // Once this page is usable, the pages an employee goes to next arrive
    // while they type.
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
    let on_answer = move |result: Result<wire::LoginStarted, ApiError>| {
        let id = employee_id.get_untracked().trim().to_owned();
        match result {
            Ok(started) => {
                if remember.get_untracked() {
                    storage::local_set(storage::REMEMBERED_ID, &id);
                } else {
                    storage::local_remove(storage::REMEMBERED_ID);
                }
                storage::session_set(storage::FLOW, &started);
                navigate(&Page::Verify.path(), Default::default());
            }
            Err(ApiError::Server(body)) => {
                // The PIN is cleared for the next try; its "required" error
                // waits for that next submit.
                pin.set(String::new());
                submitted.set(false);
                match body.code {
                    wire::ErrorCode::InvalidCredentials => {
                        outcome.set(Some(Outcome::WrongCredentials {
                            attempts_remaining: body.attempts_remaining,
                        }));
                        focus("pin");
                    }
                    wire::ErrorCode::Locked | wire::ErrorCode::RateLimited => {
                        let notice = LockNotice {
                            employee_id: id,
                            deadline: deadline_in(body.retry_after_secs.unwrap_or(60)),
                        };
                        storage::session_set(LOCK, &notice);
                        lock_ended.set(false);
                        outcome.set(Some(Outcome::Problem(
                            if body.code == wire::ErrorCode::Locked {
                                Msg::Locked
                            } else {
                                Msg::RateLimited
                            },
                        )));
                        lock.set(Some(notice));
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
        let pin_problem = pin_problem(&pin.get_untracked(), policy.pin_max());
        if id_problem.is_some() {
            focus("employee-id");
        } else if pin_problem.is_some() {
            focus("pin");
        } else if !countdown.running.get_untracked() {
            outcome.set(None);
            let request = wire::LoginRequest {
                employee_id: employee_id.get_untracked().trim().to_owned(),
                pin: pin.get_untracked(),
            };
            login.send(api.call::<endpoint::Login>((), request), on_answer.clone());
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
                    <Alert tone=Tone::Info testid="session-ended">{move || i18n.t(Msg::SessionExpired)}</Alert>
                }.into_any()),
                Some("signed-out") => Some(view! {
                    <Alert tone=Tone::Info testid="session-ended">{move || i18n.t(Msg::SignedOut)}</Alert>
                }.into_any()),
                _ => None,
            }}
            <ProblemAlert problem=Signal::derive(move || outcome.get().map(|outcome| match outcome {
                Outcome::WrongCredentials { attempts_remaining } => Problem {
                    msg: Msg::InvalidCredentials,
                    attempts_left: attempts_remaining,
                },
                Outcome::Problem(msg) => Problem::new(msg),
            })) testid="login-error" />
            <LockoutTimer remaining=countdown.remaining running=countdown.running />
            {move || lock_ended.get().then(|| view! {
                <Alert tone=Tone::Success testid="lock-ended">{move || i18n.t(Msg::LockEnded)}</Alert>
            })}
            <form class="form" novalidate on:submit=on_submit>
                <EmployeeIdField value=employee_id error=Signal::derive(id_error) />
                <div class="field">
                    <label for="pin">{move || i18n.t(Msg::PinLabel)}</label>
                    <div class="field__row">
                        <input
                            id="pin"
                            name="pin"
                            type=move || if show_pin.get() { "text" } else { "password" }
                            autocomplete="current-password"
                            spellcheck="false"
                            aria-invalid=move || pin_error().is_some().to_string()
                            aria-describedby=move || {
                                let mut ids = Vec::new();
                                if pin_error().is_some() { ids.push("pin-error"); }
                                if caps_lock.get() { ids.push("caps-lock-warning"); }
                                (!ids.is_empty()).then(|| ids.join(" "))
                            }
                            prop:value=move || pin.get()
                            on:input=move |event| pin.set(event_target_value(&event))
                            on:keydown=on_pin_key
                            on:keyup=on_pin_key
                        />
                        <button
                            type="button"
                            class="button button--secondary"
                            aria-controls="pin"
                            data-testid="toggle-pin"
                            on:click=move |_| show_pin.update(|shown| *shown = !*shown)
                        >
                            {move || i18n.t(if show_pin.get() { Msg::HidePin } else { Msg::ShowPin })}
                        </button>
                    </div>
                    {move || pin_error().map(|msg| view! {
                        <p class="field__error" id="pin-error">
                            {fill(i18n.t(msg), &[("n", &policy.pin_max().to_string())])}
                        </p>
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
            <ul class="link-list">
                // A plain link (the router still handles it) so the click can
                // carry the typed Employee ID to the reset page first.
                <li><a href=Page::Forgot.path() data-testid="forgot-pin" on:click=move |_| {
                    let typed = employee_id.get_untracked().trim().to_owned();
                    if !typed.is_empty() {
                        storage::session_set(storage::CARRIED_ID, &typed);
                    }
                }>{move || i18n.t(Msg::ForgotPin)}</a></li>
                <li><A href=Page::Register.path()>{move || i18n.t(Msg::NewUserRegister)}</A></li>
                <li><A href=Page::HelpTopic(HelpTopic::Troubleshooting).path()>{move || i18n.t(Msg::HelpSignIn)}</A></li>
            </ul>
        </section>
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
    let announced = RwSignal::new(String::new());
    Effect::new(move |previous: Option<bool>| {
        let left = remaining.get();
        let on = running.get();
        if on && (previous != Some(true) || left.is_multiple_of(60)) {
            announced.set(fill(
                i18n.t(Msg::TryAgainIn),
                &[("time", &format_mss(left))],
            ));
        } else if !on {
            announced.set(String::new());
        }
        on
    });
    view! {
        <p class="visually-hidden" aria-live="polite" data-testid="lockout-announcer">{move || announced.get()}</p>
        {move || running.get().then(|| view! {
            <p class="lockout" data-testid="lockout" aria-hidden="true">
                {move || fill(i18n.t(Msg::TryAgainIn), &[("time", &format_mss(remaining.get()))])}
            </p>
        })}
    }
}
