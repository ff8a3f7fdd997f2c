use crate::helpers::*;
use upsers_contract as wire;

on_both_stores!(
    malformed_json_is_a_400_with_the_error_body,
    wrong_types_and_missing_fields_are_422,
    a_body_over_16_kib_is_413,
    a_body_that_is_not_json_is_415,
    a_malformed_employee_id_is_named_and_not_counted,
);

async fn send_raw(app: &TestApp, body: &'static str, content_type: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/login"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn malformed_json_is_a_400_with_the_error_body(backend: Backend) {
    let app = spawn_app(backend).await;
    let body = error_body(
        send_raw(&app, "{\"employee_id\": ", "application/json").await,
        400,
    )
    .await;
    assert_eq!(body.code, wire::ErrorCode::InvalidInput);
}

async fn wrong_types_and_missing_fields_are_422(backend: Backend) {
    let app = spawn_app(backend).await;
    for body in [
        r#"{"employee_id": 1234567, "pin": "x"}"#,
        r#"{"employee_id": "1234567"}"#,
        "[]",
    ] {
        let error = error_body(send_raw(&app, body, "application/json").await, 422).await;
        assert_eq!(error.code, wire::ErrorCode::InvalidInput, "{body}");
    }
}

async fn a_body_over_16_kib_is_413(backend: Backend) {
    let app = spawn_app(backend).await;
    let pin = "x".repeat(17 * 1024);
    let body = error_body(app.login(JORDAN, &pin).await, 413).await;
    assert_eq!(body.code, wire::ErrorCode::PayloadTooLarge);
}

async fn a_body_that_is_not_json_is_415(backend: Backend) {
    let app = spawn_app(backend).await;
    let body = error_body(
        send_raw(
            &app,
            "employee_id=1234567",
            "application/x-www-form-urlencoded",
        )
        .await,
        415,
    )
    .await;
    assert_eq!(body.code, wire::ErrorCode::InvalidInput);
}

async fn a_malformed_employee_id_is_named_and_not_counted(backend: Backend) {
    let app = spawn_app(backend).await;
    for employee_id in ["123", "12345678", "１２３４５６７", "123456\u{0}"] {
        let body = error_body(app.login(employee_id, "Wrong-Guess-123").await, 422).await;
        assert_eq!(body.fields, ["employee_id"], "{employee_id:?}");
    }
    let body = error_body(app.login(" 1234567 ", "Wrong-Guess-123").await, 401).await;
    assert_eq!(
        body.attempts_remaining,
        Some(2),
        "surrounding spaces are ignored; nothing else counted"
    );
}
