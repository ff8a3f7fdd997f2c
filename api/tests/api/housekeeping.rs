//! Housekeeping: the delivery worker purges what is over (flows, codes,
//! sessions, limit rows) and audit events past their retention. The clock is
//! moved, not waited for.

use std::sync::Arc;

use serde_json::json;
use upsers_api::config::{DeliverySettings, EmailBackend, SmsBackend};
use upsers_api::courier::Courier;
use upsers_api::courier::worker::Worker;
use upsers_api::store::Store;

use crate::helpers::*;

on_both_stores!(expired_rows_are_purged_and_audit_events_kept_for_their_retention);

async fn expired_rows_are_purged_and_audit_events_kept_for_their_retention(backend: Backend) {
    let app = spawn_app(backend).await;
    for n in 0..300 {
        let employee_id = format!("{}", 5_000_000 + n);
        let started = app
            .post(
                "/api/v1/recovery",
                json!({ "employee_id": employee_id }),
                None,
            )
            .await;
        assert_eq!(started.status(), 200);
    }
    app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    assert_eq!(app.login("7000002", "Wrong-Guess-123").await.status(), 401);
    let before = (
        rows(&app, "flows").await,
        rows(&app, "sessions").await,
        rows(&app, "attempt_limits").await,
    );
    assert!(
        before.0 >= 301 && before.1 == 1 && before.2 >= 2,
        "{before:?}"
    );
    let audit_before = rows(&app, "audit_events").await;

    let store = Store::connect(&app.database_url).await.unwrap();
    let delivery = DeliverySettings {
        email: EmailBackend::DevOutbox,
        sms: SmsBackend::DevOutbox,
    };
    let worker = Worker::new(
        store.clone(),
        Courier::new(&delivery, &[7u8; 32]).unwrap(),
        app.clock.clone() as Arc<dyn upsers_api::clock::Clock>,
        400,
    );
    worker.purge().await;
    assert_eq!(
        rows(&app, "flows").await,
        before.0,
        "nothing live is purged"
    );
    assert_eq!(rows(&app, "sessions").await, 1);

    // A day on, every flow, session and window is over.
    app.clock.advance(24 * 3600);
    worker.purge().await;
    assert_eq!(rows(&app, "flows").await, 0);
    assert_eq!(rows(&app, "one_time_codes").await, 0, "codes go with flows");
    assert_eq!(rows(&app, "sessions").await, 0);
    // The wrong PIN's run of failures has no end of its own: it stays.
    assert_eq!(rows(&app, "attempt_limits").await, 1);
    assert_eq!(rows(&app, "audit_events").await, audit_before, "audit kept");

    app.clock.advance(400 * 24 * 3600);
    worker.purge().await;
    assert_eq!(rows(&app, "audit_events").await, 0, "past its retention");
    store.close().await;
}
