//! `/login`: Employee ID + PIN, with format checks from the API's policy, a
//! Caps Lock warning, `Show PIN`, an opt-in remembered ID, the attempts left
//! after a failure, and the lockout countdown of the typed ID
//! ([`use_lockout`]).

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::api::{ApiError, use_api};
use crate::components::{
    Alert, EmployeeIdField, ErrorLink, ErrorSummary, Lockout, ProblemAlert, ShowPinToggle, Tone,
    deadline_in, employee_id_message, focus_error_summary, lockout_timer, use_lockout,
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
        home_if_signed_in(navigate.clone());
    }

    let stored_lock = storage::session_get::<LockNotice>(LOCK)
        .filter(|lock| lock.deadline > crate::components::now_ms());
    let remembered = storage::local_get(storage::REMEMBERED_ID);
    let remember = RwSignal::new(remembered.is_some());
    let employee_id = RwSignal::new(first_employee_id(&stored_lock, remembered));
    // The ID as typed, trimmed (tracked). Plain closures rather than memos
    // here: each memo type costs the first load its own reactive machinery.
    let typed_id = move || employee_id.with(|id| id.trim().to_owned());
    let pin = RwSignal::new(String::new());
    let show_pin = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let lockout = use_lockout(employee_id, stored_lock);
    let form = Form {
        pin,
        remember,
        submitted,
        outcome,
        lockout,
    };
    let Lockout {
        countdown,
        ended: lock_ended,
        ..
    } = lockout;

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
            let navigate = navigate.clone();
            let call = api.call::<endpoint::Login>((), request);
            login.send(call, move |result| form.answered(sent_id, result, navigate));
        }
    };

    let reason = move || query.read().get("reason");
    let busy = move || login.get() || countdown.running.get();

    view! {
        <section class="card" aria-labelledby="page-heading">
            <h1 id="page-heading">{move || i18n.t(Msg::SignInHeading)}</h1>
            {move || {
                // Why the last session ended: it ran out, or the employee
                // signed out.
                let expired = match reason().as_deref() {
                    Some("expired") => true,
                    Some("signed-out") => false,
                    _ => return None,
                };
                Some(view! {
                    <Alert tone=Tone::Info testid="session-ended">{move || match expired {
                        true => fill(i18n.t(Msg::SessionExpired), &[("duration", &i18n.duration(policy.idle_secs()))]),
                        false => i18n.t(Msg::SignedOut).to_owned(),
                    }}</Alert>
                })
            }}
            // When a lock runs out, what the server said before it goes too.
            <ProblemAlert problem=Signal::derive(move || outcome.get().filter(|_| !lock_ended.get()).and_then(|outcome| match outcome {
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
            {move || lockout.shown().map(|notice| lock_alert(notice, employee_id))}
            {lockout_timer(countdown)}
            {move || lock_ended.get().then(|| view! {
                <Alert tone=Tone::Success testid="lock-ended">{move || i18n.t(Msg::LockEnded)}</Alert>
            })}
            <ErrorSummary shown=Signal::derive(move || id_error().is_some() || pin_error().is_some())>
                {move || id_error().map(|msg| view! { <ErrorLink field="employee-id" message=employee_id_message(msg) /> })}
                {move || pin_error().map(|msg| view! { <ErrorLink field="pin" message=policy.pin_lengths_in(i18n, msg) /> })}
            </ErrorSummary>
            <form class="form" novalidate on:submit=on_submit>
                <EmployeeIdField value=employee_id error=Signal::derive(id_error) />
                {pin_field(pin, show_pin, Signal::derive(pin_error))}
                <div class="field field--checkbox">
                    <input
                        id="remember-id"
                        type="checkbox"
                        prop:checked=move || form.remember.get()
                        on:change=move |event| form.remember.set(event_target_checked(&event))
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

/// Sends a signed-in employee to the home hub (the session answers).
fn home_if_signed_in(navigate: impl Fn(&str, NavigateOptions) + 'static) {
    let session = use_api().call::<endpoint::GetSession>((), ());
    Pending::new().send(session, move |session| {
        if session.is_ok() {
            let options = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            navigate(&Page::Home.path(), options);
        }
    });
}

/// The Employee ID the form opens with: the locked one the tab kept, else
/// the one a registration just completed carried here, else the one this
/// browser remembers.
fn first_employee_id(stored_lock: &Option<LockNotice>, remembered: Option<String>) -> String {
    let carried = storage::session_get::<String>(storage::CARRIED_ID);
    storage::session_remove(storage::CARRIED_ID);
    stored_lock
        .as_ref()
        .and_then(|lock| lock.employee_id.clone())
        .or(carried)
        .or(remembered)
        .unwrap_or_default()
}

/// The sign-in form's state, as the answer to a sign-in changes it.
#[derive(Clone, Copy)]
struct Form {
    pin: RwSignal<String>,
    remember: RwSignal<bool>,
    submitted: RwSignal<bool>,
    outcome: RwSignal<Option<Outcome>>,
    lockout: Lockout,
}

impl Form {
    /// What the answer to the sign-in of `id` (the Employee ID that was
    /// sent: the answer is about it, even if the field has changed while the
    /// answer was on its way) means for the page.
    fn answered(
        self,
        id: String,
        result: Result<wire::LoginStarted, ApiError>,
        navigate: impl Fn(&str, NavigateOptions),
    ) {
        match result {
            Ok(started) => {
                if self.remember.get_untracked() {
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
            Err(ApiError::Server(body)) => self.refused(id, body, navigate),
            Err(ApiError::Network) => self.said(Msg::NetworkError),
        }
    }

    fn refused(self, id: String, body: wire::ErrorBody, navigate: impl Fn(&str, NavigateOptions)) {
        // The PIN is cleared for the next try; its "required" error waits
        // for that next submit.
        self.pin.set(String::new());
        self.submitted.set(false);
        match body.code {
            wire::ErrorCode::InvalidCredentials => {
                self.outcome.set(Some(Outcome::WrongCredentials {
                    employee_id: id,
                    attempts_remaining: body.attempts_remaining,
                }));
                focus("pin");
            }
            // The right PIN of an ID a report locked: the reset page says
            // why, and offers the way out.
            wire::ErrorCode::Locked if body.names(wire::PIN_RESET_FIELD) => {
                carry_typed_id(id);
                let path = crate::routes::forgot_after_report();
                navigate(&path, Default::default());
            }
            wire::ErrorCode::Locked | wire::ErrorCode::RateLimited => {
                let locked = body.code == wire::ErrorCode::Locked;
                self.lockout.ended.set(false);
                self.outcome.set(None);
                self.lockout.set(Some(LockNotice {
                    // A network's lock holds for every ID.
                    employee_id: locked.then_some(id),
                    deadline: deadline_in(body.retry_after_secs.unwrap_or(60)),
                }));
                // The button just went disabled under the pointer or the
                // Enter key: focus goes to the explanation.
                focus_after_render("lock-notice");
            }
            wire::ErrorCode::InvalidInput => {
                self.submitted.set(true);
                self.said(Msg::InvalidCredentials);
            }
            wire::ErrorCode::Unavailable => self.said(Msg::Unavailable),
            _ => self.said(Msg::GenericError),
        }
    }

    fn said(self, msg: Msg) {
        self.outcome.set(Some(Outcome::Problem(msg)));
    }
}

/// Why the form is locked: an ID's lock (with the way out, a PIN reset) or
/// a network's.
fn lock_alert(notice: LockNotice, employee_id: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
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
}

/// The PIN, with its hint, `Show PIN`, its error and a Caps Lock warning.
fn pin_field(
    value: RwSignal<String>,
    shown: RwSignal<bool>,
    error: Signal<Option<Msg>>,
) -> impl IntoView {
    let (i18n, policy) = (use_i18n(), use_policy());
    let caps_lock = RwSignal::new(false);
    let on_pin_key =
        move |event: leptos::ev::KeyboardEvent| caps_lock.set(event.get_modifier_state("CapsLock"));
    view! {
        <div class="field">
            <label for="pin">{move || i18n.t(Msg::PinLabel)}</label>
            <p class="hint" id="pin-hint">
                {move || policy.pin_lengths_in(i18n, Msg::PinHint)}
            </p>
            <div class="field__row">
                <input
                    id="pin"
                    name="pin"
                    type=move || if shown.get() { "text" } else { "password" }
                    autocomplete="current-password"
                    spellcheck="false"
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=move || {
                        let mut ids = vec!["pin-hint"];
                        if error.get().is_some() { ids.push("pin-error"); }
                        if caps_lock.get() { ids.push("caps-lock-warning"); }
                        ids.join(" ")
                    }
                    prop:value=move || value.get()
                    on:input=move |event| value.set(event_target_value(&event))
                    on:keydown=on_pin_key
                    on:keyup=on_pin_key
                />
                <ShowPinToggle shown controls="pin" />
            </div>
            {move || error.get().map(|msg| view! {
                <p class="field__error" id="pin-error">{policy.pin_lengths_in(i18n, msg)}</p>
            })}
            {move || caps_lock.get().then(|| view! {
                <p class="field__warning" id="caps-lock-warning" role="status">
                    {i18n.t(Msg::CapsLockOn)}
                </p>
            })}
        </div>
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
