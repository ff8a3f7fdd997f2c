//! Limits under attack, tried as an attacker would: hundreds of requests at
//! once over real connections, on each store and on two API instances sharing
//! one PostgreSQL database; requests the client drops mid-check; a process
//! killed mid-check. Each test counts the secrets that were judged (from the
//! answers and the audit trail) against what the policy allows, then sends
//! the right secret and expects it refused.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use tokio::io::AsyncWriteExt;
use tokio::sync::Barrier;
use tokio::task::JoinSet;
use upsers_api::config::Overrides;
use upsers_contract as wire;

use crate::helpers::{
    Backend, JORDAN, JORDAN_PIN, TestApp, a_wrong_code, app_audit, cookie_pair, on_both_stores,
    rows, spawn_app_with, spawn_instance_sharing,
};
use crate::passkeys::registration_options;
use crate::registration::{ALEX, ALEX_CODE};
use crate::soft_authenticator::SoftAuthenticator;

/// How many requests each attack sends at once.
const AT_ONCE: usize = 200;

/// Where a test runs: one instance on either store, or two instances on one
/// PostgreSQL database, taking the requests in turn.
#[derive(Debug, Clone, Copy)]
enum Deployment {
    One(Backend),
    TwoOnPostgres,
}

/// Runs each `async fn name(deployment: Deployment)` on SQLite, on
/// PostgreSQL, and on two instances sharing one PostgreSQL database.
macro_rules! on_every_deployment {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use super::Deployment;
            use crate::helpers::Backend;
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                super::$name(Deployment::One(Backend::Sqlite)).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                super::$name(Deployment::One(Backend::Postgres)).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn two_instances_on_postgres() {
                super::$name(Deployment::TwoOnPostgres).await
            }
        }
    )*};
}

on_every_deployment!(
    one_code_is_judged_at_most_five_times_however_many_guesses_arrive_at_once,
    guesses_over_many_flows_of_one_employee_stop_at_the_address_cap,
    wrong_pins_over_many_ids_from_one_address_stop_at_the_address_cap,
    one_employee_id_gets_at_most_three_pin_checks_from_many_addresses,
    hr_codes_are_judged_at_most_five_times_however_many_arrive_at_once,
    a_session_gets_at_most_three_step_up_pins_however_many_arrive_at_once,
    an_employee_has_at_most_ten_passkeys_however_many_are_added_at_once,
    one_recovery_proof_makes_one_change_however_many_race_for_it,
    a_session_or_browser_holds_at_most_three_passkey_ceremonies_however_many_begin,
    look_ups_without_a_session_are_limited_per_address_however_many_arrive_at_once,
);

/// The instances of a deployment; request `n` goes to instance `n % len`.
struct Cluster {
    apps: Vec<Arc<TestApp>>,
}

impl Cluster {
    async fn start(deployment: Deployment, overrides: Overrides) -> Cluster {
        let overrides = Overrides {
            // Requests name their client address in X-Forwarded-For.
            trusted_proxies: Some("127.0.0.1".into()),
            ..overrides
        };
        let apps = match deployment {
            Deployment::One(backend) => vec![spawn_app_with(backend, overrides).await],
            Deployment::TwoOnPostgres => {
                let first = spawn_app_with(Backend::Postgres, overrides.clone()).await;
                let second = spawn_instance_sharing(&first, overrides).await;
                vec![first, second]
            }
        };
        Cluster {
            apps: apps.into_iter().map(Arc::new).collect(),
        }
    }

    fn first(&self) -> &TestApp {
        &self.apps[0]
    }

    fn pick(&self, n: usize) -> Arc<TestApp> {
        self.apps[n % self.apps.len()].clone()
    }

    /// Sends `count` requests made by `request(n, instance)` all at once (a
    /// barrier releases them together) and returns their statuses.
    async fn all_at_once<F, Fut>(&self, count: usize, request: F) -> Vec<u16>
    where
        F: Fn(usize, Arc<TestApp>) -> Fut,
        Fut: Future<Output = u16> + Send + 'static,
    {
        let barrier = Arc::new(Barrier::new(count));
        let mut requests = JoinSet::new();
        for n in 0..count {
            let barrier = barrier.clone();
            let sent = request(n, self.pick(n));
            requests.spawn(async move {
                barrier.wait().await;
                sent.await
            });
        }
        let mut statuses = Vec::with_capacity(count);
        while let Some(status) = requests.join_next().await {
            statuses.push(status.expect("request task"));
        }
        statuses
    }
}

/// A client address of its own for request `n`.
fn address(n: usize) -> String {
    format!("198.51.{}.{}", n / 200, n % 200 + 1)
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

/// Starts a recovery for `employee_id` and asks for a code on `channel`;
/// the flow id, its cookie and the status of the send.
async fn start_recovery_and_send(
    app: &TestApp,
    employee_id: &str,
    channel: &str,
) -> (String, String, u16) {
    let started = app
        .post(
            "/api/v1/recovery",
            json!({ "employee_id": employee_id }),
            None,
        )
        .await;
    assert_eq!(started.status(), 200);
    let cookie = cookie_pair(&started, "__Host-recovery").unwrap();
    let flow: upsers_contract::RecoveryStarted = started.json().await.unwrap();
    let sent = app
        .post(
            &format!("/api/v1/recovery/{}/send", flow.flow_id),
            json!({ "channel": channel }),
            Some(&cookie),
        )
        .await;
    (flow.flow_id, cookie, sent.status().as_u16())
}

/// A recovery flow of `employee_id` with a code sent by text; the flow id,
/// its cookie and the code.
async fn recovery_with_code(app: &TestApp, employee_id: &str) -> (String, String, String) {
    let (flow_id, cookie, sent) = start_recovery_and_send(app, employee_id, "sms").await;
    assert_eq!(sent, 200, "a code is sent");
    let code = app.latest_code(employee_id).await;
    (flow_id, cookie, code)
}

async fn audited(app: &TestApp, employee_id: &str, kind: &str) -> usize {
    app_audit(app, employee_id)
        .await
        .iter()
        .filter(|k| *k == kind)
        .count()
}

async fn one_code_is_judged_at_most_five_times_however_many_guesses_arrive_at_once(
    deployment: Deployment,
) {
    let cluster = Cluster::start(deployment, Overrides::default()).await;
    let (flow_id, cookie, right) = recovery_with_code(cluster.first(), JORDAN).await;
    let wrong = a_wrong_code(&right);
    let path = format!("/api/v1/recovery/{flow_id}/verify");
    let statuses = cluster
        .all_at_once(AT_ONCE, |n, app| {
            let (path, cookie) = (path.clone(), cookie.clone());
            async move {
                app.post_from(&address(n), &path, json!({ "code": wrong }), Some(&cookie))
                    .await
            }
        })
        .await;
    let judged = count(&statuses, 401);
    assert!(judged <= 5, "{judged} guesses of one code were judged");
    assert_eq!(
        judged + count(&statuses, 410),
        AT_ONCE,
        "the others found the code spent: {statuses:?}"
    );
    assert!(audited(cluster.first(), JORDAN, "recovery_code_failed").await <= 5);
    let late = cluster
        .first()
        .post_from(
            &address(999),
            &path,
            json!({ "code": right }),
            Some(&cookie),
        )
        .await;
    assert_eq!(
        late, 410,
        "the right code, sent after the limit, is refused"
    );
}

async fn guesses_over_many_flows_of_one_employee_stop_at_the_address_cap(deployment: Deployment) {
    const FLOWS: usize = 100;
    let cluster = Cluster::start(
        deployment,
        Overrides {
            // Enough messages for the attacker's flows: the address cap is
            // the limit under test.
            messages_per_hour: Some(1_000),
            otp_resend_secs: Some(0),
            ..Default::default()
        },
    )
    .await;
    let mut flows = Vec::with_capacity(FLOWS);
    for _ in 0..FLOWS {
        flows.push(recovery_with_code(cluster.first(), JORDAN).await);
    }
    let flows = Arc::new(flows);
    let statuses = cluster
        .all_at_once(5 * FLOWS, |n, app| {
            let flows = flows.clone();
            async move {
                let (flow_id, cookie, right) = &flows[n % FLOWS];
                let path = format!("/api/v1/recovery/{flow_id}/verify");
                let guess = json!({ "code": a_wrong_code(right) });
                app.post_from("203.0.113.7", &path, guess, Some(cookie))
                    .await
            }
        })
        .await;
    let judged = count(&statuses, 401);
    assert!(
        judged <= 20,
        "{judged} guesses judged from one address (cap 20)"
    );
    assert_eq!(judged + count(&statuses, 429), 5 * FLOWS, "{statuses:?}");
    let (flow_id, cookie, right) = &flows[FLOWS - 1];
    let late = cluster
        .first()
        .post_from(
            "203.0.113.7",
            &format!("/api/v1/recovery/{flow_id}/verify"),
            json!({ "code": right }),
            Some(cookie),
        )
        .await;
    assert_eq!(late, 429, "a right code after the cap is refused unchecked");
}

async fn wrong_pins_over_many_ids_from_one_address_stop_at_the_address_cap(deployment: Deployment) {
    const IDS: usize = 40;
    let cluster = Cluster::start(deployment, Overrides::default()).await;
    let ids: Vec<String> = (0..IDS).map(|n| format!("{}", 3_000_000 + n)).collect();
    let ids = Arc::new(ids);
    let statuses = cluster
        .all_at_once(6 * IDS, |n, app| {
            let ids = ids.clone();
            async move {
                let body = json!({ "employee_id": ids[n % IDS], "pin": "Wrong-Guess-123" });
                app.post_from("203.0.113.8", "/api/v1/login", body, None)
                    .await
            }
        })
        .await;
    let mut judged = 0;
    for id in ids.iter() {
        judged += audited(cluster.first(), id, "sign_in_failure").await;
    }
    assert!(
        judged <= 20,
        "{judged} PINs judged from one address (cap 20)"
    );
    // Beyond the cap every answer is 429, or 423 for an ID locked meanwhile.
    assert!(
        statuses
            .iter()
            .all(|status| [401, 423, 429].contains(status)),
        "{statuses:?}"
    );
    assert!(count(&statuses, 401) <= 20, "{statuses:?}");
    let store = upsers_api::store::Store::connect(&cluster.first().database_url)
        .await
        .unwrap();
    let mut locked = 0;
    for id in ids.iter() {
        let (_, resets_at) = store.read_attempts("employee_id", id).await.unwrap();
        if resets_at.is_some_and(|end| end > cluster.first().clock_now()) {
            locked += 1;
        }
    }
    store.close().await;
    assert!(locked <= 20 / 3, "{locked} IDs locked from one address");
    // A burst may judge fewer than 20: a request that took the address's last
    // slot and then found its ID locked gives the slot back (nothing was
    // judged, it answers 423), and others may have been refused 429 while it
    // held it. What is left of the cap is still there: fresh IDs from the same
    // address, one at a time, are judged until exactly 20 were, then refused.
    for n in 0.. {
        let id = format!("{}", 3_100_000 + n);
        let body = json!({ "employee_id": id, "pin": "Wrong-Guess-123" });
        let status = cluster
            .first()
            .post_from("203.0.113.8", "/api/v1/login", body, None)
            .await;
        if status == 429 {
            break;
        }
        assert_eq!(status, 401, "a wrong PIN under the cap is judged wrong");
        judged += 1;
        assert!(
            judged <= 20,
            "{judged} PINs judged from one address (cap 20)"
        );
    }
    assert_eq!(judged, 20, "the address is judged exactly its cap");
    let right = cluster
        .first()
        .post_from(
            "203.0.113.8",
            "/api/v1/login",
            json!({ "employee_id": JORDAN, "pin": JORDAN_PIN }),
            None,
        )
        .await;
    assert_eq!(right, 429, "the address is capped, even for a right PIN");
}

async fn one_employee_id_gets_at_most_three_pin_checks_from_many_addresses(deployment: Deployment) {
    let cluster = Cluster::start(deployment, Overrides::default()).await;
    let guess = json!({ "employee_id": JORDAN, "pin": "Wrong-Guess-123" });
    let right = json!({ "employee_id": JORDAN, "pin": JORDAN_PIN });
    let judged = one_id_from_many_addresses(&cluster, "/api/v1/login", guess, right).await;
    assert!(
        audited(cluster.first(), JORDAN, "sign_in_failure").await <= 3,
        "{judged:?}"
    );
}

async fn hr_codes_are_judged_at_most_five_times_however_many_arrive_at_once(
    deployment: Deployment,
) {
    let cluster = Cluster::start(deployment, Overrides::default()).await;
    let guess = json!({ "employee_id": ALEX, "registration_code": "AAAA-BBBB-CCCC" });
    let right = json!({ "employee_id": ALEX, "registration_code": ALEX_CODE });
    let judged = one_id_from_many_addresses(&cluster, "/api/v1/registration", guess, right).await;
    assert!(
        audited(cluster.first(), ALEX, "registration_code_failed").await <= 5,
        "{judged:?}"
    );
}

/// The step-up of My account counts toward the same lockout as sign-in: a
/// stolen session cannot guess the current PIN faster than a sign-in could.
async fn a_session_gets_at_most_three_step_up_pins_however_many_arrive_at_once(
    deployment: Deployment,
) {
    let cluster = Cluster::start(deployment, Overrides::default()).await;
    let session = Arc::new(cluster.first().sign_in(JORDAN, JORDAN_PIN, "sms").await);
    let statuses = cluster
        .all_at_once(AT_ONCE, |n, app| {
            let session = session.clone();
            async move {
                let guess = json!({ "current_pin": format!("Wrong-Guess-{n}"), "new_pin": "Maple-Lantern-Harbor-31" });
                app.post_from(&address(n), "/api/v1/account/pin", guess, Some(&session))
                    .await
            }
        })
        .await;
    assert_eq!(
        count(&statuses, 401) + count(&statuses, 423),
        AT_ONCE,
        "{statuses:?}"
    );
    assert!(
        audited(cluster.first(), JORDAN, "step_up_failed").await <= 3,
        "{statuses:?}"
    );
    let right = json!({ "current_pin": JORDAN_PIN, "new_pin": "Maple-Lantern-Harbor-31" });
    let late = cluster
        .first()
        .post_from(
            &address(AT_ONCE),
            "/api/v1/account/pin",
            right,
            Some(&session),
        )
        .await;
    assert_eq!(late, 423, "the right PIN after the lock is refused");
}

/// The cap of ten passkeys holds when the additions race: Jordan has seven,
/// and the answers of many ceremonies begun before arrive at once. Each
/// addition spends a recovery proof of its own, so each comes from a
/// session of its own that stepped up by a one-time PIN.
async fn an_employee_has_at_most_ten_passkeys_however_many_are_added_at_once(
    deployment: Deployment,
) {
    const BEFORE: usize = 7;
    const RACING: usize = 40;
    let overrides = Overrides {
        // A sign-in code and a step-up code for each of 47 sessions.
        messages_per_hour: Some(1_000),
        ..Default::default()
    };
    let cluster = Cluster::start(deployment, overrides).await;
    let first = cluster.first();
    let mut authenticator = SoftAuthenticator::at(&first.address);
    let mut additions = Vec::new();
    for n in 0..BEFORE + RACING {
        let session = first.sign_in(JORDAN, JORDAN_PIN, "sms").await;
        first.step_up_by_code(JORDAN, &session, "email").await;
        let options = registration_options(first, &session).await;
        assert_eq!(options.status(), 200, "a registration's challenge");
        let challenge: wire::PasskeyChallenge = options.json().await.unwrap();
        let addition = json!({
            "challenge_id": challenge.challenge_id,
            "credential": authenticator.create(&challenge.options),
            "name": format!("Key {n}"),
        });
        additions.push((session, addition));
    }
    let racing = Arc::new(additions.split_off(BEFORE));
    for (session, addition) in additions {
        let added = first
            .post("/api/v1/account/passkeys", addition, Some(&session))
            .await;
        assert_eq!(added.status(), 200);
    }

    let statuses = cluster
        .all_at_once(RACING, |n, app| {
            let racing = racing.clone();
            async move {
                let (session, addition) = racing[n].clone();
                app.post_from(
                    &address(n),
                    "/api/v1/account/passkeys",
                    addition,
                    Some(&session),
                )
                .await
            }
        })
        .await;
    assert_eq!(
        (count(&statuses, 200), count(&statuses, 422)),
        (3, RACING - 3),
        "{statuses:?}"
    );
    let listed = first
        .get_with_cookie("/api/v1/account/passkeys", &racing[0].0)
        .await;
    let listed: wire::AccountPasskeys = listed.json().await.unwrap();
    assert_eq!(listed.passkeys.len(), 10);
    assert_eq!(audited(first, JORDAN, "passkey_added").await, 10);
}

/// One one-time PIN step-up makes one change of what recovers the account:
/// many changes of the challenge questions sent at once on the session that
/// made it, to any instance, and exactly one goes through.
async fn one_recovery_proof_makes_one_change_however_many_race_for_it(deployment: Deployment) {
    const RACING: usize = 20;
    let cluster = Cluster::start(deployment, Overrides::default()).await;
    let first = cluster.first();
    let session = Arc::new(first.sign_in(JORDAN, JORDAN_PIN, "sms").await);
    let catalogue = first
        .get_with_cookie("/api/v1/account/questions", &session)
        .await;
    let catalogue: wire::AccountQuestions = catalogue.json().await.unwrap();
    let answers: Vec<_> = catalogue
        .questions
        .iter()
        .take(3)
        .map(|question| json!({ "question_id": question.id, "answer": "Blue Ridge" }))
        .collect();
    let change = Arc::new(json!({ "answers": answers }));
    first.step_up_by_code(JORDAN, &session, "email").await;

    let statuses = cluster
        .all_at_once(RACING, |n, app| {
            let (session, change) = (session.clone(), change.clone());
            async move {
                app.post_from(
                    &address(n),
                    "/api/v1/account/questions",
                    (*change).clone(),
                    Some(&session),
                )
                .await
            }
        })
        .await;
    assert_eq!(
        (count(&statuses, 200), count(&statuses, 403)),
        (1, RACING - 1),
        "{statuses:?}"
    );
    assert_eq!(audited(first, JORDAN, "questions_changed").await, 1);
}

/// However many passkey ceremonies one session, or one browser signing in
/// with a passkey, begins at once, it holds at most three challenges: each
/// newer one replaces the one that ends first, and the newest still answers.
async fn a_session_or_browser_holds_at_most_three_passkey_ceremonies_however_many_begin(
    deployment: Deployment,
) {
    let cluster = Cluster::start(deployment, Overrides::default()).await;
    let first = cluster.first();
    let session = Arc::new(first.sign_in(JORDAN, JORDAN_PIN, "sms").await);
    first.step_up_by_code(JORDAN, &session, "email").await;
    let registrations = cluster
        .all_at_once(AT_ONCE, |n, app| {
            let session = session.clone();
            async move {
                app.post_from(
                    &address(n),
                    "/api/v1/account/passkeys/options",
                    json!(null),
                    Some(&session),
                )
                .await
            }
        })
        .await;
    assert_eq!(count(&registrations, 200), AT_ONCE, "{registrations:?}");
    assert_eq!(rows(first, "passkey_challenges").await, 3);

    let started = first
        .post("/api/v1/login/passkey/options", json!(null), None)
        .await;
    assert_eq!(started.status(), 200);
    let browser = Arc::new(cookie_pair(&started, "__Host-passkey").expect("a passkey cookie"));
    let sign_ins = cluster
        .all_at_once(AT_ONCE, |n, app| {
            let browser = browser.clone();
            async move {
                app.post_from(
                    &address(n),
                    "/api/v1/login/passkey/options",
                    json!(null),
                    Some(&browser),
                )
                .await
            }
        })
        .await;
    assert_eq!(count(&sign_ins, 200), AT_ONCE, "{sign_ins:?}");
    assert_eq!(rows(first, "passkey_challenges").await, 6);

    // The newest registration ceremony still answers.
    let mut authenticator = SoftAuthenticator::at(&first.address);
    let options = registration_options(first, &session).await;
    let challenge: wire::PasskeyChallenge = options.json().await.unwrap();
    let addition = json!({
        "challenge_id": challenge.challenge_id,
        "credential": authenticator.create(&challenge.options),
        "name": "Newest",
    });
    let added = first
        .post("/api/v1/account/passkeys", addition, Some(&session))
        .await;
    assert_eq!(added.status(), 200);
}

/// `/login/lock`, `/sign-in-reports` and `/recovery/link` answer at most
/// 300 look-ups a minute from one address between them, however many
/// arrive at once and at whichever instance; another address is not slowed.
async fn look_ups_without_a_session_are_limited_per_address_however_many_arrive_at_once(
    deployment: Deployment,
) {
    const ASKED: usize = 400;
    const ONE_ADDRESS: &str = "203.0.113.9";
    let cluster = Cluster::start(deployment, Overrides::default()).await;
    let statuses = cluster
        .all_at_once(ASKED, |n, app| async move {
            let (path, body) = match n % 3 {
                0 => ("/api/v1/login/lock", json!({ "employee_id": JORDAN })),
                1 => ("/api/v1/sign-in-reports", json!({ "token": "not-a-link" })),
                _ => ("/api/v1/recovery/link", json!({ "token": "not-a-link" })),
            };
            app.post_from(ONE_ADDRESS, path, body, None).await
        })
        .await;
    let answered = count(&statuses, 200) + count(&statuses, 410);
    assert_eq!(
        (answered, count(&statuses, 429)),
        (300, ASKED - 300),
        "{statuses:?}"
    );
    let elsewhere = cluster
        .first()
        .post_from(
            "203.0.113.10",
            "/api/v1/login/lock",
            json!({ "employee_id": JORDAN }),
            None,
        )
        .await;
    assert_eq!(elsewhere, 200);
}

/// Sends [`AT_ONCE`] copies of `guess` to `path` at once, each from an address
/// of its own (so only the per-ID limit binds), expects every one answered
/// wrong (401) or locked (423), then `right` refused as locked. Returns the
/// statuses.
async fn one_id_from_many_addresses(
    cluster: &Cluster,
    path: &'static str,
    guess: serde_json::Value,
    right: serde_json::Value,
) -> Vec<u16> {
    let statuses = cluster
        .all_at_once(AT_ONCE, |n, app| {
            let guess = guess.clone();
            async move { app.post_from(&address(n), path, guess, None).await }
        })
        .await;
    assert_eq!(count(&statuses, 401) + count(&statuses, 423), AT_ONCE);
    let late = cluster
        .first()
        .post_from(&address(AT_ONCE), path, right, None)
        .await;
    assert_eq!(late, 423, "the right secret after the limit is refused");
    statuses
}

/// Opens a connection of its own and writes a whole request on it; the
/// answer is never read. Dropping the stream hangs up.
async fn send_without_reading(base_url: &str, path: &str, body: &str) -> tokio::net::TcpStream {
    let host = base_url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    stream
}

/// Waits until the store shows `taken` attempts for the Employee ID.
async fn until_taken(store: &upsers_api::store::Store, employee_id: &str, taken: i64) {
    let reached = async {
        while store
            .read_attempts("employee_id", employee_id)
            .await
            .unwrap()
            .0
            < taken
        {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(10), reached)
        .await
        .expect("the attempts reach the store");
}

const WRONG_PIN_BODY: &str = r#"{"employee_id":"1234567","pin":"Wrong-Guess-123"}"#;

async fn requests_dropped_mid_check_leave_a_lock_that_ends_and_count_against_the_address(
    backend: Backend,
) {
    let app = spawn_app_with(backend, Overrides::default()).await;
    let store = upsers_api::store::Store::connect(&app.database_url)
        .await
        .unwrap();
    let mut connections = Vec::new();
    for _ in 0..4 {
        connections.push(send_without_reading(&app.address, "/api/v1/login", WRONG_PIN_BODY).await);
    }
    // Hang up once three attempts are taken: their PINs are being hashed
    // (two at a time), the fourth is refused or still on its way.
    until_taken(&store, JORDAN, 3).await;
    drop(connections);
    // What the dropped requests left, once nothing changes any more. A
    // request may be cancelled at any point: after its address slot and
    // before its ID slot, or while its PIN is hashed.
    let read = || async {
        (
            store.read_attempts("employee_id", JORDAN).await.unwrap(),
            store.read_attempts("address", "127.0.0.1").await.unwrap(),
        )
    };
    let settled = async {
        let mut last = read().await;
        loop {
            tokio::time::sleep(Duration::from_millis(200)).await;
            let now = read().await;
            if now == last && now.1.0 > 0 {
                return now;
            }
            last = now;
        }
    };
    let ((id_taken, locked_until), (address_taken, _)) =
        tokio::time::timeout(Duration::from_secs(10), settled)
            .await
            .expect("the dropped attempts reach the store");
    store.close().await;
    assert!(
        address_taken >= id_taken,
        "every dropped attempt counted against the address: {address_taken} < {id_taken}"
    );
    assert_eq!(id_taken, 3);
    assert_eq!(
        locked_until,
        Some(app.clock_now() + 900),
        "the lock has an end"
    );
    assert_eq!(app.login(JORDAN, JORDAN_PIN).await.status(), 423);
    app.clock.advance(900);
    app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
}

on_both_stores!(requests_dropped_mid_check_leave_a_lock_that_ends_and_count_against_the_address);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_process_killed_mid_check_leaves_a_lock_that_ends() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("killed.db").display());
    let args = [
        "--demo",
        "--bind",
        "127.0.0.1:0",
        "--database-url",
        &database,
        "--dist",
        dir.path().to_str().unwrap(),
        "--lockout-secs",
        "2",
    ];
    let (mut child, url) = crate::cli::start(&args, &[]);
    let mut connections = Vec::new();
    for _ in 0..4 {
        connections.push(send_without_reading(&url, "/api/v1/login", WRONG_PIN_BODY).await);
    }
    // Kill the process once the third attempt is taken: it is being checked.
    let store = upsers_api::store::Store::connect(&database).await.unwrap();
    until_taken(&store, JORDAN, 3).await;
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    drop(connections);

    let (taken, resets_at) = store.read_attempts("employee_id", JORDAN).await.unwrap();
    let (address_taken, _) = store.read_attempts("address", "127.0.0.1").await.unwrap();
    store.close().await;
    assert_eq!(taken, 3, "never more than three attempts for one ID");
    assert!(resets_at.is_some(), "the lock the killed process left ends");
    assert!(
        address_taken >= 3,
        "the attempts in flight counted against the address: {address_taken}"
    );

    let (mut restarted, url) = crate::cli::start(&args, &[]);
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let client = reqwest::Client::new();
    let answer = client
        .post(format!("{url}/api/v1/login"))
        .json(&json!({ "employee_id": JORDAN, "pin": JORDAN_PIN }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        answer.status(),
        200,
        "after the lock window the right PIN is accepted"
    );
    restarted.kill().unwrap();
    restarted.wait().unwrap();
}

on_both_stores!(
    codes_to_one_employee_are_capped_across_flows_and_unknown_ids_read_alike,
    the_resend_gap_holds_per_channel_across_flows_and_a_used_code_ends_it,
    a_sign_in_cannot_finish_once_the_employee_is_disabled_or_their_pin_changed,
);

/// The status of a code sent on `channel` in a new recovery of `employee_id`.
async fn recovery_send(app: &TestApp, employee_id: &str, channel: &str) -> u16 {
    start_recovery_and_send(app, employee_id, channel).await.2
}

async fn codes_to_one_employee_are_capped_across_flows_and_unknown_ids_read_alike(
    backend: Backend,
) {
    use crate::helpers::SAM;
    let app = Arc::new(spawn_app_with(backend, Overrides::default()).await);
    // 100 unauthenticated requests at once, each its own reset flow.
    let mut sends = JoinSet::new();
    for _ in 0..100 {
        let app = app.clone();
        sends.spawn(async move { recovery_send(&app, SAM, "email").await });
    }
    let statuses = sends.join_all().await;
    assert_eq!(count(&statuses, 200), 1, "one code inside the resend gap");
    assert_eq!(count(&statuses, 429), 99, "{statuses:?}");
    let to_sam = |outbox: Vec<upsers_contract::DevOutboxMessage>| {
        outbox.iter().filter(|m| m.employee_id == SAM).count()
    };
    assert_eq!(to_sam(app.outbox().await), 1);

    // Spread over the hour, five codes per channel, then no more.
    let unknown = "7000001";
    let mut known = Vec::new();
    let mut unknown_answers = Vec::new();
    for _ in 0..6 {
        app.clock.advance(31);
        known.push(recovery_send(&app, SAM, "email").await);
        unknown_answers.push(recovery_send(&app, unknown, "email").await);
    }
    assert_eq!(known, [200, 200, 200, 200, 429, 429], "five an hour");
    assert_eq!(unknown_answers, [200, 200, 200, 200, 200, 429]);
    assert_eq!(to_sam(app.outbox().await), 5);
    // The unknown ID's first code came in this loop, the known one's before
    // it: the same answers, shifted by one.
    assert_eq!(
        recovery_send(&app, unknown, "email").await,
        429,
        "unknown IDs are capped alike"
    );
    app.clock.advance(3_600);
    assert_eq!(recovery_send(&app, SAM, "email").await, 200, "a new hour");
}

async fn the_resend_gap_holds_per_channel_across_flows_and_a_used_code_ends_it(backend: Backend) {
    let app = spawn_app_with(backend, Overrides::default()).await;
    assert_eq!(recovery_send(&app, JORDAN, "sms").await, 200);
    assert_eq!(
        recovery_send(&app, JORDAN, "sms").await,
        429,
        "another flow"
    );
    assert_eq!(
        recovery_send(&app, JORDAN, "email").await,
        200,
        "the other channel has its own gap"
    );
    assert_eq!(recovery_send(&app, JORDAN, "email").await, 429);
    app.clock.advance(30);
    assert_eq!(recovery_send(&app, JORDAN, "sms").await, 200);

    // A code that was used ends the gap: a reset then a sign-in by the same
    // channel need not wait.
    app.clock.advance(30);
    app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
}

async fn a_sign_in_cannot_finish_once_the_employee_is_disabled_or_their_pin_changed(
    backend: Backend,
) {
    use crate::helpers::{SAM, SAM_PIN, error_body};
    let app = spawn_app_with(backend, Overrides::default()).await;
    let (flow, cookie) = app.start_login(SAM, SAM_PIN).await;
    assert_eq!(app.send_code(&flow, &cookie, "email").await.status(), 200);
    let code = app.latest_code(SAM).await;
    let store = upsers_api::store::Store::connect(&app.database_url)
        .await
        .unwrap();
    assert!(store.disable_employee(SAM).await.unwrap());
    let body = error_body(app.verify_code(&flow, &cookie, &code).await, 410).await;
    assert_eq!(body.code, upsers_contract::ErrorCode::Expired);
    assert!(
        body.fields.is_empty(),
        "the flow is over, not only the code"
    );

    // A sign-in begun with the old PIN does not finish after a PIN change.
    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    assert_eq!(app.send_code(&flow, &cookie, "sms").await.status(), 200);
    let code = app.latest_code(JORDAN).await;
    let (recovery, recovery_cookie, _) = {
        app.clock.advance(30);
        recovery_with_code(&app, JORDAN).await
    };
    let reset_code = app.latest_code(JORDAN).await;
    let verified = app
        .post(
            &format!("/api/v1/recovery/{recovery}/verify"),
            json!({ "code": reset_code }),
            Some(&recovery_cookie),
        )
        .await;
    assert_eq!(verified.status(), 200);
    let reset = app
        .post(
            &format!("/api/v1/recovery/{recovery}/pin"),
            json!({ "new_pin": "Cedar-Harbor-Lantern-88" }),
            Some(&recovery_cookie),
        )
        .await;
    assert_eq!(reset.status(), 200);
    let body = error_body(app.verify_code(&flow, &cookie, &code).await, 410).await;
    assert_eq!(body.code, upsers_contract::ErrorCode::Expired);
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pin_strength_checks_are_rate_limited_per_address() {
    let app = Arc::new(spawn_app_with(Backend::Sqlite, Overrides::default()).await);
    let mut checks = JoinSet::new();
    for _ in 0..150 {
        let app = app.clone();
        checks.spawn(async move {
            app.post(
                "/api/v1/pin/check",
                json!({ "new_pin": "Cedar-Harbor-88" }),
                None,
            )
            .await
            .status()
            .as_u16()
        });
    }
    let statuses = checks.join_all().await;
    assert_eq!(count(&statuses, 200), 120, "120 a minute from one address");
    assert_eq!(count(&statuses, 429), 30);
    app.clock.advance(60);
    let again = app
        .post(
            "/api/v1/pin/check",
            json!({ "new_pin": "Cedar-Harbor-88" }),
            None,
        )
        .await;
    assert_eq!(again.status(), 200, "a new minute");
}
