//! The sign-in pages mounted in headless Chromium with a scripted API.

mod support;

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use support::*;
use upsers_contract as wire;
use upsers_web::api::ApiError;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Opens the sign-in page with `api`, types the ID and PIN and submits.
async fn sign_in_with(api: Arc<ScriptedApi>, employee_id: &str, pin: &str) -> Mounted {
    let app = mount_with("/login", api);
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    type_into(&app.root, "employee-id", employee_id);
    type_into(&app.root, "pin", pin);
    submit_form_of(&app.root, "pin");
    app
}

/// The API's next answer to a PIN: wrong, with `left` attempts left.
fn script_wrong_pin(api: &ScriptedApi, left: u32) {
    api.logins
        .lock()
        .unwrap()
        .push_back(Err(ApiError::Server(wire::ErrorBody {
            attempts_remaining: Some(left),
            ..error_body(wire::ErrorCode::InvalidCredentials)
        })));
}

/// The API's next answer to a PIN: locked, for `secs` more seconds.
fn script_locked(api: &ScriptedApi, secs: u64) {
    api.logins
        .lock()
        .unwrap()
        .push_back(Err(ApiError::Server(wire::ErrorBody {
            retry_after_secs: Some(secs),
            ..error_body(wire::ErrorCode::Locked)
        })));
}

/// The API's next answer to Send code: sent by email to `destination`
/// (valid 10 minutes, resend after 30 seconds).
fn script_email_sent(api: &ScriptedApi, destination: &str) {
    api.sends.lock().unwrap().push_back(Ok(wire::CodeSent {
        flow_id: "flow".into(),
        channel: wire::Channel::Email,
        destination: destination.into(),
        expires_in_secs: 600,
        resend_after_secs: 30,
        server_time: 0,
        remember_device_days: 30,
    }));
}

fn sign_in_button(root: &web_sys::HtmlElement) -> web_sys::HtmlButtonElement {
    query(root, "[data-testid=sign-in]").unchecked_into()
}

#[wasm_bindgen_test]
async fn submitting_empty_fields_shows_linked_errors_and_focuses_the_first() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = mount_with("/login", api.clone());
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    submit_form_of(&app.root, "employee-id");
    let root = app.root.clone();
    wait_for("the Employee ID error", || {
        text_of(&root, "#employee-id-error")
    })
    .await;
    assert_eq!(
        text_of(&app.root, "#employee-id-error").unwrap(),
        "Enter your Employee ID."
    );
    assert_eq!(text_of(&app.root, "#pin-error").unwrap(), "Enter your PIN.");
    let id_input = query(&app.root, "#employee-id");
    assert_eq!(
        id_input.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        id_input.get_attribute("aria-describedby").as_deref(),
        Some("employee-id-error")
    );
    expect_error_summary(&app.root, "employee-id").await;
    assert_eq!(
        text_of(&app.root, "[data-testid=error-summary]").as_deref(),
        Some("Enter your Employee ID.Enter your PIN."),
        "every error, in the form's order"
    );
    assert!(
        api.calls().is_empty(),
        "nothing is sent while the format is wrong"
    );

    type_into(&app.root, "employee-id", "12ab");
    let root = app.root.clone();
    wait_for("the format error", || {
        text_of(&root, "#employee-id-error").filter(|text| text.contains("7 digits"))
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_second_submit_while_the_first_is_on_its_way_sends_nothing() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    script_wrong_pin(&api, 2);
    let app = sign_in_with(api.clone(), "1234567", "Wrong-Guess-123").await;
    submit_form_of(&app.root, "pin");
    let root = app.root.clone();
    wait_for("attempts remaining", || {
        text_of(&root, "[data-testid=attempts-remaining]")
    })
    .await;
    assert_eq!(
        api.calls(),
        ["login:1234567"],
        "one PIN check for two submits"
    );
}

#[wasm_bindgen_test]
async fn a_wrong_pin_shows_the_attempts_left() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    script_wrong_pin(&api, 2);
    let app = sign_in_with(api.clone(), " 1234567 ", "Wrong-Guess-123").await;
    let root = app.root.clone();
    let left = wait_for("attempts remaining", || {
        text_of(&root, "[data-testid=attempts-remaining]")
    })
    .await;
    assert_eq!(
        left,
        "2 attempts left before this Employee ID is locked for 15 minutes."
    );
    assert_eq!(api.calls(), ["login:1234567"], "the ID is sent trimmed");
    let pin: web_sys::HtmlInputElement = query(&app.root, "#pin").unchecked_into();
    assert_eq!(pin.value(), "", "the wrong PIN is cleared");
}

#[wasm_bindgen_test]
async fn a_lockout_counts_down_disables_the_button_survives_a_reload_and_ends() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    script_locked(&api, 3);
    let app = sign_in_with(api.clone(), "1234567", "Wrong-Guess-123").await;
    let root = app.root.clone();
    let timer = wait_for("the countdown", || text_of(&root, "[data-testid=lockout]")).await;
    assert!(
        timer == "Try again in 0:03." || timer == "Try again in 0:02.",
        "{timer}"
    );
    assert!(
        sign_in_button(&app.root).disabled(),
        "the button is disabled during the lock"
    );
    let announced = text_of(&app.root, "[data-testid=lockout-announcer]").unwrap();
    assert!(
        announced.starts_with("Try again in 0:0"),
        "announced politely: {announced}"
    );
    drop(app);

    // A reload during the lock still shows it, and why (the API, asked
    // about the ID, still holds it locked).
    let reloaded = Arc::new(ScriptedApi::default());
    reloaded.locks.lock().unwrap().insert("1234567".into(), 3);
    let again = mount_with("/login", reloaded.clone());
    wait_for_heading(&again.root, "Sign in to UPSers").await;
    let root = again.root.clone();
    wait_for("the countdown after a reload", || {
        text_of(&root, "[data-testid=lockout]")
    })
    .await;
    let id: web_sys::HtmlInputElement = query(&again.root, "#employee-id").unchecked_into();
    assert_eq!(id.value(), "1234567");
    let why = text_of(&again.root, "#lock-notice [data-testid=login-error]").unwrap();
    assert!(
        why.starts_with("Too many failed attempts. This Employee ID is locked for now."),
        "{why}"
    );
    assert_eq!(
        text_of(&again.root, "[data-testid=lock-reset-hint]").as_deref(),
        Some("Resetting your PIN by text message or email unlocks it now. Forgot your PIN?")
    );
    assert_eq!(
        query(&again.root, "[data-testid=lock-reset-hint] a")
            .get_attribute("href")
            .as_deref(),
        Some("/forgot")
    );

    sleep(Duration::from_millis(3200)).await;
    let root = again.root.clone();
    let ended = wait_for("the end of the lock", || {
        text_of(&root, "[data-testid=lock-ended]")
    })
    .await;
    assert_eq!(ended, "The lock has ended. You can try again now.");
    assert!(!sign_in_button(&again.root).disabled(), "the form is back");
    assert!(
        again
            .root
            .query_selector("[data-testid=lockout]")
            .unwrap()
            .is_none()
    );
}

#[wasm_bindgen_test]
async fn a_lock_follows_the_typed_employee_id_and_the_api_is_asked_again() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    script_locked(&api, 60);
    let app = sign_in_with(api.clone(), "1234567", "Wrong-Guess-123").await;
    let root = app.root.clone();
    wait_for("the countdown", || text_of(&root, "[data-testid=lockout]")).await;
    wait_for("focus on why the button went disabled", || {
        (active_id().as_deref() == Some("lock-notice")).then_some(())
    })
    .await;
    api.locks.lock().unwrap().insert("1234567".into(), 58);

    // The next employee at the same PC types their own ID.
    type_into(&app.root, "employee-id", "7654321");
    let root = app.root.clone();
    wait_for("the other ID's form", || {
        root.query_selector("[data-testid=lockout]")
            .unwrap()
            .is_none()
            .then_some(())
    })
    .await;
    assert!(
        !sign_in_button(&app.root).disabled(),
        "another ID may sign in"
    );
    assert!(text_of(&app.root, "#lock-notice").is_none());

    // Back to the locked ID: the API, asked again, says it still is.
    type_into(&app.root, "employee-id", "1234567");
    let root = app.root.clone();
    let timer = wait_for("the countdown again", || {
        text_of(&root, "[data-testid=lockout]")
    })
    .await;
    assert!(timer.starts_with("Try again in 0:5"), "{timer}");
    assert!(sign_in_button(&app.root).disabled());
    assert_eq!(
        api.lock_queries.lock().unwrap().as_slice(),
        ["1234567", "7654321", "1234567"]
    );
    assert_eq!(api.calls(), ["login:1234567"], "asking took no attempt");
}

#[wasm_bindgen_test]
async fn a_lock_is_the_sent_ids_even_if_the_field_changed_before_the_answer() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    script_locked(&api, 60);
    api.locks.lock().unwrap().insert("1234567".into(), 60);
    let app = sign_in_with(api.clone(), "1234567", "Wrong-Guess-123").await;
    // Typed over before the answer is handled.
    type_into(&app.root, "employee-id", "7654321");
    for _ in 0..3 {
        next_frame().await;
    }
    assert!(text_of(&app.root, "[data-testid=lockout]").is_none());
    assert!(
        !sign_in_button(&app.root).disabled(),
        "7654321 is not locked"
    );
    type_into(&app.root, "employee-id", "1234567");
    let root = app.root.clone();
    wait_for("1234567's countdown", || {
        text_of(&root, "[data-testid=lockout]")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_lock_ended_elsewhere_ends_here_when_the_api_says_so() {
    let _serial = begin().await;
    // A reload: the tab still counts down, but a PIN reset has since ended
    // the lock, and the API says the ID is not locked.
    let notice = serde_json::json!({
        "employee_id": "1234567",
        "deadline": js_sys::Date::now() + 600_000.0,
    });
    session_item_set("upsers.lock", &notice.to_string());
    let api = Arc::new(ScriptedApi::default());
    let app = mount_with("/login", api.clone());
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    let root = app.root.clone();
    wait_for("the form back", || {
        (!sign_in_button(&root).disabled()).then_some(())
    })
    .await;
    assert!(text_of(&app.root, "[data-testid=lockout]").is_none());
    assert_eq!(api.lock_queries.lock().unwrap().as_slice(), ["1234567"]);
}

#[wasm_bindgen_test]
async fn a_pin_shorter_than_any_pin_is_refused_before_it_spends_an_attempt() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = mount_with("/login", api.clone());
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    assert_eq!(
        text_of(&app.root, "#pin-hint").as_deref(),
        Some("8 to 64 characters. Capital and small letters are different.")
    );
    assert!(
        query(&app.root, "#pin")
            .get_attribute("aria-describedby")
            .unwrap()
            .contains("pin-hint")
    );
    type_into(&app.root, "employee-id", "1234567");
    type_into(&app.root, "pin", "Short");
    submit_form_of(&app.root, "pin");
    let root = app.root.clone();
    let shown = wait_for("the length error", || text_of(&root, "#pin-error")).await;
    assert_eq!(shown, "A PIN has at least 8 characters.");
    expect_error_summary(&app.root, "pin").await;
    assert!(api.calls().is_empty(), "{:?}", api.calls());
}

#[wasm_bindgen_test]
async fn the_lock_duration_in_the_copy_comes_from_the_policy() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let mut policy = scripted_policy();
    policy.lockout.lockout_secs = 30;
    *api.policy.lock().unwrap() = Some(policy);
    script_wrong_pin(&api, 2);
    let app = mount_with("/login", api.clone());
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    next_frame().await;
    type_into(&app.root, "employee-id", "1234567");
    type_into(&app.root, "pin", "Wrong-Guess-123");
    submit_form_of(&app.root, "pin");
    let root = app.root.clone();
    let left = wait_for("attempts remaining", || {
        text_of(&root, "[data-testid=attempts-remaining]")
    })
    .await;
    assert_eq!(
        left,
        "2 attempts left before this Employee ID is locked for 30 seconds."
    );
    // Another ID typed: what was said of the first goes.
    type_into(&app.root, "employee-id", "7654321");
    let root = app.root.clone();
    wait_for("the attempts left gone", || {
        text_of(&root, "[data-testid=attempts-remaining]")
            .is_none()
            .then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_signed_in_employee_who_opens_sign_in_goes_to_the_home_hub() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let session = wire::SessionInfo {
        employee_id: "1234567".into(),
        first_name: "Jordan".into(),
        idle_expires_at: 1_900,
        absolute_expires_at: 29_800,
        server_time: 1_000,
    };
    // One answer for the sign-in page's question, one for the hub's.
    api.sessions.lock().unwrap().push_back(Ok(session.clone()));
    api.sessions.lock().unwrap().push_back(Ok(session));
    api.homes.lock().unwrap().push_back(Ok(wire::HomeHub {
        first_name: "Jordan".into(),
        last_sign_in_at: None,
        tiles: Vec::new(),
        desk: false,
        server_time: 1_000,
    }));
    let app = mount_with("/login", api.clone());
    wait_for_heading(&app.root, "Welcome, Jordan").await;
    assert_eq!(window().location().pathname().unwrap(), "/home");
}

#[wasm_bindgen_test]
async fn a_page_that_says_a_session_ended_does_not_ask_for_one() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = mount_with("/login?reason=signed-out", api.clone());
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    next_frame().await;
    assert_eq!(
        api.session_checks
            .load(std::sync::atomic::Ordering::Relaxed),
        0
    );
}

#[wasm_bindgen_test]
async fn one_registered_channel_is_not_offered_as_a_choice_and_send_is_the_main_action() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    keep_login_flow(&[(wire::Channel::Email, "s•••@upsers.example")]);
    script_email_sent(&api, "s•••@upsers.example");

    let app = mount_with("/login/verify", api.clone());
    wait_for_heading(&app.root, "Verify it's you").await;
    assert!(
        app.root
            .query_selector("input[type=radio]")
            .unwrap()
            .is_none(),
        "nothing to choose"
    );
    assert_eq!(
        text_of(&app.root, "legend").as_deref(),
        Some("We will email a one-time PIN to s•••@upsers.example.")
    );
    let send = query(&app.root, "[data-testid=send-code]");
    assert!(
        send.class_name().contains("button--primary"),
        "{}",
        send.class_name()
    );
    send.unchecked_ref::<web_sys::HtmlElement>().click();
    let root = app.root.clone();
    wait_for("the code field", || root.query_selector("#otp").unwrap()).await;
    assert_eq!(api.calls(), ["send:email"]);
    assert!(
        app.root
            .query_selector("[data-testid=send-code]")
            .unwrap()
            .is_none(),
        "the send form gives way to the code"
    );
    let resend = query(&app.root, "[data-testid=resend-code]");
    assert!(
        resend.class_name().contains("button--secondary"),
        "{}",
        resend.class_name()
    );
    assert_eq!(resend.text_content().as_deref(), Some("Resend code"));
    assert_eq!(
        app.root
            .query_selector_all(".button--primary")
            .unwrap()
            .length(),
        1,
        "Verify is the one primary action"
    );
    assert!(
        app.root
            .query_selector("[data-testid=another-way]")
            .unwrap()
            .is_none(),
        "one channel: no other way to choose"
    );
}

#[wasm_bindgen_test]
async fn another_way_goes_back_to_the_channels_and_the_other_channel_is_not_held_by_the_resend_gap()
{
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    keep_login_flow(&[
        (wire::Channel::Sms, "(•••) •••-0123"),
        (wire::Channel::Email, "j•••@upsers.example"),
    ]);
    script_email_sent(&api, "j•••@upsers.example");
    api.sends.lock().unwrap().push_back(Ok(wire::CodeSent {
        flow_id: "flow".into(),
        channel: wire::Channel::Sms,
        destination: "(•••) •••-0123".into(),
        expires_in_secs: 600,
        resend_after_secs: 30,
        server_time: 0,
        remember_device_days: 0,
    }));
    let app = mount_with("/login/verify", api.clone());
    wait_for_heading(&app.root, "Verify it's you").await;
    query(&app.root, "#channel-email").click();
    query(&app.root, "[data-testid=send-code]").click();
    let root = app.root.clone();
    wait_for("the code field", || root.query_selector("#otp").unwrap()).await;

    query(&app.root, "[data-testid=another-way]").click();
    let root = app.root.clone();
    wait_for("the channels again, on the one chosen", || {
        (active_id().as_deref() == Some("channel-email")).then_some(())
    })
    .await;
    let send: web_sys::HtmlButtonElement =
        query(&app.root, "[data-testid=send-code]").unchecked_into();
    assert!(send.disabled(), "email's resend gap runs");
    assert!(text_of(&root, "[data-testid=resend-countdown]").is_some());
    query(&app.root, "#channel-sms").click();
    let root = app.root.clone();
    wait_for("Send code free for the text message", || {
        (!send.disabled()).then_some(())
    })
    .await;
    assert!(text_of(&root, "[data-testid=resend-countdown]").is_none());
    send.click();
    let root = app.root.clone();
    wait_for("the code sent by text", || {
        text_of(&root, "[data-testid=code-sent]").filter(|text| text.contains("0123"))
    })
    .await;
    assert_eq!(api.calls(), ["send:email", "send:sms"]);
    wait_for("the focus on the code field", || {
        (active_id().as_deref() == Some("otp")).then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn show_pin_reveals_and_hides_the_pin() {
    let _serial = begin().await;
    let app = mount_app_at("/login");
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    let toggle = query(&app.root, "[data-testid=toggle-pin]");
    assert_eq!(toggle.text_content().as_deref(), Some("Show PIN"));
    toggle.click();
    let root = app.root.clone();
    wait_for("a visible PIN", || {
        query(&root, "#pin")
            .get_attribute("type")
            .filter(|kind| kind == "text")
    })
    .await;
    assert_eq!(toggle.text_content().as_deref(), Some("Hide PIN"));
}

#[wasm_bindgen_test]
async fn a_pasted_code_with_a_space_is_accepted() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    keep_login_flow(&[
        (wire::Channel::Sms, "(•••) •••-0123"),
        (wire::Channel::Email, "j•••@upsers.example"),
    ]);
    script_email_sent(&api, "j•••@upsers.example");

    api.verifies
        .lock()
        .unwrap()
        .push_back(Err(ApiError::Server(wire::ErrorBody {
            attempts_remaining: Some(2),
            ..error_body(wire::ErrorCode::InvalidCode)
        })));
    let app = mount_with("/login/verify", api.clone());
    wait_for_heading(&app.root, "Verify it's you").await;
    assert!(
        text_of(&app.root, "label[for=channel-sms]")
            .unwrap()
            .contains("(•••) •••-0123")
    );
    query(&app.root, "#channel-email").click();
    query(&app.root, "[data-testid=send-code]").click();
    let root = app.root.clone();
    wait_for("the code field", || root.query_selector("#otp").unwrap()).await;
    let otp = query(&app.root, "#otp");
    assert_eq!(
        otp.get_attribute("autocomplete").as_deref(),
        Some("one-time-code")
    );
    assert_eq!(otp.get_attribute("inputmode").as_deref(), Some("numeric"));
    let root = app.root.clone();
    let resend = wait_for("the resend countdown", || {
        text_of(&root, "[data-testid=resend-countdown]")
    })
    .await;
    assert!(
        resend.contains("0:30") || resend.contains("0:29"),
        "{resend}"
    );

    type_into(&app.root, "otp", "123 456");
    submit_form_of(&app.root, "otp");
    let root = app.root.clone();
    wait_for("the wrong-code message", || {
        text_of(&root, "[data-testid=verify-error]")
    })
    .await;
    assert_eq!(api.calls(), ["send:email", "verify:123456"]);
    // The field is marked, keeps what was typed, and has the focus.
    let otp: web_sys::HtmlInputElement = query(&app.root, "#otp").unchecked_into();
    assert_eq!(otp.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(otp.value(), "123 456");
    assert_eq!(
        text_of(&app.root, "#otp-error").as_deref(),
        Some("That one-time PIN is not correct.")
    );
    assert_eq!(active_id().as_deref(), Some("otp"));
    // A format error replaces the stale server error.
    type_into(&app.root, "otp", "12");
    submit_form_of(&app.root, "otp");
    let root = app.root.clone();
    wait_for("the format error alone", || {
        text_of(&root, "[data-testid=verify-error]")
            .is_none()
            .then(|| text_of(&root, "#otp-error"))
            .flatten()
    })
    .await;
    assert_eq!(api.calls(), ["send:email", "verify:123456"], "not sent");

    // An expired code (`code_expired`) asks for a new code; the flow goes on.
    api.verifies
        .lock()
        .unwrap()
        .push_back(Err(ApiError::Server(error_body(
            wire::ErrorCode::CodeExpired,
        ))));
    type_into(&app.root, "otp", "654321");
    submit_form_of(&app.root, "otp");
    let root = app.root.clone();
    let shown = wait_for("the expired-code message", || {
        text_of(&root, "[data-testid=verify-error]").filter(|text| text.contains("expired"))
    })
    .await;
    assert!(shown.contains("Resend code"), "{shown}");
    assert_eq!(text_of(&app.root, "h1").as_deref(), Some("Verify it's you"));
    assert!(app.root.query_selector("#otp").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn the_verify_page_without_a_flow_sends_back_to_sign_in() {
    let _serial = begin().await;
    let app = mount_app_at("/login/verify");
    wait_for_heading(&app.root, "Verify it's you").await;
    let root = app.root.clone();
    let text = wait_for("the expired notice", || {
        text_of(&root, "[data-testid=flow-expired]")
    })
    .await;
    assert_eq!(text, "Your sign-in has expired. Please sign in again.");
}

#[wasm_bindgen_test]
async fn the_home_hub_sends_visitors_without_a_session_to_sign_in() {
    let _serial = begin().await;
    let app = mount_app_at("/home");
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    assert_eq!(window().location().pathname().unwrap(), "/login");
}

#[wasm_bindgen_test]
async fn caps_lock_is_announced_next_to_the_pin() {
    let _serial = begin().await;
    let app = mount_app_at("/login");
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    let pin = query(&app.root, "#pin");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("A");
    init.set_modifier_caps_lock(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    pin.dispatch_event(&event).unwrap();
    let root = app.root.clone();
    let warning = wait_for("the Caps Lock warning", || {
        text_of(&root, "#caps-lock-warning")
    })
    .await;
    assert_eq!(warning, "Caps Lock is on. Your PIN is case-sensitive.");
    assert!(
        pin.get_attribute("aria-describedby")
            .unwrap()
            .contains("caps-lock-warning")
    );
}

#[wasm_bindgen_test]
async fn the_employee_id_is_remembered_only_when_asked() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.logins.lock().unwrap().push_back(Ok(wire::LoginStarted {
        flow_id: "flow".into(),
        channels: vec![],
        expires_in_secs: 900,
        server_time: 0,
    }));
    let app = mount_with("/login", api);
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    type_into(&app.root, "employee-id", "1234567");
    type_into(&app.root, "pin", "Brown-Truck-1907");
    query(&app.root, "#remember-id").click();
    submit_form_of(&app.root, "pin");
    wait_for_heading(&app.root, "Verify it's you").await;
    let stored = window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("upsers.remembered_employee_id")
        .unwrap();
    assert_eq!(
        stored.as_deref(),
        Some("1234567"),
        "only the ID, never the PIN"
    );
    drop(app);

    // Next visit: the ID is there without typing it. (Chromium's password
    // manager may hide the field's value from scripts, so check what is sent.)
    let api = Arc::new(ScriptedApi::default());
    let again = mount_with("/login", api.clone());
    wait_for_heading(&again.root, "Sign in to UPSers").await;
    let remember: web_sys::HtmlInputElement = query(&again.root, "#remember-id").unchecked_into();
    assert!(remember.checked(), "the choice is remembered too");
    type_into(&again.root, "pin", "Brown-Truck-1907");
    submit_form_of(&again.root, "pin");
    let calls = api.clone();
    wait_for("the sign-in request", || {
        (!calls.calls().is_empty()).then_some(())
    })
    .await;
    assert_eq!(api.calls(), ["login:1234567"]);
    clear_storage();
}

/// The role, kind (the class the stylesheet draws the icon from) and visible
/// heading of the alert `testid`.
fn alert_kind(root: &web_sys::HtmlElement, testid: &str) -> (String, String, String) {
    let alert: web_sys::HtmlElement = query(root, &format!("[data-testid={testid}]"))
        .closest(".alert")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let role = alert.get_attribute("role").unwrap_or_default();
    let kind = alert
        .class_name()
        .split(' ')
        .find_map(|class| class.strip_prefix("alert--"))
        .unwrap_or_default()
        .to_owned();
    let heading = text_of(&alert, ".alert__heading").unwrap_or_default();
    (role, kind, heading)
}

#[wasm_bindgen_test]
async fn errors_and_warnings_read_without_colour_with_an_icon_and_a_heading() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    script_wrong_pin(&api, 2);
    script_locked(&api, 900);
    let app = sign_in_with(api.clone(), "1234567", "Wrong-PIN-99").await;
    let root = app.root.clone();
    wait_for("the wrong-PIN alert", || {
        text_of(&root, "[data-testid=login-error]")
    })
    .await;
    assert_eq!(
        alert_kind(&app.root, "login-error"),
        ("alert".into(), "error".into(), "There is a problem".into())
    );

    type_into(&app.root, "pin", "Wrong-PIN-98");
    submit_form_of(&app.root, "pin");
    let root = app.root.clone();
    wait_for("the lock notice", || {
        root.query_selector("#lock-notice").unwrap()
    })
    .await;
    assert_eq!(
        alert_kind(&app.root, "login-error"),
        ("alert".into(), "warning".into(), "Warning".into())
    );
}

#[wasm_bindgen_test]
async fn the_hidden_lockout_announcement_follows_a_language_switch() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    script_locked(&api, 600);
    let app = sign_in_with(api.clone(), "1234567", "Wrong-Guess-123").await;
    let root = app.root.clone();
    wait_for("the English announcement", || {
        text_of(&root, "[data-testid=lockout-announcer]")
            .filter(|text| text.starts_with("Try again in"))
    })
    .await;
    query(&app.root, "[data-testid=language-es]").click();
    let root = app.root.clone();
    wait_for("the announcement in Spanish", || {
        text_of(&root, "[data-testid=lockout-announcer]")
            .filter(|text| text.starts_with("Vuelva a intentarlo en"))
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_format_error_replaces_the_servers_last_answer() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    script_wrong_pin(&api, 2);
    let app = sign_in_with(api.clone(), "1234567", "Wrong-PIN-99").await;
    let root = app.root.clone();
    wait_for("the wrong-PIN alert", || {
        text_of(&root, "[data-testid=login-error]")
    })
    .await;
    type_into(&app.root, "pin", "short");
    submit_form_of(&app.root, "pin");
    let root = app.root.clone();
    wait_for("the length error alone", || {
        text_of(&root, "#pin-error")
            .filter(|_| text_of(&root, "[data-testid=login-error]").is_none())
    })
    .await;
    assert_eq!(api.calls().len(), 1, "a short PIN spends no attempt");
}

#[wasm_bindgen_test]
async fn remember_this_device_is_offered_under_the_code_unchecked_and_sent_once_checked() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    keep_login_flow(&[(wire::Channel::Email, "j•••@upsers.example")]);
    script_email_sent(&api, "j•••@upsers.example");
    api.verifies
        .lock()
        .unwrap()
        .push_back(Err(ApiError::Server(wire::ErrorBody {
            attempts_remaining: Some(2),
            ..error_body(wire::ErrorCode::InvalidCode)
        })));
    let app = mount_with("/login/verify", api.clone());
    wait_for_heading(&app.root, "Verify it's you").await;
    query(&app.root, "[data-testid=send-code]").click();
    let root = app.root.clone();
    wait_for("the choice under the code", || {
        root.query_selector("#remember-device").unwrap()
    })
    .await;
    assert_eq!(
        text_of(&app.root, "label[for=remember-device]").as_deref(),
        Some("Remember this device for 30 days"),
        "the policy's days"
    );
    let remember: web_sys::HtmlInputElement = query(&app.root, "#remember-device").unchecked_into();
    assert!(!remember.checked(), "never chosen for the employee");
    assert_eq!(
        remember.get_attribute("aria-describedby").as_deref(),
        Some("remember-device-hint")
    );
    let hint = text_of(&app.root, "#remember-device-hint").unwrap();
    assert!(hint.contains("yours alone"), "{hint}");

    type_into(&app.root, "otp", "123456");
    submit_form_of(&app.root, "otp");
    let root = app.root.clone();
    wait_for("the wrong-code message", || {
        text_of(&root, "[data-testid=verify-error]")
    })
    .await;
    remember.click();
    type_into(&app.root, "otp", "654321");
    submit_form_of(&app.root, "otp");
    wait_for("the second code", || (api.calls().len() == 3).then_some(())).await;
    assert_eq!(
        api.calls(),
        ["send:email", "verify:123456", "verify:654321+remember"]
    );
}

#[wasm_bindgen_test]
async fn the_right_pin_of_an_id_a_report_locked_leads_to_the_reset_with_the_reason() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.logins
        .lock()
        .unwrap()
        .push_back(Err(ApiError::Server(wire::ErrorBody {
            fields: vec![wire::PIN_RESET_FIELD.into()],
            ..error_body(wire::ErrorCode::Locked)
        })));
    let app = mount_with("/login", api.clone());
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    type_into(&app.root, "employee-id", "1234567");
    type_into(&app.root, "pin", "Brown-Truck-1907");
    submit_form_of(&app.root, "employee-id");
    wait_for_heading(&app.root, "Forgot your PIN?").await;
    let notice = text_of(&app.root, "[data-testid=reset-notice]").unwrap_or_default();
    assert!(
        notice.contains("locked because a sign-in was reported as not you"),
        "{notice}"
    );
    let field: web_sys::HtmlInputElement = query(&app.root, "#employee-id").unchecked_into();
    assert_eq!(field.value(), "1234567", "the typed ID comes along");
    assert!(
        app.root.query_selector("#lock-notice").unwrap().is_none(),
        "no countdown: a reset ends this lock"
    );
}

#[wasm_bindgen_test]
async fn on_an_ip_address_where_browsers_refuse_webauthn_no_passkey_is_offered_or_asked_for() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = mount_with("/login", api.clone());
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    assert_eq!(
        query(&app.root, "#employee-id")
            .get_attribute("autocomplete")
            .as_deref(),
        Some("username webauthn"),
        "the field a browser offers passkeys in, where it can"
    );
    assert!(app.root.query_selector("#passkey-slot").unwrap().is_some());
    // The passkey part draws once its module is here; here it draws nothing.
    sleep(std::time::Duration::from_millis(200)).await;
    assert!(
        app.root
            .query_selector("[data-testid=passkey-sign-in]")
            .unwrap()
            .is_none()
    );
    drop(app);

    keep_login_flow(&[(wire::Channel::Email, "s•••@upsers.example")]);
    let app = mount_with("/login/verify", api.clone());
    wait_for_heading(&app.root, "Verify it's you").await;
    let root = app.root.clone();
    wait_for("the code's channel", || {
        root.query_selector("[data-testid=send-code]").unwrap()
    })
    .await;
    assert!(
        !api.calls()
            .iter()
            .any(|call| call.starts_with("passkey-ceremony")),
        "{:?}",
        api.calls()
    );
    clear_storage();
}
