use crate::helpers::{
    Backend, TestApp, on_both_stores, postgres_admin_url, spawn_app, spawn_app_with,
};
use upsers_api::config::Overrides;
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
    let app = app_with_the_production_store_wait().await;
    assert_eq!(app.get("/readyz").await.status(), 200);
    set_store_up(&app, false).await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 503);
    let body: wire::ErrorBody = response.json().await.unwrap();
    assert_eq!(body.code, wire::ErrorCode::Unavailable);
    set_store_up(&app, true).await;
    let response = app.get("/readyz").await;
    assert_eq!(
        response.status(),
        200,
        "the pool reconnects without a restart"
    );
}

/// An app on PostgreSQL that waits for a store connection as long as
/// production does (test apps wait longer, see helpers.rs): a store that is
/// down must be answered within it.
async fn app_with_the_production_store_wait() -> TestApp {
    let overrides = Overrides {
        store_acquire_timeout_ms: Some(
            upsers_api::store::DEFAULT_ACQUIRE_TIMEOUT.as_millis() as u64
        ),
        ..Default::default()
    };
    spawn_app_with(Backend::Postgres, overrides).await
}

/// Makes the test's PostgreSQL database refuse (or accept again) connections,
/// and ends the pool's current ones: the store is "down".
async fn set_store_up(app: &TestApp, up: bool) {
    use sqlx::Connection;
    let database = app.database_url.rsplit('/').next().unwrap().to_owned();
    let mut admin = sqlx::PgConnection::connect(&postgres_admin_url())
        .await
        .unwrap();
    sqlx::query(&format!("ALTER DATABASE {database} ALLOW_CONNECTIONS {up}"))
        .execute(&mut admin)
        .await
        .unwrap();
    if !up {
        end_the_apps_connections(&mut admin, &database).await;
    }
}

/// Ends the test app's own connections to `database`, and only those: the
/// server's own processes on it (an autovacuum worker, which runs as the
/// superuser) cannot be ended by the test role, and asking failed the test.
async fn end_the_apps_connections(admin: &mut sqlx::PgConnection, database: &str) {
    sqlx::query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = $1 AND backend_type = 'client backend' \
         AND usename = current_user AND pid <> pg_backend_pid()",
    )
    .bind(database)
    .execute(admin)
    .await
    .unwrap();
}

/// Makes the test's PostgreSQL database refuse writes (as a replica after a
/// failover, or a database set read-only), or take them again; current
/// connections end so that new ones see the setting.
async fn set_store_writable(app: &TestApp, writable: bool) {
    use sqlx::Connection;
    let database = app.database_url.rsplit('/').next().unwrap().to_owned();
    let mut admin = sqlx::PgConnection::connect(&postgres_admin_url())
        .await
        .unwrap();
    sqlx::query(&format!(
        "ALTER DATABASE {database} SET default_transaction_read_only = {}",
        if writable { "off" } else { "on" }
    ))
    .execute(&mut admin)
    .await
    .unwrap();
    end_the_apps_connections(&mut admin, &database).await;
}

#[tokio::test]
async fn a_store_that_refuses_writes_is_a_503_and_not_ready_until_it_takes_them_again() {
    use crate::helpers::{JORDAN, JORDAN_PIN, error_body};
    let app = app_with_the_production_store_wait().await;
    set_store_writable(&app, false).await;
    // The first request after the terminated connections may meet a dead one.
    let _ = app.get("/readyz").await;
    let body = error_body(app.get("/readyz").await, 503).await;
    assert_eq!(body.code, wire::ErrorCode::Unavailable);
    let body = error_body(app.login(JORDAN, JORDAN_PIN).await, 503).await;
    assert_eq!(body.code, wire::ErrorCode::Unavailable, "not a 500");
    assert_eq!(
        app.get("/api/v1/policy").await.status(),
        200,
        "reads still work"
    );
    set_store_writable(&app, true).await;
    let _ = app.get("/readyz").await;
    assert_eq!(
        app.get("/readyz").await.status(),
        200,
        "ready again, no restart"
    );
    assert_eq!(app.login(JORDAN, JORDAN_PIN).await.status(), 200);
}

#[tokio::test]
async fn a_sign_in_while_the_store_is_down_is_a_503_and_the_next_one_works() {
    use crate::helpers::{JORDAN, JORDAN_PIN, error_body};
    let app = app_with_the_production_store_wait().await;
    set_store_up(&app, false).await;
    // Answered within the acquire timeout (1 s by default), not left hanging.
    let answer = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        app.login(JORDAN, JORDAN_PIN),
    )
    .await
    .expect("an answer while the store is down");
    let body = error_body(answer, 503).await;
    assert_eq!(body.code, wire::ErrorCode::Unavailable);
    set_store_up(&app, true).await;
    assert_eq!(
        app.login(JORDAN, JORDAN_PIN).await.status(),
        200,
        "no restart needed"
    );
}

/// SQLite refuses writes while another process holds the write lock past the
/// busy timeout (a backup tool, an operator's `sqlite3` shell left in a
/// transaction): sign-ins and readiness answer 503 with the error body, reads
/// go on, and service returns when the lock is let go.
#[tokio::test]
async fn a_sqlite_store_locked_by_another_process_is_a_503_and_recovers_by_itself() {
    use crate::helpers::{JORDAN, JORDAN_PIN, error_body};
    use sqlx::{Connection, Executor};
    let app = spawn_app(Backend::Sqlite).await;
    let mut other_process = sqlx::SqliteConnection::connect(&app.database_url)
        .await
        .unwrap();
    other_process.execute("BEGIN EXCLUSIVE").await.unwrap();
    // Both wait out the store's 5 s busy timeout, side by side.
    let (ready, sign_in) = tokio::join!(app.get("/readyz"), app.login(JORDAN, JORDAN_PIN));
    let body = error_body(ready, 503).await;
    assert_eq!(body.code, wire::ErrorCode::Unavailable);
    let body = error_body(sign_in, 503).await;
    assert_eq!(body.code, wire::ErrorCode::Unavailable, "not a 500");
    assert_eq!(
        app.get("/api/v1/policy").await.status(),
        200,
        "reads still work"
    );
    other_process.execute("ROLLBACK").await.unwrap();
    assert_eq!(app.get("/readyz").await.status(), 200, "ready again");
    assert_eq!(app.login(JORDAN, JORDAN_PIN).await.status(), 200);
}
