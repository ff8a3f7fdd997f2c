use crate::helpers::{Backend, on_both_stores, postgres_admin_url, spawn_app};
use upsers_contract as wire;

on_both_stores!(
    liveness_answers_ok,
    readiness_answers_ready_when_the_store_answers,
    shutdown_is_graceful
);

async fn liveness_answers_ok(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body: wire::Health = response.json().await.unwrap();
    assert_eq!(body.status, "ok");
}

async fn readiness_answers_ready_when_the_store_answers(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 200);
    let body: wire::Health = response.json().await.unwrap();
    assert_eq!(body.status, "ready");
}

async fn shutdown_is_graceful(backend: Backend) {
    let app = spawn_app(backend).await;
    assert_eq!(app.get("/healthz").await.status(), 200);
    let address = app.url("/healthz");
    app.stop().await.expect("the server stops cleanly");
    assert!(
        reqwest::get(address).await.is_err(),
        "nothing listens after shutdown"
    );
}

#[tokio::test]
async fn readiness_answers_503_while_postgres_is_away_and_recovers_by_itself() {
    use sqlx::Connection;
    let app = spawn_app(Backend::Postgres).await;
    assert_eq!(app.get("/readyz").await.status(), 200);

    let database = app.database_url.rsplit('/').next().unwrap().to_owned();
    let mut admin = sqlx::PgConnection::connect(&postgres_admin_url())
        .await
        .unwrap();
    // Refuse new connections and end the pool's current ones: the store is "down".
    sqlx::query(&format!(
        "ALTER DATABASE {database} ALLOW_CONNECTIONS false"
    ))
    .execute(&mut admin)
    .await
    .unwrap();
    sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1")
        .bind(&database)
        .execute(&mut admin)
        .await
        .unwrap();

    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 503);
    let body: wire::ErrorBody = response.json().await.unwrap();
    assert_eq!(body.code, wire::ErrorCode::Unavailable);

    sqlx::query(&format!("ALTER DATABASE {database} ALLOW_CONNECTIONS true"))
        .execute(&mut admin)
        .await
        .unwrap();
    let response = app.get("/readyz").await;
    assert_eq!(
        response.status(),
        200,
        "the pool reconnects without a restart"
    );
}
