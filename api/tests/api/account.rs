//! My account: changing the PIN while signed in, with the current PIN as the
//! step-up.

use crate::helpers::*;
use serde_json::json;
use upsers_contract as wire;

on_both_stores!(
    a_pin_change_ends_the_other_sessions_and_tells_every_channel,
    a_wrong_current_pin_counts_toward_the_lockout_like_any_pin,
    a_weak_new_pin_is_refused_and_the_old_one_still_works,
    a_pin_change_needs_a_session_and_both_pins,
);

const NEW_PIN: &str = "Maple-Lantern-Harbor-31";

async fn change(app: &TestApp, session: &str, current: &str, new: &str) -> reqwest::Response {
    app.post(
        "/api/v1/account/pin",
        json!({ "current_pin": current, "new_pin": new }),
        Some(session),
    )
    .await
}

async fn a_pin_change_ends_the_other_sessions_and_tells_every_channel(backend: Backend) {
    let app = spawn_app(backend).await;
    let here = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let elsewhere = app.sign_in(JORDAN, JORDAN_PIN, "email").await;
    let before = app.outbox().await.len();

    let response = change(&app, &here, JORDAN_PIN, NEW_PIN).await;
    assert_eq!(response.status(), 200);
    let _: wire::PinChanged = response.json().await.unwrap();

    assert_eq!(
        app.get_with_cookie("/api/v1/session", &here).await.status(),
        200,
        "the session that changed it stays"
    );
    error_body(
        app.get_with_cookie("/api/v1/session", &elsewhere).await,
        401,
    )
    .await;
    let outbox = app.outbox().await;
    // Newest first: what the change queued.
    let notices = &outbox[..outbox.len() - before];
    let mut channels: Vec<_> = notices
        .iter()
        .filter(|message| message.employee_id == JORDAN && message.code.is_none())
        .map(|message| {
            assert!(
                message.body.contains("PIN was just changed"),
                "{}",
                message.body
            );
            message.channel.as_str()
        })
        .collect();
    channels.sort();
    assert_eq!(
        channels,
        ["email", "sms"],
        "a notice to each registered channel"
    );
    let audit = app_audit(&app, JORDAN).await;
    assert!(audit.contains(&"pin_changed".to_owned()), "{audit:?}");

    error_body(app.login(JORDAN, JORDAN_PIN).await, 401).await;
    app.sign_in(JORDAN, NEW_PIN, "sms").await;
}

async fn a_wrong_current_pin_counts_toward_the_lockout_like_any_pin(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    // One wrong PIN at sign-in, then two at the step-up: three in a row.
    error_body(app.login(JORDAN, "Wrong-Guess-123").await, 401).await;
    let first = error_body(
        change(&app, &session, "Wrong-Guess-124", NEW_PIN).await,
        401,
    )
    .await;
    assert_eq!(first.code, wire::ErrorCode::InvalidCredentials);
    assert_eq!(first.attempts_remaining, Some(1));
    let locked = error_body(
        change(&app, &session, "Wrong-Guess-125", NEW_PIN).await,
        423,
    )
    .await;
    assert_eq!(locked.code, wire::ErrorCode::Locked);

    // Locked: the right current PIN is refused, and so is a sign-in.
    error_body(change(&app, &session, JORDAN_PIN, NEW_PIN).await, 423).await;
    error_body(app.login(JORDAN, JORDAN_PIN).await, 423).await;
    let audit = app_audit(&app, JORDAN).await;
    assert_eq!(
        audit
            .iter()
            .filter(|kind| *kind == "step_up_failed")
            .count(),
        2,
        "{audit:?}"
    );
    assert!(audit.contains(&"lock".to_owned()));

    // The lock ends; a right current PIN then clears the run of failures.
    app.clock.advance(15 * 60);
    assert_eq!(
        change(&app, &session, JORDAN_PIN, NEW_PIN).await.status(),
        401,
        "the session idled out meanwhile"
    );
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    error_body(
        change(&app, &session, "Wrong-Guess-126", NEW_PIN).await,
        401,
    )
    .await;
    assert_eq!(
        change(&app, &session, JORDAN_PIN, NEW_PIN).await.status(),
        200
    );
    let wrong = error_body(app.login(JORDAN, "Wrong-Guess-127").await, 401).await;
    assert_eq!(
        wrong.attempts_remaining,
        Some(2),
        "the right PIN ended the run"
    );
}

async fn a_weak_new_pin_is_refused_and_the_old_one_still_works(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    for (weak, problem) in [
        ("Harbor7", wire::PinProblem::TooShort),
        ("password", wire::PinProblem::Blocklisted),
        ("1234567-Harbor", wire::PinProblem::ContainsEmployeeId),
    ] {
        let body = error_body(change(&app, &session, JORDAN_PIN, weak).await, 422).await;
        assert_eq!(body.code, wire::ErrorCode::WeakPin);
        assert!(
            body.pin_problems.contains(&problem),
            "{weak}: {:?}",
            body.pin_problems
        );
    }
    assert_eq!(
        app.get_with_cookie("/api/v1/session", &session)
            .await
            .status(),
        200
    );
    app.start_login(JORDAN, JORDAN_PIN).await;
    let audit = app_audit(&app, JORDAN).await;
    assert!(!audit.contains(&"pin_changed".to_owned()), "{audit:?}");
    assert!(
        !audit.contains(&"step_up_failed".to_owned()),
        "a weak new PIN is no failed step-up"
    );
}

async fn a_pin_change_needs_a_session_and_both_pins(backend: Backend) {
    let app = spawn_app(backend).await;
    let body = json!({ "current_pin": JORDAN_PIN, "new_pin": NEW_PIN });
    let anonymous = error_body(
        app.post("/api/v1/account/pin", body.clone(), None).await,
        401,
    )
    .await;
    assert_eq!(anonymous.code, wire::ErrorCode::Unauthenticated);
    let forged = app
        .post("/api/v1/account/pin", body, Some("__Host-session=forged"))
        .await;
    error_body(forged, 401).await;

    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let empty = error_body(change(&app, &session, "", NEW_PIN).await, 422).await;
    assert_eq!(empty.fields, ["current_pin"]);
    let long = "x".repeat(65);
    let too_long = error_body(change(&app, &session, JORDAN_PIN, &long).await, 422).await;
    assert_eq!(too_long.fields, ["new_pin"]);
    let missing = app
        .post(
            "/api/v1/account/pin",
            json!({ "new_pin": NEW_PIN }),
            Some(&session),
        )
        .await;
    let missing = error_body(missing, 422).await;
    assert_eq!(
        missing.code,
        wire::ErrorCode::InvalidInput,
        "without the current PIN"
    );
    let audit = app_audit(&app, JORDAN).await;
    assert!(
        !audit.contains(&"step_up_failed".to_owned()),
        "nothing judged: {audit:?}"
    );
}
