//! My account with a scripted API: the PIN change and its step-up.

mod support;

use std::sync::Arc;

use support::*;
use upsers_contract as wire;
use upsers_web::api::ApiError;
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

fn attribute(root: &web_sys::HtmlElement, id: &str, name: &str) -> Option<String> {
    query(root, &format!("#{id}")).get_attribute(name)
}

#[wasm_bindgen_test]
async fn the_pin_changes_after_the_current_pin_and_a_wrong_one_is_marked_with_the_attempts_left() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.sessions.lock().unwrap().push_back(Ok(session()));
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
