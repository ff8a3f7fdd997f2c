//! The PIN reset pages mounted in headless Chromium with a scripted API: the
//! reset-choice page, the code step, the questions step, the new-PIN checks,
//! and resuming or restarting a flow across a reload.

mod support;

use std::sync::Arc;

use support::*;
use upsers_contract as wire;
use upsers_web::api::ApiError;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn started() -> wire::RecoveryStarted {
    wire::RecoveryStarted {
        flow_id: "flow-1".into(),
        employee_id: "1234567".into(),
        methods: vec![
            wire::RecoveryMethod::Sms,
            wire::RecoveryMethod::Email,
            wire::RecoveryMethod::Questions,
        ],
        expires_in_secs: 900,
        server_time: 0,
    }
}

/// The API's answer to a send: a code valid 10 minutes, resend after `resend_after_secs`.
fn code_sent(channel: wire::Channel, resend_after_secs: u64) -> wire::RecoveryCodeSent {
    wire::RecoveryCodeSent {
        flow_id: "flow-1".into(),
        channel,
        expires_in_secs: 600,
        resend_after_secs,
        server_time: 0,
    }
}

fn verified() -> wire::RecoveryVerified {
    wire::RecoveryVerified {
        flow_id: "flow-1".into(),
        expires_in_secs: 600,
        server_time: 0,
    }
}

fn server_error(code: wire::ErrorCode) -> ApiError {
    ApiError::Server(error_body(code))
}

fn push<T>(queue: &std::sync::Mutex<std::collections::VecDeque<T>>, item: T) {
    queue.lock().unwrap().push_back(item);
}

fn click(root: &web_sys::HtmlElement, selector: &str) {
    query(root, selector).click();
}

/// `/forgot` with ID 1234567 submitted: the reset-choice page.
async fn at_reset_choice(api: Arc<ScriptedApi>) -> Mounted {
    push(&api.recoveries, Ok(started()));
    let app = mount_with("/forgot", api);
    wait_for_heading(&app.root, "Forgot your PIN?").await;
    type_into(&app.root, "employee-id", " 1234567 ");
    submit_form_of(&app.root, "employee-id");
    wait_for_heading(&app.root, "Reset your PIN").await;
    app
}

/// The code step of a reset of 1234567, by text (the resend gap 30 s).
async fn at_code_step(api: Arc<ScriptedApi>) -> Mounted {
    push(&api.recovery_sends, Ok(code_sent(wire::Channel::Sms, 30)));
    let app = at_reset_choice(api).await;
    choose(&app.root, "sms");
    wait_for_heading(&app.root, "Enter your one-time PIN").await;
    app
}

/// Chooses `method` on the reset-choice page and continues.
fn choose(root: &web_sys::HtmlElement, method: &str) {
    let radio: web_sys::HtmlInputElement =
        query(root, &format!("#method-{method}")).unchecked_into();
    radio.click();
    submit_form_of(root, &format!("method-{method}"));
}

async fn at_new_pin(api: Arc<ScriptedApi>) -> Mounted {
    push(
        &api.questions,
        Ok(wire::RecoveryQuestions {
            flow_id: "flow-1".into(),
            questions: vec![wire::Question {
                id: "first_pet".into(),
                text: "What was the name of your first pet?".into(),
            }],
            server_time: 0,
        }),
    );
    push(&api.answers, Ok(verified()));
    let app = at_reset_choice(api).await;
    choose(&app.root, "questions");
    wait_for_heading(&app.root, "Answer your challenge questions").await;
    type_into(&app.root, "answer-0", "Rex");
    submit_form_of(&app.root, "answer-0");
    wait_for_heading(&app.root, "Create a new PIN").await;
    app
}

#[wasm_bindgen_test]
async fn the_sign_in_link_carries_the_typed_employee_id_to_the_reset_page() {
    let _serial = begin().await;
    let app = mount_app_at("/login");
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    type_into(&app.root, "employee-id", " 2345678 ");
    // The link's own click handler keeps the ID for the reset page; the
    // navigation itself is the router's (the e2e journey follows it).
    let link = query(&app.root, "[data-testid=forgot-pin]");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/forgot"));
    link.click();
    drop(app);

    let app = mount_app_at("/forgot");
    wait_for_heading(&app.root, "Forgot your PIN?").await;
    let root = app.root.clone();
    let carried = wait_for("the carried Employee ID", || {
        let field: web_sys::HtmlInputElement = query(&root, "#employee-id").unchecked_into();
        Some(field.value()).filter(|value| !value.is_empty())
    })
    .await;
    assert_eq!(carried, "2345678", "the typed ID, trimmed");
    assert!(
        text_of(&app.root, "a[href='/login']").is_some(),
        "Back to sign in"
    );
    drop(app);

    let app = mount_app_at("/forgot");
    wait_for_heading(&app.root, "Forgot your PIN?").await;
    let field: web_sys::HtmlInputElement = query(&app.root, "#employee-id").unchecked_into();
    assert_eq!(field.value(), "", "carried once, not forever");
}

#[wasm_bindgen_test]
async fn the_reset_choice_page_offers_the_apis_methods_as_a_radio_group() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = at_reset_choice(api.clone()).await;
    assert_eq!(api.calls(), ["recovery:1234567"], "the ID is sent trimmed");
    assert_eq!(
        text_of(&app.root, "fieldset legend").as_deref(),
        Some("How do you want to prove it's you?")
    );
    let labels: Vec<String> = (0..3)
        .map(|index| {
            let radios = app
                .root
                .query_selector_all("fieldset input[type=radio]")
                .unwrap();
            let radio: web_sys::HtmlInputElement = radios.item(index).unwrap().unchecked_into();
            assert_eq!(radio.name(), "method");
            text_of(&app.root, &format!("label[for={}]", radio.id())).unwrap()
        })
        .collect();
    assert_eq!(
        labels,
        [
            "Text me a one-time PIN",
            "Email me a one-time PIN",
            "Answer my challenge questions"
        ]
    );
    assert_eq!(
        text_of(&app.root, "[data-testid=reset-for]").as_deref(),
        Some("Employee ID 1234567")
    );

    push(&api.recovery_sends, Ok(code_sent(wire::Channel::Email, 30)));
    choose(&app.root, "email");
    wait_for_heading(&app.root, "Enter your one-time PIN").await;
    assert_eq!(
        api.calls().last().map(String::as_str),
        Some("recovery-send:email")
    );
    assert_eq!(
        text_of(&app.root, "[data-testid=code-sent]").as_deref(),
        Some(
            "If an email address is registered to this Employee ID, we sent a one-time PIN to it."
        )
    );
    assert!(
        text_of(&app.root, "[data-testid=resend-countdown]").is_some(),
        "the resend gap counts down"
    );
}

#[wasm_bindgen_test]
async fn a_reload_resumes_the_step_and_an_expired_flow_starts_again_with_the_id() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = at_code_step(api.clone()).await;
    drop(app);

    let app = mount_with("/forgot", api.clone());
    wait_for_heading(&app.root, "Enter your one-time PIN").await;
    push(
        &api.recovery_verifies,
        Err(server_error(wire::ErrorCode::Expired)),
    );
    type_into(&app.root, "otp", "123 456");
    submit_form_of(&app.root, "otp");
    wait_for_heading(&app.root, "Forgot your PIN?").await;
    assert_eq!(
        api.calls().last().map(String::as_str),
        Some("recovery-verify:123456")
    );
    assert_eq!(
        text_of(&app.root, "[data-testid=reset-notice]").as_deref(),
        Some("Your PIN reset has expired. Please start again.")
    );
    let field: web_sys::HtmlInputElement = query(&app.root, "#employee-id").unchecked_into();
    assert_eq!(field.value(), "1234567");
}

#[wasm_bindgen_test]
async fn a_wrong_code_keeps_the_step_and_says_how_many_tries_are_left() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = at_code_step(api.clone()).await;
    push(
        &api.recovery_verifies,
        Err(ApiError::Server(wire::ErrorBody {
            attempts_remaining: Some(4),
            ..error_body(wire::ErrorCode::InvalidCode)
        })),
    );
    type_into(&app.root, "otp", "000000");
    submit_form_of(&app.root, "otp");
    let root = app.root.clone();
    let shown = wait_for("the wrong-code alert", || {
        text_of(&root, "[data-testid=verify-error]")
    })
    .await;
    assert!(
        shown.contains("That one-time PIN is not correct.") && shown.contains("4 attempts left"),
        "{shown}"
    );
    assert_eq!(active_id().as_deref(), Some("otp"));
}

#[wasm_bindgen_test]
async fn the_questions_step_labels_each_question_and_checks_the_answers() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    push(
        &api.questions,
        Ok(wire::RecoveryQuestions {
            flow_id: "flow-1".into(),
            questions: vec![
                wire::Question {
                    id: "birth_city".into(),
                    text: "In what city were you born?".into(),
                },
                wire::Question {
                    id: "from_a_newer_server".into(),
                    text: "What is your favorite color?".into(),
                },
            ],
            server_time: 0,
        }),
    );
    let app = at_reset_choice(api.clone()).await;
    choose(&app.root, "questions");
    wait_for_heading(&app.root, "Answer your challenge questions").await;
    assert_eq!(
        text_of(&app.root, "label[for=answer-0]").as_deref(),
        Some("In what city were you born?")
    );
    assert_eq!(
        text_of(&app.root, "label[for=answer-1]").as_deref(),
        Some("What is your favorite color?"),
        "an unknown question shows the API's text"
    );

    submit_form_of(&app.root, "answer-0");
    let root = app.root.clone();
    wait_for("the empty-answer errors", || {
        text_of(&root, "#answer-1-error")
    })
    .await;
    assert_eq!(
        text_of(&app.root, "#answer-0-error").as_deref(),
        Some("Enter an answer.")
    );
    assert_eq!(active_id().as_deref(), Some("answer-0"));
    assert_eq!(
        api.calls(),
        ["recovery:1234567", "questions"],
        "nothing sent"
    );

    push(
        &api.answers,
        Err(ApiError::Server(wire::ErrorBody {
            attempts_remaining: Some(2),
            ..error_body(wire::ErrorCode::InvalidCredentials)
        })),
    );
    type_into(&app.root, "answer-0", "  Atlanta ");
    type_into(&app.root, "answer-1", "Blue");
    submit_form_of(&app.root, "answer-0");
    let root = app.root.clone();
    let shown = wait_for("the wrong-answers alert", || {
        text_of(&root, "[data-testid=reset-error]")
    })
    .await;
    assert!(
        shown.contains("do not match") && shown.contains("2 attempts left"),
        "{shown}"
    );
    assert_eq!(
        api.calls().last().map(String::as_str),
        Some("answers:birth_city=Atlanta,from_a_newer_server=Blue")
    );

    push(&api.answers, Err(server_error(wire::ErrorCode::Locked)));
    type_into(&app.root, "answer-0", "Atlanta");
    type_into(&app.root, "answer-1", "Green");
    submit_form_of(&app.root, "answer-0");
    let root = app.root.clone();
    let shown = wait_for("the locked alert", || {
        text_of(&root, "[data-testid=reset-error]").filter(|text| text.contains("locked"))
    })
    .await;
    assert!(shown.contains("text message or email"), "{shown}");
    let continue_button: web_sys::HtmlButtonElement =
        query(&app.root, "[data-testid=continue]").unchecked_into();
    assert!(continue_button.disabled(), "a locked ID cannot answer");
    assert_eq!(active_id().as_deref(), Some("another-way"));
    click(&app.root, "#another-way");
    wait_for_heading(&app.root, "Reset your PIN").await;
}

#[wasm_bindgen_test]
async fn the_new_pin_step_checks_length_and_match_and_shows_the_apis_verdicts() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = at_new_pin(api.clone()).await;
    let calls_before = api.calls().len();

    type_into(&app.root, "new-pin", "short");
    submit_form_of(&app.root, "new-pin");
    let root = app.root.clone();
    wait_for("the length error", || text_of(&root, "#new-pin-error")).await;
    assert_eq!(
        text_of(&app.root, "#new-pin-error").as_deref(),
        Some("Use at least 8 characters.")
    );
    expect_error_summary(&app.root, "new-pin").await;

    push(
        &api.pin_checks,
        Ok(wire::PinFeedback {
            acceptable: false,
            score: 0,
            problems: vec![wire::PinProblem::Blocklisted],
            server_time: 0,
        }),
    );
    type_into(&app.root, "new-pin", "password123");
    let root = app.root.clone();
    let strength = wait_for("the API's feedback", || {
        text_of(&root, "[data-testid=pin-strength]").filter(|text| text.contains("too common"))
    })
    .await;
    assert!(strength.contains("PIN strength: very weak"), "{strength}");
    assert!(
        api.calls()
            .iter()
            .any(|call| call == "check-pin:password123"),
        "{:?}",
        api.calls()
    );

    type_into(&app.root, "new-pin", "Cedar-Harbor-Lantern-88");
    type_into(&app.root, "confirm-pin", "Cedar-Harbor-Lantern-89");
    submit_form_of(&app.root, "new-pin");
    let root = app.root.clone();
    wait_for("the mismatch error", || {
        text_of(&root, "#confirm-pin-error")
    })
    .await;
    assert_eq!(
        text_of(&app.root, "#confirm-pin-error").as_deref(),
        Some("The PINs do not match.")
    );
    expect_error_summary(&app.root, "confirm-pin").await;
    assert!(
        !api.calls()[calls_before..]
            .iter()
            .any(|call| call.starts_with("set-pin")),
        "nothing was set while the form is wrong"
    );

    click(&app.root, "[data-testid=toggle-pin]");
    let root = app.root.clone();
    wait_for("both fields shown", || {
        let shown = |id: &str| query(&root, id).get_attribute("type").as_deref() == Some("text");
        (shown("#new-pin") && shown("#confirm-pin")).then_some(())
    })
    .await;

    push(
        &api.pin_sets,
        Err(ApiError::Server(wire::ErrorBody {
            pin_problems: vec![wire::PinProblem::ContainsEmployeeId],
            fields: vec!["new_pin".into()],
            ..error_body(wire::ErrorCode::WeakPin)
        })),
    );
    push(&api.pin_sets, Ok(wire::PinChanged { server_time: 0 }));
    type_into(&app.root, "confirm-pin", "Cedar-Harbor-Lantern-88");
    submit_form_of(&app.root, "new-pin");
    let root = app.root.clone();
    wait_for("the refusal reason", || {
        text_of(&root, "[data-testid=pin-strength]").filter(|text| text.contains("Employee ID"))
    })
    .await;
    submit_form_of(&app.root, "new-pin");
    wait_for_heading(&app.root, "Your PIN is reset").await;
    assert_eq!(
        api.calls().last().map(String::as_str),
        Some("set-pin:Cedar-Harbor-Lantern-88")
    );
    assert!(
        text_of(&app.root, "[data-testid=sign-in-again]").is_some(),
        "a button to sign in"
    );
    drop(app);
    let signing_in = mount_with("/login", api.clone());
    wait_for_heading(&signing_in.root, "Sign in to UPSers").await;
    let id: web_sys::HtmlInputElement = query(&signing_in.root, "#employee-id").unchecked_into();
    assert_eq!(id.value(), "1234567", "the Employee ID is filled in");
}

#[wasm_bindgen_test]
async fn when_the_resend_gap_ends_it_is_announced_once_and_resend_comes_back() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    push(&api.recovery_sends, Ok(code_sent(wire::Channel::Sms, 1)));
    let app = at_reset_choice(api.clone()).await;
    choose(&app.root, "sms");
    wait_for_heading(&app.root, "Enter your one-time PIN").await;
    assert_eq!(
        text_of(&app.root, "[data-testid=resend-announcer]").as_deref(),
        Some(""),
        "nothing is announced while the gap runs"
    );
    let resend: web_sys::HtmlButtonElement =
        query(&app.root, "[data-testid=resend-code]").unchecked_into();
    assert!(resend.disabled());
    let root = app.root.clone();
    wait_for_slowly(
        "the announcement",
        std::time::Duration::from_secs(4),
        || {
            text_of(&root, "[data-testid=resend-announcer]")
                .filter(|text| text == "You can ask for a new one-time PIN now.")
        },
    )
    .await;
    assert!(!resend.disabled(), "Resend code is back");
    assert!(text_of(&app.root, "[data-testid=resend-countdown]").is_none());
}

#[wasm_bindgen_test]
async fn the_employee_id_is_checked_by_the_digit_count_of_the_policy() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let mut policy = scripted_policy();
    policy.employee_id.digits = 8;
    *api.policy.lock().unwrap() = Some(policy);
    let app = mount_with("/forgot", api.clone());
    wait_for_heading(&app.root, "Forgot your PIN?").await;
    // Let the policy's answer arrive before the form is used.
    next_frame().await;
    type_into(&app.root, "employee-id", "1234567");
    submit_form_of(&app.root, "employee-id");
    let root = app.root.clone();
    let shown = wait_for("the format error", || text_of(&root, "#employee-id-error")).await;
    assert_eq!(shown, "An Employee ID is 8 digits.");
    assert!(api.calls().is_empty(), "{:?}", api.calls());

    type_into(&app.root, "employee-id", "12345678");
    submit_form_of(&app.root, "employee-id");
    wait_for("the reset to start", || {
        api.calls()
            .contains(&"recovery:12345678".to_owned())
            .then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_new_pin_is_checked_by_the_length_bounds_of_the_policy() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let mut policy = scripted_policy();
    policy.pin.min_length = 10;
    policy.pin.max_length = 12;
    *api.policy.lock().unwrap() = Some(policy);
    let app = at_new_pin(api.clone()).await;
    let calls_before = api.calls().len();
    let page = app.root.text_content().unwrap_or_default();
    assert!(
        page.contains("Use 10 to 12 characters"),
        "the intro says the policy's bounds: {page}"
    );

    type_into(&app.root, "new-pin", "Nine-char");
    submit_form_of(&app.root, "new-pin");
    let root = app.root.clone();
    let shown = wait_for("the length error", || text_of(&root, "#new-pin-error")).await;
    assert_eq!(shown, "Use at least 10 characters.");

    type_into(&app.root, "new-pin", "Thirteen-char");
    submit_form_of(&app.root, "new-pin");
    let root = app.root.clone();
    wait_for("the too-long error", || {
        text_of(&root, "#new-pin-error").filter(|text| text == "A PIN has at most 12 characters.")
    })
    .await;
    assert!(
        !api.calls()[calls_before..]
            .iter()
            .any(|call| call.starts_with("set-pin")),
        "no PIN was sent: {:?}",
        api.calls()
    );
}

#[wasm_bindgen_test]
async fn a_reset_kept_in_a_form_this_app_cannot_read_is_forgotten() {
    for stored in [
        "not json",
        r#"{"flow_id":"flow-1","step":"Somewhere"}"#,
        r#"{"flow_id":7,"employee_id":"1234567","methods":[],"step":"Choose","deadline":1e300}"#,
    ] {
        let _serial = begin().await;
        session_item_set("upsers.reset_flow", stored);
        let api = Arc::new(ScriptedApi::default());
        let app = mount_with("/forgot", api.clone());
        wait_for_heading(&app.root, "Forgot your PIN?").await;
        let root = app.root.clone();
        wait_for("the Employee ID form", || {
            root.query_selector("#employee-id").ok().flatten()
        })
        .await;
        assert!(
            text_of(&app.root, "[data-testid=reset-notice]").is_none(),
            "nothing expired: {stored}"
        );
        assert_eq!(
            session_item("upsers.reset_flow"),
            None,
            "forgotten: {stored}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_reset_for_a_mistyped_id_can_be_left_for_another_id() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = at_code_step(api.clone()).await;
    assert!(session_item("upsers.reset_flow").is_some());

    query(&app.root, "[data-testid=use-another-id]")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    wait_for_heading(&app.root, "Forgot your PIN?").await;
    let root = app.root.clone();
    wait_for("focus on the Employee ID", || {
        (active_id().as_deref() == Some("employee-id")).then_some(())
    })
    .await;
    let field: web_sys::HtmlInputElement = query(&app.root, "#employee-id").unchecked_into();
    assert_eq!(field.value(), "", "ready for the right ID");
    assert!(text_of(&root, "[data-testid=reset-notice]").is_none());
    assert_eq!(
        session_item("upsers.reset_flow"),
        None,
        "the old reset is gone"
    );
}

#[wasm_bindgen_test]
async fn starting_from_sign_in_with_another_id_never_reopens_the_old_reset() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = at_reset_choice(api.clone()).await;
    drop(app);
    assert!(session_item("upsers.reset_flow").is_some());

    // Back at sign-in, the employee types the right ID and asks again.
    session_item_set("upsers.carried_employee_id", "\"2345678\"");
    let app = mount_with("/forgot", api.clone());
    wait_for_heading(&app.root, "Forgot your PIN?").await;
    let field: web_sys::HtmlInputElement = query(&app.root, "#employee-id").unchecked_into();
    assert_eq!(field.value(), "2345678");
    assert_eq!(session_item("upsers.reset_flow"), None);
    drop(app);

    // The same ID carried again resumes its reset.
    let app = at_reset_choice(api.clone()).await;
    drop(app);
    session_item_set("upsers.carried_employee_id", "\"1234567\"");
    let app = mount_with("/forgot", api);
    wait_for_heading(&app.root, "Reset your PIN").await;
}

#[wasm_bindgen_test]
async fn a_report_link_asks_once_then_locks_and_offers_only_a_reset_by_code() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    push(&api.reports, Ok(wire::SignInReported { server_time: 0 }));
    push(&api.recoveries, Ok(started()));
    let app = mount_with("/forgot#report=tok-en_1", api.clone());
    wait_for_heading(&app.root, "Secure your account").await;
    assert!(
        api.calls().is_empty(),
        "nothing happens before the confirmation"
    );
    let intro = app.root.text_content().unwrap_or_default();
    assert!(intro.contains("every device is signed out"), "{intro}");

    click(&app.root, "[data-testid=secure-account]");
    wait_for_heading(&app.root, "Forgot your PIN?").await;
    assert_eq!(api.calls(), ["report:tok-en_1"]);
    assert_eq!(active_id().as_deref(), Some("page-heading"));
    let notice = text_of(&app.root, "[data-testid=reset-notice]").unwrap_or_default();
    assert!(notice.contains("Your account is secure"), "{notice}");
    let location = web_sys::window().unwrap().location();
    assert_eq!(
        (location.pathname().unwrap(), location.hash().unwrap()),
        ("/forgot".to_owned(), String::new()),
        "the token leaves the address bar"
    );

    type_into(&app.root, "employee-id", "1234567");
    submit_form_of(&app.root, "employee-id");
    wait_for_heading(&app.root, "Reset your PIN").await;
    let offered: Vec<String> = ["sms", "email", "questions"]
        .into_iter()
        .filter(|method| {
            app.root
                .query_selector(&format!("#method-{method}"))
                .unwrap()
                .is_some()
        })
        .map(str::to_owned)
        .collect();
    assert_eq!(offered, ["sms", "email"], "questions are not enough now");
}

#[wasm_bindgen_test]
async fn a_used_or_tampered_report_link_says_so_and_leaves_the_reset_open() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    push(&api.reports, Err(ApiError::Network));
    push(&api.reports, Err(server_error(wire::ErrorCode::Expired)));
    let app = mount_with("/forgot#report=used", api.clone());
    wait_for_heading(&app.root, "Secure your account").await;

    click(&app.root, "[data-testid=secure-account]");
    let root = app.root.clone();
    wait_for("the network problem", || {
        text_of(&root, "[data-testid=reset-error]")
    })
    .await;
    assert_eq!(
        text_of(&app.root, "h1").as_deref(),
        Some("Secure your account"),
        "a dropped connection can be tried again"
    );

    click(&app.root, "[data-testid=secure-account]");
    wait_for_heading(&app.root, "Forgot your PIN?").await;
    let notice = text_of(&app.root, "[data-testid=reset-notice]").unwrap_or_default();
    assert!(notice.contains("works once, for 7 days"), "{notice}");
    assert_eq!(api.calls(), ["report:used", "report:used"]);
    query(&app.root, "#employee-id");
}

#[wasm_bindgen_test]
async fn right_answers_after_a_report_send_the_employee_another_way() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    push(
        &api.questions,
        Ok(wire::RecoveryQuestions {
            flow_id: "flow-1".into(),
            questions: vec![wire::Question {
                id: "first_pet".into(),
                text: "What was the name of your first pet?".into(),
            }],
            server_time: 0,
        }),
    );
    push(
        &api.answers,
        Err(ApiError::Server(wire::ErrorBody {
            fields: vec![wire::PIN_RESET_FIELD.into()],
            ..error_body(wire::ErrorCode::Forbidden)
        })),
    );
    let app = at_reset_choice(api.clone()).await;
    choose(&app.root, "questions");
    wait_for_heading(&app.root, "Answer your challenge questions").await;
    type_into(&app.root, "answer-0", "Rex");
    submit_form_of(&app.root, "answer-0");
    let root = app.root.clone();
    let shown = wait_for("the not-enough alert", || {
        text_of(&root, "[data-testid=reset-error]")
    })
    .await;
    assert!(
        shown.contains("challenge questions cannot reset your PIN"),
        "{shown}"
    );
    assert_eq!(active_id().as_deref(), Some("another-way"));
}
