//! My account's step-up and contact details: a new contact needs a one-time
//! PIN step-up made for it, however fresh the sign-in; a removal needs the
//! sign-in or a step-up (the current PIN, counted toward the lockout, or a
//! one-time PIN) within minutes; a new contact is verified before it replaces
//! the old, the old hears of it, and the last verified channel stays.

use crate::helpers::*;
use serde_json::json;
use upsers_contract as wire;

on_both_stores!(
    a_new_contact_needs_a_one_time_pin_step_up_and_a_removal_a_recent_proof,
    a_wrong_step_up_pin_counts_toward_the_lockout_like_any_pin,
    a_step_up_by_one_time_pin_works_once_and_only_for_its_session,
    a_new_email_is_verified_before_it_replaces_the_old_one_and_signs_in,
    the_last_verified_channel_cannot_be_removed_even_by_two_removals_at_once,
    contact_changes_need_a_session_and_answer_bad_input_clearly,
);

const NEW_EMAIL: &str = "jordan.new@example.com";

async fn step_up_with_pin(app: &TestApp, session: &str, pin: &str) -> reqwest::Response {
    app.post(
        "/api/v1/account/step-up/pin",
        json!({ "pin": pin }),
        Some(session),
    )
    .await
}

async fn add_contact(
    app: &TestApp,
    session: &str,
    channel: &str,
    value: &str,
) -> reqwest::Response {
    app.post(
        "/api/v1/account/contacts",
        json!({ "channel": channel, "value": value }),
        Some(session),
    )
    .await
}

async fn remove_contact(app: &TestApp, session: &str, channel: &str) -> reqwest::Response {
    app.post(
        "/api/v1/account/contacts/remove",
        json!({ "channel": channel }),
        Some(session),
    )
    .await
}

async fn verify_contact(
    app: &TestApp,
    session: &str,
    flow_id: &str,
    code: &str,
) -> reqwest::Response {
    app.post(
        &format!("/api/v1/account/contacts/{flow_id}/verify"),
        json!({ "code": code }),
        Some(session),
    )
    .await
}

async fn contacts(app: &TestApp, session: &str) -> wire::AccountContacts {
    let response = app
        .get_with_cookie("/api/v1/account/contacts", session)
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The newest message to `destination` in the dev outbox.
async fn latest_to(app: &TestApp, destination: &str) -> Option<wire::DevOutboxMessage> {
    app.outbox()
        .await
        .into_iter()
        .find(|message| message.destination == destination)
}

async fn a_new_contact_needs_a_one_time_pin_step_up_and_a_removal_a_recent_proof(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let signed_in_at = app.clock_now();
    let state = app.step_up_state(&session).await;
    assert_eq!(
        state.fresh_until,
        signed_in_at + 600,
        "10 minutes by default"
    );
    assert!(!state.needs_step_up());
    assert!(state.needs_recovery_step_up(), "the sign-in is no proof");
    let channels: Vec<_> = state.channels.iter().map(|option| option.channel).collect();
    assert_eq!(channels, [wire::Channel::Sms, wire::Channel::Email]);
    assert!(
        state
            .channels
            .iter()
            .all(|option| option.destination.contains('•')),
        "masked: {:?}",
        state.channels
    );
    let refused = error_body(add_contact(&app, &session, "email", NEW_EMAIL).await, 403).await;
    assert_eq!(
        (refused.code, refused.fields),
        (wire::ErrorCode::Forbidden, vec!["step_up".to_owned()])
    );
    assert!(latest_to(&app, NEW_EMAIL).await.is_none(), "no code sent");
    let state = app.step_up_by_code(JORDAN, &session, "email").await;
    assert_eq!(state.recovery_until, app.clock_now() + 600);
    let sent = add_contact(&app, &session, "email", NEW_EMAIL).await;
    assert_eq!(sent.status(), 200, "with the proof");

    app.clock.advance(600);
    let state = app.step_up_state(&session).await;
    assert!(state.needs_step_up() && state.needs_recovery_step_up());
    let refused = error_body(add_contact(&app, &session, "email", NEW_EMAIL).await, 403).await;
    assert_eq!(
        (refused.code, refused.fields),
        (wire::ErrorCode::Forbidden, vec!["step_up".to_owned()])
    );
    let refused = error_body(remove_contact(&app, &session, "sms").await, 403).await;
    assert_eq!(
        (refused.code, refused.fields),
        (wire::ErrorCode::Forbidden, vec!["step_up".to_owned()])
    );
    assert!(
        contacts(&app, &session).await.mobile.is_some(),
        "nothing removed"
    );

    let response = step_up_with_pin(&app, &session, JORDAN_PIN).await;
    assert_eq!(response.status(), 200);
    let state: wire::StepUpState = response.json().await.unwrap();
    assert_eq!(state.fresh_until, app.clock_now() + 600);
    assert!(
        state.needs_recovery_step_up(),
        "the PIN is no recovery proof"
    );
    let refused = error_body(add_contact(&app, &session, "email", NEW_EMAIL).await, 403).await;
    assert!(refused.needs_step_up());
    assert_eq!(
        remove_contact(&app, &session, "sms").await.status(),
        200,
        "a removal only protects: the PIN opened the window again"
    );
    assert!(
        app_audit(&app, JORDAN)
            .await
            .contains(&"stepped_up".to_owned())
    );
}

async fn a_wrong_step_up_pin_counts_toward_the_lockout_like_any_pin(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    app.clock.advance(601);
    let first = error_body(step_up_with_pin(&app, &session, "Not-The-Pin-1").await, 401).await;
    assert_eq!(first.code, wire::ErrorCode::InvalidCredentials);
    assert_eq!(first.attempts_remaining, Some(2));
    // One wrong PIN at sign-in and one more step-up: the third in a row locks.
    assert_eq!(app.login(JORDAN, "Not-The-Pin-2").await.status(), 401);
    let locked = error_body(step_up_with_pin(&app, &session, "Not-The-Pin-3").await, 423).await;
    assert_eq!(locked.code, wire::ErrorCode::Locked);
    assert_eq!(
        app.login(JORDAN, JORDAN_PIN).await.status(),
        423,
        "the Employee ID is locked for sign-in too"
    );
    error_body(step_up_with_pin(&app, &session, JORDAN_PIN).await, 423).await;
    assert!(app.step_up_state(&session).await.needs_step_up());
    let audit = app_audit(&app, JORDAN).await;
    assert_eq!(
        audit
            .iter()
            .filter(|kind| *kind == "step_up_failed")
            .count(),
        2
    );
}

async fn a_step_up_by_one_time_pin_works_once_and_only_for_its_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let other = app.sign_in(JORDAN, JORDAN_PIN, "email").await;
    app.clock.advance(601);
    let response = app
        .post(
            "/api/v1/account/step-up/send",
            json!({ "channel": "email" }),
            Some(&session),
        )
        .await;
    assert_eq!(response.status(), 200);
    let sent: wire::CodeSent = response.json().await.unwrap();
    assert_eq!(sent.channel, wire::Channel::Email);
    assert!(sent.destination.contains('•'), "{}", sent.destination);
    let message = latest_to(&app, "jordan.rivera@upsers.example")
        .await
        .unwrap();
    assert!(
        message.body.contains("one-time PIN to change your account"),
        "{}",
        message.body
    );
    let code = message.code.unwrap();
    let verify = format!("/api/v1/account/step-up/{}/verify", sent.flow_id);

    let elsewhere = app
        .post(&verify, json!({ "code": code }), Some(&other))
        .await;
    assert_eq!(
        error_body(elsewhere, 410).await.code,
        wire::ErrorCode::Expired
    );
    let wrong = app
        .post(
            &verify,
            json!({ "code": a_wrong_code(&code) }),
            Some(&session),
        )
        .await;
    let wrong = error_body(wrong, 401).await;
    assert_eq!(wrong.code, wire::ErrorCode::InvalidCode);
    assert_eq!(wrong.attempts_remaining, Some(2));

    let right = app
        .post(&verify, json!({ "code": code }), Some(&session))
        .await;
    assert_eq!(right.status(), 200);
    let state: wire::StepUpState = right.json().await.unwrap();
    assert!(!state.needs_step_up());
    let replay = app
        .post(&verify, json!({ "code": code }), Some(&session))
        .await;
    error_body(replay, 410).await;
    assert!(
        app.step_up_state(&other).await.needs_step_up(),
        "the other session did not step up"
    );

    // A code to a channel the employee does not have is refused.
    let sam = app.sign_in(SAM, SAM_PIN, "email").await;
    let no_mobile = app
        .post(
            "/api/v1/account/step-up/send",
            json!({ "channel": "sms" }),
            Some(&sam),
        )
        .await;
    assert_eq!(error_body(no_mobile, 422).await.fields, ["channel"]);
}

async fn a_new_email_is_verified_before_it_replaces_the_old_one_and_signs_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let before = contacts(&app, &session).await;

    app.step_up_by_code(JORDAN, &session, "email").await;
    let response = add_contact(&app, &session, "email", " jordan.new@example.com ").await;
    assert_eq!(response.status(), 200);
    let sent: wire::CodeSent = response.json().await.unwrap();
    assert_eq!(
        sent.destination, NEW_EMAIL,
        "whole (trimmed), to catch a typo"
    );
    let message = latest_to(&app, NEW_EMAIL)
        .await
        .expect("a code to the new address");
    assert!(
        message.body.contains("add this contact"),
        "{}",
        message.body
    );
    assert_eq!(
        contacts(&app, &session).await,
        before,
        "nothing replaced yet"
    );

    let code = message.code.unwrap();
    let wrong = verify_contact(&app, &session, &sent.flow_id, a_wrong_code(&code)).await;
    assert_eq!(
        error_body(wrong, 401).await.code,
        wire::ErrorCode::InvalidCode
    );
    let right = verify_contact(&app, &session, &sent.flow_id, &code).await;
    assert_eq!(right.status(), 200);
    let after: wire::AccountContacts = right.json().await.unwrap();
    assert_eq!(after.mobile, before.mobile);
    assert_eq!(after.email.as_deref(), Some("j•••@example.com"));
    let replay = verify_contact(&app, &session, &sent.flow_id, &code).await;
    error_body(replay, 410).await;

    // The old address and the mobile number hear of it; the new one does not.
    let notices: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .filter(|message| {
            message.code.is_none()
                && message
                    .body
                    .contains("of your UPSers account was changed on")
        })
        .map(|message| message.destination)
        .collect();
    assert!(
        notices.contains(&"jordan.rivera@upsers.example".to_owned()),
        "{notices:?}"
    );
    assert!(notices.contains(&"+14045550123".to_owned()), "{notices:?}");
    assert!(!notices.contains(&NEW_EMAIL.to_owned()), "{notices:?}");
    assert!(
        app_audit(&app, JORDAN)
            .await
            .contains(&"contact_changed".to_owned())
    );

    // The next sign-in's code by email goes to the new address.
    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    let email = flow
        .channels
        .iter()
        .find(|option| option.channel == wire::Channel::Email)
        .unwrap();
    assert_eq!(email.destination, "j•••@example.com");
    assert_eq!(app.send_code(&flow, &cookie, "email").await.status(), 200);
    let code = latest_to(&app, NEW_EMAIL).await.unwrap().code.unwrap();
    assert_eq!(app.verify_code(&flow, &cookie, &code).await.status(), 200);

    // Recent activity shows the change.
    let activity: wire::ActivityPage = app
        .get_with_cookie("/api/v1/account/activity", &session)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        activity
            .events
            .iter()
            .any(|event| event.kind == wire::ActivityKind::ContactChanged)
    );
}

async fn the_last_verified_channel_cannot_be_removed_even_by_two_removals_at_once(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let sam = app.sign_in(SAM, SAM_PIN, "email").await;
    let refused = error_body(remove_contact(&app, &sam, "email").await, 409).await;
    assert_eq!(
        (refused.code, refused.fields),
        (wire::ErrorCode::InvalidInput, vec!["channel".to_owned()])
    );
    assert!(contacts(&app, &sam).await.email.is_some());

    // Jordan removes both at once, many times over: one removal wins.
    let jordan = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let url = app.url("/api/v1/account/contacts/remove");
    let removals = (0..20).map(|n| {
        let channel = if n % 2 == 0 { "sms" } else { "email" };
        app.client
            .post(&url)
            .header("cookie", &jordan)
            .json(&json!({ "channel": channel }))
    });
    let statuses = all_at_once(removals).await;
    assert!(
        statuses.iter().all(|status| [200, 409].contains(status)),
        "{statuses:?}"
    );
    let left = contacts(&app, &jordan).await;
    assert!(
        left.mobile.is_some() != left.email.is_some(),
        "exactly one channel is left: {left:?}"
    );
    assert_eq!(
        app_audit(&app, JORDAN)
            .await
            .iter()
            .filter(|kind| *kind == "contact_removed")
            .count(),
        1
    );
}

async fn contact_changes_need_a_session_and_answer_bad_input_clearly(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in ["/api/v1/account/contacts", "/api/v1/account/step-up"] {
        let response = app.get(path).await;
        assert_eq!(
            error_body(response, 401).await.code,
            wire::ErrorCode::Unauthenticated
        );
    }
    let anonymous = app
        .post(
            "/api/v1/account/contacts",
            json!({ "channel": "email", "value": NEW_EMAIL }),
            None,
        )
        .await;
    error_body(anonymous, 401).await;

    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    app.step_up_by_code(JORDAN, &session, "email").await;
    for (channel, value) in [("sms", "12"), ("email", "not an address"), ("sms", "")] {
        let refused = error_body(add_contact(&app, &session, channel, value).await, 422).await;
        assert_eq!(refused.fields, ["value"], "{channel} {value:?}");
    }
    let same = error_body(
        add_contact(&app, &session, "sms", "404-555-0123").await,
        422,
    )
    .await;
    assert!(
        same.message.contains("registered already"),
        "{}",
        same.message
    );
    let unknown_channel = app
        .post(
            "/api/v1/account/contacts",
            json!({ "channel": "pigeon", "value": "x" }),
            Some(&session),
        )
        .await;
    assert_eq!(
        error_body(unknown_channel, 422).await.code,
        wire::ErrorCode::InvalidInput
    );
    let empty_pin = error_body(step_up_with_pin(&app, &session, "").await, 422).await;
    assert_eq!(empty_pin.fields, ["pin"]);

    // A step-up flow is not a contact's, and an unknown id is no flow.
    app.clock.advance(601);
    let sent: wire::CodeSent = app
        .post(
            "/api/v1/account/step-up/send",
            json!({ "channel": "sms" }),
            Some(&session),
        )
        .await
        .json()
        .await
        .unwrap();
    let code = app.latest_code(JORDAN).await;
    error_body(
        verify_contact(&app, &session, &sent.flow_id, &code).await,
        410,
    )
    .await;
    error_body(
        verify_contact(&app, &session, "no-such-flow", &code).await,
        410,
    )
    .await;
}
