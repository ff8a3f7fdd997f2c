//! Mounting the app in the test page and waiting for the DOM to settle.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use leptos::mount::mount_to;
use leptos::prelude::*;
use serde::Serialize;
use upsers_contract as wire;
use upsers_contract::endpoint::{API_BASE, Endpoint};
use upsers_web::AppWith;
use upsers_web::api::{ApiError, HttpAnswer, HttpRequest, NoAnswer, Transport, TransportFuture};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// The app mounted into its own container; dropping it unmounts the app and
/// removes the container.
pub struct Mounted {
    pub root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// Mounts the app with a scripted API (answers nothing was scripted for are
/// "not signed in"), as if the browser had opened `path`.
pub fn mount_app_at(path: &str) -> Mounted {
    mount_with(path, Arc::new(ScriptedApi::default()))
}

/// Mounts the app with `api`, as if the browser had opened `path`.
pub fn mount_with(path: &str, api: Arc<ScriptedApi>) -> Mounted {
    console_error_panic_hook::set_once();
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(path))
        .unwrap();
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let transport: Arc<dyn Transport> = api;
    let handle = mount_to(
        root.clone(),
        move || view! { <AppWith transport=transport.clone() /> },
    );
    Mounted {
        root,
        _handle: Box::new(handle),
    }
}

pub async fn sleep(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                duration.as_millis() as i32,
            )
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits (up to two seconds) until `check` returns `Some`, and returns that.
pub async fn wait_for<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    for _ in 0..200 {
        leptos::task::tick().await;
        if let Some(found) = check() {
            return found;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

/// Like [`wait_for`], for things that take seconds (timers).
pub async fn wait_for_slowly<T>(
    what: &str,
    limit: Duration,
    mut check: impl FnMut() -> Option<T>,
) -> T {
    let started = js_sys::Date::now();
    while js_sys::Date::now() - started < limit.as_millis() as f64 {
        leptos::task::tick().await;
        if let Some(found) = check() {
            return found;
        }
        sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

/// The text of the page's `<h1>` once it reads `expected`.
pub async fn wait_for_heading(root: &HtmlElement, expected: &str) {
    let root = root.clone();
    let page = root.clone();
    wait_for(
        &format!(
            "the heading {expected:?} at {:?} in {}",
            window().location().href(),
            page.inner_html()
        ),
        || {
            let heading = root.query_selector("h1").ok().flatten()?.text_content()?;
            (heading == expected).then_some(())
        },
    )
    .await;
    // A new page or step moves focus to its heading in an animation frame
    // (`focus_after_render`). Let that frame pass, so a test's later focus
    // checks never race it (a loaded machine delays frames).
    next_frame().await;
}

/// Resolves in the next animation frame, after every frame callback
/// requested before it.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        window()
            .request_animation_frame(&resolve)
            .expect("requestAnimationFrame");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("an animation frame");
}

/// The text of the first element matching `selector`, if there is one.
pub fn text_of(root: &HtmlElement, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .unwrap()
        .and_then(|element| element.text_content())
}

/// The id of the element that has keyboard focus.
pub fn active_id() -> Option<String> {
    document().active_element().map(|element| element.id())
}

/// The header's Sign out of a signed-in page.
pub fn header_sign_out(root: &HtmlElement) -> HtmlElement {
    query(root, "[data-testid=sign-out]")
}

/// Presses the header's Sign out when the API will not answer it, and
/// waits for the page to say the employee may still be signed in.
pub async fn sign_out_unanswered(root: &HtmlElement) -> web_sys::Element {
    header_sign_out(root).click();
    wait_for("the sign-out failure", || {
        root.query_selector("[data-testid=sign-out-failed]")
            .unwrap()
    })
    .await
}

pub fn query(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into()
}

thread_local! {
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Held for the length of a test: wasm-bindgen-test runs async tests
/// interleaved, and these share one page (location, localStorage).
pub struct Serial;

impl Drop for Serial {
    fn drop(&mut self) {
        BUSY.with(|busy| busy.set(false));
    }
}

/// Waits for the other tests of this binary to finish, then starts from empty
/// storage. (After 30 s it goes ahead: a test that panicked keeps its turn.)
pub async fn begin() -> Serial {
    let started = js_sys::Date::now();
    while BUSY.with(|busy| busy.replace(true)) && js_sys::Date::now() - started < 30_000.0 {
        sleep(Duration::from_millis(20)).await;
    }
    clear_storage();
    Serial
}

fn session_storage() -> web_sys::Storage {
    window().session_storage().unwrap().unwrap()
}

/// Writes `key` of this tab's sessionStorage, as an earlier visit would have.
pub fn session_item_set(key: &str, value: &str) {
    session_storage().set_item(key, value).unwrap();
}

/// What this tab's sessionStorage holds under `key`.
pub fn session_item(key: &str) -> Option<String> {
    session_storage().get_item(key).unwrap()
}

/// A sign-in flow in this tab between the PIN and the code, offering
/// `channels` (`(channel, masked destination)`), as the sign-in page leaves
/// it for `/login/verify`.
pub fn keep_login_flow(channels: &[(wire::Channel, &str)]) {
    let flow = wire::LoginStarted {
        flow_id: "flow".into(),
        channels: channels
            .iter()
            .map(|(channel, destination)| wire::ChannelOption {
                channel: *channel,
                destination: (*destination).into(),
            })
            .collect(),
        expires_in_secs: 900,
        server_time: 0,
    };
    session_item_set("upsers.login_flow", &serde_json::to_string(&flow).unwrap());
}

pub fn clear_storage() {
    window().local_storage().unwrap().unwrap().clear().unwrap();
    session_storage().clear().unwrap();
}

/// Types `text` into the input with `id`, as a user would (an input event).
pub fn type_into(root: &HtmlElement, id: &str, text: &str) {
    let input: web_sys::HtmlInputElement = query(root, &format!("#{id}")).unchecked_into();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

/// Submits the form holding the element with `id`.
/// Chooses `value` in the select `id`, as a person does (a change event).
pub fn select_option(root: &HtmlElement, id: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = query(root, &format!("#{id}")).unchecked_into();
    select.set_value(value);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

pub fn submit_form_of(root: &HtmlElement, id: &str) {
    let element = query(root, &format!("#{id}"));
    let form: web_sys::HtmlFormElement = element.closest("form").unwrap().unwrap().unchecked_into();
    form.request_submit().unwrap();
}

/// A mobile number and an email address, masked as the API shows them.
pub fn jordans_contacts() -> wire::AccountContacts {
    wire::AccountContacts {
        mobile: Some("(•••) •••-0123".into()),
        email: Some("j•••@upsers.example".into()),
        settling: Vec::new(),
        server_time: 1_000,
    }
}

/// The catalogue's first five questions, `chosen` among them answered.
pub fn account_questions(chosen: &[&str]) -> wire::AccountQuestions {
    let catalogue = [
        ("birth_city", "In what city were you born?"),
        ("first_pet", "What was the name of your first pet?"),
        ("first_car", "What was the make of your first car?"),
        (
            "elementary_school",
            "What was the name of your elementary school?",
        ),
        (
            "childhood_street",
            "What street did you live on as a child?",
        ),
    ];
    wire::AccountQuestions {
        questions: catalogue
            .iter()
            .map(|(id, text)| wire::Question {
                id: (*id).into(),
                text: (*text).into(),
            })
            .collect(),
        chosen: chosen.iter().map(|id| (*id).to_owned()).collect(),
        required: 3,
        min_answer_length: 3,
        server_time: 1_000,
    }
}

pub fn error_body(code: wire::ErrorCode) -> wire::ErrorBody {
    wire::ErrorBody::new(code, "scripted", 0)
}

/// A [`Transport`] whose answers a test scripts by endpoint, and which records
/// what it was asked.
#[derive(Default)]
pub struct ScriptedApi {
    pub logins: Mutex<VecDeque<Result<wire::LoginStarted, ApiError>>>,
    pub sends: Mutex<VecDeque<Result<wire::CodeSent, ApiError>>>,
    pub verifies: Mutex<VecDeque<Result<wire::SessionInfo, ApiError>>>,
    pub sessions: Mutex<VecDeque<Result<wire::SessionInfo, ApiError>>>,
    pub refreshes: Mutex<VecDeque<Result<wire::SessionInfo, ApiError>>>,
    pub homes: Mutex<VecDeque<Result<wire::HomeHub, ApiError>>>,
    /// Answers of `POST /logout`; when empty, the server has no session.
    pub logouts: Mutex<VecDeque<Result<(), ApiError>>>,
    /// Answers of `GET /support`; when empty, the API is unreachable.
    pub supports: Mutex<VecDeque<Result<wire::SupportContact, ApiError>>>,
    pub recoveries: Mutex<VecDeque<Result<wire::RecoveryStarted, ApiError>>>,
    pub recovery_sends: Mutex<VecDeque<Result<wire::RecoveryCodeSent, ApiError>>>,
    pub recovery_verifies: Mutex<VecDeque<Result<wire::RecoveryVerified, ApiError>>>,
    pub questions: Mutex<VecDeque<Result<wire::RecoveryQuestions, ApiError>>>,
    pub answers: Mutex<VecDeque<Result<wire::RecoveryVerified, ApiError>>>,
    pub pin_sets: Mutex<VecDeque<Result<wire::PinChanged, ApiError>>>,
    /// Answers of "This wasn't me" (`POST /sign-in-reports`).
    pub reports: Mutex<VecDeque<Result<wire::SignInReported, ApiError>>>,
    /// Answers of `POST /account/pin` (My account's PIN change).
    pub pin_changes: Mutex<VecDeque<Result<wire::PinChanged, ApiError>>>,
    /// Answers of `GET /account/sessions`, one per reading of the list.
    pub active_sessions: Mutex<VecDeque<Result<wire::ActiveSessions, ApiError>>>,
    /// Answers of `GET /account/activity`, one per page asked for; when
    /// empty, no activity.
    pub activities: Mutex<VecDeque<Result<wire::ActivityPage, ApiError>>>,
    /// Answers of both sign-outs of other sessions (one, and all others).
    pub session_ends: Mutex<VecDeque<Result<wire::SessionsEnded, ApiError>>>,
    /// Answers of `GET /account/step-up`, one per change started.
    pub step_ups: Mutex<VecDeque<Result<wire::StepUpState, ApiError>>>,
    /// Answers of both step-ups: with the PIN, and with a one-time PIN.
    pub stepped_up: Mutex<VecDeque<Result<wire::StepUpState, ApiError>>>,
    pub step_up_sends: Mutex<VecDeque<Result<wire::CodeSent, ApiError>>>,
    /// Answers of `GET /account/contacts`, one per reading; when empty,
    /// Jordan's two ([`jordans_contacts`]).
    pub account_contacts: Mutex<VecDeque<Result<wire::AccountContacts, ApiError>>>,
    /// Answers of the remembered devices' list and of a Forget (unscripted,
    /// the list is empty).
    pub remembered_devices: Mutex<VecDeque<Result<wire::RememberedDevices, ApiError>>>,
    pub contact_adds: Mutex<VecDeque<Result<wire::CodeSent, ApiError>>>,
    /// Answers of the passkeys' list, of a rename and of a removal
    /// (unscripted, the list is empty).
    pub passkeys: Mutex<VecDeque<Result<wire::AccountPasskeys, ApiError>>>,
    /// Answers of a new contact's code and of a removal.
    pub contact_changes: Mutex<VecDeque<Result<wire::AccountContacts, ApiError>>>,
    /// Answers of `GET /account/questions`; when empty, Jordan's three
    /// of [`account_questions`].
    pub account_questions: Mutex<VecDeque<Result<wire::AccountQuestions, ApiError>>>,
    pub question_changes: Mutex<VecDeque<Result<wire::AccountQuestions, ApiError>>>,
    pub registrations: Mutex<VecDeque<Result<wire::RegistrationProgress, ApiError>>>,
    pub contacts: Mutex<VecDeque<Result<wire::RegistrationProgress, ApiError>>>,
    pub registration_sends: Mutex<VecDeque<Result<wire::CodeSent, ApiError>>>,
    pub registration_verifies: Mutex<VecDeque<Result<wire::RegistrationProgress, ApiError>>>,
    pub catalogues: Mutex<VecDeque<Result<wire::QuestionCatalogue, ApiError>>>,
    pub chosen_questions: Mutex<VecDeque<Result<wire::RegistrationProgress, ApiError>>>,
    pub completions: Mutex<VecDeque<Result<wire::PinChanged, ApiError>>>,
    /// Answers of `POST /pin/check`; when empty, every PIN is fine (score 4).
    pub pin_checks: Mutex<VecDeque<Result<wire::PinFeedback, ApiError>>>,
    /// The answer of `GET /policy`; when empty, PRODUCT.md's numbers.
    pub policy: Mutex<Option<wire::Policy>>,
    /// Employee IDs the API holds locked, with the seconds left
    /// (`POST /login/lock`); every other ID is not locked.
    pub locks: Mutex<std::collections::HashMap<String, u64>>,
    /// The Employee IDs `POST /login/lock` was asked about, in order (apart
    /// from `calls`: the sign-in page asks whenever a typed ID is whole).
    pub lock_queries: Mutex<Vec<String>>,
    /// How many times `GET /session` was asked.
    pub session_checks: std::sync::atomic::AtomicUsize,
    /// Every request, in order, as `name:detail`.
    pub calls: Mutex<Vec<String>>,
    /// Answers queued by endpoint with [`ScriptedApi::answer`], each
    /// endpoint's in order; asked first, before the fields above.
    pub by_endpoint: Mutex<Vec<Queued>>,
}

/// The answers queued for one endpoint: its method and route, and each
/// answer as the API would send it.
pub struct Queued {
    method: upsers_contract::endpoint::Method,
    route: &'static str,
    answers: VecDeque<Result<HttpAnswer, NoAnswer>>,
}

impl ScriptedApi {
    /// Queues `answer` for the next request to `E` (after those queued
    /// before it); a request to `E` with nothing queued is "not signed in".
    pub fn answer<E: Endpoint>(&self, answer: Result<E::Response, ApiError>) {
        let mut queues = self.by_endpoint.lock().unwrap();
        let found = queues
            .iter()
            .position(|queued| queued.method == E::METHOD && queued.route == E::ROUTE);
        let index = found.unwrap_or_else(|| {
            queues.push(Queued {
                method: E::METHOD,
                route: E::ROUTE,
                answers: VecDeque::new(),
            });
            queues.len() - 1
        });
        queues[index].answers.push_back(encode(answer));
    }

    /// The answer queued for `request`'s endpoint, if it is one of those
    /// [`ScriptedApi::answer`] was given (then the call is recorded as its
    /// route and body).
    fn queued(&self, request: &HttpRequest) -> Option<Result<HttpAnswer, NoAnswer>> {
        let mut queues = self.by_endpoint.lock().unwrap();
        let queued = queues
            .iter_mut()
            .find(|queued| matches(queued.method, queued.route, request))?;
        let route = queued.route;
        let answer = queued.answers.pop_front().unwrap_or_else(|| {
            encode::<()>(Err(ApiError::Server(error_body(
                wire::ErrorCode::Unauthenticated,
            ))))
        });
        drop(queues);
        self.record(format!("{route}:{}", request.body.as_deref().unwrap_or("")));
        Some(answer)
    }

    pub fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }

    fn record(&self, call: String) {
        self.calls.lock().unwrap().push(call);
    }

    /// The scripted answer to `request`, found by the endpoint it is for.
    fn answer_to(&self, request: &HttpRequest) -> Result<HttpAnswer, NoAnswer> {
        use upsers_contract::endpoint::*;
        // As fetch does: a GET with a body is refused before it is sent.
        assert!(
            request.method != Method::Get || request.body.is_none(),
            "GET {} carries a body",
            request.path
        );
        if let Some(answer) = self.queued(request) {
            return answer;
        }
        if is::<GetPolicy>(request) {
            let policy = self.policy.lock().unwrap().clone();
            return encode(Ok(policy.unwrap_or_else(scripted_policy)));
        }
        if is::<GetSupport>(request) {
            self.record("support".into());
            let next = self.supports.lock().unwrap().pop_front();
            return encode(next.unwrap_or(Err(ApiError::Network)));
        }
        if is::<GetLock>(request) {
            let query = body_of::<GetLock>(request);
            let retry_after_secs = self.locks.lock().unwrap().get(&query.employee_id).copied();
            self.lock_queries.lock().unwrap().push(query.employee_id);
            return encode(Ok(wire::LockState {
                retry_after_secs,
                server_time: 0,
            }));
        }
        if is::<Login>(request) {
            let login = body_of::<Login>(request);
            self.record(format!("login:{}", login.employee_id));
            return next(&self.logins);
        }
        if is::<SendLoginCode>(request) {
            let send = body_of::<SendLoginCode>(request);
            self.record(format!("send:{}", send.channel.as_str()));
            return next(&self.sends);
        }
        if is::<VerifyLoginCode>(request) {
            let verify = body_of::<VerifyLoginCode>(request);
            let remember = if verify.remember_device {
                "+remember"
            } else {
                ""
            };
            self.record(format!("verify:{}{remember}", verify.code));
            return next(&self.verifies);
        }
        if is::<GetSession>(request) {
            // Apart from `calls`: the sign-in page asks on every visit.
            self.session_checks
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return next(&self.sessions);
        }
        if is::<RefreshSession>(request) {
            self.record("refresh".into());
            return next(&self.refreshes);
        }
        if is::<Logout>(request) {
            self.record("logout".into());
            return next(&self.logouts);
        }
        if is::<GetHome>(request) {
            self.record("home".into());
            return next(&self.homes);
        }
        if is::<StartRecovery>(request) {
            let start = body_of::<StartRecovery>(request);
            self.record(format!("recovery:{}", start.employee_id));
            return next(&self.recoveries);
        }
        if is::<SendRecoveryCode>(request) {
            let send = body_of::<SendRecoveryCode>(request);
            self.record(format!("recovery-send:{}", send.channel.as_str()));
            return next(&self.recovery_sends);
        }
        if is::<VerifyRecoveryCode>(request) {
            let verify = body_of::<VerifyRecoveryCode>(request);
            self.record(format!("recovery-verify:{}", verify.code));
            return next(&self.recovery_verifies);
        }
        if is::<GetRecoveryQuestions>(request) {
            self.record("questions".into());
            return next(&self.questions);
        }
        if is::<AnswerRecoveryQuestions>(request) {
            let given = body_of::<AnswerRecoveryQuestions>(request);
            self.record(format!("answers:{}", described(&given.answers)));
            return next(&self.answers);
        }
        if is::<SetRecoveryPin>(request) {
            let pin = body_of::<SetRecoveryPin>(request);
            self.record(format!("set-pin:{}", pin.new_pin));
            return next(&self.pin_sets);
        }
        if is::<ReportSignIn>(request) {
            let report = body_of::<ReportSignIn>(request);
            self.record(format!("report:{}", report.token));
            return next(&self.reports);
        }
        if is::<ChangePin>(request) {
            let change = body_of::<ChangePin>(request);
            self.record(format!(
                "change-pin:{}>{}",
                change.current_pin, change.new_pin
            ));
            return next(&self.pin_changes);
        }
        if is::<GetSessions>(request) {
            self.record("sessions".into());
            return next(&self.active_sessions);
        }
        if is::<GetActivity>(request) {
            let before = request
                .path
                .split_once("?before=")
                .map(|(_, before)| before);
            self.record(format!("activity:{}", before.unwrap_or("newest")));
            let next = self.activities.lock().unwrap().pop_front();
            return encode(next.unwrap_or(Ok(wire::ActivityPage {
                events: Vec::new(),
                more_before: None,
                server_time: 0,
            })));
        }
        if is::<EndSession>(request) {
            let end = body_of::<EndSession>(request);
            self.record(format!("end-session:{}", end.session_id));
            return next(&self.session_ends);
        }
        if is::<EndOtherSessions>(request) {
            self.record("end-other-sessions".into());
            return next(&self.session_ends);
        }
        if is::<GetStepUp>(request) {
            self.record("step-up".into());
            return next(&self.step_ups);
        }
        if is::<StepUpWithPin>(request) {
            let step_up = body_of::<StepUpWithPin>(request);
            self.record(format!("step-up-pin:{}", step_up.pin));
            return next(&self.stepped_up);
        }
        if is::<SendStepUpCode>(request) {
            let send = body_of::<SendStepUpCode>(request);
            self.record(format!("step-up-send:{}", send.channel.as_str()));
            return next(&self.step_up_sends);
        }
        if is::<VerifyStepUpCode>(request) {
            let verify = body_of::<VerifyStepUpCode>(request);
            self.record(format!("step-up-verify:{}", verify.code));
            return next(&self.stepped_up);
        }
        if is::<ListRememberedDevices>(request) {
            self.record("devices".into());
            let next = self.remembered_devices.lock().unwrap().pop_front();
            return encode(next.unwrap_or_else(|| {
                Ok(wire::RememberedDevices {
                    devices: Vec::new(),
                    server_time: 0,
                })
            }));
        }
        if is::<ForgetDevice>(request) {
            let forget = body_of::<ForgetDevice>(request);
            self.record(format!("forget-device:{}", forget.device_id));
            return next(&self.remembered_devices);
        }
        if is::<GetPasskeys>(request) {
            self.record("passkeys".into());
            let next = self.passkeys.lock().unwrap().pop_front();
            return encode(next.unwrap_or_else(|| {
                Ok(wire::AccountPasskeys {
                    passkeys: Vec::new(),
                    server_time: 0,
                })
            }));
        }
        if is::<RenamePasskey>(request) {
            let rename = body_of::<RenamePasskey>(request);
            self.record(format!(
                "rename-passkey:{}:{}",
                rename.passkey_id, rename.name
            ));
            return next(&self.passkeys);
        }
        if is::<RemovePasskey>(request) {
            let remove = body_of::<RemovePasskey>(request);
            self.record(format!("remove-passkey:{}", remove.passkey_id));
            return next(&self.passkeys);
        }
        // The ceremonies need a browser's authenticator: e2e runs them. Here
        // (an IP address, where browsers refuse WebAuthn) no page may ask.
        if is::<StartPasskeyStep>(request)
            || is::<FinishPasskeyStep>(request)
            || is::<StartPasskeySignIn>(request)
            || is::<FinishPasskeySignIn>(request)
            || is::<StartPasskeyRegistration>(request)
            || is::<AddPasskey>(request)
        {
            self.record(format!("passkey-ceremony:{}", request.path));
            return encode::<()>(Err(ApiError::Server(error_body(wire::ErrorCode::NotFound))));
        }
        if is::<GetContacts>(request) {
            self.record("contacts".into());
            let next = self.account_contacts.lock().unwrap().pop_front();
            return encode(next.unwrap_or_else(|| Ok(jordans_contacts())));
        }
        if is::<AddContact>(request) {
            let add = body_of::<AddContact>(request);
            self.record(format!(
                "add-contact:{}:{}",
                add.channel.as_str(),
                add.value
            ));
            return next(&self.contact_adds);
        }
        if is::<VerifyContact>(request) {
            let verify = body_of::<VerifyContact>(request);
            self.record(format!("verify-contact:{}", verify.code));
            return next(&self.contact_changes);
        }
        if is::<RemoveContact>(request) {
            let remove = body_of::<RemoveContact>(request);
            self.record(format!("remove-contact:{}", remove.channel.as_str()));
            return next(&self.contact_changes);
        }
        if is::<GetAccountQuestions>(request) {
            self.record("account-questions".into());
            let next = self.account_questions.lock().unwrap().pop_front();
            return encode(next.unwrap_or_else(|| {
                Ok(account_questions(&["birth_city", "first_pet", "first_car"]))
            }));
        }
        if is::<ChangeQuestions>(request) {
            let chosen = body_of::<ChangeQuestions>(request);
            self.record(format!("change-questions:{}", described(&chosen.answers)));
            return next(&self.question_changes);
        }
        if is::<CheckPin>(request) {
            let check = body_of::<CheckPin>(request);
            self.record(format!("check-pin:{}", check.new_pin));
            let next = self.pin_checks.lock().unwrap().pop_front();
            return encode(next.unwrap_or(Ok(wire::PinFeedback {
                acceptable: true,
                score: 4,
                problems: Vec::new(),
                server_time: 0,
            })));
        }
        if is::<StartRegistration>(request) {
            let start = body_of::<StartRegistration>(request);
            self.record(format!(
                "register:{}:{}",
                start.employee_id, start.registration_code
            ));
            return next(&self.registrations);
        }
        if is::<SetRegistrationContact>(request) {
            let contact = body_of::<SetRegistrationContact>(request);
            self.record(format!(
                "contact:{}:{}",
                contact.mobile.unwrap_or_default(),
                contact.email.unwrap_or_default()
            ));
            return next(&self.contacts);
        }
        if is::<SendRegistrationCode>(request) {
            let send = body_of::<SendRegistrationCode>(request);
            self.record(format!("registration-send:{}", send.channel.as_str()));
            return next(&self.registration_sends);
        }
        if is::<VerifyRegistrationCode>(request) {
            let verify = body_of::<VerifyRegistrationCode>(request);
            self.record(format!("registration-verify:{}", verify.code));
            return next(&self.registration_verifies);
        }
        if is::<GetQuestionCatalogue>(request) {
            self.record("catalogue".into());
            return next(&self.catalogues);
        }
        if is::<ChooseQuestions>(request) {
            let chosen = body_of::<ChooseQuestions>(request);
            self.record(format!("choose:{}", described(&chosen.answers)));
            return next(&self.chosen_questions);
        }
        if is::<SetRegistrationPin>(request) {
            let pin = body_of::<SetRegistrationPin>(request);
            self.record(format!("complete:{}", pin.new_pin));
            return next(&self.completions);
        }
        panic!(
            "no endpoint of the contract is {:?} {}",
            request.method, request.path
        );
    }
}

impl Transport for ScriptedApi {
    fn send(&self, request: HttpRequest) -> TransportFuture {
        let answer = self.answer_to(&request);
        Box::pin(async move { answer })
    }
}

/// Whether `request` is for `E`: its method, and its path with any flow id
/// (and any query).
fn is<E: Endpoint>(request: &HttpRequest) -> bool {
    matches(E::METHOD, E::ROUTE, request)
}

/// Whether `request` is for the endpoint of `method` and `route`.
fn matches(method: upsers_contract::endpoint::Method, route: &str, request: &HttpRequest) -> bool {
    let Some(path) = request.path.strip_prefix(API_BASE) else {
        return false;
    };
    let path = path.split('?').next().unwrap_or_default();
    let route: Vec<&str> = route.split('/').collect();
    let given: Vec<&str> = path.split('/').collect();
    request.method == method
        && route.len() == given.len()
        && route
            .iter()
            .zip(&given)
            .all(|(part, given)| *part == "{flow}" || part == given)
}

/// The body the SPA sent for `E`, decoded as the API would.
fn body_of<E: Endpoint>(request: &HttpRequest) -> E::Request {
    serde_json::from_str(request.body.as_deref().unwrap_or("null"))
        .unwrap_or_else(|error| panic!("{} sent a body that is not its request: {error}", E::ROUTE))
}

fn described(answers: &[wire::Answer]) -> String {
    let given: Vec<String> = answers
        .iter()
        .map(|answer| format!("{}={}", answer.question_id, answer.answer))
        .collect();
    given.join(",")
}

/// The next scripted answer of `queue`; when it is empty, "not signed in".
fn next<T: Serialize>(
    queue: &Mutex<VecDeque<Result<T, ApiError>>>,
) -> Result<HttpAnswer, NoAnswer> {
    let next = queue.lock().unwrap().pop_front();
    encode(next.unwrap_or(Err(ApiError::Server(error_body(
        wire::ErrorCode::Unauthenticated,
    )))))
}

/// A scripted answer as the API would send it.
fn encode<T: Serialize>(answer: Result<T, ApiError>) -> Result<HttpAnswer, NoAnswer> {
    match answer {
        Ok(value) => match serde_json::to_value(&value).unwrap() {
            serde_json::Value::Null => Ok(HttpAnswer {
                status: 204,
                body: String::new(),
            }),
            value => Ok(HttpAnswer {
                status: 200,
                body: value.to_string(),
            }),
        },
        Err(ApiError::Server(body)) => Ok(HttpAnswer {
            status: status_of(body.code),
            body: serde_json::to_string(&body).unwrap(),
        }),
        Err(ApiError::Network) => Err(NoAnswer),
    }
}

fn status_of(code: wire::ErrorCode) -> u16 {
    use wire::ErrorCode::*;
    match code {
        InvalidInput | WeakPin => 422,
        InvalidCredentials | InvalidCode | Unauthenticated => 401,
        Locked => 423,
        RateLimited => 429,
        Expired | CodeExpired => 410,
        NotFound => 404,
        MethodNotAllowed => 405,
        PayloadTooLarge => 413,
        Forbidden => 403,
        Unavailable => 503,
        Internal | Unknown => 500,
    }
}

pub fn scripted_policy() -> wire::Policy {
    wire::Policy {
        employee_id: wire::EmployeeIdPolicy { digits: 7 },
        pin: wire::PinPolicy {
            min_length: 8,
            max_length: 64,
        },
        otp: wire::OtpPolicy {
            digits: 6,
            ttl_secs: 600,
            resend_secs: 30,
        },
        lockout: wire::LockoutPolicy {
            max_failures: 3,
            lockout_secs: 900,
        },
        session: wire::SessionPolicy {
            idle_secs: 900,
            absolute_secs: 28_800,
        },
        server_time: 0,
    }
}

/// After a submit with format errors (GOV.UK's error summary): focus is on
/// the summary, which lists the errors as links, the first to `first_field`,
/// and a link moves focus to its field.
pub async fn expect_error_summary(root: &HtmlElement, first_field: &str) {
    wait_for("focus on the error summary", || {
        (active_id().as_deref() == Some("error-summary")).then_some(())
    })
    .await;
    let link = query(root, "[data-testid=error-summary] a");
    assert_eq!(
        link.get_attribute("href"),
        Some(format!("#{first_field}")),
        "the summary's first link"
    );
    link.click();
    assert_eq!(
        active_id().as_deref(),
        Some(first_field),
        "the link goes to its field"
    );
}
