//! My account with a scripted API: the PIN change and its step-up, and the
//! sessions list with its sign-outs.

mod support;

use std::sync::Arc;

use support::*;
use upsers_contract as wire;
use upsers_web::api::ApiError;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NEW_PIN: &str = "Maple-Lantern-Harbor-31";

fn session() -> wire::SessionInfo {
    wire::SessionInfo {
        employee_id: "1234567".into(),
        first_name: "Jordan".into(),
        idle_expires_at: 1_900,
        absolute_expires_at: 29_800,
        server_time: 1_000,
    }
}

fn device(id: &str, browser: Option<&str>, os: Option<&str>, this: bool) -> wire::ActiveSession {
    wire::ActiveSession {
        id: id.into(),
        browser: browser.map(Into::into),
        os: os.map(Into::into),
        address: Some("203.0.113.7".into()),
        started_at: 900,
        last_active_at: 990,
        this_device: this,
    }
}

fn this_device() -> wire::ActiveSession {
    device("here", Some("Chrome 131"), Some("Windows 10"), true)
}

fn listed(sessions: Vec<wire::ActiveSession>) -> Result<wire::ActiveSessions, ApiError> {
    Ok(wire::ActiveSessions {
        sessions,
        server_time: 1_000,
    })
}

fn attribute(root: &web_sys::HtmlElement, id: &str, name: &str) -> Option<String> {
    query(root, &format!("#{id}")).get_attribute(name)
}

#[wasm_bindgen_test]
async fn the_pin_changes_after_the_current_pin_and_a_wrong_one_is_marked_with_the_attempts_left() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.sessions.lock().unwrap().push_back(Ok(session()));
    let alone = || listed(vec![this_device()]);
    api.active_sessions
        .lock()
        .unwrap()
        .extend([alone(), alone()]);
    let mut wrong = error_body(wire::ErrorCode::InvalidCredentials);
    wrong.attempts_remaining = Some(2);
    api.pin_changes.lock().unwrap().extend([
        Err(ApiError::Server(wrong)),
        Ok(wire::PinChanged { server_time: 1_010 }),
    ]);
    let app = mount_with("/account", api.clone());
    wait_for_heading(&app.root, "My account").await;
    let root = app.root.clone();
    wait_for("the change form", || {
        root.query_selector("#current-pin").unwrap()
    })
    .await;
    assert_eq!(
        attribute(&app.root, "current-pin", "autocomplete").as_deref(),
        Some("current-password")
    );

    // Nothing typed: the summary leads to the current PIN first, nothing is sent.
    submit_form_of(&app.root, "new-pin");
    expect_error_summary(&app.root, "current-pin").await;
    assert!(
        !api.calls()
            .iter()
            .any(|call| call.starts_with("change-pin"))
    );

    type_into(&app.root, "current-pin", "Wrong-Guess-123");
    type_into(&app.root, "new-pin", NEW_PIN);
    type_into(&app.root, "confirm-pin", NEW_PIN);
    submit_form_of(&app.root, "new-pin");
    let root = app.root.clone();
    let alert = wait_for("the wrong current PIN", || {
        text_of(&root, "[data-testid=change-pin-error]")
    })
    .await;
    assert!(
        alert.contains("Your current PIN is not correct."),
        "{alert}"
    );
    assert!(
        alert.contains("2 attempts left before this Employee ID is locked for 15 minutes."),
        "{alert}"
    );
    assert_eq!(
        attribute(&app.root, "current-pin", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        active_id().as_deref(),
        Some("current-pin"),
        "focus goes back to it"
    );

    type_into(&app.root, "current-pin", "Brown-Truck-1907");
    let root = app.root.clone();
    wait_for("editing it clears the mark", || {
        (attribute(&root, "current-pin", "aria-invalid").as_deref() == Some("false")).then_some(())
    })
    .await;
    submit_form_of(&app.root, "new-pin");
    let root = app.root.clone();
    let done = wait_for("the change confirmed", || {
        text_of(&root, "[data-testid=pin-changed]")
    })
    .await;
    assert!(done.contains("every other device was signed out"), "{done}");
    wait_for("focus on what happened", || {
        (active_id().as_deref() == Some("pin-changed")).then_some(())
    })
    .await;
    assert!(
        app.root.query_selector("#current-pin").unwrap().is_none(),
        "the form is gone"
    );
    let changes: Vec<_> = api
        .calls()
        .into_iter()
        .filter(|call| call.starts_with("change-pin"))
        .collect();
    assert_eq!(
        changes,
        [
            format!("change-pin:Wrong-Guess-123>{NEW_PIN}"),
            format!("change-pin:Brown-Truck-1907>{NEW_PIN}"),
        ]
    );
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_weak_new_pin_shows_the_servers_reasons_and_keeps_the_form() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.sessions.lock().unwrap().push_back(Ok(session()));
    api.active_sessions
        .lock()
        .unwrap()
        .push_back(listed(vec![this_device()]));
    let mut weak = error_body(wire::ErrorCode::WeakPin);
    weak.pin_problems = vec![wire::PinProblem::Blocklisted];
    api.pin_changes
        .lock()
        .unwrap()
        .push_back(Err(ApiError::Server(weak)));
    let app = mount_with("/account", api.clone());
    let root = app.root.clone();
    wait_for("the change form", || {
        root.query_selector("#current-pin").unwrap()
    })
    .await;
    type_into(&app.root, "current-pin", "Brown-Truck-1907");
    type_into(&app.root, "new-pin", "password1");
    type_into(&app.root, "confirm-pin", "password1");
    submit_form_of(&app.root, "new-pin");
    let root = app.root.clone();
    wait_for("the server's reason", || {
        text_of(&root, "[data-testid=pin-strength]").filter(|text| text.contains("common"))
    })
    .await;
    assert_eq!(active_id().as_deref(), Some("new-pin"));
    assert_eq!(
        attribute(&app.root, "current-pin", "aria-invalid").as_deref(),
        Some("false")
    );
    clear_storage();
}

#[wasm_bindgen_test]
async fn without_a_session_my_account_goes_to_sign_in() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.sessions
        .lock()
        .unwrap()
        .push_back(Err(ApiError::Server(error_body(
            wire::ErrorCode::Unauthenticated,
        ))));
    let app = mount_with("/account", api.clone());
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    assert!(app.root.query_selector("#current-pin").unwrap().is_none());
    clear_storage();
}

fn session_texts(root: &web_sys::HtmlElement) -> Vec<String> {
    let items = root.query_selector_all("[data-testid=session]").unwrap();
    (0..items.length())
        .filter_map(|n| items.item(n))
        .filter_map(|item| item.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn each_session_shows_its_device_and_another_one_is_signed_out() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.sessions.lock().unwrap().push_back(Ok(session()));
    let phone = device("phone", Some("Safari 17"), Some("iOS 17.5"), false);
    let unknown = device("unknown", None, None, false);
    api.active_sessions.lock().unwrap().extend([
        listed(vec![this_device(), phone, unknown.clone()]),
        listed(vec![this_device(), unknown]),
    ]);
    api.session_ends
        .lock()
        .unwrap()
        .push_back(Ok(wire::SessionsEnded { ended: 1 }));
    let app = mount_with("/account", api.clone());
    let root = app.root.clone();
    wait_for("the sessions", || {
        (session_texts(&root).len() == 3).then_some(())
    })
    .await;
    let texts = session_texts(&app.root);
    assert!(texts[0].contains("Chrome 131 on Windows 10"), "{texts:?}");
    assert!(texts[0].contains("This device"), "{texts:?}");
    assert!(texts[0].contains("From 203.0.113.7"), "{texts:?}");
    assert!(texts[0].contains("Signed in ") && texts[0].contains("Last active "));
    assert!(texts[1].contains("Safari 17 on iOS 17.5") && !texts[1].contains("This device"));
    assert!(texts[2].contains("An unknown device"), "{texts:?}");

    let buttons = app
        .root
        .query_selector_all("[data-testid=end-session]")
        .unwrap();
    assert_eq!(
        buttons.length(),
        2,
        "no Sign out for this device: use the header's"
    );
    let phone_button = query(
        &app.root,
        "[data-testid=session]:nth-child(2) [data-testid=end-session]",
    );
    let described_by = phone_button.get_attribute("aria-describedby").unwrap();
    assert_eq!(
        text_of(&app.root, &format!("#{described_by}")).as_deref(),
        Some("Safari 17 on iOS 17.5"),
        "each Sign out names its device to a screen reader"
    );
    phone_button.click();
    let root = app.root.clone();
    let done = wait_for("the sign-out confirmed", || {
        text_of(&root, "[data-testid=sessions-ended]")
    })
    .await;
    assert_eq!(done, "Safari 17 on iOS 17.5 is signed out.");
    wait_for("focus on what happened", || {
        (active_id().as_deref() == Some("sessions-ended")).then_some(())
    })
    .await;
    let root = app.root.clone();
    wait_for("the list read again", || {
        (session_texts(&root).len() == 2).then_some(())
    })
    .await;
    let calls = api.calls();
    assert!(calls.contains(&"end-session:phone".to_owned()), "{calls:?}");
    assert_eq!(calls.iter().filter(|call| *call == "sessions").count(), 2);
    clear_storage();
}

#[wasm_bindgen_test]
async fn every_other_device_is_signed_out_at_once() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.sessions.lock().unwrap().push_back(Ok(session()));
    let phone = device("phone", Some("Safari 17"), Some("iOS 17.5"), false);
    let laptop = device("laptop", Some("Firefox 133"), None, false);
    api.active_sessions.lock().unwrap().extend([
        listed(vec![this_device(), phone, laptop]),
        listed(vec![this_device()]),
    ]);
    api.session_ends
        .lock()
        .unwrap()
        .push_back(Ok(wire::SessionsEnded { ended: 2 }));
    let app = mount_with("/account", api.clone());
    let root = app.root.clone();
    let others = wait_for("Sign out all other devices", || {
        root.query_selector("[data-testid=end-other-sessions]")
            .unwrap()
    })
    .await;
    assert!(session_texts(&app.root)[2].contains("Firefox 133"));
    others.unchecked_into::<web_sys::HtmlElement>().click();
    let root = app.root.clone();
    let alone = wait_for("only this device left", || {
        text_of(&root, "[data-testid=only-this-device]")
    })
    .await;
    assert_eq!(alone, "You're signed in on this device only.");
    assert_eq!(
        text_of(&app.root, "[data-testid=sessions-ended]").as_deref(),
        Some("Every other device is signed out.")
    );
    assert!(api.calls().contains(&"end-other-sessions".to_owned()));
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_session_ended_elsewhere_meanwhile_goes_to_sign_in_with_the_reason() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.sessions.lock().unwrap().push_back(Ok(session()));
    let phone = device("phone", Some("Safari 17"), Some("iOS 17.5"), false);
    api.active_sessions
        .lock()
        .unwrap()
        .push_back(listed(vec![this_device(), phone]));
    // No answer scripted for the sign-out: the API says the session is over.
    let app = mount_with("/account", api.clone());
    let root = app.root.clone();
    let button = wait_for("the phone's Sign out", || {
        root.query_selector("[data-testid=end-session]").unwrap()
    })
    .await;
    button.unchecked_into::<web_sys::HtmlElement>().click();
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    let root = app.root.clone();
    wait_for("the reason", || {
        text_of(&root, "[data-testid=session-ended]")
    })
    .await;
    clear_storage();
}

fn event(id: i64, kind: wire::ActivityKind, this: bool) -> wire::ActivityEvent {
    wire::ActivityEvent {
        id,
        kind,
        at: 900 + id,
        browser: Some(if this { "Chrome 131" } else { "Firefox 133" }.into()),
        os: Some("Linux".into()),
        address: Some("203.0.113.7".into()),
        this_device: this,
    }
}

fn event_texts(root: &web_sys::HtmlElement) -> Vec<String> {
    let items = root
        .query_selector_all("[data-testid=activity-event]")
        .unwrap();
    (0..items.length())
        .filter_map(|n| items.item(n))
        .filter_map(|item| item.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn recent_activity_shows_what_happened_and_pages_back_with_focus_on_the_older_events() {
    use wire::ActivityKind::*;
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.sessions.lock().unwrap().push_back(Ok(session()));
    api.active_sessions
        .lock()
        .unwrap()
        .push_back(listed(vec![this_device()]));
    api.activities.lock().unwrap().extend([
        Ok(wire::ActivityPage {
            events: vec![event(9, SignedIn, true), event(8, WrongPin, false)],
            more_before: Some(8),
            server_time: 1_000,
        }),
        Ok(wire::ActivityPage {
            events: vec![event(5, Locked, false), event(4, Unknown, false)],
            more_before: None,
            server_time: 1_000,
        }),
    ]);
    let app = mount_with("/account", api.clone());
    let root = app.root.clone();
    wait_for("the first page", || {
        (event_texts(&root).len() == 2).then_some(())
    })
    .await;
    let texts = event_texts(&app.root);
    assert!(
        texts[0].starts_with("Signed in") && texts[0].contains("This device"),
        "{texts:?}"
    );
    assert!(texts[0].contains("Chrome 131 on Linux") && texts[0].contains("From 203.0.113.7"));
    assert!(texts[1].starts_with("Wrong PIN at sign-in") && !texts[1].contains("This device"));

    query(&app.root, "[data-testid=older-activity]").click();
    let root = app.root.clone();
    wait_for("the older page, appended", || {
        (event_texts(&root).len() == 4).then_some(())
    })
    .await;
    let texts = event_texts(&app.root);
    assert!(
        texts[2].starts_with("Employee ID locked after too many attempts"),
        "{texts:?}"
    );
    assert!(texts[3].starts_with("Other account activity"), "{texts:?}");
    wait_for("focus on the first older event", || {
        (active_id().as_deref() == Some("activity-5")).then_some(())
    })
    .await;
    assert_eq!(
        text_of(&app.root, "[data-testid=activity-end]").as_deref(),
        Some("That is everything from the last 30 days.")
    );
    assert!(
        app.root
            .query_selector("[data-testid=older-activity]")
            .unwrap()
            .is_none()
    );
    let pages: Vec<_> = api
        .calls()
        .into_iter()
        .filter(|call| call.starts_with("activity:"))
        .collect();
    assert_eq!(pages, ["activity:newest", "activity:8"]);
    clear_storage();
}
