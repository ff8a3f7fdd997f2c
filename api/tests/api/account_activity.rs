//! My account's recent activity: the last 30 days of the audit trail that
//! concern the employee, paged, each event with the device it came from.

use crate::helpers::*;
use serde_json::json;
use upsers_contract as wire;
use wire::ActivityKind::*;

on_both_stores!(
    activity_lists_sign_ins_failures_and_changes_with_their_devices,
    activity_comes_a_page_at_a_time_newest_first_without_gaps,
    activity_goes_back_30_days_and_needs_a_session,
);

const CHROME_ON_WINDOWS: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX_ON_LINUX: &str =
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

async fn page(app: &TestApp, session: &str, before: Option<i64>) -> wire::ActivityPage {
    let path = match before {
        Some(before) => format!("/api/v1/account/activity?before={before}"),
        None => "/api/v1/account/activity".to_owned(),
    };
    let response = app.get_with_cookie(&path, session).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn kinds(page: &wire::ActivityPage) -> Vec<wire::ActivityKind> {
    page.events.iter().map(|event| event.kind).collect()
}

async fn activity_lists_sign_ins_failures_and_changes_with_their_devices(backend: Backend) {
    let app = spawn_app(backend).await;
    let started = app.clock_now();
    // Someone else's browser tries a PIN; Jordan signs in on Chrome.
    let guess = json!({ "employee_id": JORDAN, "pin": "Wrong-Guess-123" });
    let wrong = post_as(&app, FIREFOX_ON_LINUX, "/api/v1/login", guess, None).await;
    assert_eq!(wrong.status(), 401);
    app.clock.advance(60);
    let here = sign_in_as(&app, JORDAN, JORDAN_PIN, CHROME_ON_WINDOWS).await;
    // Sam's events are Sam's.
    sign_in_as(&app, SAM, SAM_PIN, CHROME_ON_WINDOWS).await;
    // A wrong current PIN, then a change, from this browser.
    let step_up = json!({ "current_pin": "Wrong-Guess-124", "new_pin": "Maple-Lantern-Harbor-31" });
    let refused = post_as(
        &app,
        CHROME_ON_WINDOWS,
        "/api/v1/account/pin",
        step_up,
        Some(&here),
    )
    .await;
    assert_eq!(refused.status(), 401);
    let change = json!({ "current_pin": JORDAN_PIN, "new_pin": "Maple-Lantern-Harbor-31" });
    let changed = post_as(
        &app,
        CHROME_ON_WINDOWS,
        "/api/v1/account/pin",
        change,
        Some(&here),
    )
    .await;
    assert_eq!(changed.status(), 200);

    let listed = page(&app, &here, None).await;
    assert_eq!(listed.server_time, app.clock_now());
    assert_eq!(listed.more_before, None);
    assert_eq!(
        kinds(&listed),
        [PinChanged, WrongCurrentPin, SignedIn, WrongPin]
    );
    let signed_in = &listed.events[2];
    assert_eq!(signed_in.browser.as_deref(), Some("Chrome 131"));
    assert_eq!(signed_in.os.as_deref(), Some("Windows 10"));
    assert_eq!(signed_in.address.as_deref(), Some("127.0.0.1"));
    assert_eq!(signed_in.at, started + 60);
    assert!(signed_in.this_device);
    assert!(listed.events[..3].iter().all(|event| event.this_device));
    let guessed = &listed.events[3];
    assert_eq!(guessed.browser.as_deref(), Some("Firefox 133"));
    assert_eq!(guessed.os.as_deref(), Some("Linux"));
    assert_eq!(guessed.at, started);
    assert!(!guessed.this_device, "another browser at the same address");

    // A client that names no browser is never this device.
    let bare = app
        .sign_in(JORDAN, "Maple-Lantern-Harbor-31", "email")
        .await;
    let listed = page(&app, &bare, None).await;
    assert_eq!(listed.events[0].kind, SignedIn);
    assert_eq!(listed.events[0].browser, None);
    assert!(listed.events.iter().all(|event| !event.this_device));
}

async fn activity_comes_a_page_at_a_time_newest_first_without_gaps(backend: Backend) {
    let app = spawn_app(backend).await;
    // Six lockouts: 6 × (3 wrong PINs + the lock) = 24 events.
    for round in 0..6 {
        for guess in 0..3 {
            let pin = format!("Wrong-Guess-{round}{guess}");
            let status = app.login(JORDAN, &pin).await.status();
            assert!(status == 401 || status == 423, "{status}");
            // Someone else's events in between count in no number of his.
            let status = app.login(SAM, &pin).await.status();
            assert!(status == 401 || status == 423, "{status}");
        }
        app.clock.advance(15 * 60);
    }
    let here = app.sign_in(JORDAN, JORDAN_PIN, "email").await;

    let first = page(&app, &here, None).await;
    assert_eq!(first.events.len(), 20);
    assert_eq!(first.events[0].kind, SignedIn);
    let before = first.more_before.expect("a second page");
    assert_eq!(before, first.events[19].id);
    let second = page(&app, &here, Some(before)).await;
    assert_eq!(
        second.events.len(),
        5,
        "24 failures and locks, and the sign-in"
    );
    assert_eq!(second.more_before, None);
    let ids: Vec<i64> = first
        .events
        .iter()
        .chain(&second.events)
        .map(|e| e.id)
        .collect();
    assert_eq!(
        ids,
        (1..=25).rev().collect::<Vec<i64>>(),
        "numbered among his own events, without gaps"
    );
    let all: Vec<_> = first
        .events
        .iter()
        .chain(&second.events)
        .map(|e| e.kind)
        .collect();
    assert_eq!(all.iter().filter(|kind| **kind == Locked).count(), 6);
    assert_eq!(all.iter().filter(|kind| **kind == WrongPin).count(), 18);
}

async fn activity_goes_back_30_days_and_needs_a_session(backend: Backend) {
    let app = spawn_app(backend).await;
    error_body(app.login(JORDAN, "Wrong-Guess-123").await, 401).await;
    app.clock.advance(30 * 24 * 60 * 60 + 1);
    let here = app.sign_in(JORDAN, JORDAN_PIN, "email").await;
    assert_eq!(
        kinds(&page(&app, &here, None).await),
        [SignedIn],
        "the old failure is gone"
    );

    let anonymous = error_body(app.get("/api/v1/account/activity").await, 401).await;
    assert_eq!(anonymous.code, wire::ErrorCode::Unauthenticated);
    for bad in ["abc", "-1", "0", ""] {
        let path = format!("/api/v1/account/activity?before={bad}");
        let body = error_body(app.get_with_cookie(&path, &here).await, 422).await;
        assert_eq!(body.fields, ["before"], "{bad}");
    }
}
