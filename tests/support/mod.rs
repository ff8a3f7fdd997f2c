//! Mounting the app in the test page and waiting for the DOM to settle.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use leptos::mount::mount_to;
use leptos::prelude::*;
use upsers_contract as wire;
use upsers_web::AppWith;
use upsers_web::api::{ApiError, ApiFuture, AuthApi};
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
    let api: Arc<dyn AuthApi> = api;
    let handle = mount_to(root.clone(), move || view! { <AppWith api=api.clone() /> });
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

pub fn clear_storage() {
    window().local_storage().unwrap().unwrap().clear().unwrap();
    window()
        .session_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
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
pub fn submit_form_of(root: &HtmlElement, id: &str) {
    let element = query(root, &format!("#{id}"));
    let form: web_sys::HtmlFormElement = element.closest("form").unwrap().unwrap().unchecked_into();
    form.request_submit().unwrap();
}

pub fn error_body(code: wire::ErrorCode) -> wire::ErrorBody {
    wire::ErrorBody::new(code, "scripted", 0)
}

/// An [`AuthApi`] whose answers a test scripts, and which records what it was asked.
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
    pub registrations: Mutex<VecDeque<Result<wire::RegistrationProgress, ApiError>>>,
    pub contacts: Mutex<VecDeque<Result<wire::RegistrationProgress, ApiError>>>,
    pub registration_sends: Mutex<VecDeque<Result<wire::CodeSent, ApiError>>>,
    pub registration_verifies: Mutex<VecDeque<Result<wire::RegistrationProgress, ApiError>>>,
    pub catalogues: Mutex<VecDeque<Result<wire::QuestionCatalogue, ApiError>>>,
    pub chosen_questions: Mutex<VecDeque<Result<wire::RegistrationProgress, ApiError>>>,
    pub completions: Mutex<VecDeque<Result<wire::PinChanged, ApiError>>>,
    /// Answers of `POST /pin/check`; when empty, every PIN is fine (score 4).
    pub pin_checks: Mutex<VecDeque<Result<wire::PinFeedback, ApiError>>>,
    /// Every request, in order, as `name:detail`.
    pub calls: Mutex<Vec<String>>,
}

impl ScriptedApi {
    pub fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }

    fn record(&self, call: String) {
        self.calls.lock().unwrap().push(call);
    }
}

fn answer<T: 'static>(queue: &Mutex<VecDeque<Result<T, ApiError>>>) -> ApiFuture<T> {
    let next = queue
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or(Err(ApiError::Server(error_body(
            wire::ErrorCode::Unauthenticated,
        ))));
    Box::pin(async move { next })
}

impl AuthApi for ScriptedApi {
    fn policy(&self) -> ApiFuture<wire::Policy> {
        Box::pin(async {
            Ok(wire::Policy {
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
            })
        })
    }

    fn support(&self) -> ApiFuture<wire::SupportContact> {
        self.record("support".into());
        let next = self
            .supports
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or(Err(ApiError::Network));
        Box::pin(async move { next })
    }

    fn login(&self, request: wire::LoginRequest) -> ApiFuture<wire::LoginStarted> {
        self.record(format!("login:{}", request.employee_id));
        answer(&self.logins)
    }

    fn send_code(&self, _flow_id: String, channel: wire::Channel) -> ApiFuture<wire::CodeSent> {
        self.record(format!("send:{}", channel.as_str()));
        answer(&self.sends)
    }

    fn verify_code(&self, _flow_id: String, code: String) -> ApiFuture<wire::SessionInfo> {
        self.record(format!("verify:{code}"));
        answer(&self.verifies)
    }

    fn session(&self) -> ApiFuture<wire::SessionInfo> {
        self.record("session".into());
        answer(&self.sessions)
    }

    fn refresh_session(&self) -> ApiFuture<wire::SessionInfo> {
        self.record("refresh".into());
        answer(&self.refreshes)
    }

    fn logout(&self) -> ApiFuture<()> {
        self.record("logout".into());
        answer(&self.logouts)
    }

    fn home(&self) -> ApiFuture<wire::HomeHub> {
        self.record("home".into());
        answer(&self.homes)
    }

    fn start_recovery(&self, employee_id: String) -> ApiFuture<wire::RecoveryStarted> {
        self.record(format!("recovery:{employee_id}"));
        answer(&self.recoveries)
    }

    fn send_recovery_code(
        &self,
        _flow_id: String,
        channel: wire::Channel,
    ) -> ApiFuture<wire::RecoveryCodeSent> {
        self.record(format!("recovery-send:{}", channel.as_str()));
        answer(&self.recovery_sends)
    }

    fn verify_recovery_code(
        &self,
        _flow_id: String,
        code: String,
    ) -> ApiFuture<wire::RecoveryVerified> {
        self.record(format!("recovery-verify:{code}"));
        answer(&self.recovery_verifies)
    }

    fn recovery_questions(&self, _flow_id: String) -> ApiFuture<wire::RecoveryQuestions> {
        self.record("questions".into());
        answer(&self.questions)
    }

    fn answer_questions(
        &self,
        _flow_id: String,
        answers: Vec<wire::Answer>,
    ) -> ApiFuture<wire::RecoveryVerified> {
        let given: Vec<String> = answers
            .iter()
            .map(|answer| format!("{}={}", answer.question_id, answer.answer))
            .collect();
        self.record(format!("answers:{}", given.join(",")));
        answer(&self.answers)
    }

    fn set_new_pin(&self, _flow_id: String, new_pin: String) -> ApiFuture<wire::PinChanged> {
        self.record(format!("set-pin:{new_pin}"));
        answer(&self.pin_sets)
    }

    fn check_pin(&self, request: wire::PinCheckRequest) -> ApiFuture<wire::PinFeedback> {
        self.record(format!("check-pin:{}", request.new_pin));
        let next = self
            .pin_checks
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or(Ok(wire::PinFeedback {
                acceptable: true,
                score: 4,
                problems: Vec::new(),
                server_time: 0,
            }));
        Box::pin(async move { next })
    }

    fn start_registration(
        &self,
        request: wire::RegistrationRequest,
    ) -> ApiFuture<wire::RegistrationProgress> {
        self.record(format!(
            "register:{}:{}",
            request.employee_id, request.registration_code
        ));
        answer(&self.registrations)
    }

    fn set_contact(
        &self,
        _flow_id: String,
        contact: wire::ContactRequest,
    ) -> ApiFuture<wire::RegistrationProgress> {
        self.record(format!(
            "contact:{}:{}",
            contact.mobile.unwrap_or_default(),
            contact.email.unwrap_or_default()
        ));
        answer(&self.contacts)
    }

    fn send_registration_code(
        &self,
        _flow_id: String,
        channel: wire::Channel,
    ) -> ApiFuture<wire::CodeSent> {
        self.record(format!("registration-send:{}", channel.as_str()));
        answer(&self.registration_sends)
    }

    fn verify_registration_code(
        &self,
        _flow_id: String,
        code: String,
    ) -> ApiFuture<wire::RegistrationProgress> {
        self.record(format!("registration-verify:{code}"));
        answer(&self.registration_verifies)
    }

    fn question_catalogue(&self, _flow_id: String) -> ApiFuture<wire::QuestionCatalogue> {
        self.record("catalogue".into());
        answer(&self.catalogues)
    }

    fn choose_questions(
        &self,
        _flow_id: String,
        answers: Vec<wire::Answer>,
    ) -> ApiFuture<wire::RegistrationProgress> {
        let given: Vec<String> = answers
            .iter()
            .map(|answer| format!("{}={}", answer.question_id, answer.answer))
            .collect();
        self.record(format!("choose:{}", given.join(",")));
        answer(&self.chosen_questions)
    }

    fn complete_registration(
        &self,
        _flow_id: String,
        new_pin: String,
    ) -> ApiFuture<wire::PinChanged> {
        self.record(format!("complete:{new_pin}"));
        answer(&self.completions)
    }
}
