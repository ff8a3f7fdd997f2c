use crate::helpers::*;
use upsers_contract as wire;

on_both_stores!(
    the_session_ends_after_fifteen_idle_minutes,
    activity_extends_the_session_up_to_eight_hours,
    signing_out_ends_the_session_on_the_server,
    the_home_hub_shows_the_sign_in_before_this_one,
    no_session_means_unauthenticated,
);

async fn the_session_ends_after_fifteen_idle_minutes(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    app.clock.advance(899);
    let info: wire::SessionInfo = app
        .get_with_cookie("/api/v1/session", &session)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        info.idle_expires_at - info.server_time,
        1,
        "reading the session is not activity"
    );
    app.clock.advance(1);
    let body = error_body(app.get_with_cookie("/api/v1/session", &session).await, 401).await;
    assert_eq!(body.code, wire::ErrorCode::Unauthenticated);
}

async fn activity_extends_the_session_up_to_eight_hours(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    for _ in 0..35 {
        app.clock.advance(800);
        let response = app
            .post(
                "/api/v1/session/refresh",
                serde_json::json!({}),
                Some(&session),
            )
            .await;
        assert_eq!(response.status(), 200);
    }
    // 28,000 s in: the idle deadline stops at the absolute one (28,800 s).
    let info: wire::SessionInfo = app
        .get_with_cookie("/api/v1/session", &session)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(info.idle_expires_at, info.absolute_expires_at);
    app.clock.advance(800);
    error_body(app.get_with_cookie("/api/v1/home", &session).await, 401).await;
}

async fn signing_out_ends_the_session_on_the_server(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let response = app
        .post("/api/v1/logout", serde_json::json!({}), Some(&session))
        .await;
    assert_eq!(response.status(), 204);
    assert!(
        set_cookie_header(&response, "__Host-session")
            .unwrap()
            .contains("Max-Age=0")
    );
    error_body(app.get_with_cookie("/api/v1/session", &session).await, 401).await;
    error_body(app.get_with_cookie("/api/v1/home", &session).await, 401).await;
    assert_eq!(
        app_audit(&app, JORDAN).await.last().map(String::as_str),
        Some("sign_out")
    );
}

async fn the_home_hub_shows_the_sign_in_before_this_one(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let first_sign_in = app.clock_now();
    app.clock.advance(3600);
    let session = app.sign_in(JORDAN, JORDAN_PIN, "email").await;
    let home: wire::HomeHub = app
        .get_with_cookie("/api/v1/home", &session)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(home.last_sign_in_at, Some(first_sign_in));
}

async fn no_session_means_unauthenticated(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in ["/api/v1/session", "/api/v1/home"] {
        error_body(app.get(path).await, 401).await;
        error_body(
            app.get_with_cookie(path, "__Host-session=forged").await,
            401,
        )
        .await;
    }
    let response = app
        .post("/api/v1/logout", serde_json::json!({}), None)
        .await;
    assert_eq!(response.status(), 204, "signing out twice is harmless");
}
