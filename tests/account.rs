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

/// An API with Jordan's session, signed in on this device only.
fn signed_in_here() -> Arc<ScriptedApi> {
    let api = Arc::new(ScriptedApi::default());
    api.sessions.lock().unwrap().push_back(Ok(session()));
    api.active_sessions
        .lock()
        .unwrap()
        .push_back(listed(vec![this_device()]));
    api
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
    let api = signed_in_here();
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
    let api = signed_in_here();
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

fn needs_step_up() -> wire::StepUpState {
    wire::StepUpState {
        fresh_until: 900,
        recovery_until: 0,
        channels: vec![wire::ChannelOption {
            channel: wire::Channel::Sms,
            destination: "(•••) •••-0123".into(),
        }],
        settling: Vec::new(),
        server_time: 1_000,
    }
}

/// Soon after the sign-in: a removal needs nothing more, a change of what
/// recovers the account still a one-time PIN.
fn fresh() -> wire::StepUpState {
    wire::StepUpState {
        fresh_until: 1_600,
        ..needs_step_up()
    }
}

/// After a step-up by a one-time PIN.
fn proven_for_recovery() -> wire::StepUpState {
    wire::StepUpState {
        recovery_until: 1_600,
        ..fresh()
    }
}

fn mobile_only() -> wire::AccountContacts {
    wire::AccountContacts {
        email: None,
        ..jordans_contacts()
    }
}

/// A contact added lately settles (72 hours) before it proves a change of
/// what recovers the account: the list says from when it can reset the PIN,
/// and the step-up offers only the others, saying from when the new one can.
#[wasm_bindgen_test]
async fn a_settling_contact_is_not_offered_for_a_recovery_step_up() {
    let _serial = begin().await;
    let api = signed_in_here();
    let settling = vec![wire::SettlingChannel {
        channel: wire::Channel::Email,
        settles_at: 1_000 + 72 * 3600,
    }];
    api.account_contacts
        .lock()
        .unwrap()
        .push_back(Ok(wire::AccountContacts {
            settling: settling.clone(),
            ..jordans_contacts()
        }));
    let mut state = needs_step_up();
    state.channels.push(wire::ChannelOption {
        channel: wire::Channel::Email,
        destination: "j•••@example.com".into(),
    });
    state.settling = settling;
    api.step_ups.lock().unwrap().push_back(Ok(state));
    let app = mount_with("/account", api.clone());
    let root = app.root.clone();
    let email = wait_for("the contact details", || {
        text_of(&root, "[data-testid=contact-email]")
    })
    .await;
    assert!(
        email.contains("Added lately: it can reset your PIN from"),
        "{email}"
    );
    assert!(
        text_of(&root, "[data-testid=contact-sms]").is_some_and(|sms| !sms.contains("lately")),
        "the mobile number is settled"
    );
    query(&app.root, "[data-testid=change-sms]").click();
    let root = app.root.clone();
    let note = wait_for("the settling note", || {
        text_of(&root, "[data-testid=step-up-settling]")
    })
    .await;
    assert!(note.contains("added or changed lately"), "{note}");
    assert!(
        root.query_selector("[data-testid=step-up-send-sms]")
            .unwrap()
            .is_some()
    );
    assert!(
        root.query_selector("[data-testid=step-up-send-email]")
            .unwrap()
            .is_none(),
        "the settling address proves no recovery change"
    );
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_new_email_needs_a_one_time_pin_step_up_however_fresh_the_sign_in() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.sessions.lock().unwrap().push_back(Ok(session()));
    api.active_sessions
        .lock()
        .unwrap()
        .extend([listed(vec![this_device()]), listed(vec![this_device()])]);
    api.account_contacts
        .lock()
        .unwrap()
        .extend([Ok(mobile_only()), Ok(jordans_contacts())]);
    api.step_ups.lock().unwrap().push_back(Ok(fresh()));
    api.step_up_sends
        .lock()
        .unwrap()
        .push_back(Ok(wire::CodeSent {
            flow_id: "step-up-flow".into(),
            channel: wire::Channel::Sms,
            destination: "(•••) •••-0123".into(),
            expires_in_secs: 600,
            resend_after_secs: 30,
            server_time: 1_000,
            remember_device_days: 0,
        }));
    api.stepped_up
        .lock()
        .unwrap()
        .push_back(Ok(proven_for_recovery()));
    api.contact_adds
        .lock()
        .unwrap()
        .push_back(Ok(wire::CodeSent {
            flow_id: "contact-flow".into(),
            channel: wire::Channel::Email,
            destination: "jordan.new@example.com".into(),
            expires_in_secs: 600,
            resend_after_secs: 30,
            server_time: 1_000,
            remember_device_days: 0,
        }));
    let mut wrong_code = error_body(wire::ErrorCode::InvalidCode);
    wrong_code.attempts_remaining = Some(4);
    api.contact_changes
        .lock()
        .unwrap()
        .extend([Err(ApiError::Server(wrong_code)), Ok(jordans_contacts())]);
    let app = mount_with("/account", api.clone());
    let root = app.root.clone();
    let email = wait_for("the contact details", || {
        text_of(&root, "[data-testid=contact-email]")
    })
    .await;
    assert!(
        email.contains("Email address") && email.contains("None"),
        "{email}"
    );
    assert!(
        app.root
            .query_selector("[data-testid=remove-sms]")
            .unwrap()
            .is_none(),
        "the only contact has no Remove"
    );

    query(&app.root, "[data-testid=change-email]").click();
    let root = app.root.clone();
    wait_for("the step-up, with focus", || {
        (active_id().as_deref() == Some("step-up-heading")).then_some(())
    })
    .await;
    let step_up = text_of(&root, "[data-testid=step-up]").unwrap();
    assert!(step_up.contains("Confirm it's you"), "{step_up}");
    assert!(step_up.contains("a one-time PIN sent to a contact you already have"));
    assert!(
        root.query_selector("#step-up-pin").unwrap().is_none(),
        "the current PIN is no proof for a new contact"
    );
    query(&app.root, "[data-testid=step-up-send-sms]").click();
    let root = app.root.clone();
    wait_for("focus on the code", || {
        (active_id().as_deref() == Some("otp")).then_some(())
    })
    .await;
    type_into(&root, "otp", "135790");
    submit_form_of(&root, "otp");
    let root = app.root.clone();
    wait_for("the new address's field, with focus", || {
        (active_id().as_deref() == Some("new-contact")).then_some(())
    })
    .await;
    assert_eq!(
        attribute(&root, "new-contact", "autocomplete").as_deref(),
        Some("email")
    );

    type_into(&app.root, "new-contact", "not an address");
    submit_form_of(&app.root, "new-contact");
    let root = app.root.clone();
    let error = wait_for("the format error", || text_of(&root, "#new-contact-error")).await;
    assert!(error.contains("name@example.com"), "{error}");
    assert!(
        !api.calls()
            .iter()
            .any(|call| call.starts_with("add-contact"))
    );

    type_into(&app.root, "new-contact", " jordan.new@example.com ");
    submit_form_of(&app.root, "new-contact");
    let root = app.root.clone();
    let sent = wait_for("the code sent", || {
        text_of(&root, "[data-testid=code-sent]")
    })
    .await;
    assert!(sent.contains("jordan.new@example.com"), "{sent}");
    wait_for("focus on the code", || {
        (active_id().as_deref() == Some("otp")).then_some(())
    })
    .await;

    type_into(&app.root, "otp", "111111");
    submit_form_of(&app.root, "otp");
    let root = app.root.clone();
    let alert = wait_for("the wrong code", || {
        text_of(&root, "[data-testid=new-contact-error]")
    })
    .await;
    assert!(
        alert.contains("That one-time PIN is not correct."),
        "{alert}"
    );

    type_into(&app.root, "otp", "246810");
    submit_form_of(&app.root, "otp");
    let root = app.root.clone();
    let done = wait_for("the change confirmed", || {
        text_of(&root, "[data-testid=contacts-changed]")
    })
    .await;
    assert!(done.contains("Your email address is changed."), "{done}");
    wait_for("focus on what happened", || {
        (active_id().as_deref() == Some("contacts-changed")).then_some(())
    })
    .await;
    let root = app.root.clone();
    wait_for("the list read again", || {
        text_of(&root, "[data-testid=contact-email]")
            .filter(|email| email.contains("j•••@upsers.example"))
    })
    .await;
    let calls: Vec<_> = api
        .calls()
        .into_iter()
        .filter(|call| call.contains("step-up") || call.contains("contact"))
        .collect();
    assert_eq!(
        calls,
        [
            "contacts",
            "step-up",
            "step-up-send:sms",
            "step-up-verify:135790",
            "add-contact:email:jordan.new@example.com",
            "verify-contact:111111",
            "verify-contact:246810",
            "contacts",
        ]
    );
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_contact_is_removed_without_a_step_up_soon_after_signing_in_but_never_the_last() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.sessions.lock().unwrap().push_back(Ok(session()));
    api.active_sessions
        .lock()
        .unwrap()
        .extend([listed(vec![this_device()]), listed(vec![this_device()])]);
    let email_only = wire::AccountContacts {
        mobile: None,
        ..jordans_contacts()
    };
    api.account_contacts
        .lock()
        .unwrap()
        .extend([Ok(jordans_contacts()), Ok(email_only.clone())]);
    api.step_ups.lock().unwrap().push_back(Ok(fresh()));
    api.contact_changes
        .lock()
        .unwrap()
        .push_back(Ok(email_only));
    let app = mount_with("/account", api.clone());
    let root = app.root.clone();
    wait_for("Remove for both", || {
        root.query_selector("[data-testid=remove-email]").unwrap()
    })
    .await;

    query(&app.root, "[data-testid=remove-sms]").click();
    let root = app.root.clone();
    wait_for("the question, with focus", || {
        (active_id().as_deref() == Some("confirm-remove")).then_some(())
    })
    .await;
    let asked = text_of(&root, "#confirm-remove").unwrap();
    assert!(asked.contains("Remove (•••) •••-0123?"), "{asked}");
    query(&app.root, "[data-testid=remove-contact]").click();
    let root = app.root.clone();
    let done = wait_for("the removal confirmed", || {
        text_of(&root, "[data-testid=contacts-changed]")
    })
    .await;
    assert!(done.contains("Your mobile number is removed."), "{done}");
    let root = app.root.clone();
    wait_for("the last one without Remove", || {
        text_of(&root, "[data-testid=only-contact]")
    })
    .await;
    assert!(
        app.root
            .query_selector("[data-testid=remove-email]")
            .unwrap()
            .is_none()
    );
    let calls = api.calls();
    assert!(
        !calls.iter().any(|call| call.starts_with("step-up-")),
        "no step-up asked for: {calls:?}"
    );
    assert!(
        calls.contains(&"remove-contact:sms".to_owned()),
        "{calls:?}"
    );
    clear_storage();
}

#[wasm_bindgen_test]
async fn the_challenge_questions_are_listed_and_replaced_after_a_step_up_by_text() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.sessions.lock().unwrap().push_back(Ok(session()));
    api.active_sessions
        .lock()
        .unwrap()
        .extend([listed(vec![this_device()]), listed(vec![this_device()])]);
    api.step_ups.lock().unwrap().push_back(Ok(needs_step_up()));
    api.step_up_sends
        .lock()
        .unwrap()
        .push_back(Ok(wire::CodeSent {
            flow_id: "step-up-flow".into(),
            channel: wire::Channel::Sms,
            destination: "(•••) •••-0123".into(),
            expires_in_secs: 600,
            resend_after_secs: 30,
            server_time: 1_000,
            remember_device_days: 0,
        }));
    api.stepped_up
        .lock()
        .unwrap()
        .push_back(Ok(proven_for_recovery()));
    let chosen = ["first_car", "elementary_school", "childhood_street"];
    api.question_changes
        .lock()
        .unwrap()
        .push_back(Ok(account_questions(&chosen)));
    api.account_questions.lock().unwrap().extend([
        Ok(account_questions(&["birth_city", "first_pet", "first_car"])),
        Ok(account_questions(&chosen)),
    ]);
    let app = mount_with("/account", api.clone());
    let root = app.root.clone();
    let listed = wait_for("the answered questions", || {
        text_of(&root, "[data-testid=answered-questions]")
    })
    .await;
    assert!(listed.contains("In what city were you born?"), "{listed}");
    assert!(!listed.contains("elementary school"), "{listed}");

    query(&app.root, "[data-testid=change-questions]").click();
    let root = app.root.clone();
    wait_for("the step-up", || {
        root.query_selector("[data-testid=step-up-send-sms]")
            .unwrap()
    })
    .await;
    query(&app.root, "[data-testid=step-up-send-sms]").click();
    let root = app.root.clone();
    wait_for("focus on the code", || {
        (active_id().as_deref() == Some("otp")).then_some(())
    })
    .await;
    assert!(
        text_of(&root, "[data-testid=code-sent]")
            .unwrap()
            .contains("(•••) •••-0123")
    );
    type_into(&app.root, "otp", "135790");
    submit_form_of(&app.root, "otp");
    let root = app.root.clone();
    wait_for("the questions form, with focus", || {
        (active_id().as_deref() == Some("question-0")).then_some(())
    })
    .await;

    // The registration's rules: the same question twice is flagged, nothing sent.
    select_option(&root, "question-0", "first_car");
    select_option(&root, "question-1", "first_car");
    select_option(&root, "question-2", "childhood_street");
    for (id, answer) in [
        ("answer-0", "Ford"),
        ("answer-1", "Lincoln Elementary"),
        ("answer-2", "Peachtree"),
    ] {
        type_into(&root, id, answer);
    }
    submit_form_of(&root, "answer-0");
    expect_error_summary(&root, "question-1").await;
    assert!(
        !api.calls()
            .iter()
            .any(|call| call.starts_with("change-questions"))
    );
    select_option(&root, "question-1", "elementary_school");
    submit_form_of(&root, "answer-0");
    let done = wait_for("the change confirmed", || {
        text_of(&root, "[data-testid=questions-changed]")
    })
    .await;
    assert!(
        done.contains("Your challenge questions are changed."),
        "{done}"
    );
    wait_for("the list read again", || {
        text_of(&root, "[data-testid=answered-questions]")
            .filter(|listed| listed.contains("elementary school"))
    })
    .await;
    let calls: Vec<_> = api
        .calls()
        .into_iter()
        .filter(|call| call.contains("step-up") || call.contains("questions"))
        .collect();
    assert_eq!(
        calls,
        [
            "account-questions",
            "step-up",
            "step-up-send:sms",
            "step-up-verify:135790",
            "change-questions:first_car=Ford,elementary_school=Lincoln Elementary,childhood_street=Peachtree",
            "account-questions",
        ]
    );
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_removal_the_server_refuses_keeps_the_last_contact_or_asks_for_the_current_pin() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.sessions.lock().unwrap().push_back(Ok(session()));
    api.active_sessions
        .lock()
        .unwrap()
        .extend([listed(vec![this_device()]), listed(vec![this_device()])]);
    api.account_contacts
        .lock()
        .unwrap()
        .extend([Ok(jordans_contacts()), Ok(mobile_only())]);
    // Fresh when the page asked; the server's clock moved on by the second try.
    api.step_ups
        .lock()
        .unwrap()
        .extend([Ok(fresh()), Ok(needs_step_up())]);
    let refusal = |code, field: &str| {
        Err(ApiError::Server(wire::ErrorBody {
            fields: vec![field.into()],
            ..error_body(code)
        }))
    };
    api.contact_changes.lock().unwrap().extend([
        // Another tab removed the mobile number meanwhile.
        refusal(wire::ErrorCode::InvalidInput, "channel"),
        refusal(wire::ErrorCode::Forbidden, "step_up"),
        Ok(mobile_only()),
    ]);
    let mut wrong_pin = error_body(wire::ErrorCode::InvalidCredentials);
    wrong_pin.attempts_remaining = Some(2);
    api.stepped_up
        .lock()
        .unwrap()
        .extend([Err(ApiError::Server(wrong_pin)), Ok(fresh())]);
    let app = mount_with("/account", api.clone());
    let root = app.root.clone();
    wait_for("Remove", || {
        root.query_selector("[data-testid=remove-email]").unwrap()
    })
    .await;

    query(&app.root, "[data-testid=remove-email]").click();
    let root = app.root.clone();
    wait_for("the question", || {
        root.query_selector("[data-testid=remove-contact]").unwrap()
    })
    .await;
    query(&app.root, "[data-testid=remove-contact]").click();
    let root = app.root.clone();
    wait_for("the last contact kept", || {
        root.text_content().filter(|text| {
            text.contains("This is your only contact detail: add another before removing it.")
        })
    })
    .await;

    query(&app.root, "[data-testid=remove-contact]").click();
    let root = app.root.clone();
    let step_up = wait_for("the step-up", || text_of(&root, "[data-testid=step-up]")).await;
    assert!(step_up.contains("Confirm it's you"), "{step_up}");
    assert!(step_up.contains("before you remove a contact detail"));

    // A removal only protects: the current PIN is enough for it. The form
    // moves focus to its heading once drawn: typing waits for that.
    wait_for("the step-up, with focus", || {
        (active_id().as_deref() == Some("step-up-heading")).then_some(())
    })
    .await;
    type_into(&app.root, "step-up-pin", "Wrong-Guess-123");
    submit_form_of(&app.root, "step-up-pin");
    let root = app.root.clone();
    let alert = wait_for("the wrong PIN", || {
        text_of(&root, "[data-testid=step-up-error]")
    })
    .await;
    assert!(
        alert.contains("Your current PIN is not correct."),
        "{alert}"
    );
    assert!(alert.contains("2 attempts left"), "{alert}");
    wait_for("focus on the PIN again", || {
        (active_id().as_deref() == Some("step-up-pin")).then_some(())
    })
    .await;
    type_into(&app.root, "step-up-pin", "Brown-Truck-1907");
    submit_form_of(&app.root, "step-up-pin");
    let root = app.root.clone();
    wait_for("the question again", || {
        (active_id().as_deref() == Some("confirm-remove")).then_some(())
    })
    .await;
    query(&root, "[data-testid=remove-contact]").click();
    let done = wait_for("the removal confirmed", || {
        text_of(&root, "[data-testid=contacts-changed]")
    })
    .await;
    assert!(done.contains("Your email address is removed."), "{done}");
    let calls = api.calls();
    assert_eq!(
        calls
            .iter()
            .filter(|call| *call == "remove-contact:email")
            .count(),
        3,
        "{calls:?}"
    );
    assert!(
        calls.contains(&"step-up-pin:Wrong-Guess-123".to_owned()),
        "{calls:?}"
    );
    clear_storage();
}

fn remembered(id: &str, browser: &str, os: &str, this_device: bool) -> wire::RememberedDevice {
    wire::RememberedDevice {
        id: id.into(),
        browser: Some(browser.into()),
        os: Some(os.into()),
        address: Some("203.0.113.7".into()),
        remembered_at: 900,
        last_used_at: 990,
        expires_at: 900 + 30 * 86_400,
        this_device,
    }
}

#[wasm_bindgen_test]
async fn remembered_devices_are_listed_and_one_is_forgotten_with_focus_on_what_happened() {
    let _serial = begin().await;
    let api = signed_in_here();
    let here = remembered("here", "Chrome 131", "Windows 10", true);
    let phone = remembered("phone", "Safari 17", "iOS 17.5", false);
    api.remembered_devices.lock().unwrap().extend([
        Ok(wire::RememberedDevices {
            devices: vec![phone, here.clone()],
            server_time: 1_000,
        }),
        Ok(wire::RememberedDevices {
            devices: vec![here],
            server_time: 1_000,
        }),
    ]);
    let app = mount_with("/account", api.clone());
    let root = app.root.clone();
    wait_for("both devices", || {
        let items = root.query_selector_all("[data-testid=device]").unwrap();
        (items.length() == 2).then_some(())
    })
    .await;
    let list = text_of(&app.root, "[data-testid=devices]").unwrap();
    assert!(list.contains("Safari 17 on iOS 17.5"), "{list}");
    assert!(list.contains("From 203.0.113.7"), "{list}");

    let forget: Vec<web_sys::HtmlElement> = (0..2)
        .map(|n| {
            app.root
                .query_selector_all("[data-testid=forget-device]")
                .unwrap()
                .item(n)
                .unwrap()
                .unchecked_into()
        })
        .collect();
    assert_eq!(
        forget[0].get_attribute("aria-describedby").as_deref(),
        Some("device-0"),
        "each Forget names its device"
    );
    forget[0].click();
    let root = app.root.clone();
    let done = wait_for("what happened", || {
        text_of(&root, "[data-testid=device-forgotten]")
    })
    .await;
    assert_eq!(
        done,
        "Safari 17 on iOS 17.5 is forgotten: it will ask for a one-time PIN again."
    );
    let root = app.root.clone();
    wait_for("the focus on it", || {
        (active_id().as_deref() == Some("device-forgotten")).then_some(())
    })
    .await;
    let _ = root;
    assert_eq!(
        app.root
            .query_selector_all("[data-testid=device]")
            .unwrap()
            .length(),
        1
    );
    assert!(api.calls().contains(&"forget-device:phone".to_owned()));
    clear_storage();
}

fn passkey(id: &str, name: &str, last_used_at: Option<i64>) -> wire::AccountPasskey {
    wire::AccountPasskey {
        id: id.into(),
        name: name.into(),
        created_at: 900,
        last_used_at,
    }
}

fn passkeys(list: Vec<wire::AccountPasskey>) -> Result<wire::AccountPasskeys, ApiError> {
    Ok(wire::AccountPasskeys {
        passkeys: list,
        server_time: 1_000,
    })
}

#[wasm_bindgen_test]
async fn passkeys_are_listed_renamed_and_removed_after_a_confirmation_with_focus_on_what_happened()
{
    let _serial = begin().await;
    let api = signed_in_here();
    // The sessions' list is read again after each change (a rename, a removal).
    for _ in 0..2 {
        api.active_sessions
            .lock()
            .unwrap()
            .push_back(listed(vec![this_device()]));
    }
    let laptop = passkey("laptop", "Work laptop", Some(990));
    let phone = passkey("phone", "Phone", None);
    let renamed = passkey("laptop", "Home laptop", Some(990));
    // Each change answers the list, and the page reads it again after.
    api.passkeys.lock().unwrap().extend([
        passkeys(vec![laptop.clone(), phone.clone()]),
        passkeys(vec![renamed.clone(), phone.clone()]),
        passkeys(vec![renamed.clone(), phone]),
        passkeys(vec![renamed.clone()]),
        passkeys(vec![renamed]),
    ]);
    let app = mount_with("/account", api.clone());
    let root = app.root.clone();
    wait_for("both passkeys", || {
        let items = root.query_selector_all("[data-testid=passkey]").unwrap();
        (items.length() == 2).then_some(())
    })
    .await;
    let list = text_of(&app.root, "[data-testid=passkeys]").unwrap();
    assert!(
        list.contains("Work laptop") && list.contains("Not used yet"),
        "{list}"
    );
    assert!(list.contains("Last used"), "{list}");
    // Here (an IP address) the browser refuses WebAuthn: no Add, and why.
    assert!(text_of(&app.root, "[data-testid=passkeys-unsupported]").is_some());
    assert!(text_of(&app.root, "[data-testid=add-passkey]").is_none());

    // Rename: the field holds the name, focused; an empty one is refused here.
    query(&app.root, "[data-testid=rename-passkey]").click();
    let root = app.root.clone();
    wait_for("the name field, focused", || {
        (active_id().as_deref() == Some("passkey-new-name")).then_some(())
    })
    .await;
    let _ = root;
    type_into(&app.root, "passkey-new-name", "   ");
    submit_form_of(&app.root, "passkey-new-name");
    let root = app.root.clone();
    wait_for("the name's error", || {
        text_of(&root, "#passkey-new-name-error")
    })
    .await;
    assert!(
        !api.calls()
            .iter()
            .any(|call| call.starts_with("rename-passkey"))
    );
    type_into(&app.root, "passkey-new-name", "Home laptop");
    submit_form_of(&app.root, "passkey-new-name");
    let root = app.root.clone();
    let done = wait_for("the rename", || {
        text_of(&root, "[data-testid=passkey-done]")
    })
    .await;
    assert_eq!(
        done,
        "The passkey is now named \u{201c}Home laptop\u{201d}."
    );
    assert!(
        api.calls()
            .contains(&"rename-passkey:laptop:Home laptop".to_owned())
    );

    // Remove: asked first, then gone, with the focus on what happened.
    let removes = app
        .root
        .query_selector_all("[data-testid=ask-remove-passkey]")
        .unwrap();
    removes
        .item(1)
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    let root = app.root.clone();
    let asked = wait_for("the question", || text_of(&root, "#confirm-remove-passkey")).await;
    assert_eq!(
        asked,
        "Remove \u{201c}Phone\u{201d}? It will no longer sign you in."
    );
    query(&app.root, "[data-testid=remove-passkey]").click();
    let root = app.root.clone();
    let done = wait_for("the removal", || {
        text_of(&root, "[data-testid=passkey-done]").filter(|text| text.contains("removed"))
    })
    .await;
    assert!(
        done.starts_with("\u{201c}Phone\u{201d} is removed."),
        "{done}"
    );
    wait_for("the focus on it", || {
        (active_id().as_deref() == Some("passkey-done")).then_some(())
    })
    .await;
    assert!(api.calls().contains(&"remove-passkey:phone".to_owned()));
    assert!(
        !api.calls()
            .iter()
            .any(|call| call.starts_with("passkey-ceremony")),
        "no ceremony is asked for where the browser cannot hold one"
    );
    clear_storage();
}

/// My account has the header's Sign out, as the hub has: honest as there (a
/// sign-out that does not reach the server is said on the page and can be
/// tried again), and to sign-in saying so once it does.
#[wasm_bindgen_test]
async fn my_account_signs_out_from_the_header() {
    let _serial = begin().await;
    let api = signed_in_here();
    api.logouts
        .lock()
        .unwrap()
        .push_back(Err(ApiError::Network));
    api.logouts.lock().unwrap().push_back(Ok(()));
    let app = mount_with("/account", api.clone());
    wait_for_heading(&app.root, "My account").await;
    let root = app.root.clone();
    wait_for("the header's Sign out", || {
        root.query_selector("[data-testid=sign-out]").unwrap()
    })
    .await;

    let sign_out = || header_sign_out(&app.root);
    assert!(
        sign_out().closest("header").unwrap().is_some(),
        "in the header, as on the hub"
    );
    assert_eq!(sign_out().text_content().as_deref(), Some("Sign out"));
    let failed = sign_out_unanswered(&app.root).await;
    assert!(
        failed.closest(".account").unwrap().is_some(),
        "said on the page"
    );
    assert_eq!(
        sign_out().text_content().as_deref(),
        Some("Try signing out again")
    );

    sign_out().click();
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    let root = app.root.clone();
    wait_for("the reason", || {
        root.query_selector("[data-testid=session-ended]").unwrap()
    })
    .await;
    assert!(
        app.root
            .query_selector("[data-testid=sign-out]")
            .unwrap()
            .is_none(),
        "the header's Sign out leaves with the page"
    );
}
