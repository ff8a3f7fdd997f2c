//! The Technical Support desk in a real browser, against answers scripted by
//! the contract's endpoints: who may use it, the search and its errors, the
//! card, the caller's verification, and a session that ends at the desk.

mod support;

use std::sync::Arc;

use leptos::prelude::window;
use support::*;
use upsers_contract as wire;
use upsers_contract::endpoint::{DeskCheckVerification, DeskSearch, DeskSendVerification, GetHome};
use upsers_web::api::ApiError;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The hub's answer for an employee with (or without) a support role.
fn home(desk: bool) -> wire::HomeHub {
    wire::HomeHub {
        first_name: "Casey".into(),
        last_sign_in_at: None,
        tiles: Vec::new(),
        desk,
        server_time: 1_000,
    }
}

/// Jordan's card as an agent who may act sees it, not verified yet.
fn jordans_card() -> wire::DeskCard {
    wire::DeskCard {
        employee_id: "1234567".into(),
        first_name: "Jordan".into(),
        last_name: "Rivera".into(),
        status: "active".into(),
        locked_until: None,
        reported_at: None,
        mobile: Some("•••• 0123".into()),
        mobile_verified: true,
        email: Some("j•••@upsers.example".into()),
        email_verified: true,
        settling: Vec::new(),
        last_sign_in_at: Some(1_700_000_000),
        registration_code: "used".into(),
        registration_code_expires_at: None,
        roles: Vec::new(),
        may_act: true,
        viewer_is_lead: false,
        verified_until: None,
        verified_by: None,
        verification_locked_until: None,
        events: Vec::new(),
    }
}

/// The desk mounted for an agent (or, with `desk` false, for anyone else).
async fn desk_for(api: Arc<ScriptedApi>, desk: bool) -> Mounted {
    api.answer::<GetHome>(Ok(home(desk)));
    let app = mount_with("/desk", api);
    wait_for_heading(&app.root, "Technical Support desk").await;
    app
}

async fn search(app: &Mounted, typed: &str) {
    type_into(&app.root, "desk-query", typed);
    submit_form_of(&app.root, "desk-query");
}

#[wasm_bindgen_test]
async fn an_employee_without_a_support_role_is_told_the_desk_is_for_agents() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = desk_for(api.clone(), false).await;
    let root = app.root.clone();
    let told = wait_for("the agents-only notice", || {
        text_of(&root, "[data-testid=desk-agents-only]")
    })
    .await;
    assert_eq!(told, "The Technical Support desk is for support agents.");
    assert!(
        root.query_selector("#desk-query").unwrap().is_none(),
        "no search to use"
    );
}

#[wasm_bindgen_test]
async fn an_empty_search_says_what_to_type_and_asks_nothing() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = desk_for(api.clone(), true).await;
    search(&app, "   ").await;
    let root = app.root.clone();
    let error = wait_for("the field's error", || text_of(&root, "#desk-query-error")).await;
    assert_eq!(
        error,
        "Enter an Employee ID, an email address or a mobile number."
    );
    let field = query(&app.root, "#desk-query");
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        field.get_attribute("aria-describedby").as_deref(),
        Some("desk-query-hint desk-query-error")
    );
    assert_eq!(active_id().as_deref(), Some("desk-query"));
    assert!(
        !api.calls()
            .iter()
            .any(|call| call.starts_with("/desk/search")),
        "{:?}",
        api.calls()
    );
}

#[wasm_bindgen_test]
async fn a_search_that_finds_no_one_says_so_with_the_query() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.answer::<DeskSearch>(Ok(wire::DeskSearchResult {
        employee: None,
        server_time: 1_000,
    }));
    let app = desk_for(api.clone(), true).await;
    search(&app, " 7777777 ").await;
    let root = app.root.clone();
    let said = wait_for("the not-found status", || {
        text_of(&root, "[data-testid=desk-not-found]").filter(|text| !text.is_empty())
    })
    .await;
    assert_eq!(said, "No employee matches \u{201c}7777777\u{201d}.");
    assert!(
        api.calls()
            .contains(&r#"/desk/search:{"query":"7777777"}"#.to_owned()),
        "the query is sent trimmed: {:?}",
        api.calls()
    );
}

#[wasm_bindgen_test]
async fn a_found_employee_s_card_takes_focus_and_a_code_to_the_caller_asks_for_the_read_back() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.answer::<DeskSearch>(Ok(wire::DeskSearchResult {
        employee: Some(jordans_card()),
        server_time: 1_000,
    }));
    api.answer::<DeskSendVerification>(Ok(wire::DeskCodeSent {
        channel: wire::Channel::Sms,
        destination: "•••• 0123".into(),
        expires_in_secs: 600,
        resend_after_secs: 30,
        server_time: 1_000,
    }));
    api.answer::<DeskCheckVerification>(Err(ApiError::Server(wire::ErrorBody {
        attempts_remaining: Some(2),
        ..error_body(wire::ErrorCode::InvalidCode)
    })));
    let app = desk_for(api.clone(), true).await;
    search(&app, "1234567").await;
    wait_for("focus on the card's heading", || {
        (active_id().as_deref() == Some("desk-employee")).then_some(())
    })
    .await;
    assert_eq!(
        text_of(&app.root, "#desk-employee").as_deref(),
        Some("Jordan Rivera, Employee ID 1234567")
    );

    query(&app.root, "[data-testid=desk-send-sms]").click();
    let root = app.root.clone();
    let sent = wait_for("the code's status", || {
        text_of(&root, "[data-testid=desk-code-sent]")
    })
    .await;
    assert_eq!(sent, "Sent to •••• 0123. Ask the caller to read it to you.");
    assert!(
        api.calls()
            .iter()
            .any(|call| call.starts_with("/desk/verification/send:")
                && call.contains(r#""channel":"sms""#)),
        "{:?}",
        api.calls()
    );

    // The read-back field is the page kit's: labelled, never filled in by
    // the agent's browser, digits only.
    let field = query(&app.root, "#desk-read-back");
    assert_eq!(
        text_of(&app.root, "label[for=desk-read-back]").as_deref(),
        Some("One-time PIN the caller reads to you")
    );
    assert_eq!(field.get_attribute("autocomplete").as_deref(), Some("off"));
    assert_eq!(field.get_attribute("inputmode").as_deref(), Some("numeric"));
    type_into(&app.root, "desk-read-back", "111 111");
    submit_form_of(&app.root, "desk-read-back");
    wait_for("the wrong read-back to be said", || {
        text_of(&root, "[data-testid=desk-verify-error]")
    })
    .await;
    assert!(
        api.calls()
            .iter()
            .any(|call| call.starts_with("/desk/verification/check:")),
        "{:?}",
        api.calls()
    );
}

#[wasm_bindgen_test]
async fn a_session_that_ends_at_the_desk_goes_to_sign_in_saying_so() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.answer::<DeskSearch>(Err(ApiError::Server(error_body(
        wire::ErrorCode::Unauthenticated,
    ))));
    let app = desk_for(api.clone(), true).await;
    search(&app, "1234567").await;
    let root = app.root.clone();
    wait_for("the sign-in page", || {
        root.query_selector("[data-testid=session-ended]").unwrap()
    })
    .await;
    assert_eq!(window().location().search().unwrap(), "?reason=expired");
}
