use crate::helpers::{Backend, spawn_app};

#[test]
fn the_committed_openapi_document_matches_the_code() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json"))
        .expect("api/openapi.json is committed");
    assert!(
        committed == upsers_api::openapi::document(),
        "api/openapi.json is out of date: run `cargo run -p upsers-api -- openapi > api/openapi.json`"
    );
}

#[tokio::test]
async fn the_document_is_served_and_names_every_sign_in_path() {
    let app = spawn_app(Backend::Sqlite).await;
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    let document: serde_json::Value = response.json().await.unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    for path in [
        "/api/v1/login",
        "/api/v1/login/{flow}/send",
        "/api/v1/login/{flow}/verify",
        "/api/v1/session",
    ] {
        assert!(document["paths"].get(path).is_some(), "{path}");
    }
    assert!(document["components"]["schemas"].get("ErrorBody").is_some());
}
