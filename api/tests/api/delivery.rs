//! Real delivery: an SMTP conversation over TCP with a real SMTP server
//! (aiosmtpd, installed by the bootstrap), an HTTP SMS gateway double with
//! scripted answers, retries, expiry, and two workers sharing one PostgreSQL
//! outbox.

use std::collections::{HashSet, VecDeque};
use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, StatusCode};
use upsers_api::clock::SystemClock;
use upsers_api::config::{
    DeliverySettings, EmailBackend, EmailBackendKind, Overrides, SmsBackend, SmsBackendKind,
    SmtpTls,
};
use upsers_api::courier::worker::{RETRY_BASE_SECS, Worker};
use upsers_api::courier::{Channel, Courier, Language, Notice};
use upsers_api::domain::Secret;
use upsers_api::store::Store;

use crate::helpers::{
    Backend, JORDAN, JORDAN_PIN, SAM, SAM_PIN, TestApp, api_binary, app_audit, cookie_pair,
    delivery_audit, fresh_postgres_database, on_both_stores, spawn_app_with,
};

on_both_stores!(
    a_code_by_email_goes_over_smtp_and_signs_the_employee_in,
    a_code_waits_while_smtp_is_down_and_arrives_when_it_is_up,
    an_sms_gateway_failing_twice_then_accepting_gets_the_code_exactly_once,
    a_gateway_refusal_fails_the_message_and_audits_it,
    an_expired_code_is_dropped_not_delivered_late,
);

/// Long enough for any delivery here; polls end as soon as the thing happens.
const PATIENCE: Duration = Duration::from_secs(30);

async fn a_code_by_email_goes_over_smtp_and_signs_the_employee_in(backend: Backend) {
    let port = free_port();
    let smtp = SmtpServer::start(port);
    let app = spawn_app_with(backend, smtp_overrides(port)).await;

    let (flow, cookie) = app.start_login(SAM, SAM_PIN).await;
    assert_eq!(app.send_code(&flow, &cookie, "email").await.status(), 200);
    let email = smtp.wait_for_messages(1).await.remove(0);
    assert!(email.contains("To: sam.okafor@upsers.example"), "{email}");
    assert!(
        email.contains("From: UPSers <no-reply@upsers.example>"),
        "{email}"
    );
    assert!(
        email.contains("multipart/alternative"),
        "a text and an HTML part"
    );
    assert!(email.contains("text/html"), "{email}");
    let code = code_in_subject(&email);

    let response = app.verify_code(&flow, &cookie, &code).await;
    assert_eq!(response.status(), 200, "the emailed code signs in");
    assert!(cookie_pair(&response, "__Host-session").is_some());
    assert!(
        app.outbox()
            .await
            .iter()
            .all(|message| message.channel != upsers_contract::Channel::Email),
        "email has a real backend: the dev outbox does not list it"
    );
    // The sign-in was from a browser new to Sam: the alert follows the code.
    let emails = smtp.wait_for_messages(2).await;
    let alert = emails
        .iter()
        .find(|email| !email.contains(&code))
        .expect("an email besides the code");
    assert!(
        alert.contains("Subject: New sign-in to your UPSers account"),
        "{alert}"
    );
    wait_for_audit(&app, SAM, &["message_sent", "message_sent"]).await;
    let metrics = app.metrics().await;
    assert!(
        metrics.contains("upsers_outbox_messages{channel=\"email\",status=\"sent\"} 2"),
        "{metrics}"
    );
}

async fn a_code_waits_while_smtp_is_down_and_arrives_when_it_is_up(backend: Backend) {
    let port = free_port();
    let app = spawn_app_with(backend, smtp_overrides(port)).await;

    let (flow, cookie) = app.start_login(SAM, SAM_PIN).await;
    let response = app.send_code(&flow, &cookie, "email").await;
    assert_eq!(
        response.status(),
        200,
        "the sign-in answers at once: code sent"
    );
    wait_for_audit(&app, SAM, &["message_retry"]).await;
    let metrics = app.metrics().await;
    assert!(
        metrics.contains("upsers_outbox_messages{channel=\"email\",status=\"queued\"} 1"),
        "{metrics}"
    );

    let smtp = SmtpServer::start(port);
    app.clock.advance(RETRY_BASE_SECS);
    let email = smtp.wait_for_messages(1).await.remove(0);
    let code = code_in_subject(&email);
    assert_eq!(app.verify_code(&flow, &cookie, &code).await.status(), 200);
    // The code, then the new-device alert of the sign-in it completed.
    wait_for_audit(
        &app,
        SAM,
        &["message_retry", "message_sent", "message_sent"],
    )
    .await;
}

async fn an_sms_gateway_failing_twice_then_accepting_gets_the_code_exactly_once(backend: Backend) {
    let gateway = Gateway::start(&[503, 503]).await;
    let app = spawn_app_with(backend, gateway.overrides()).await;

    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    assert_eq!(app.send_code(&flow, &cookie, "sms").await.status(), 200);
    // Each retry is scheduled (and audited) before the clock moves past it.
    gateway.wait_for_requests(1).await;
    wait_for_audit(&app, JORDAN, &["message_retry"]).await;
    app.clock.advance(RETRY_BASE_SECS);
    gateway.wait_for_requests(2).await;
    wait_for_audit(&app, JORDAN, &["message_retry", "message_retry"]).await;
    app.clock.advance(2 * RETRY_BASE_SECS);
    let requests = gateway.wait_for_requests(3).await;
    wait_for_audit(
        &app,
        JORDAN,
        &["message_retry", "message_retry", "message_sent"],
    )
    .await;

    for request in &requests {
        assert_eq!(request.authorization, "Bearer gateway-token");
        assert_eq!(
            request.idempotency_key, requests[0].idempotency_key,
            "one message"
        );
        assert_eq!(request.body["to"], "+14045550123");
    }
    let text = requests[2].body["text"].as_str().unwrap();
    assert!(text.contains("valid for 10 minutes"), "{text}");
    assert!(
        text.contains("will never ask you for this one-time PIN"),
        "{text}"
    );
    let code = six_digits_in(text);
    assert_eq!(app.verify_code(&flow, &cookie, &code).await.status(), 200);

    // Nothing more goes out, however long we wait, but the alert of the
    // sign-in the code completed (from a browser new to Jordan).
    app.clock.advance(3_600);
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let requests = gateway.requests();
    assert_eq!(requests.len(), 4);
    let alert = requests[3].body["text"].as_str().unwrap();
    assert!(
        alert.contains("If it wasn't you, open this link"),
        "{alert}"
    );
}

async fn a_gateway_refusal_fails_the_message_and_audits_it(backend: Backend) {
    let gateway = Gateway::start(&[400]).await;
    let app = spawn_app_with(backend, gateway.overrides()).await;

    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    assert_eq!(app.send_code(&flow, &cookie, "sms").await.status(), 200);
    wait_for_audit(&app, JORDAN, &["message_failed"]).await;
    let metrics = app.metrics().await;
    assert!(
        metrics.contains("upsers_outbox_messages{channel=\"sms\",status=\"failed\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("upsers_outbox_oldest_waiting_seconds 0"),
        "{metrics}"
    );
    app.clock.advance(3_600);
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(gateway.requests().len(), 1, "a 4xx is never retried");
}

async fn an_expired_code_is_dropped_not_delivered_late(backend: Backend) {
    let gateway = Gateway::start(&[503]).await;
    let app = spawn_app_with(backend, gateway.overrides()).await;

    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    assert_eq!(app.send_code(&flow, &cookie, "sms").await.status(), 200);
    gateway.wait_for_requests(1).await;
    wait_for_audit(&app, JORDAN, &["message_retry"]).await;
    app.clock.advance(601);
    wait_for_audit(&app, JORDAN, &["message_retry", "message_dropped"]).await;
    assert_eq!(gateway.requests().len(), 1, "the dead code was not sent");
    let metrics = app.metrics().await;
    assert!(
        metrics.contains("upsers_outbox_messages{channel=\"sms\",status=\"dropped\"} 1"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_newer_code_drops_the_older_one_still_waiting() {
    let gateway = Gateway::start(&[503]).await;
    let app = spawn_app_with(
        Backend::Sqlite,
        Overrides {
            otp_resend_secs: Some(1),
            ..gateway.overrides()
        },
    )
    .await;
    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    assert_eq!(app.send_code(&flow, &cookie, "sms").await.status(), 200);
    wait_for_audit(&app, JORDAN, &["message_retry"]).await;
    app.clock.advance(2);
    assert_eq!(app.send_code(&flow, &cookie, "sms").await.status(), 200);
    let requests = gateway.wait_for_requests(2).await;
    assert_ne!(requests[0].idempotency_key, requests[1].idempotency_key);
    let code = six_digits_in(requests[1].body["text"].as_str().unwrap());
    assert_eq!(app.verify_code(&flow, &cookie, &code).await.status(), 200);
    app.clock.advance(3_000);
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let requests = gateway.requests();
    assert_eq!(
        requests.len(),
        3,
        "the first code never went out again; the sign-in's alert did"
    );
    let alert = requests[2].body["text"].as_str().unwrap();
    assert!(
        alert.contains("If it wasn't you, open this link"),
        "{alert}"
    );
    // The code, then the alert by text and by email (the dev outbox).
    let sent = [
        "message_retry",
        "message_sent",
        "message_sent",
        "message_sent",
    ];
    wait_for_audit(&app, JORDAN, &sent).await;
}

#[tokio::test]
async fn messages_are_written_in_the_language_of_the_page() {
    let gateway = Gateway::start(&[]).await;
    let app = spawn_app_with(Backend::Sqlite, gateway.overrides()).await;
    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    let response = app
        .client
        .post(app.url(&format!("/api/v1/login/{}/send", flow.flow_id)))
        .header("cookie", &cookie)
        .header("accept-language", "es")
        .json(&serde_json::json!({ "channel": "sms" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let requests = gateway.wait_for_requests(1).await;
    let text = requests[0].body["text"].as_str().unwrap();
    assert!(text.contains("para iniciar sesión"), "{text}");
    assert!(
        text.contains("nunca le pedirá este PIN de un solo uso"),
        "{text}"
    );
}

/// The real binary at debug log level: the emailed code (it is in the
/// subject line) appears nowhere in what the server prints.
#[tokio::test]
async fn the_code_in_an_email_is_never_logged() {
    let port = free_port();
    let smtp = SmtpServer::start(port);
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("server.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut server = api_binary()
        .args([
            "serve",
            "--demo",
            "--bind",
            "127.0.0.1:0",
            "--log-format",
            "json",
        ])
        .arg("--database-url")
        .arg(format!(
            "sqlite://{}",
            dir.path().join("store.db").display()
        ))
        .args([
            "--email-backend",
            "smtp",
            "--smtp-host",
            "127.0.0.1",
            "--smtp-tls",
            "none",
        ])
        .args(["--smtp-port", &port.to_string()])
        .args(["--email-from", "no-reply@upsers.example"])
        .env("UPSERS_LOG", "debug")
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + PATIENCE;
    let url = loop {
        let text = std::fs::read_to_string(&log_path).unwrap_or_default();
        if let Some(at) = text.find("listening on http://") {
            let rest = &text[at + "listening on ".len()..];
            break rest[..rest.find(|c: char| c == '"' || c.is_whitespace()).unwrap()].to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "the server did not start:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };

    let client = reqwest::Client::new();
    let login = client
        .post(format!("{url}/api/v1/login"))
        .json(&serde_json::json!({ "employee_id": SAM, "pin": SAM_PIN }))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let cookie = cookie_pair(&login, "__Host-flow").unwrap();
    let flow: upsers_contract::LoginStarted = login.json().await.unwrap();
    let sent = client
        .post(format!("{url}/api/v1/login/{}/send", flow.flow_id))
        .header("cookie", &cookie)
        .json(&serde_json::json!({ "channel": "email" }))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);
    let code = code_in_subject(&smtp.wait_for_messages(1).await.remove(0));
    // Let the worker finish logging the delivery.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let _ = server.wait();
    let printed = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        printed.contains("message delivered"),
        "the delivery is logged:\n{printed}"
    );
    assert!(
        !printed.contains("is your UPSers") && !printed.contains("one-time PIN to sign in is"),
        "the message was printed:\n{printed}"
    );
    assert!(
        !contains_number(&printed, &code),
        "the code {code} was printed:\n{printed}"
    );
}

/// Whether `number` stands alone in `text` (not inside a longer number or the
/// fraction of a timestamp, where six digits turn up by chance).
fn contains_number(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + number.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.')
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// STARTTLS and implicit TLS, each verified against the relay's private CA
/// (`smtp_ca_file`); without that CA the relay is not trusted and nothing is
/// sent in the clear instead.
#[tokio::test]
async fn email_goes_over_starttls_and_implicit_tls_and_only_to_a_trusted_relay() {
    let pki = TestPki::new();
    let cert = pki.server_cert.to_str().unwrap();
    let key = pki.server_key.to_str().unwrap();
    for (tls, cert_flag, key_flag) in [
        (SmtpTls::Starttls, "--tlscert", "--tlskey"),
        (SmtpTls::Tls, "--smtpscert", "--smtpskey"),
    ] {
        let port = free_port();
        let smtp = SmtpServer::start_with(port, &[cert_flag, cert, key_flag, key]);
        let app = spawn_app_with(
            Backend::Sqlite,
            Overrides {
                smtp_host: Some("localhost".into()),
                smtp_tls: Some(tls),
                smtp_ca_file: Some(pki.ca_cert.clone()),
                ..smtp_overrides(port)
            },
        )
        .await;
        let (flow, cookie) = app.start_login(SAM, SAM_PIN).await;
        assert_eq!(app.send_code(&flow, &cookie, "email").await.status(), 200);
        let email = smtp.wait_for_messages(1).await.remove(0);
        let code = code_in_subject(&email);
        assert_eq!(
            app.verify_code(&flow, &cookie, &code).await.status(),
            200,
            "{tls:?}"
        );
    }

    let port = free_port();
    let smtp = SmtpServer::start_with(port, &["--tlscert", cert, "--tlskey", key]);
    let app = spawn_app_with(
        Backend::Sqlite,
        Overrides {
            smtp_host: Some("localhost".into()),
            smtp_tls: Some(SmtpTls::Starttls),
            ..smtp_overrides(port)
        },
    )
    .await;
    let (flow, cookie) = app.start_login(SAM, SAM_PIN).await;
    assert_eq!(app.send_code(&flow, &cookie, "email").await.status(), 200);
    wait_for_audit(&app, SAM, &["message_retry"]).await;
    assert!(
        smtp.received().is_empty(),
        "an untrusted relay gets nothing"
    );
}

/// Finished rows are cleared after their keep time; waiting ones never are.
#[tokio::test]
async fn finished_messages_are_purged_and_waiting_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&format!("sqlite://{}", dir.path().join("s.db").display()))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let courier = Courier::new(
        &DeliverySettings {
            email: EmailBackend::DevOutbox,
            sms: SmsBackend::DevOutbox,
        },
        &[1u8; 32],
    )
    .unwrap();
    let notice = |destination: &str| {
        courier.notice_message(
            Notice::Welcome,
            Channel::Sms,
            destination,
            "1234567",
            Language::En,
            1_000,
        )
    };
    store
        .queue_messages(&[notice("+14045550001")])
        .await
        .unwrap();
    let claimed = store.claim_messages("w", 1_000, 1_100, 1).await.unwrap();
    assert!(
        store
            .finish_message(
                claimed[0].id,
                "w",
                upsers_api::store::Finished::Sent,
                None,
                true,
                1_000
            )
            .await
            .unwrap()
    );
    store
        .queue_messages(&[notice("+14045550002")])
        .await
        .unwrap();

    assert_eq!(
        store.purge_messages(1_000).await.unwrap(),
        0,
        "not older yet"
    );
    assert_eq!(store.purge_messages(1_001).await.unwrap(), 1);
    let left = store.recent_messages(&["sms"], 10).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(
        (left[0].destination.as_str(), left[0].status.as_str()),
        ("+14045550002", "queued")
    );
}

/// Two API instances' workers on one PostgreSQL store: every one of 200
/// queued messages reaches the gateway once, none twice.
#[tokio::test]
async fn two_workers_on_one_postgres_store_deliver_200_messages_exactly_once() {
    let gateway = Gateway::start(&[]).await;
    let url = fresh_postgres_database().await;
    let first_store = Store::connect(&url).await.unwrap();
    first_store.migrate().await.unwrap();
    let second_store = Store::connect(&url).await.unwrap();
    let delivery = DeliverySettings {
        email: EmailBackend::DevOutbox,
        sms: SmsBackend::Webhook {
            url: gateway.url(),
            token: Secret::new("gateway-token"),
        },
    };
    let key = [9u8; 32];
    let courier = Courier::new(&delivery, &key).unwrap();
    let now = upsers_api::clock::Clock::now(&SystemClock);
    let messages: Vec<_> = (0..200)
        .map(|n| {
            courier.notice_message(
                Notice::Welcome,
                Channel::Sms,
                &format!("+1404555{n:04}"),
                "1234567",
                Language::En,
                now,
            )
        })
        .collect();
    first_store.queue_messages(&messages).await.unwrap();

    let workers = [first_store.clone(), second_store.clone()].map(|store| {
        let courier = Courier::new(&delivery, &key).unwrap();
        Worker::new(store, courier, Arc::new(SystemClock), 400).spawn()
    });
    let requests = gateway.wait_for_requests(200).await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    for worker in workers {
        worker.stop().await;
    }
    let requests_after = gateway.requests();
    assert_eq!(requests_after.len(), 200, "no message went twice");
    let destinations: HashSet<_> = requests
        .iter()
        .map(|request| request.body["to"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(destinations.len(), 200, "every message went");
    let keys: HashSet<_> = requests.iter().map(|r| r.idempotency_key.clone()).collect();
    assert_eq!(keys.len(), 200);
    let health = first_store.delivery_health().await.unwrap();
    assert_eq!(health.counts, [("sms".to_owned(), "sent".to_owned(), 200)]);
}

// ---------------------------------------------------------------- helpers

impl TestApp {
    async fn metrics(&self) -> String {
        let response = self.get("/metrics").await;
        assert_eq!(response.status(), 200);
        response.text().await.unwrap()
    }
}

fn smtp_overrides(port: u16) -> Overrides {
    Overrides {
        email_backend: Some(EmailBackendKind::Smtp),
        smtp_host: Some("127.0.0.1".into()),
        smtp_port: Some(port),
        smtp_tls: Some(SmtpTls::None),
        email_from: Some("UPSers <no-reply@upsers.example>".into()),
        ..Overrides::default()
    }
}

/// Waits until the delivery worker's audit events for `employee_id` are
/// exactly `expected`.
async fn wait_for_audit(app: &TestApp, employee_id: &str, expected: &[&str]) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let kinds = delivery_audit(app, employee_id).await;
        if kinds == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "delivery audit of {employee_id}: {kinds:?}, expected {expected:?} (requests: {:?})",
            app_audit(app, employee_id).await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What `read` returns once it holds at least `count` items (`what`).
async fn at_least<T>(count: usize, what: &str, read: impl Fn() -> Vec<T>) -> Vec<T> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let items = read();
        if items.len() >= count {
            return items;
        }
        assert!(
            Instant::now() < deadline,
            "{} of {count} {what} arrived",
            items.len()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn code_in_subject(email: &str) -> String {
    let subject = email
        .lines()
        .find_map(|line| line.strip_prefix("Subject: "))
        .unwrap_or_else(|| panic!("no Subject line in\n{email}"));
    assert!(
        subject.ends_with("is your UPSers one-time PIN to sign in"),
        "{subject}"
    );
    six_digits_in(subject)
}

fn six_digits_in(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|word| word.len() == 6)
        .unwrap_or_else(|| panic!("no six-digit code in {text:?}"))
        .to_owned()
}

/// A real SMTP server: aiosmtpd in its own process, each message it
/// receives written to a Maildir.
struct SmtpServer {
    child: Child,
    maildir: PathBuf,
    _dir: tempfile::TempDir,
}

impl SmtpServer {
    fn start(port: u16) -> SmtpServer {
        SmtpServer::start_with(port, &[])
    }

    /// With extra aiosmtpd flags (certificates for STARTTLS or implicit TLS).
    fn start_with(port: u16, flags: &[&str]) -> SmtpServer {
        let python = std::env::var("UPSERS_TEST_SMTP_PYTHON").expect(
            "UPSERS_TEST_SMTP_PYTHON is not set: the SMTP tests need the Python with aiosmtpd \
             that scripts/bootstrap installs. Run `make test`, or export \
             UPSERS_TEST_SMTP_PYTHON=$HOME/.cache/upsers/smtp-venv/bin/python",
        );
        let dir = tempfile::tempdir().unwrap();
        let maildir = dir.path().join("maildir");
        // Its log stays out of the test output (an aborted TLS handshake is
        // expected once); it is shown when the server does not come up.
        let log_path = dir.path().join("aiosmtpd.log");
        let log = std::fs::File::create(&log_path).unwrap();
        let child = Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(flags)
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|error| panic!("starting aiosmtpd with {python}: {error}"));
        let mut server = SmtpServer {
            child,
            maildir,
            _dir: dir,
        };
        let deadline = Instant::now() + PATIENCE;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "aiosmtpd exited before listening: {status}\n{}",
                    std::fs::read_to_string(&log_path).unwrap_or_default()
                );
            }
            assert!(
                Instant::now() < deadline,
                "aiosmtpd never listened on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn received(&self) -> Vec<String> {
        read_maildir(&self.maildir.join("new"))
    }

    /// The raw messages received so far, once there are `count`.
    async fn wait_for_messages(&self, count: usize) -> Vec<String> {
        at_least(count, "emails", || self.received()).await
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_maildir(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
        .collect()
}

/// A private certificate authority and a server certificate it signed for
/// `localhost`, as PEM files.
struct TestPki {
    ca_cert: PathBuf,
    server_cert: PathBuf,
    server_key: PathBuf,
    _dir: tempfile::TempDir,
}

impl TestPki {
    fn new() -> TestPki {
        use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::new(Vec::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = ca_params.self_signed(&ca_key).unwrap();
        let server_key = KeyPair::generate().unwrap();
        let server = CertificateParams::new(vec!["localhost".to_owned()])
            .unwrap()
            .signed_by(&server_key, &ca, &ca_key)
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, pem: String| {
            let path = dir.path().join(name);
            std::fs::write(&path, pem).unwrap();
            path
        };
        TestPki {
            ca_cert: write("ca.pem", ca.pem()),
            server_cert: write("server.pem", server.pem()),
            server_key: write("server.key", server_key.serialize_pem()),
            _dir: dir,
        }
    }
}

/// What the SMS gateway double received.
#[derive(Clone, Debug)]
struct GatewayRequest {
    authorization: String,
    idempotency_key: String,
    body: serde_json::Value,
}

/// An HTTP SMS gateway on a free port: answers each request with the next
/// scripted status, 200 once the script is used up, and records them all.
struct Gateway {
    address: String,
    received: Arc<Mutex<Vec<GatewayRequest>>>,
}

impl Gateway {
    async fn start(script: &[u16]) -> Gateway {
        let received = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(script.iter().copied().collect::<VecDeque<_>>()));
        let handler = {
            let received = received.clone();
            move |headers: HeaderMap, body: axum::body::Bytes| {
                let received = received.clone();
                let script = script.clone();
                async move {
                    let header = |name: &str| {
                        headers
                            .get(name)
                            .and_then(|value| value.to_str().ok())
                            .unwrap_or_default()
                            .to_owned()
                    };
                    received.lock().unwrap().push(GatewayRequest {
                        authorization: header("authorization"),
                        idempotency_key: header("idempotency-key"),
                        body: serde_json::from_slice(&body).unwrap_or_default(),
                    });
                    let status = script.lock().unwrap().pop_front().unwrap_or(200);
                    StatusCode::from_u16(status).unwrap()
                }
            }
        };
        let router = axum::Router::new().route("/send", axum::routing::post(handler));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await });
        Gateway { address, received }
    }

    fn url(&self) -> String {
        format!("{}/send", self.address)
    }

    fn overrides(&self) -> Overrides {
        Overrides {
            sms_backend: Some(SmsBackendKind::Webhook),
            sms_webhook_url: Some(self.url()),
            sms_webhook_token: Some(Secret::new("gateway-token")),
            ..Overrides::default()
        }
    }

    fn requests(&self) -> Vec<GatewayRequest> {
        self.received.lock().unwrap().clone()
    }

    async fn wait_for_requests(&self, count: usize) -> Vec<GatewayRequest> {
        at_least(count, "gateway requests", || self.requests()).await
    }
}
