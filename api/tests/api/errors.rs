use crate::helpers::{Backend, on_both_stores, spawn_app};
use upsers_contract as wire;

on_both_stores!(
    an_unknown_api_path_is_a_json_404_not_the_spa,
    a_wrong_method_on_an_api_path_is_a_json_405,
);

async fn an_unknown_api_path_is_a_json_404_not_the_spa(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in ["/api/nope", "/api/v1/nope", "/api", "/api/"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{path}"
        );
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
        let body: wire::ErrorBody = response.json().await.unwrap();
        assert_eq!(body.code, wire::ErrorCode::NotFound, "{path}");
        assert!(!body.message.is_empty());
        assert!(
            body.server_time > 1_600_000_000,
            "the answer carries the server time"
        );
    }
}

async fn a_wrong_method_on_an_api_path_is_a_json_405(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app
        .client
        .delete(app.url("/api/v1/policy"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    let body: wire::ErrorBody = response.json().await.unwrap();
    assert_eq!(body.code, wire::ErrorCode::MethodNotAllowed);
}

#[tokio::test]
async fn the_dev_outbox_is_not_routed_outside_demo_mode() {
    use std::sync::Arc;
    use tower::ServiceExt;
    use upsers_api::{clock, config, courier, password, routes, state, store};

    let dir = tempfile::tempdir().unwrap();
    let settings = config::Settings::resolve(config::Overrides {
        database_url: Some(format!("sqlite://{}", dir.path().join("s.db").display())),
        secret_key: Some("ab".repeat(32)),
        email_backend: Some(config::EmailBackendKind::Smtp),
        smtp_host: Some("smtp.upsers.example".into()),
        email_from: Some("no-reply@upsers.example".into()),
        sms_backend: Some(config::SmsBackendKind::Webhook),
        sms_webhook_url: Some("https://sms.upsers.example/send".into()),
        sms_webhook_token: Some("token".parse().unwrap()),
        ..Default::default()
    })
    .unwrap();
    let courier = courier::Courier::new(&settings.delivery, &settings.secret_key).unwrap();
    let store = store::Store::connect(&settings.database_url).await.unwrap();
    store.migrate().await.unwrap();
    let app_state = state::AppState::new(
        settings,
        store,
        Arc::new(clock::SystemClock),
        password::PinHasher::new(1),
        courier,
    );
    for (demo, expected) in [(false, 404), (true, 200)] {
        let router = axum::Router::new()
            .nest("/api", routes::api(&app_state, demo))
            .with_state(app_state.clone());
        let request = axum::http::Request::get("/api/v1/dev/outbox")
            .body(axum::body::Body::empty())
            .unwrap();
        let response = router.oneshot(request).await.unwrap();
        assert_eq!(response.status(), expected, "demo = {demo}");
    }
}
