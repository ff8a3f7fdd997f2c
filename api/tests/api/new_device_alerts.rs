//! New-device alerts and "This wasn't me": a sign-in from a browser new to
//! the employee (or unused for 90 days) sends one alert to each verified
//! channel, in the employee's language, with a link that works once for
//! seven days; using it ends every session, forgets every device and locks
//! the ID until a PIN reset by a one-time PIN.

use crate::helpers::*;
use crate::recovery::{Recovery, jordan_answer};
use serde_json::json;
use upsers_contract as wire;

on_both_stores!(
    a_new_browser_alerts_both_channels_once_and_a_known_one_never,
    alerts_are_written_in_the_language_the_employee_last_used_on_a_known_browser,
    concurrent_sign_ins_from_one_new_browser_alert_once,
    this_wasnt_me_ends_sessions_forgets_devices_and_locks_until_a_reset_by_code,
    a_report_link_works_once_for_seven_days_and_a_tampered_one_reveals_nothing,
    concurrent_reports_with_one_link_take_it_once,
    a_sign_in_halfway_through_cannot_finish_after_a_report,
);

const NEW_PIN: &str = "Cedar-Harbor-Lantern-88";
const DAY: i64 = 24 * 60 * 60;

/// A complete sign-in by `channel` from a browser carrying `device` (a
/// `__Host-device` pair) if given, its pages in `language`. Returns the
/// session's and the browser's cookie pairs.
async fn sign_in_from(
    app: &TestApp,
    employee_id: &str,
    pin: &str,
    device: Option<&str>,
    language: &str,
) -> (String, String) {
    let post = |path: String, body: serde_json::Value, cookies: Option<String>| {
        let mut request = app
            .client
            .post(app.url(&path))
            .header("accept-language", language)
            .json(&body);
        if let Some(cookies) = cookies {
            request = request.header("cookie", cookies);
        }
        async move { request.send().await.unwrap() }
    };
    let with_device = |cookie: &str| match device {
        Some(device) => format!("{cookie}; {device}"),
        None => cookie.to_owned(),
    };
    let login = json!({ "employee_id": employee_id, "pin": pin });
    let response = post("/api/v1/login".into(), login, device.map(str::to_owned)).await;
    assert_eq!(response.status(), 200, "the PIN is right");
    let flow_cookie = cookie_pair(&response, "__Host-flow").expect("a code is asked for");
    let flow: wire::LoginStarted = response.json().await.unwrap();
    let channel = json!({ "channel": "email" });
    let send = format!("/api/v1/login/{}/send", flow.flow_id);
    assert_eq!(
        post(send, channel, Some(with_device(&flow_cookie)))
            .await
            .status(),
        200
    );
    let code = app.latest_code(employee_id).await;
    let verify = format!("/api/v1/login/{}/verify", flow.flow_id);
    let response = post(
        verify,
        json!({ "code": code }),
        Some(with_device(&flow_cookie)),
    )
    .await;
    assert_eq!(response.status(), 200, "the code is right");
    (
        cookie_pair(&response, "__Host-session").expect("a session"),
        cookie_pair(&response, "__Host-device").expect("the browser's token"),
    )
}

/// The alerts sent to `employee_id`, newest first.
async fn alerts(app: &TestApp, employee_id: &str) -> Vec<wire::DevOutboxMessage> {
    app.outbox()
        .await
        .into_iter()
        .filter(|message| {
            message.employee_id == employee_id && message.body.contains("/forgot#report=")
        })
        .collect()
}

/// The token of the report link in `alert`.
async fn report(app: &TestApp, token: &str) -> reqwest::Response {
    app.post("/api/v1/sign-in-reports", json!({ "token": token }), None)
        .await
}

fn count(kinds: &[String], kind: &str) -> usize {
    kinds.iter().filter(|seen| *seen == kind).count()
}

async fn a_new_browser_alerts_both_channels_once_and_a_known_one_never(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, device) = sign_in_from(&app, JORDAN, JORDAN_PIN, None, "en").await;
    let sent = alerts(&app, JORDAN).await;
    let mut channels: Vec<_> = sent.iter().map(|alert| alert.channel).collect();
    channels.sort_by_key(|channel| format!("{channel:?}"));
    assert_eq!(channels, [wire::Channel::Email, wire::Channel::Sms]);
    for alert in &sent {
        assert_eq!(alert.code, None, "an alert is no code");
        assert!(
            alert
                .body
                .contains("Your UPSers account was signed in to on"),
            "{}",
            alert.body
        );
        assert!(alert.body.contains("at the address 127.0.0.1"));
        assert!(alert.body.contains("It works once, for 7 days: http://"));
        assert_eq!(report_token(alert).len(), 43, "{}", alert.body);
    }
    assert_eq!(
        report_token(&sent[0]),
        report_token(&sent[1]),
        "one link, on each channel"
    );
    let audit = app_audit(&app, JORDAN).await;
    assert_eq!(count(&audit, "new_device_alert"), 1, "{audit:?}");

    // The same browser again, a month later: known, no alert.
    app.clock.advance(30 * DAY);
    sign_in_from(&app, JORDAN, JORDAN_PIN, Some(&device), "en").await;
    assert_eq!(alerts(&app, JORDAN).await.len(), 2);
    // Another browser: new.
    sign_in_from(&app, JORDAN, JORDAN_PIN, None, "en").await;
    assert_eq!(alerts(&app, JORDAN).await.len(), 4);
    // The first browser after 90 days unused: new again.
    app.clock.advance(91 * DAY);
    sign_in_from(&app, JORDAN, JORDAN_PIN, Some(&device), "en").await;
    assert_eq!(alerts(&app, JORDAN).await.len(), 6);
    // A browser known to Jordan is new to Sam.
    sign_in_from(&app, SAM, SAM_PIN, Some(&device), "en").await;
    assert_eq!(alerts(&app, SAM).await.len(), 1, "Sam has email only");
}

async fn alerts_are_written_in_the_language_the_employee_last_used_on_a_known_browser(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    // Nothing known yet: the language of the sign-in.
    let (_, device) = sign_in_from(&app, SAM, SAM_PIN, None, "es-MX,es;q=0.9").await;
    let first = alerts(&app, SAM).await.remove(0);
    assert!(
        first
            .body
            .contains("Se inició sesión en su cuenta de UPSers el"),
        "{}",
        first.body
    );
    assert!(first.body.contains("durante 7 días"));
    // Sam uses the known browser in English; a stranger's browser in
    // Spanish, past the first alert's burst, still alerts Sam in English.
    sign_in_from(&app, SAM, SAM_PIN, Some(&device), "en-US").await;
    app.clock.advance(11 * 60);
    sign_in_from(&app, SAM, SAM_PIN, None, "es").await;
    let latest = alerts(&app, SAM).await.remove(0);
    assert!(
        latest
            .body
            .contains("Your UPSers account was signed in to on"),
        "{}",
        latest.body
    );
}

async fn concurrent_sign_ins_from_one_new_browser_alert_once(backend: Backend) {
    let overrides = upsers_api::config::Overrides {
        messages_per_hour: Some(100),
        ..Default::default()
    };
    let app = spawn_app_with(backend, overrides).await;
    // A shared PC: a browser Jordan signed in on, new to Sam.
    let (_, device) = sign_in_from(&app, JORDAN, JORDAN_PIN, None, "en").await;
    let mut flows = Vec::new();
    for _ in 0..12 {
        let (flow, cookie) = app.start_login(SAM, SAM_PIN).await;
        assert_eq!(app.send_code(&flow, &cookie, "email").await.status(), 200);
        let code = app.latest_code(SAM).await;
        flows.push((flow, format!("{cookie}; {device}"), code));
    }
    let requests = flows.iter().map(|(flow, cookies, code)| {
        let path = format!("/api/v1/login/{}/verify", flow.flow_id);
        app.client
            .post(app.url(&path))
            .header("cookie", cookies)
            .json(&json!({ "code": code }))
    });
    // The attempts guard admits three checks of one ID at a time; the
    // others are told the ID is busy (423) and sign in nothing.
    let statuses = all_at_once(requests).await;
    let signed_in = statuses.iter().filter(|status| **status == 200).count();
    assert!(
        signed_in >= 3 && statuses.iter().all(|status| [200, 423].contains(status)),
        "{statuses:?}"
    );
    assert_eq!(
        alerts(&app, SAM).await.len(),
        1,
        "one alert for one browser"
    );
    let audit = app_audit(&app, SAM).await;
    assert_eq!(count(&audit, "sign_in_success"), signed_in);
    assert_eq!(count(&audit, "new_device_alert"), 1);
}

async fn this_wasnt_me_ends_sessions_forgets_devices_and_locks_until_a_reset_by_code(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let (mine, my_device) = app.sign_in_remembering(JORDAN, JORDAN_PIN, None).await;
    // Someone else, with Jordan's PIN and a code, on another browser.
    let (theirs, _) = sign_in_from(&app, JORDAN, JORDAN_PIN, None, "en").await;
    let token = report_token(&alerts(&app, JORDAN).await.remove(0));

    let response = report(&app, &token).await;
    assert_eq!(response.status(), 200);
    let _: wire::SignInReported = response.json().await.unwrap();
    for session in [&mine, &theirs] {
        let response = app.get_with_cookie("/api/v1/session", session).await;
        assert_eq!(response.status(), 401, "every session ended");
    }
    let notice = app.outbox().await.remove(0);
    assert!(
        notice
            .body
            .contains("You said a sign-in to your UPSers account wasn't you"),
        "{}",
        notice.body
    );
    let audit = app_audit(&app, JORDAN).await;
    assert_eq!(count(&audit, "sign_in_reported"), 1, "{audit:?}");

    // The right PIN, even on the remembered browser, meets the lock; a
    // wrong one is wrong as for anyone.
    for cookie in [my_device.as_str(), "__Host-other=1"] {
        let locked = error_body(app.login_with(JORDAN, JORDAN_PIN, cookie).await, 423).await;
        assert_eq!(locked.code, wire::ErrorCode::Locked);
        assert!(locked.names(wire::PIN_RESET_FIELD), "{locked:?}");
        assert_eq!(
            locked.retry_after_secs, None,
            "no countdown: a reset ends it"
        );
    }
    let wrong = error_body(app.login(JORDAN, "Not-The-Pin-9").await, 401).await;
    assert_eq!(wrong.code, wire::ErrorCode::InvalidCredentials);
    assert_eq!(
        report(&app, &token).await.status(),
        410,
        "the link is spent"
    );

    // Right answers to the questions are not enough.
    let by_questions = Recovery::start(&app, JORDAN).await;
    let refused = error_body(by_questions.answer_with(jordan_answer).await, 403).await;
    assert!(refused.names(wire::PIN_RESET_FIELD), "{refused:?}");
    assert_eq!(app.login(JORDAN, JORDAN_PIN).await.status(), 423);

    // A reset by a code to Jordan's email unlocks the ID.
    let by_email = Recovery::start(&app, JORDAN).await;
    by_email.verify_by("email").await;
    assert_eq!(by_email.set_pin(NEW_PIN).await.status(), 200);
    let (flow, _) = app.start_login(JORDAN, NEW_PIN).await;
    assert!(
        !flow.signed_in(),
        "a code is asked for: no device is remembered"
    );
    app.sign_in(JORDAN, NEW_PIN, "sms").await;
}

async fn a_report_link_works_once_for_seven_days_and_a_tampered_one_reveals_nothing(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    sign_in_from(&app, JORDAN, JORDAN_PIN, None, "en").await;
    sign_in_from(&app, SAM, SAM_PIN, None, "en").await;
    let jordans = report_token(&alerts(&app, JORDAN).await.remove(0));
    let sams = report_token(&alerts(&app, SAM).await.remove(0));

    let mut tampered = jordans.clone().into_bytes();
    tampered[10] = if tampered[10] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    let mut answers = Vec::new();
    for token in [tampered.as_str(), "", "not a token", &"x".repeat(5000)] {
        let response = report(&app, token).await;
        let body = error_body(response, 410).await;
        assert_eq!(body.code, wire::ErrorCode::Expired);
        answers.push(body.message);
    }
    // Seven days pass: Sam's link is over too, with the same words.
    app.clock.advance(7 * DAY);
    answers.push(error_body(report(&app, &sams).await, 410).await.message);
    answers.dedup();
    assert_eq!(
        answers.len(),
        1,
        "one answer for every bad link: {answers:?}"
    );
    assert_eq!(
        app.login(SAM, SAM_PIN).await.status(),
        200,
        "nothing locked"
    );
    assert_eq!(app.login(JORDAN, JORDAN_PIN).await.status(), 200);
    let audit = app_audit(&app, JORDAN).await;
    assert_eq!(count(&audit, "sign_in_reported"), 0);
}

async fn concurrent_reports_with_one_link_take_it_once(backend: Backend) {
    let app = spawn_app(backend).await;
    sign_in_from(&app, JORDAN, JORDAN_PIN, None, "en").await;
    let token = report_token(&alerts(&app, JORDAN).await.remove(0));
    let reports = (0..24).map(|_| {
        app.client
            .post(app.url("/api/v1/sign-in-reports"))
            .json(&json!({ "token": token }))
    });
    let statuses = all_at_once(reports).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 410).count(),
        23,
        "{statuses:?}"
    );
    let notices = app
        .outbox()
        .await
        .into_iter()
        .filter(|message| message.body.contains("wasn't you. Every device"))
        .count();
    assert_eq!(notices, 2, "one notice to each channel");
}

async fn a_sign_in_halfway_through_cannot_finish_after_a_report(backend: Backend) {
    let app = spawn_app(backend).await;
    sign_in_from(&app, JORDAN, JORDAN_PIN, None, "en").await;
    let token = report_token(&alerts(&app, JORDAN).await.remove(0));
    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    assert_eq!(app.send_code(&flow, &cookie, "sms").await.status(), 200);
    let code = app.latest_code(JORDAN).await;

    assert_eq!(report(&app, &token).await.status(), 200);
    let response = app.verify_code(&flow, &cookie, &code).await;
    assert!(cookie_pair(&response, "__Host-session").is_none());
    assert_eq!(
        error_body(response, 410).await.code,
        wire::ErrorCode::Expired
    );
}
