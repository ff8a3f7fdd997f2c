//! Cross-site request forgery, refused by the request's own headers (OWASP's
//! "verifying origin with standard headers"): every state-changing request
//! (any method but GET, HEAD and OPTIONS, with a body or not) whose `Origin`
//! is present and is not the portal's origin gets 403; without `Origin`, a
//! browser's `Sec-Fetch-Site: cross-site` gets 403. SameSite=Strict cookies
//! already keep sessions out of such requests; this also covers the flows
//! and endpoints that need no cookie (`text/plain` posts are "simple"
//! requests a foreign page may send without a preflight).

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::AppState;

/// Which origins may send state-changing requests.
#[derive(Clone, Debug)]
pub struct AllowedOrigins {
    /// The configured public origin (or `http://{bind}`), exactly.
    public: String,
    /// Demo mode also takes any loopback origin: `make run` opened as
    /// `localhost` or `127.0.0.1`, and `make dev`'s trunk server on another
    /// port. Never outside demo mode.
    loopback: bool,
}

impl AllowedOrigins {
    pub fn new(public_origin: &str, demo: bool) -> Self {
        AllowedOrigins {
            public: public_origin.trim_end_matches('/').to_ascii_lowercase(),
            loopback: demo,
        }
    }

    fn allows(&self, origin: &str) -> bool {
        let origin = origin.to_ascii_lowercase();
        origin == self.public || (self.loopback && is_loopback_origin(&origin))
    }

    /// `Err` when the request must be refused as cross-site.
    pub fn check(&self, method: &Method, headers: &HeaderMap) -> Result<(), ApiError> {
        if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
            return Ok(());
        }
        let value = |name| headers.get(name).and_then(|value| value.to_str().ok());
        match value(header::ORIGIN.as_str()) {
            // A sandboxed frame or a privacy redirect sends "null": not us.
            Some(origin) if self.allows(origin) => Ok(()),
            Some(_) => Err(ApiError::CrossSite),
            None if value("sec-fetch-site") == Some("cross-site") => Err(ApiError::CrossSite),
            None => Ok(()),
        }
    }
}

fn is_loopback_origin(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let host = match rest.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|byte| byte.is_ascii_digit()) => host,
        _ => rest,
    };
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

/// The middleware on `/api`.
pub async fn refuse_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    match state
        .allowed_origins()
        .check(request.method(), request.headers())
    {
        Ok(()) => next.run(request).await,
        Err(refused) => refused.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn only_the_public_origin_may_change_state_outside_demo_mode() {
        let allowed = AllowedOrigins::new("https://portal.upsers.example", false);
        let post = Method::POST;
        assert!(
            allowed
                .check(
                    &post,
                    &headers(&[("origin", "https://portal.upsers.example")])
                )
                .is_ok()
        );
        for foreign in [
            "https://evil.example",
            "http://portal.upsers.example",
            "https://portal.upsers.example.evil.example",
            "http://localhost:8080",
            "null",
        ] {
            assert!(
                allowed
                    .check(&post, &headers(&[("origin", foreign)]))
                    .is_err(),
                "{foreign}"
            );
        }
        assert!(
            allowed
                .check(
                    &Method::GET,
                    &headers(&[("origin", "https://evil.example")])
                )
                .is_ok(),
            "reads change nothing"
        );
    }

    #[test]
    fn without_an_origin_only_a_cross_site_fetch_is_refused() {
        let allowed = AllowedOrigins::new("https://portal.upsers.example", false);
        let post = Method::POST;
        assert!(
            allowed.check(&post, &HeaderMap::new()).is_ok(),
            "curl, tests"
        );
        assert!(
            allowed
                .check(&post, &headers(&[("sec-fetch-site", "same-origin")]))
                .is_ok()
        );
        assert!(
            allowed
                .check(&post, &headers(&[("sec-fetch-site", "cross-site")]))
                .is_err()
        );
    }

    #[test]
    fn demo_mode_takes_loopback_origins_on_any_port() {
        let allowed = AllowedOrigins::new("http://127.0.0.1:8080", true);
        for origin in [
            "http://localhost:8080",
            "http://127.0.0.1:8081",
            "http://[::1]:8080",
        ] {
            assert!(
                allowed
                    .check(&Method::POST, &headers(&[("origin", origin)]))
                    .is_ok(),
                "{origin}"
            );
        }
        assert!(
            allowed
                .check(
                    &Method::POST,
                    &headers(&[("origin", "http://localhost.evil.example")])
                )
                .is_err()
        );
    }
}
