//! Cross-site requests: a foreign page cannot sign an employee out, keep their
//! session alive, or drive a flow, whatever content type it picks.

use crate::helpers::*;
use upsers_api::config::Overrides;
use upsers_contract as wire;

on_both_stores!(
    state_changing_requests_from_another_origin_are_refused,
    the_portals_own_origin_and_plain_clients_are_served,
);

const PORTAL: &str = "https://portal.upsers.example";

async fn portal(backend: Backend) -> TestApp {
    spawn_app_with(
        backend,
        Overrides {
            public_origin: Some(PORTAL.into()),
            ..Default::default()
        },
    )
    .await
}

async fn state_changing_requests_from_another_origin_are_refused(backend: Backend) {
    let app = portal(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    for path in ["/api/v1/logout", "/api/v1/session/refresh"] {
        let response = app
            .client
            .post(app.url(path))
            .header("origin", "https://evil.example")
            .header("content-type", "text/plain")
            .header("cookie", &session)
            .body("x")
            .send()
            .await
            .unwrap();
        let body = error_body(response, 403).await;
        assert_eq!(body.code, wire::ErrorCode::Forbidden, "{path}");
    }
    let no_origin = app
        .client
        .post(app.url("/api/v1/login"))
        .header("sec-fetch-site", "cross-site")
        .json(&serde_json::json!({ "employee_id": JORDAN, "pin": "Wrong-Guess-123" }))
        .send()
        .await
        .unwrap();
    error_body(no_origin, 403).await;
    let still = app.get_with_cookie("/api/v1/session", &session).await;
    assert_eq!(still.status(), 200, "the session survived");
    let audit = app_audit(&app, JORDAN).await;
    assert!(
        !audit.iter().any(|kind| kind == "sign_in_failure"),
        "a refused request judges nothing: {audit:?}"
    );
}

async fn the_portals_own_origin_and_plain_clients_are_served(backend: Backend) {
    let app = portal(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let refresh = app
        .client
        .post(app.url("/api/v1/session/refresh"))
        .header("origin", PORTAL)
        .header("sec-fetch-site", "same-origin")
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(refresh.status(), 200);
    let read = app
        .client
        .get(app.url("/api/v1/policy"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200, "reads change nothing");
    let logout = app
        .client
        .post(app.url("/api/v1/logout"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(
        logout.status(),
        204,
        "no Origin: not a browser's cross-site request"
    );
}
