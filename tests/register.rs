//! The registration wizard mounted in headless Chromium with a scripted API:
//! the step indicator, format checks on every field, Back and Continue, and
//! progress kept across a reload.

mod support;

use std::sync::Arc;

use support::*;
use upsers_contract as wire;
use upsers_web::api::ApiError;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn progress() -> wire::RegistrationProgress {
    wire::RegistrationProgress {
        flow_id: "flow-9".into(),
        employee_id: "7654321".into(),
        first_name: "Alex".into(),
        mobile: None,
        mobile_verified: false,
        email: None,
        email_verified: false,
        questions_set: false,
        expires_in_secs: 3600,
        server_time: 0,
    }
}

fn with_contacts(mobile_verified: bool, email_verified: bool) -> wire::RegistrationProgress {
    wire::RegistrationProgress {
        mobile: Some("+14045550199".into()),
        mobile_verified,
        email: Some("alex.chen@upsers.example".into()),
        email_verified,
        ..progress()
    }
}

fn push<T>(queue: &std::sync::Mutex<std::collections::VecDeque<T>>, item: T) {
    queue.lock().unwrap().push_back(item);
}

fn step_indicator(root: &web_sys::HtmlElement) -> Option<String> {
    text_of(root, "[data-testid=step-indicator] p")
}

/// Step 1 filled in and accepted: the wizard at step 2.
async fn at_contact_step(api: Arc<ScriptedApi>) -> Mounted {
    push(&api.registrations, Ok(progress()));
    let app = mount_with("/register", api);
    wait_for_heading(&app.root, "Register for UPSers").await;
    type_into(&app.root, "employee-id", "7654321");
    type_into(&app.root, "registration-code", "k7pq m2xd 9hta");
    submit_form_of(&app.root, "registration-code");
    wait_for_heading(&app.root, "Your contact details").await;
    app
}

async fn at_verify_step(api: Arc<ScriptedApi>) -> Mounted {
    push(&api.contacts, Ok(with_contacts(false, false)));
    let app = at_contact_step(api).await;
    type_into(&app.root, "mobile", "(404) 555-0199");
    type_into(&app.root, "email", "alex.chen@upsers.example");
    submit_form_of(&app.root, "email");
    wait_for_heading(&app.root, "Verify your contact details").await;
    app
}

#[wasm_bindgen_test]
async fn the_identity_step_checks_both_fields_before_asking_the_api() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = mount_with("/register", api.clone());
    wait_for_heading(&app.root, "Register for UPSers").await;
    assert_eq!(step_indicator(&app.root).as_deref(), Some("Step 1 of 5"));
    assert_eq!(
        text_of(&app.root, "label[for=registration-code]").as_deref(),
        Some("Registration code")
    );

    submit_form_of(&app.root, "registration-code");
    let root = app.root.clone();
    wait_for("the field errors", || {
        text_of(&root, "#registration-code-error")
    })
    .await;
    assert_eq!(
        text_of(&app.root, "#employee-id-error").as_deref(),
        Some("Enter your Employee ID.")
    );
    assert_eq!(
        text_of(&app.root, "#registration-code-error").as_deref(),
        Some("Enter your registration code.")
    );
    expect_error_summary(&app.root, "employee-id").await;

    type_into(&app.root, "employee-id", "7654321");
    type_into(&app.root, "registration-code", "K7PQ-M2XD");
    submit_form_of(&app.root, "registration-code");
    let root = app.root.clone();
    wait_for("the code format error", || {
        text_of(&root, "#registration-code-error")
            .filter(|text| text.contains("12 letters and digits"))
    })
    .await;
    expect_error_summary(&app.root, "registration-code").await;
    assert!(
        api.calls().is_empty(),
        "nothing is sent while the format is wrong"
    );

    push(
        &api.registrations,
        Err(ApiError::Server(wire::ErrorBody {
            attempts_remaining: Some(3),
            ..error_body(wire::ErrorCode::InvalidCode)
        })),
    );
    type_into(&app.root, "registration-code", "K7PQ-M2XD-9HTZ");
    submit_form_of(&app.root, "registration-code");
    let root = app.root.clone();
    let shown = wait_for("the wrong-code alert", || {
        text_of(&root, "[data-testid=register-error]")
    })
    .await;
    assert!(
        shown.contains("not correct") && shown.contains("3 attempts left"),
        "{shown}"
    );
    assert_eq!(api.calls(), ["register:7654321:K7PQ-M2XD-9HTZ"]);
    let typed: web_sys::HtmlInputElement = query(&app.root, "#registration-code").unchecked_into();
    assert_eq!(typed.value(), "K7PQ-M2XD-9HTZ", "a wrong code stays typed");
    assert_eq!(active_id().as_deref(), Some("registration-code"));

    push(&api.registrations, Err(ApiError::Network));
    submit_form_of(&app.root, "registration-code");
    let root = app.root.clone();
    wait_for("the network error", || {
        text_of(&root, "[data-testid=register-error]").filter(|text| text.contains("connect"))
    })
    .await;
    assert_eq!(typed.value(), "K7PQ-M2XD-9HTZ", "and after a network error");
    let id: web_sys::HtmlInputElement = query(&app.root, "#employee-id").unchecked_into();
    assert_eq!(id.value(), "7654321");

    push(
        &api.registrations,
        Err(ApiError::Server(wire::ErrorBody {
            retry_after_secs: Some(900),
            ..error_body(wire::ErrorCode::Locked)
        })),
    );
    type_into(&app.root, "registration-code", "K7PQ-M2XD-9HTY");
    submit_form_of(&app.root, "registration-code");
    let root = app.root.clone();
    let lock = wait_for("the lock note", || {
        text_of(&root, "[data-testid=register-lock]")
    })
    .await;
    assert_eq!(lock, "Try again in 15:00.");
}

#[wasm_bindgen_test]
async fn the_contact_step_checks_phone_and_email_and_back_keeps_what_was_typed() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = at_contact_step(api.clone()).await;
    assert_eq!(step_indicator(&app.root).as_deref(), Some("Step 2 of 5"));
    assert_eq!(
        api.calls(),
        ["register:7654321:k7pq m2xd 9hta"],
        "the code goes as typed; the API normalizes it"
    );

    submit_form_of(&app.root, "email");
    let root = app.root.clone();
    let shown = wait_for("at least one contact", || text_of(&root, "#mobile-error")).await;
    assert_eq!(shown, "Give a mobile number, an email address, or both.");

    type_into(&app.root, "mobile", "555-0199");
    type_into(&app.root, "email", "alex at home");
    let root = app.root.clone();
    wait_for("both format errors", || {
        text_of(&root, "#email-error").filter(|_| {
            text_of(&root, "#mobile-error")
                .is_some_and(|text| text.contains("404\u{2011}555\u{2011}0123"))
        })
    })
    .await;
    assert_eq!(
        text_of(&app.root, "#email-error").as_deref(),
        Some("Enter an email address such as name@example.com.")
    );
    submit_form_of(&app.root, "email");
    expect_error_summary(&app.root, "mobile").await;
    assert_eq!(
        api.calls().len(),
        1,
        "nothing is sent while the format is wrong"
    );

    push(&api.contacts, Ok(with_contacts(false, false)));
    type_into(&app.root, "mobile", "(404) 555-0199");
    type_into(&app.root, "email", " alex.chen@upsers.example ");
    submit_form_of(&app.root, "email");
    wait_for_heading(&app.root, "Verify your contact details").await;
    assert_eq!(
        api.calls().last().map(String::as_str),
        Some("contact:(404) 555-0199:alex.chen@upsers.example")
    );
    assert_eq!(step_indicator(&app.root).as_deref(), Some("Step 3 of 5"));

    query(&app.root, "[data-testid=back]").click();
    wait_for_heading(&app.root, "Your contact details").await;
    let root = app.root.clone();
    let shown = wait_for("the number given, as the API normalized it", || {
        let mobile: web_sys::HtmlInputElement = query(&root, "#mobile").unchecked_into();
        Some(mobile.value()).filter(|value| !value.is_empty())
    })
    .await;
    assert_eq!(shown, "+1 404-555-0199", "stored E.164, shown for people");
}

#[wasm_bindgen_test]
async fn progress_survives_a_reload_and_each_contact_is_verified_before_continuing() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = at_verify_step(api.clone()).await;
    drop(app);

    let app = mount_with("/register", api.clone());
    wait_for_heading(&app.root, "Verify your contact details").await;
    assert_eq!(step_indicator(&app.root).as_deref(), Some("Step 3 of 5"));
    query(&app.root, "[data-testid=continue]").click();
    let root = app.root.clone();
    let shown = wait_for("the verify-first message", || {
        text_of(&root, "[data-testid=register-error]")
    })
    .await;
    assert!(shown.contains("Verify each contact detail"), "{shown}");

    push(
        &api.registration_sends,
        Ok(wire::CodeSent {
            flow_id: "flow-9".into(),
            channel: wire::Channel::Sms,
            destination: "+14045550199".into(),
            expires_in_secs: 600,
            resend_after_secs: 30,
            server_time: 0,
            remember_device_days: 0,
        }),
    );
    push(&api.registration_verifies, Ok(with_contacts(true, false)));
    query(&app.root, "[data-testid=send-sms]").click();
    let root = app.root.clone();
    wait_for("the code field", || {
        root.query_selector("#otp").ok().flatten()
    })
    .await;
    type_into(&app.root, "otp", "123456");
    submit_form_of(&app.root, "otp");
    let root = app.root.clone();
    wait_for("the mobile number verified", || {
        text_of(&root, "[data-testid=contact-sms]").filter(|text| text.contains("Verified"))
    })
    .await;
    assert!(
        text_of(&app.root, "[data-testid=contact-email]")
            .unwrap()
            .contains("Not verified yet"),
        "the email still needs its code"
    );
    assert_eq!(
        &api.calls()[api.calls().len() - 2..],
        ["registration-send:sms", "registration-verify:123456"]
    );
}

/// The classes of the buttons that are the step's primary action.
fn primary_buttons(root: &web_sys::HtmlElement) -> Vec<String> {
    let found = root.query_selector_all(".button--primary").unwrap();
    (0..found.length())
        .filter_map(|index| found.item(index))
        .filter_map(|node| {
            node.unchecked_into::<web_sys::Element>()
                .get_attribute("data-testid")
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_verify_step_has_one_primary_action_and_a_code_to_one_contact_does_not_hold_the_other()
{
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let app = at_verify_step(api.clone()).await;
    assert_eq!(primary_buttons(&app.root), ["send-sms"]);

    push(
        &api.registration_sends,
        Ok(wire::CodeSent {
            flow_id: "flow-9".into(),
            channel: wire::Channel::Sms,
            destination: "+14045550199".into(),
            expires_in_secs: 600,
            resend_after_secs: 30,
            server_time: 0,
            remember_device_days: 0,
        }),
    );
    push(
        &api.registration_verifies,
        Err(ApiError::Server(wire::ErrorBody {
            attempts_remaining: Some(4),
            ..error_body(wire::ErrorCode::InvalidCode)
        })),
    );
    query(&app.root, "[data-testid=send-sms]").click();
    let root = app.root.clone();
    wait_for("the code field", || {
        root.query_selector("#otp").ok().flatten()
    })
    .await;
    assert_eq!(primary_buttons(&app.root), ["verify"]);
    let send_email: web_sys::HtmlButtonElement =
        query(&app.root, "[data-testid=send-email]").unchecked_into();
    assert!(
        !send_email.disabled(),
        "the text message's resend gap does not hold the email"
    );
    let resend: web_sys::HtmlButtonElement =
        query(&app.root, "[data-testid=resend-code]").unchecked_into();
    assert!(resend.disabled(), "the text message's own gap runs");

    // A wrong code keeps what was typed, marked.
    type_into(&app.root, "otp", "123457");
    submit_form_of(&app.root, "otp");
    let root = app.root.clone();
    wait_for("the wrong-code message", || {
        text_of(&root, "[data-testid=register-error]")
    })
    .await;
    let otp: web_sys::HtmlInputElement = query(&app.root, "#otp").unchecked_into();
    assert_eq!(otp.value(), "123457");
    assert_eq!(otp.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        &api.calls()[api.calls().len() - 2..],
        ["registration-send:sms", "registration-verify:123457"]
    );
}

#[wasm_bindgen_test]
async fn the_questions_step_refuses_duplicates_and_short_answers() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    let stored = serde_json::json!({
        "progress": with_contacts(true, true),
        "step": "Questions",
        "deadline": js_sys::Date::now() + 3_600_000.0,
    });
    session_item_set("upsers.registration_flow", &stored.to_string());
    let catalogue: Vec<wire::Question> = [
        ("birth_city", "In what city were you born?"),
        ("first_pet", "What was the name of your first pet?"),
        ("first_job", "What was your first job?"),
        ("first_concert", "What was the first concert you attended?"),
    ]
    .into_iter()
    .map(|(id, text)| wire::Question {
        id: id.into(),
        text: text.into(),
    })
    .collect();
    push(
        &api.catalogues,
        Ok(wire::QuestionCatalogue {
            flow_id: "flow-9".into(),
            questions: catalogue,
            required: 3,
            min_answer_length: 3,
            server_time: 0,
        }),
    );
    let app = mount_with("/register", api.clone());
    wait_for_heading(&app.root, "Choose your challenge questions").await;
    assert_eq!(step_indicator(&app.root).as_deref(), Some("Step 4 of 5"));
    let root = app.root.clone();
    wait_for("the catalogue in the selects", || {
        (root
            .query_selector_all("#question-0 option")
            .unwrap()
            .length()
            == 5)
            .then_some(())
    })
    .await;
    assert_eq!(
        text_of(&app.root, "label[for=question-0]").as_deref(),
        Some("Question 1")
    );

    select_option(&app.root, "question-0", "first_job");
    type_into(&app.root, "answer-0", "Paper route");
    select_option(&app.root, "question-1", "first_job");
    type_into(&app.root, "answer-1", "Pr");
    select_option(&app.root, "question-2", "first_pet");
    type_into(&app.root, "answer-2", " Al ");
    submit_form_of(&app.root, "answer-0");
    let root = app.root.clone();
    wait_for("the duplicate error", || {
        text_of(&root, "#question-1-error")
    })
    .await;
    assert_eq!(
        text_of(&app.root, "#question-1-error").as_deref(),
        Some("Choose a different question for each answer.")
    );
    assert_eq!(
        text_of(&app.root, "#answer-1-error").as_deref(),
        Some("An answer has at least 3 characters."),
        "a row's short answer is flagged beside its duplicate question"
    );
    assert_eq!(
        text_of(&app.root, "#answer-2-error").as_deref(),
        Some("An answer has at least 3 characters.")
    );
    expect_error_summary(&app.root, "question-1").await;
    assert_eq!(
        app.root
            .query_selector_all("[data-testid=error-summary] a")
            .unwrap()
            .length(),
        3,
        "the duplicate question and both short answers"
    );
    assert!(!api.calls().iter().any(|call| call.starts_with("choose")));

    push(
        &api.chosen_questions,
        Ok(wire::RegistrationProgress {
            questions_set: true,
            ..with_contacts(true, true)
        }),
    );
    select_option(&app.root, "question-1", "first_concert");
    type_into(&app.root, "answer-1", "Prince");
    type_into(&app.root, "answer-2", "Rex");
    submit_form_of(&app.root, "answer-0");
    wait_for_heading(&app.root, "Create your PIN").await;
    assert_eq!(step_indicator(&app.root).as_deref(), Some("Step 5 of 5"));
    assert_eq!(
        api.calls().last().map(String::as_str),
        Some("choose:first_job=Paper route,first_concert=Prince,first_pet=Rex")
    );
}
