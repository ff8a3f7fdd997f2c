//! My account's devices and sessions: the live sessions with the device each
//! was opened from, signing out one of them, and all the others at once.

use crate::helpers::*;
use serde_json::json;
use upsers_contract as wire;

on_both_stores!(
    each_live_session_is_listed_with_its_device_the_latest_active_first,
    signing_out_another_session_ends_that_one_only,
    signing_out_every_other_session_keeps_this_one,
    the_session_list_and_its_sign_outs_need_a_session,
);

const CHROME_ON_WINDOWS: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_ON_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

async fn sessions(app: &TestApp, session: &str) -> Vec<wire::ActiveSession> {
    let response = app
        .get_with_cookie("/api/v1/account/sessions", session)
        .await;
    assert_eq!(response.status(), 200);
    let list: wire::ActiveSessions = response.json().await.unwrap();
    assert_eq!(list.server_time, app.clock_now());
    list.sessions
}

async fn end(app: &TestApp, session: &str, id: &str) -> reqwest::Response {
    app.post(
        "/api/v1/account/sessions/end",
        json!({ "session_id": id }),
        Some(session),
    )
    .await
}

async fn ended(response: reqwest::Response) -> u64 {
    assert_eq!(response.status(), 200);
    response.json::<wire::SessionsEnded>().await.unwrap().ended
}

async fn each_live_session_is_listed_with_its_device_the_latest_active_first(backend: Backend) {
    let app = spawn_app(backend).await;
    let started = app.clock_now();
    let here = sign_in_as(&app, JORDAN, JORDAN_PIN, CHROME_ON_WINDOWS).await;
    app.clock.advance(60);
    let phone = sign_in_as(&app, JORDAN, JORDAN_PIN, SAFARI_ON_IPHONE).await;
    sign_in_as(&app, SAM, SAM_PIN, CHROME_ON_WINDOWS).await;

    let listed = sessions(&app, &here).await;
    assert_eq!(listed.len(), 2, "Jordan's two, not Sam's: {listed:?}");
    let (newest, oldest) = (&listed[0], &listed[1]);
    assert_eq!(newest.browser.as_deref(), Some("Safari 17"));
    assert_eq!(newest.os.as_deref(), Some("iOS 17.5"));
    assert!(!newest.this_device);
    assert_eq!(newest.started_at, started + 60);
    assert_eq!(oldest.browser.as_deref(), Some("Chrome 131"));
    assert_eq!(oldest.os.as_deref(), Some("Windows 10"));
    assert!(oldest.this_device);
    assert_eq!(oldest.address.as_deref(), Some("127.0.0.1"));
    assert_eq!(
        (oldest.started_at, oldest.last_active_at),
        (started, started)
    );
    assert_ne!(newest.id, oldest.id);
    assert!(
        listed.iter().all(|session| session.id.len() >= 22),
        "random handles"
    );

    // Activity on this device moves it first; reading the list is none.
    app.clock.advance(60);
    let refreshed = app
        .post("/api/v1/session/refresh", json!({}), Some(&here))
        .await;
    assert_eq!(refreshed.status(), 200);
    let listed = sessions(&app, &phone).await;
    assert!(listed[0].id == oldest.id && !listed[0].this_device);
    assert_eq!(listed[0].last_active_at, started + 120);
    assert!(listed[1].this_device);
    assert_eq!(listed[1].last_active_at, started + 60);

    // A session past its idle deadline is not listed, nor live.
    app.clock.advance(15 * 60 - 30);
    let listed = sessions(&app, &here).await;
    assert_eq!(listed.len(), 1, "the phone idled out: {listed:?}");
    assert!(listed[0].this_device);

    // A client that sends no User-Agent is listed without a device.
    let bare = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let listed = sessions(&app, &bare).await;
    let this = listed.iter().find(|session| session.this_device).unwrap();
    assert_eq!((this.browser.as_deref(), this.os.as_deref()), (None, None));
}

async fn signing_out_another_session_ends_that_one_only(backend: Backend) {
    let app = spawn_app(backend).await;
    let here = sign_in_as(&app, JORDAN, JORDAN_PIN, CHROME_ON_WINDOWS).await;
    let phone = sign_in_as(&app, JORDAN, JORDAN_PIN, SAFARI_ON_IPHONE).await;
    let sam = sign_in_as(&app, SAM, SAM_PIN, CHROME_ON_WINDOWS).await;
    let listed = sessions(&app, &here).await;
    let this = listed.iter().find(|session| session.this_device).unwrap();
    let other = listed.iter().find(|session| !session.this_device).unwrap();
    let sams = sessions(&app, &sam).await.remove(0);

    let own = error_body(end(&app, &here, &this.id).await, 422).await;
    assert_eq!(
        own.fields,
        ["session_id"],
        "this one is ended by signing out"
    );
    assert_eq!(
        ended(end(&app, &here, &sams.id).await).await,
        0,
        "not Jordan's"
    );
    assert_eq!(
        app.get_with_cookie("/api/v1/session", &sam).await.status(),
        200
    );

    assert_eq!(ended(end(&app, &here, &other.id).await).await, 1);
    error_body(app.get_with_cookie("/api/v1/session", &phone).await, 401).await;
    assert_eq!(
        app.get_with_cookie("/api/v1/session", &here).await.status(),
        200
    );
    assert_eq!(ended(end(&app, &here, &other.id).await).await, 0, "once");
    assert_eq!(sessions(&app, &here).await.len(), 1);

    let audit = app_audit(&app, JORDAN).await;
    let kinds = audit.iter().filter(|kind| *kind == "session_ended");
    assert_eq!(kinds.count(), 1, "{audit:?}");
    assert!(
        !app_audit(&app, SAM)
            .await
            .contains(&"session_ended".to_owned())
    );
}

async fn signing_out_every_other_session_keeps_this_one(backend: Backend) {
    let app = spawn_app(backend).await;
    let here = sign_in_as(&app, JORDAN, JORDAN_PIN, CHROME_ON_WINDOWS).await;
    let others = [
        sign_in_as(&app, JORDAN, JORDAN_PIN, SAFARI_ON_IPHONE).await,
        app.sign_in(JORDAN, JORDAN_PIN, "email").await,
    ];
    let sam = app.sign_in(SAM, SAM_PIN, "email").await;
    let all_others = "/api/v1/account/sessions/end-others";

    assert_eq!(
        ended(app.post(all_others, json!({}), Some(&here)).await).await,
        2
    );
    for other in &others {
        error_body(app.get_with_cookie("/api/v1/session", other).await, 401).await;
    }
    let listed = sessions(&app, &here).await;
    assert!(listed.len() == 1 && listed[0].this_device, "{listed:?}");
    assert_eq!(
        app.get_with_cookie("/api/v1/session", &sam).await.status(),
        200,
        "another employee's session is theirs"
    );
    assert_eq!(
        ended(app.post(all_others, json!({}), Some(&here)).await).await,
        0
    );
}

async fn the_session_list_and_its_sign_outs_need_a_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let anonymous = error_body(app.get("/api/v1/account/sessions").await, 401).await;
    assert_eq!(anonymous.code, wire::ErrorCode::Unauthenticated);
    error_body(
        app.post("/api/v1/account/sessions/end-others", json!({}), None)
            .await,
        401,
    )
    .await;
    let forged = "__Host-session=forged";
    error_body(end(&app, forged, "abc").await, 401).await;

    let here = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    for bad in [
        json!({ "session_id": "" }),
        json!({ "session_id": "x".repeat(65) }),
    ] {
        let body = error_body(
            app.post("/api/v1/account/sessions/end", bad, Some(&here))
                .await,
            422,
        )
        .await;
        assert_eq!(body.fields, ["session_id"]);
    }
    let wrong_type = app
        .post(
            "/api/v1/account/sessions/end",
            json!({ "session_id": 7 }),
            Some(&here),
        )
        .await;
    assert_eq!(
        error_body(wrong_type, 422).await.code,
        wire::ErrorCode::InvalidInput
    );
}
