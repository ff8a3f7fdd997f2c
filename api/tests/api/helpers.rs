//! `spawn_app()`: a running API with a fresh store and a small built SPA.

use std::path::Path;

use std::sync::Arc;

use tempfile::TempDir;
use tokio::sync::oneshot;
use upsers_api::clock::ManualClock;
use upsers_api::config::{Overrides, Settings};
use upsers_api::startup::Application;
use upsers_contract as wire;

/// Which store a test runs against.
#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each named `async fn name(backend: Backend)` once per store, as
/// `name::sqlite` and `name::postgres`.
macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite).await
            }
            #[tokio::test]
            async fn postgres() {
                super::$name($crate::helpers::Backend::Postgres).await
            }
        }
    )*};
}
pub(crate) use on_both_stores;

/// The inline loader of the fake dist/index.html, whose hash the CSP must carry.
pub const INLINE_LOADER: &str = "\nimport init from '/app-0123456789abcdef.js';\nawait init();\n";
pub const HASHED_ASSET: &str = "/app-0123456789abcdef.js";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub database_url: String,
    /// The directory of the (small, fake) built SPA the app serves.
    pub dist: std::path::PathBuf,
    /// The work (store operations, hashes) of every request served.
    pub work: upsers_api::work::WorkLog,
    /// The server's clock: tests move it instead of sleeping.
    pub clock: Arc<ManualClock>,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    _dir: TempDir,
}

impl TestApp {
    pub fn clock_now(&self) -> i64 {
        use upsers_api::clock::Clock;
        self.clock.now()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    /// Stops the server as SIGTERM would, and waits for it to finish.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        let _ = self.shutdown.take().expect("running").send(());
        self.server
            .take()
            .expect("running")
            .await
            .expect("server task")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// How long a test app's requests wait for a store connection.
const TEST_ACQUIRE_TIMEOUT_MS: u64 = 60_000;

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, Overrides::default()).await
}

/// Like [`spawn_app`], with some settings given as they would be by flags.
/// Apps run in demo mode (demo employees, dev outbox) unless `overrides` says
/// otherwise.
pub async fn spawn_app_with(backend: Backend, overrides: Overrides) -> TestApp {
    spawn_app_on(backend, None, overrides).await
}

/// A second API instance on the store of `first`, as instances behind a load
/// balancer share one PostgreSQL database (demo mode seeds only an empty
/// store, and its key is the same on both).
pub async fn spawn_instance_sharing(first: &TestApp, overrides: Overrides) -> TestApp {
    spawn_app_on(
        Backend::Postgres,
        Some(first.database_url.clone()),
        overrides,
    )
    .await
}

async fn spawn_app_on(
    backend: Backend,
    database_url: Option<String>,
    overrides: Overrides,
) -> TestApp {
    let dir = tempfile::tempdir().expect("temporary directory");
    let dist = dir.path().join("dist");
    write_fake_dist(&dist);
    let database_url = match (database_url, backend) {
        (Some(url), _) => url,
        (None, Backend::Sqlite) => format!("sqlite://{}", dir.path().join("store.db").display()),
        (None, Backend::Postgres) => fresh_postgres_database().await,
    };
    let settings = Settings::resolve(Overrides {
        bind: Some("127.0.0.1:0".parse().unwrap()),
        database_url: Some(database_url.clone()),
        dist: Some(dist.clone()),
        demo: overrides.demo.or(Some(true)),
        // Tests send hundreds of requests at once, and while the rest of the
        // suite runs, the production wait of 1 s for a store connection
        // turned many of them into 503s (a CI run failed on it). Limits and
        // answers are under test, not back-pressure: probes.rs asks for the
        // production wait where it tests a store that is down.
        store_acquire_timeout_ms: overrides
            .store_acquire_timeout_ms
            .or(Some(TEST_ACQUIRE_TIMEOUT_MS)),
        ..overrides
    })
    .expect("valid test settings");
    let clock = Arc::new(ManualClock::starting_at(1_800_000_000));
    let mut app = Application::build_with_clock(settings, clock.clone())
        .await
        .expect("application builds");
    let work = upsers_api::work::WorkLog::default();
    app.record_work(work.clone());
    let address = format!("http://{}", app.local_addr());
    let (shutdown, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        database_url,
        dist,
        work,
        clock,
        shutdown: Some(shutdown),
        server: Some(server),
        _dir: dir,
    }
}

fn write_fake_dist(dist: &Path) {
    std::fs::create_dir_all(dist).unwrap();
    // The page and its Spanish twin, as scripts/build-spa writes them.
    for (page, lang) in [("index.html", "en"), ("index.es.html", "es")] {
        std::fs::write(
            dist.join(page),
            format!(
                "<!DOCTYPE html><html lang=\"{lang}\"><head><title>UPSers</title>\
                 <script type=\"module\">{INLINE_LOADER}</script></head><body></body></html>"
            ),
        )
        .unwrap();
    }
    std::fs::write(
        dist.join(HASHED_ASSET.trim_start_matches('/')),
        "export default 1;",
    )
    .unwrap();
    std::fs::write(
        dist.join(format!("{}.br", HASHED_ASSET.trim_start_matches('/'))),
        b"brotli bytes".as_slice(),
    )
    .unwrap();
    std::fs::write(dist.join("robots.txt"), "User-agent: *\nDisallow: /\n").unwrap();
}

/// The PostgreSQL server `make test` starts; a test that needs it fails loudly
/// when it is not configured rather than skipping.
pub fn postgres_admin_url() -> String {
    std::env::var("UPSERS_TEST_POSTGRES_URL").expect(
        "UPSERS_TEST_POSTGRES_URL is not set: the PostgreSQL pass needs a server. \
         Run `make test`, or `scripts/start-postgres` and export the URL it prints.",
    )
}

/// Sends every request at once (a barrier releases them together), each on
/// its own connection task, and answers their statuses.
pub async fn all_at_once(requests: impl Iterator<Item = reqwest::RequestBuilder>) -> Vec<u16> {
    let requests: Vec<_> = requests.collect();
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(requests.len()));
    let mut sent = tokio::task::JoinSet::new();
    for request in requests {
        let barrier = barrier.clone();
        sent.spawn(async move {
            barrier.wait().await;
            request
                .send()
                .await
                .expect("request sent")
                .status()
                .as_u16()
        });
    }
    sent.join_all().await
}

/// Rows in `table`, counted on the app's own store.
pub async fn rows(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    if app.database_url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(&app.database_url).await.unwrap();
        let count = sqlx::query_scalar(&sql).fetch_one(&pool).await.unwrap();
        pool.close().await;
        count
    } else {
        let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
        let count = sqlx::query_scalar(&sql).fetch_one(&pool).await.unwrap();
        pool.close().await;
        count
    }
}

/// A new, empty database on the test server, so tests never share state.
pub async fn fresh_postgres_database() -> String {
    use sqlx::Connection;
    let admin_url = postgres_admin_url();
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .unwrap_or_else(|error| panic!("connecting to the test PostgreSQL server: {error}"));
    let name = format!("upsers_test_{}", unique_suffix());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("creating a test database");
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("the admin URL names a database");
    format!("{base}/{name}")
}

fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

pub const JORDAN: &str = "1234567";
pub const JORDAN_PIN: &str = "Brown-Truck-1907";
pub const SAM: &str = "2345678";
pub const SAM_PIN: &str = "Package-Car-2024";

impl TestApp {
    /// Like [`TestApp::post`], from client `address` (the app must trust
    /// 127.0.0.1 as a proxy), answering only the status: for many requests
    /// at once.
    pub async fn post_from(
        &self,
        address: &str,
        path: &str,
        body: serde_json::Value,
        cookie: Option<&str>,
    ) -> u16 {
        let mut request = self
            .client
            .post(self.url(path))
            .header("x-forwarded-for", address)
            .json(&body);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request
            .send()
            .await
            .expect("request sent")
            .status()
            .as_u16()
    }

    /// POSTs `body` as JSON, with `cookie` (a `name=value` pair) when given.
    pub async fn post(
        &self,
        path: &str,
        body: serde_json::Value,
        cookie: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self.client.post(self.url(path)).json(&body);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send().await.expect("request sent")
    }

    pub async fn get_with_cookie(&self, path: &str, cookie: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("cookie", cookie)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn login(&self, employee_id: &str, pin: &str) -> reqwest::Response {
        self.post(
            "/api/v1/login",
            serde_json::json!({ "employee_id": employee_id, "pin": pin }),
            None,
        )
        .await
    }

    /// Signs in with the right PIN; returns the flow and its cookie.
    pub async fn start_login(&self, employee_id: &str, pin: &str) -> (wire::LoginStarted, String) {
        let response = self.login(employee_id, pin).await;
        assert_eq!(response.status(), 200, "the PIN is accepted");
        let cookie = cookie_pair(&response, "__Host-flow").expect("a flow cookie");
        (response.json().await.unwrap(), cookie)
    }

    pub async fn send_code(
        &self,
        flow: &wire::LoginStarted,
        cookie: &str,
        channel: &str,
    ) -> reqwest::Response {
        let path = format!("/api/v1/login/{}/send", flow.flow_id);
        self.post(
            &path,
            serde_json::json!({ "channel": channel }),
            Some(cookie),
        )
        .await
    }

    pub async fn verify_code(
        &self,
        flow: &wire::LoginStarted,
        cookie: &str,
        code: &str,
    ) -> reqwest::Response {
        let path = format!("/api/v1/login/{}/verify", flow.flow_id);
        self.post(&path, serde_json::json!({ "code": code }), Some(cookie))
            .await
    }

    pub async fn outbox(&self) -> Vec<wire::DevOutboxMessage> {
        let response = self.get("/api/v1/dev/outbox").await;
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// The newest code sent to `employee_id`, as the dev outbox shows it
    /// (notices and alerts, which carry none, are passed over).
    pub async fn latest_code(&self, employee_id: &str) -> String {
        self.outbox()
            .await
            .into_iter()
            .filter(|message| message.employee_id == employee_id)
            .find_map(|message| message.code)
            .expect("a code in the dev outbox")
    }

    /// My account's step-up state for `session`.
    pub async fn step_up_state(&self, session: &str) -> wire::StepUpState {
        let response = self
            .get_with_cookie("/api/v1/account/step-up", session)
            .await;
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// A step-up by a one-time PIN on `channel`, as My account makes one
    /// before a change of what recovers the account (the change spends it).
    /// Answers the state the step-up answered.
    pub async fn step_up_by_code(
        &self,
        employee_id: &str,
        session: &str,
        channel: &str,
    ) -> wire::StepUpState {
        let body = serde_json::json!({ "channel": channel });
        let response = self
            .post("/api/v1/account/step-up/send", body, Some(session))
            .await;
        assert_eq!(response.status(), 200, "a step-up code is sent");
        let sent: wire::CodeSent = response.json().await.unwrap();
        let code = self.latest_code(employee_id).await;
        let path = format!("/api/v1/account/step-up/{}/verify", sent.flow_id);
        let body = serde_json::json!({ "code": code });
        let response = self.post(&path, body, Some(session)).await;
        assert_eq!(response.status(), 200, "the step-up code is accepted");
        response.json().await.unwrap()
    }

    /// A complete sign-in by text message; returns the session cookie pair.
    pub async fn sign_in(&self, employee_id: &str, pin: &str, channel: &str) -> String {
        let (flow, cookie) = self.start_login(employee_id, pin).await;
        assert_eq!(self.send_code(&flow, &cookie, channel).await.status(), 200);
        let code = self.latest_code(employee_id).await;
        let response = self.verify_code(&flow, &cookie, &code).await;
        assert_eq!(response.status(), 200, "the code is accepted");
        cookie_pair(&response, "__Host-session").expect("a session cookie")
    }
}

impl TestApp {
    /// A complete sign-in by email that asks to remember the browser, which
    /// carries `device` (a `__Host-device` pair) if given. Returns the
    /// session's and the device's cookie pairs.
    pub async fn sign_in_remembering(
        &self,
        employee_id: &str,
        pin: &str,
        device: Option<&str>,
    ) -> (String, String) {
        let (flow, cookie) = self.start_login(employee_id, pin).await;
        assert!(!flow.signed_in(), "a code is asked for");
        assert_eq!(self.send_code(&flow, &cookie, "email").await.status(), 200);
        let code = self.latest_code(employee_id).await;
        let cookies = match device {
            Some(device) => format!("{cookie}; {device}"),
            None => cookie,
        };
        let path = format!("/api/v1/login/{}/verify", flow.flow_id);
        let body = serde_json::json!({ "code": code, "remember_device": true });
        let response = self.post(&path, body, Some(&cookies)).await;
        assert_eq!(response.status(), 200, "the code is accepted");
        (
            cookie_pair(&response, "__Host-session").expect("a session cookie"),
            cookie_pair(&response, "__Host-device").expect("a device cookie"),
        )
    }

    /// `POST /login` with the PIN from a browser carrying `cookie`.
    pub async fn login_with(
        &self,
        employee_id: &str,
        pin: &str,
        cookie: &str,
    ) -> reqwest::Response {
        let body = serde_json::json!({ "employee_id": employee_id, "pin": pin });
        self.post("/api/v1/login", body, Some(cookie)).await
    }
}

/// The token of the "This wasn't me" link in `message`.
pub fn report_token(message: &wire::DevOutboxMessage) -> String {
    let (_, after) = message.body.split_once("/forgot#report=").unwrap();
    after
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// POSTs `body` from a browser saying `user_agent`.
pub async fn post_as(
    app: &TestApp,
    user_agent: &str,
    path: &str,
    body: serde_json::Value,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(path))
        .header("user-agent", user_agent)
        .json(&body);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

/// A complete sign-in by email, every request from `user_agent`.
pub async fn sign_in_as(app: &TestApp, employee_id: &str, pin: &str, user_agent: &str) -> String {
    let login = serde_json::json!({ "employee_id": employee_id, "pin": pin });
    let response = post_as(app, user_agent, "/api/v1/login", login, None).await;
    assert_eq!(response.status(), 200);
    let cookie = cookie_pair(&response, "__Host-flow").unwrap();
    let flow: wire::LoginStarted = response.json().await.unwrap();
    let send = format!("/api/v1/login/{}/send", flow.flow_id);
    let channel = serde_json::json!({ "channel": "email" });
    let sent = post_as(app, user_agent, &send, channel, Some(&cookie)).await;
    assert_eq!(sent.status(), 200);
    let code = app.latest_code(employee_id).await;
    let verify = format!("/api/v1/login/{}/verify", flow.flow_id);
    let response = post_as(
        app,
        user_agent,
        &verify,
        serde_json::json!({ "code": code }),
        Some(&cookie),
    )
    .await;
    assert_eq!(response.status(), 200);
    cookie_pair(&response, "__Host-session").unwrap()
}

/// The full `Set-Cookie` header for cookie `name`.
pub fn set_cookie_header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

/// `name=value` of cookie `name` as set by the response, for a `Cookie` header.
pub fn cookie_pair(response: &reqwest::Response, name: &str) -> Option<String> {
    set_cookie_header(response, name).map(|header| header.split(';').next().unwrap().to_owned())
}

/// The error body of a response, asserting its status.
pub async fn error_body(response: reqwest::Response, status: u16) -> wire::ErrorBody {
    assert_eq!(response.status(), status, "status");
    response.json().await.expect("an error body")
}

/// The audit trail of `employee_id`, oldest first, read from the store itself.
/// The audit kinds the requests recorded, oldest first. The delivery
/// worker's events (`message_*`) land on its own schedule, between them;
/// [`delivery_audit`] reads those.
pub async fn app_audit(app: &TestApp, employee_id: &str) -> Vec<String> {
    let mut kinds = all_audit_kinds(app, employee_id).await;
    kinds.retain(|kind| !kind.starts_with("message_"));
    kinds
}

/// The delivery worker's audit kinds for an employee, oldest first.
pub async fn delivery_audit(app: &TestApp, employee_id: &str) -> Vec<String> {
    let mut kinds = all_audit_kinds(app, employee_id).await;
    kinds.retain(|kind| kind.starts_with("message_"));
    kinds
}

async fn all_audit_kinds(app: &TestApp, employee_id: &str) -> Vec<String> {
    let store = upsers_api::store::Store::connect(&app.database_url)
        .await
        .unwrap();
    let kinds = store.audit_kinds(employee_id).await.unwrap();
    store.close().await;
    kinds
}

/// A one-time PIN that is certainly not `right`.
pub fn a_wrong_code(right: &str) -> &'static str {
    if right == "000000" {
        "111111"
    } else {
        "000000"
    }
}

/// The real `upsers-api` binary, with none of the caller's `UPSERS_*`
/// settings inherited from the shell: only what the test gives counts.
pub fn api_binary() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_upsers-api"));
    for (name, _) in std::env::vars().filter(|(name, _)| name.starts_with("UPSERS_")) {
        command.env_remove(name);
    }
    command
}
