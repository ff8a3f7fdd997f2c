use crate::helpers::*;
use upsers_contract as wire;

on_both_stores!(
    an_employee_signs_in_with_pin_and_a_code_sent_by_text,
    an_email_only_employee_is_offered_email_alone,
    an_employee_not_registered_yet_cannot_sign_in,
    wrong_pins_count_down_and_lock_unknown_and_known_ids_alike,
    a_lock_is_not_extended_by_attempts_and_ends_after_fifteen_minutes,
    concurrent_wrong_pins_get_at_most_three_checks,
    a_resend_inside_thirty_seconds_is_refused_and_a_resend_replaces_the_code,
    wrong_codes_count_toward_the_lockout,
    a_code_expires_after_ten_minutes,
    a_code_works_once,
    a_flow_only_answers_the_browser_that_started_it,
    one_client_address_may_cause_only_so_many_failures,
    the_lock_of_each_id_can_be_asked_without_taking_an_attempt,
);

async fn an_employee_signs_in_with_pin_and_a_code_sent_by_text(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.login(JORDAN, JORDAN_PIN).await;
    assert_eq!(response.status(), 200);
    let flow_cookie = set_cookie_header(&response, "__Host-flow").unwrap();
    for attribute in ["Path=/", "Secure", "HttpOnly", "SameSite=Strict"] {
        assert!(flow_cookie.contains(attribute), "{flow_cookie}");
    }
    let cookie = cookie_pair(&response, "__Host-flow").unwrap();
    let flow: wire::LoginStarted = response.json().await.unwrap();
    assert_eq!(
        flow.channels,
        [
            wire::ChannelOption {
                channel: wire::Channel::Sms,
                destination: "(•••) •••-0123".into()
            },
            wire::ChannelOption {
                channel: wire::Channel::Email,
                destination: "j•••@upsers.example".into()
            },
        ]
    );

    let sent: wire::CodeSent = app
        .send_code(&flow, &cookie, "sms")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((sent.expires_in_secs, sent.resend_after_secs), (600, 30));
    assert_eq!(sent.destination, "(•••) •••-0123");
    let message = app.outbox().await.remove(0);
    assert_eq!(
        message.destination, "+14045550123",
        "the outbox shows the real destination"
    );
    let code = message.code.unwrap();
    assert!(
        message.body.contains(&code) && message.body.contains("10 minutes"),
        "{}",
        message.body
    );

    let response = app
        .verify_code(&flow, &cookie, &format!("{} {}", &code[..3], &code[3..]))
        .await;
    assert_eq!(response.status(), 200, "a pasted `123 456` is accepted");
    let session_cookie = set_cookie_header(&response, "__Host-session").unwrap();
    for attribute in ["Path=/", "Secure", "HttpOnly", "SameSite=Strict"] {
        assert!(session_cookie.contains(attribute), "{session_cookie}");
    }
    let info: wire::SessionInfo = response.json().await.unwrap();
    assert_eq!(
        (info.employee_id.as_str(), info.first_name.as_str()),
        (JORDAN, "Jordan")
    );
    assert_eq!(info.idle_expires_at - info.server_time, 900);

    let session = cookie_pair_from(&session_cookie);
    let home: wire::HomeHub = app
        .get_with_cookie("/api/v1/home", &session)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(home.first_name, "Jordan");
    assert!(!home.tiles.is_empty(), "demo mode has its tiles");
    for tile in &home.tiles {
        assert!(
            tile.href.starts_with("https://") || tile.href.starts_with('/'),
            "{tile:?} goes somewhere real"
        );
        assert!(!tile.href.contains('#'), "{tile:?}");
        assert!(!tile.title.es.is_empty() && !tile.description.es.is_empty());
    }
    assert_eq!(
        home.last_sign_in_at, None,
        "the first sign-in has no earlier one"
    );

    let kinds = app_audit(&app, JORDAN).await;
    // A browser new to Jordan: the alert goes to both channels.
    assert_eq!(
        kinds,
        [
            "pin_accepted",
            "code_sent",
            "sign_in_success",
            "new_device_alert",
            "notice_sent",
            "notice_sent"
        ]
    );
}

async fn an_email_only_employee_is_offered_email_alone(backend: Backend) {
    let app = spawn_app(backend).await;
    let (flow, cookie) = app.start_login(SAM, SAM_PIN).await;
    assert_eq!(flow.channels.len(), 1);
    assert_eq!(flow.channels[0].channel, wire::Channel::Email);
    let body = error_body(app.send_code(&flow, &cookie, "sms").await, 422).await;
    assert_eq!(body.fields, ["channel"]);
    assert_eq!(app.send_code(&flow, &cookie, "email").await.status(), 200);
}

async fn an_employee_not_registered_yet_cannot_sign_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let body = error_body(app.login("7654321", "K7PQ-M2XD-9HTA").await, 401).await;
    assert_eq!(body.code, wire::ErrorCode::InvalidCredentials);
}

async fn wrong_pins_count_down_and_lock_unknown_and_known_ids_alike(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut shapes = Vec::new();
    for employee_id in [JORDAN, "9999999"] {
        let mut answers = Vec::new();
        for _ in 0..4 {
            let response = app.login(employee_id, "Wrong-Guess-123").await;
            let status = response.status().as_u16();
            let body: serde_json::Value = response.json().await.unwrap();
            answers.push((status, body));
        }
        let summary: Vec<_> = answers
            .iter()
            .map(|(status, body)| {
                (
                    *status,
                    body["code"].clone(),
                    body["attempts_remaining"].clone(),
                    body["retry_after_secs"].clone(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    401,
                    "invalid_credentials".into(),
                    2.into(),
                    serde_json::Value::Null
                ),
                (
                    401,
                    "invalid_credentials".into(),
                    1.into(),
                    serde_json::Value::Null
                ),
                (423, "locked".into(), serde_json::Value::Null, 900.into()),
                (423, "locked".into(), serde_json::Value::Null, 900.into()),
            ],
            "{employee_id}"
        );
        let keys: Vec<Vec<String>> = answers
            .iter()
            .map(|(_, body)| body.as_object().unwrap().keys().cloned().collect())
            .collect();
        shapes.push(keys);
    }
    assert_eq!(
        shapes[0], shapes[1],
        "known and unknown IDs answer with the same body shapes"
    );
}

async fn a_lock_is_not_extended_by_attempts_and_ends_after_fifteen_minutes(backend: Backend) {
    let app = spawn_app(backend).await;
    for _ in 0..3 {
        app.login(JORDAN, "Wrong-Guess-123").await;
    }
    app.clock.advance(600);
    let body = error_body(app.login(JORDAN, JORDAN_PIN).await, 423).await;
    assert_eq!(
        body.retry_after_secs,
        Some(300),
        "the right PIN is not even checked while locked"
    );
    app.clock.advance(299);
    let body = error_body(app.login(JORDAN, "Wrong-Guess-123").await, 423).await;
    assert_eq!(
        body.retry_after_secs,
        Some(1),
        "attempts during the lock do not extend it"
    );
    app.clock.advance(1);
    assert_eq!(
        app.login(JORDAN, JORDAN_PIN).await.status(),
        200,
        "the lock has ended"
    );
    let kinds = app_audit(&app, JORDAN).await;
    assert_eq!(kinds.iter().filter(|kind| *kind == "lock").count(), 1);
    assert_eq!(
        kinds
            .iter()
            .filter(|kind| *kind == "sign_in_locked")
            .count(),
        2
    );
}

async fn concurrent_wrong_pins_get_at_most_three_checks(backend: Backend) {
    let app = std::sync::Arc::new(spawn_app(backend).await);
    let attempts = (0..50).map(|_| {
        let app = app.clone();
        tokio::spawn(async move { app.login(JORDAN, "Wrong-Guess-123").await.status().as_u16() })
    });
    let statuses: Vec<u16> = futures_join(attempts).await;
    let checked = app_audit(&app, JORDAN)
        .await
        .iter()
        .filter(|kind| *kind == "sign_in_failure")
        .count();
    assert!((1..=3).contains(&checked), "{checked} PINs were checked");
    // The rest were refused unchecked: the ID locked, or the address's
    // attempts in flight used up its cap.
    assert!(
        statuses
            .iter()
            .all(|status| [401, 423, 429].contains(status)),
        "{statuses:?}"
    );
    assert!(
        statuses.iter().filter(|status| **status == 401).count() <= 3,
        "{statuses:?}"
    );
    assert_eq!(
        app.login(JORDAN, JORDAN_PIN).await.status(),
        423,
        "and the ID is locked"
    );
}

async fn a_resend_inside_thirty_seconds_is_refused_and_a_resend_replaces_the_code(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    assert_eq!(app.send_code(&flow, &cookie, "sms").await.status(), 200);
    let first = app.latest_code(JORDAN).await;
    app.clock.advance(10);
    let body = error_body(app.send_code(&flow, &cookie, "sms").await, 429).await;
    assert_eq!(body.code, wire::ErrorCode::RateLimited);
    assert_eq!(body.retry_after_secs, Some(20));
    app.clock.advance(20);
    assert_eq!(app.send_code(&flow, &cookie, "email").await.status(), 200);
    let second = app.latest_code(JORDAN).await;
    if first != second {
        let body = error_body(app.verify_code(&flow, &cookie, &first).await, 401).await;
        assert_eq!(
            body.code,
            wire::ErrorCode::InvalidCode,
            "the replaced code no longer works"
        );
    }
    assert_eq!(app.verify_code(&flow, &cookie, &second).await.status(), 200);
}

async fn wrong_codes_count_toward_the_lockout(backend: Backend) {
    let app = spawn_app(backend).await;
    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    app.send_code(&flow, &cookie, "sms").await;
    let right = app.latest_code(JORDAN).await;
    let wrong = a_wrong_code(&right);
    let first = error_body(app.verify_code(&flow, &cookie, wrong).await, 401).await;
    assert_eq!(
        (first.code, first.attempts_remaining),
        (wire::ErrorCode::InvalidCode, Some(2))
    );
    error_body(app.verify_code(&flow, &cookie, wrong).await, 401).await;
    let third = error_body(app.verify_code(&flow, &cookie, wrong).await, 423).await;
    assert_eq!(third.retry_after_secs, Some(900));
    error_body(app.verify_code(&flow, &cookie, &right).await, 423).await;
}

async fn a_code_expires_after_ten_minutes(backend: Backend) {
    let app = spawn_app(backend).await;
    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    app.send_code(&flow, &cookie, "sms").await;
    let code = app.latest_code(JORDAN).await;
    app.clock.advance(600);
    let body = error_body(app.verify_code(&flow, &cookie, &code).await, 410).await;
    assert_eq!(
        body.code,
        wire::ErrorCode::CodeExpired,
        "only the code expired: a resend is the way on"
    );
    assert_eq!(body.fields, ["code"]);
    app.clock.advance(1);
    assert_eq!(app.send_code(&flow, &cookie, "sms").await.status(), 200);
}

async fn a_code_works_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    app.send_code(&flow, &cookie, "sms").await;
    let code = app.latest_code(JORDAN).await;
    assert_eq!(app.verify_code(&flow, &cookie, &code).await.status(), 200);
    error_body(app.verify_code(&flow, &cookie, &code).await, 410).await;
}

async fn a_flow_only_answers_the_browser_that_started_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let (flow, _) = app.start_login(JORDAN, JORDAN_PIN).await;
    let body = error_body(app.send_code(&flow, "__Host-flow=forged", "sms").await, 410).await;
    assert_eq!(body.code, wire::ErrorCode::Expired);
    let path = format!("/api/v1/login/{}/send", flow.flow_id);
    error_body(
        app.post(&path, serde_json::json!({ "channel": "sms" }), None)
            .await,
        410,
    )
    .await;
}

async fn one_client_address_may_cause_only_so_many_failures(backend: Backend) {
    let app = spawn_app_with(
        backend,
        upsers_api::config::Overrides {
            address_max_failures: Some(4),
            ..Default::default()
        },
    )
    .await;
    for employee_id in ["1000001", "1000002", "1000003", "1000004"] {
        error_body(app.login(employee_id, "Wrong-Guess-123").await, 401).await;
    }
    let body = error_body(app.login("1000005", "Wrong-Guess-123").await, 429).await;
    assert_eq!(body.code, wire::ErrorCode::RateLimited);
    assert_eq!(body.retry_after_secs, Some(900));
}

fn cookie_pair_from(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

async fn futures_join<T: Send + 'static>(
    tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<T> {
    let mut results = Vec::new();
    for task in tasks.collect::<Vec<_>>() {
        results.push(task.await.unwrap());
    }
    results
}

async fn a_code_takes_five_wrong_tries_then_is_spent(backend: Backend) {
    let app = spawn_app_with(
        backend,
        upsers_api::config::Overrides {
            lockout_max_failures: Some(10),
            ..Default::default()
        },
    )
    .await;
    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    app.send_code(&flow, &cookie, "sms").await;
    let right = app.latest_code(JORDAN).await;
    let wrong = a_wrong_code(&right);
    let mut left = Vec::new();
    for _ in 0..5 {
        left.push(
            error_body(app.verify_code(&flow, &cookie, wrong).await, 401)
                .await
                .attempts_remaining,
        );
    }
    assert_eq!(left, [Some(4), Some(3), Some(2), Some(1), Some(0)]);
    let body = error_body(app.verify_code(&flow, &cookie, &right).await, 410).await;
    assert_eq!(
        body.code,
        wire::ErrorCode::CodeExpired,
        "even the right code no longer works"
    );
    assert_eq!(body.fields, ["code"]);
}

on_both_stores!(a_code_takes_five_wrong_tries_then_is_spent);

async fn the_lock_of_each_id_can_be_asked_without_taking_an_attempt(backend: Backend) {
    let app = spawn_app(backend).await;
    let lock_of = |employee_id: &'static str| {
        let app = &app;
        async move {
            let response = app
                .post(
                    "/api/v1/login/lock",
                    serde_json::json!({ "employee_id": employee_id }),
                    None,
                )
                .await;
            assert_eq!(response.status(), 200, "{employee_id}");
            response.json::<wire::LockState>().await.unwrap()
        }
    };
    // Asking often takes nothing: the PIN is still checked afterwards.
    for _ in 0..5 {
        assert_eq!(lock_of(JORDAN).await.retry_after_secs, None);
    }
    assert_eq!(app.login(JORDAN, JORDAN_PIN).await.status(), 200);

    for employee_id in [JORDAN, "9999999"] {
        for _ in 0..3 {
            app.login(employee_id, "Wrong-Guess-123").await;
        }
    }
    app.clock.advance(60);
    for employee_id in [JORDAN, "9999999"] {
        assert_eq!(
            lock_of(employee_id).await.retry_after_secs,
            Some(840),
            "known and unknown IDs lock alike: {employee_id}"
        );
    }
    assert_eq!(
        lock_of(SAM).await.retry_after_secs,
        None,
        "each ID has its own lock"
    );
    app.clock.advance(840);
    assert_eq!(
        lock_of(JORDAN).await.retry_after_secs,
        None,
        "the lock ended"
    );

    let body = error_body(
        app.post(
            "/api/v1/login/lock",
            serde_json::json!({ "employee_id": "12-34" }),
            None,
        )
        .await,
        422,
    )
    .await;
    assert_eq!(body.fields, ["employee_id"]);
}
