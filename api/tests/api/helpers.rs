//! `spawn_app()`: a running API with a fresh store and a small built SPA.

use std::path::Path;

use tempfile::TempDir;
use tokio::sync::oneshot;
use upsers_api::config::{Overrides, Settings};
use upsers_api::startup::Application;

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
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    _dir: TempDir,
}

impl TestApp {
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

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, Overrides::default()).await
}

/// Like [`spawn_app`], with some settings given as they would be by flags.
pub async fn spawn_app_with(backend: Backend, overrides: Overrides) -> TestApp {
    let dir = tempfile::tempdir().expect("temporary directory");
    let dist = dir.path().join("dist");
    write_fake_dist(&dist);
    let database_url = match backend {
        Backend::Sqlite => format!("sqlite://{}", dir.path().join("store.db").display()),
        Backend::Postgres => fresh_postgres_database().await,
    };
    let settings = Settings::resolve(Overrides {
        bind: Some("127.0.0.1:0".parse().unwrap()),
        database_url: Some(database_url.clone()),
        dist: Some(dist),
        ..overrides
    })
    .expect("valid test settings");
    let app = Application::build(settings)
        .await
        .expect("application builds");
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
        shutdown: Some(shutdown),
        server: Some(server),
        _dir: dir,
    }
}

fn write_fake_dist(dist: &Path) {
    std::fs::create_dir_all(dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><title>UPSers</title>\
             <script type=\"module\">{INLINE_LOADER}</script></head><body></body></html>"
        ),
    )
    .unwrap();
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
