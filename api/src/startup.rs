//! Building the server from settings: store, routes, layers, listener.

use std::future::Future;
use std::io::Write;
use std::net::SocketAddr;

use anyhow::Context;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use tokio::net::TcpListener;
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use std::sync::Arc;

use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::courier::Courier;
use crate::courier::worker::Worker;
use crate::demo;
use crate::password::PinHasher;
use crate::security_headers::{self, SecurityHeaders};
use crate::server::ServerLimits;
use crate::state::AppState;
use crate::store::{Store, redact_url};
use crate::{routes, spa};

/// Largest request body the API reads (PRODUCT.md: over 16 KiB is 413).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

pub struct Application {
    listener: TcpListener,
    router: Router,
    store: Store,
    limits: ServerLimits,
    demo: bool,
    /// The channels the dev outbox stands in for (the demo banner says so).
    dev_channels: Vec<&'static str>,
    /// Starts delivering queued messages when the server runs.
    worker: Worker,
}

impl Application {
    /// Opens the store and binds the listener; nothing is served until
    /// [`Application::run_until_stopped`].
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        Self::build_with_clock(settings, Arc::new(SystemClock)).await
    }

    /// Like [`Application::build`], with the clock tests move by hand.
    pub async fn build_with_clock(
        settings: Settings,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Application> {
        let courier = Courier::new(&settings.delivery, &settings.secret_key)?;
        tracing::info!(delivery = ?settings.delivery, "message delivery");
        let store =
            Store::connect_with(&settings.database_url, settings.store_acquire_timeout).await?;
        store.migrate().await?;
        tracing::info!(
            backend = store.backend_name(),
            url = %redact_url(&settings.database_url),
            "store open"
        );

        let index_html = std::fs::read_to_string(settings.dist.join("index.html")).ok();
        if index_html.is_none() {
            tracing::warn!(
                dist = %settings.dist.display(),
                "no index.html in the dist directory: only the API is served (run `trunk build`)"
            );
        }
        let shell_phone = format!("tel:{}", settings.support.phone);
        if index_html
            .as_deref()
            .is_some_and(|page| page.contains("tel:") && !page.contains(&shell_phone))
        {
            tracing::warn!(
                support_phone = %settings.support.phone,
                "the page shell in dist/index.html shows another support number: build the SPA with \
                 the same UPSERS_SUPPORT_PHONE (scripts/build-spa)"
            );
        }
        let security = SecurityHeaders::new(index_html.as_deref(), &settings.public_origin);

        let hasher = PinHasher::new(std::thread::available_parallelism().map_or(1, usize::from));
        if settings.demo
            && demo::seed_if_empty(&store, &hasher, &settings.secret_key, clock.now()).await?
        {
            tracing::info!("demo employees seeded");
        }

        let listener = TcpListener::bind(settings.bind)
            .await
            .with_context(|| format!("binding {}", settings.bind))?;
        let dist = settings.dist.clone();
        let demo_mode = settings.demo;
        let dev_channels = courier.dev_outbox_channels();
        let worker = Worker::new(
            store.clone(),
            courier.clone(),
            clock.clone(),
            settings.audit_retention_days,
        );
        let settings_limits = settings.server_limits;
        let state = AppState::new(settings, store.clone(), clock, hasher, courier);
        let router = Router::new()
            .merge(routes::probes())
            .merge(routes::metrics())
            .nest("/api", routes::api(&state, demo_mode))
            .merge(spa::router(&dist))
            .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
            .layer(RequestBodyTimeoutLayer::new(
                settings_limits.body_read_timeout,
            ))
            .layer(axum::middleware::map_response_with_state(
                security,
                security_headers::apply,
            ))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                    .on_response(DefaultOnResponse::new().level(Level::INFO)),
            )
            .with_state(state);
        Ok(Application {
            listener,
            router,
            store,
            limits: settings_limits,
            demo: demo_mode,
            dev_channels,
            worker,
        })
    }

    /// Logs the work of every request (store operations, hashes) into `log`:
    /// for the equal-work tests, never in production.
    pub fn record_work(&mut self, log: crate::work::WorkLog) {
        let router = std::mem::take(&mut self.router);
        self.router = router.layer(axum::middleware::from_fn(
            move |request: axum::extract::Request, next: axum::middleware::Next| {
                crate::work::record_work(log.clone(), request, next)
            },
        ));
    }

    /// The address actually bound (tests bind port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves (and delivers queued messages) until `shutdown` resolves, then
    /// lets in-flight requests and the message in hand finish, and closes the
    /// store.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let address = self.local_addr();
        tracing::info!(%address, "UPSers portal listening on http://{address}");
        if self.demo {
            // Ignore a closed stdout: the banner is a courtesy, not worth a crash.
            let _ = writeln!(
                std::io::stdout().lock(),
                "{}",
                demo::banner(&format!("http://{address}"), &self.dev_channels)
            );
        }
        let worker = self.worker.spawn();
        let served = crate::server::serve(self.listener, self.router, self.limits, shutdown)
            .await
            .context("serving HTTP");
        worker.stop().await;
        served?;
        self.store.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}
