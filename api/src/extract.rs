//! Request extractors with the API's own error answers: JSON bodies whose
//! rejections use the contract's error body, the client's address, and cookies.

use std::net::{IpAddr, SocketAddr};

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::state::AppState;

/// `Json<T>` whose failures (malformed JSON, wrong types, missing fields, wrong
/// content type, a body over the limit) answer with the error body.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    let status = rejection.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::PayloadTooLarge;
    }
    if is_body_timeout(&rejection) {
        return ApiError::InvalidInput {
            status: StatusCode::REQUEST_TIMEOUT,
            message: "The request body did not arrive in time.".to_owned(),
            fields: Vec::new(),
        };
    }
    let message = match &rejection {
        JsonRejection::MissingJsonContentType(_) => "Send the body as application/json.".to_owned(),
        JsonRejection::JsonSyntaxError(_) => "The request body is not valid JSON.".to_owned(),
        _ => format!(
            "The request body does not fit this endpoint: {}",
            rejection.body_text()
        ),
    };
    ApiError::InvalidInput {
        status,
        message,
        fields: Vec::new(),
    }
}

/// Whether the body read failed because the body read timeout ran out.
fn is_body_timeout(rejection: &JsonRejection) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(rejection);
    while let Some(error) = source {
        if error.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        source = error.source();
    }
    false
}

/// The client's address, as counted by the per-address failure cap and written
/// to the audit trail: the socket's peer, unless that peer is a configured
/// trusted proxy, in which case the nearest untrusted hop of `X-Forwarded-For`.
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| peer.ip());
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|value| value.to_str().ok());
        Ok(ClientAddress(match peer {
            Some(peer) => client_ip(peer, forwarded, &state.settings().trusted_proxies).to_string(),
            None => "unknown".to_owned(),
        }))
    }
}

/// Who is asking, as the audit trail, the limits and the messages caused by
/// the request need it: the client's address ([`ClientAddress`]), its
/// browser ([`UserAgent`]) and the language it reads ([`MessageLanguage`]).
pub struct Actor {
    pub address: String,
    pub user_agent: Option<String>,
    pub language: crate::courier::Language,
}

impl FromRequestParts<AppState> for Actor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ClientAddress(address) = ClientAddress::from_request_parts(parts, state).await?;
        let Ok(UserAgent(user_agent)) = UserAgent::from_request_parts(parts, state).await;
        let Ok(MessageLanguage(language)) = MessageLanguage::from_request_parts(parts, state).await;
        Ok(Actor {
            address,
            user_agent,
            language,
        })
    }
}

impl Actor {
    /// Records `kind` about `employee_id` (if known) from this actor, now.
    pub async fn audit(
        &self,
        state: &AppState,
        kind: crate::store::AuditKind,
        employee_id: Option<&str>,
        detail: Option<&str>,
    ) -> Result<(), ApiError> {
        let now = state.now();
        let store = state.store();
        Ok(store
            .audit(kind, employee_id, &self.address, detail, now)
            .await?)
    }
}

/// Walks `X-Forwarded-For` from the right (the hop nearest to us) past trusted
/// proxies; a client cannot forge its way past a proxy that appends to it.
pub fn client_ip(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let mut nearest = peer;
    for hop in forwarded_for.unwrap_or("").rsplit(',').map(str::trim) {
        match hop.parse::<IpAddr>() {
            Ok(address) if trusted.contains(&address) => nearest = address,
            Ok(address) => return address,
            Err(_) => return nearest,
        }
    }
    nearest
}

/// The value of cookie `name` in the request, if sent.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` value with the attributes of PRODUCT.md: `__Host-` prefixed
/// names, Secure, HttpOnly, SameSite=Strict, Path=/.
pub fn set_cookie(name: &str, value: &str, max_age_secs: u64) -> String {
    format!("{name}={value}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}")
}

/// Deletes cookie `name` in the browser.
pub fn clear_cookie(name: &str) -> String {
    set_cookie(name, "", 0)
}

/// The language messages caused by this request are written in: the SPA
/// sends the one the employee is reading (`Accept-Language`).
pub struct MessageLanguage(pub crate::courier::Language);

impl<S: Send + Sync> FromRequestParts<S> for MessageLanguage {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        Ok(MessageLanguage(crate::courier::Language::negotiate(header)))
    }
}

/// The request's `User-Agent`, as a session stores it
/// ([`crate::domain::user_agent::keep`]): printable and bounded, if sent.
pub struct UserAgent(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for UserAgent {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(UserAgent(crate::domain::user_agent::of(&parts.headers)))
    }
}

/// Adds `cookie` (one of [`set_cookie`]'s or [`clear_cookie`]'s) to what
/// `response` sets, beside the cookies it sets already.
pub(crate) fn append_cookie(response: &mut Response, cookie: &str) {
    response.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_str(cookie).expect("ASCII cookie"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "a=1; __Host-session=abc; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&headers, "__Host-session"), Some("abc"));
        assert_eq!(cookie(&headers, "missing"), None);
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let client: IpAddr = "203.0.113.9".parse().unwrap();
        let peer: IpAddr = "198.51.100.7".parse().unwrap();
        assert_eq!(
            client_ip(peer, Some("203.0.113.9"), &[proxy]),
            peer,
            "untrusted peers speak for themselves"
        );
        assert_eq!(client_ip(proxy, Some("203.0.113.9"), &[proxy]), client);
        assert_eq!(
            client_ip(proxy, Some("1.2.3.4, 203.0.113.9"), &[proxy]),
            client,
            "a forged left-most entry is ignored"
        );
        assert_eq!(client_ip(proxy, None, &[proxy]), proxy);
    }

    #[test]
    fn set_cookie_carries_every_strict_attribute() {
        let value = set_cookie("__Host-session", "t", 60);
        for attribute in [
            "Path=/",
            "Secure",
            "HttpOnly",
            "SameSite=Strict",
            "Max-Age=60",
        ] {
            assert!(value.contains(attribute), "{value}");
        }
    }
}
