//! Equal work for every kind of Employee ID: a known active employee, an ID
//! nobody has, a disabled employee and a pending hire make each endpoint that
//! takes an ID before any secret is proven perform the same store operations
//! and the same argon2 hashing. Equal answers are not enough: different work
//! shows in the time an answer takes.

use serde_json::json;
use upsers_api::work::Work;

use crate::helpers::*;
use crate::registration::ALEX;

on_both_stores!(every_kind_of_id_costs_the_same_work);

/// Jordan (active, text and email), an unknown ID, Sam (disabled here) and
/// Alex (pending).
const KINDS: [(&str, &str); 4] = [
    ("active", JORDAN),
    ("unknown", "7000003"),
    ("disabled", SAM),
    ("pending", ALEX),
];

/// The work of the request `send` makes, as the server logged it.
async fn work_of(app: &TestApp, send: impl std::future::Future<Output = u16>) -> Work {
    let before = app.work.entries().len();
    send.await;
    let entries = app.work.entries();
    assert_eq!(entries.len(), before + 1, "one request");
    entries.last().cloned().unwrap()
}

/// (store operations, hashes, status) per kind, asserting they are all alike.
fn assert_alike(what: &str, measured: &[(&str, Work)]) {
    let (first_kind, first) = &measured[0];
    for (kind, work) in &measured[1..] {
        assert_eq!(
            (work.store_operations, work.hashes, work.status),
            (first.store_operations, first.hashes, first.status),
            "{what}: {kind} differs from {first_kind}: {measured:?}"
        );
    }
}

async fn every_kind_of_id_costs_the_same_work(backend: Backend) {
    let app = spawn_app(backend).await;
    let store = upsers_api::store::Store::connect(&app.database_url)
        .await
        .unwrap();
    assert!(store.disable_employee(SAM).await.unwrap());
    store.close().await;

    let mut login = Vec::new();
    let mut start = Vec::new();
    let mut send_sms = Vec::new();
    let mut send_email = Vec::new();
    let mut register = Vec::new();
    for (kind, id) in KINDS {
        login.push((
            kind,
            work_of(&app, async {
                app.login(id, "Wrong-Guess-123").await.status().as_u16()
            })
            .await,
        ));
        let mut cookie = String::new();
        let mut flow_id = String::new();
        start.push((
            kind,
            work_of(&app, async {
                let response = app
                    .post("/api/v1/recovery", json!({ "employee_id": id }), None)
                    .await;
                cookie = cookie_pair(&response, "__Host-recovery").unwrap();
                let flow: upsers_contract::RecoveryStarted = response.json().await.unwrap();
                flow_id = flow.flow_id;
                200
            })
            .await,
        ));
        let path = format!("/api/v1/recovery/{flow_id}/send");
        for (channel, sends) in [("sms", &mut send_sms), ("email", &mut send_email)] {
            sends.push((
                kind,
                work_of(&app, async {
                    app.post(&path, json!({ "channel": channel }), Some(&cookie))
                        .await
                        .status()
                        .as_u16()
                })
                .await,
            ));
        }
        register.push((
            kind,
            work_of(&app, async {
                app.post(
                    "/api/v1/registration",
                    json!({ "employee_id": id, "registration_code": "AAAA-BBBB-CCCC" }),
                    None,
                )
                .await
                .status()
                .as_u16()
            })
            .await,
        ));
    }
    assert_eq!(
        login[0].1.hashes, 1,
        "a wrong PIN is one argon2 verification"
    );
    assert_alike("POST /login", &login);
    assert_alike("POST /recovery", &start);
    assert_alike("POST /recovery/{flow}/send sms", &send_sms);
    assert_alike("POST /recovery/{flow}/send email", &send_email);
    assert_alike("POST /registration", &register);
}
