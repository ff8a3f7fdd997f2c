//! Every HTTP route, merged in one place. Each feature module exports its own
//! `router()`; this file decides where it is mounted.

pub(crate) mod account;
pub(crate) mod desk;
pub(crate) mod dev;
pub(crate) mod health;
pub(crate) mod login;
pub(crate) mod metrics;
pub(crate) mod passkeys;
pub(crate) mod policy;
pub(crate) mod recovery;
pub(crate) mod registration;
pub(crate) mod reports;
pub mod session;

use axum::Router;
use axum::handler::Handler;
use axum::http::{HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;
use upsers_contract::endpoint::{Endpoint, Method};

use crate::error::ApiError;
use crate::state::AppState;

/// `/api/…`: the JSON API. Unknown paths and methods answer with the JSON error
/// body, never with the SPA's index.html, no answer may be cached, and
/// state-changing requests from other sites are refused (`csrf`), and the
/// audit events a request causes record its User-Agent.
pub fn api(state: &AppState, demo: bool) -> Router<AppState> {
    let mut v1 = Router::new()
        .merge(policy::router())
        .merge(account::router())
        .merge(desk::router())
        .merge(login::router())
        .merge(passkeys::router())
        .merge(recovery::router())
        .merge(registration::router())
        .merge(reports::router())
        .merge(session::router());
    if demo {
        v1 = v1.merge(dev::router());
    }
    Router::new()
        .nest("/v1", v1)
        .route("/openapi.json", axum::routing::get(crate::openapi::serve))
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::csrf::refuse_cross_site,
        ))
        .layer(axum::middleware::from_fn(crate::store::record_user_agent))
        .layer(no_store())
}

/// `/metrics`, for Prometheus: delivery health.
pub fn metrics() -> Router<AppState> {
    metrics::router().layer(no_store())
}

/// `/healthz` and `/readyz`, outside `/api` where orchestrators expect them.
pub fn probes() -> Router<AppState> {
    health::router().layer(no_store())
}

/// Mounts `handler` at `E`'s route with `E`'s method (the contract owns
/// both; routes that share a path with other methods merge).
fn mount<E, H, T>(router: Router<AppState>, handler: H) -> Router<AppState>
where
    E: Endpoint,
    H: Handler<T, AppState>,
    T: 'static,
{
    let method_router = match E::METHOD {
        Method::Get => axum::routing::get(handler),
        Method::Post => axum::routing::post(handler),
    };
    router.route(E::ROUTE, method_router)
}

fn no_store() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))
}
