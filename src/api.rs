//! The one typed client of the auth API. Pages call
//! `use_api().call::<E>(path, request)` for an endpoint `E` of the contract
//! (`upsers_contract::endpoint`); every call goes through one small
//! [`Transport`] (send a request, get a status and a body), the only dynamic
//! seam, so browser tests script answers by route without a server. Every
//! non-2xx answer is decoded here, once, into the contract's error body.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint::{Endpoint, Method, path_of};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::json::{from_json, to_json};

/// Why a call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The API answered with its error body.
    Server(wire::ErrorBody),
    /// No answer: offline, DNS, a proxy dropping the connection.
    Network,
}

impl ApiError {
    pub fn code(&self) -> Option<wire::ErrorCode> {
        match self {
            ApiError::Server(body) => Some(body.code),
            ApiError::Network => None,
        }
    }
}

/// A request as the transport sends it.
#[derive(Clone, Debug)]
pub struct HttpRequest {
    pub method: Method,
    /// Such as `/api/v1/login/abc/send`.
    pub path: String,
    /// JSON text, or none.
    pub body: Option<String>,
}

/// An answer as the transport got it.
#[derive(Clone, Debug)]
pub struct HttpAnswer {
    pub status: u16,
    pub body: String,
}

/// There was no answer (offline, a dropped connection).
#[derive(Clone, Copy, Debug)]
pub struct NoAnswer;

/// A call's answer, boxed where a page hands a call to a shared component.
pub type ApiFuture<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

pub type TransportFuture = Pin<Box<dyn Future<Output = Result<HttpAnswer, NoAnswer>>>>;

/// Sends requests: `fetch` in the app, a script in browser tests.
pub trait Transport: Send + Sync {
    fn send(&self, request: HttpRequest) -> TransportFuture;
}

/// The client in context.
#[derive(Clone)]
pub struct Api(Arc<dyn Transport>);

impl Api {
    /// Calls `E` with its route filled from `path`; the answer typed, or why
    /// not. The future owns what it needs (`use<E>`: it borrows nothing from
    /// this handle), so a page can hand it to `Pending::send`; nothing is sent
    /// until it is first polled.
    pub fn call<E: Endpoint>(
        &self,
        path: E::Path,
        request: E::Request,
    ) -> impl Future<Output = Result<E::Response, ApiError>> + use<E> {
        let transport = self.0.clone();
        let request = HttpRequest {
            method: E::METHOD,
            path: path_of::<E>(&path),
            body: to_json(&request),
        };
        async move {
            let answer = transport
                .send(request)
                .await
                .map_err(|NoAnswer| ApiError::Network)?;
            if (200..300).contains(&answer.status) {
                from_json(&answer.body).ok_or(ApiError::Network)
            } else {
                Err(error_of(&answer))
            }
        }
    }
}

pub fn provide_api(transport: Arc<dyn Transport>) {
    provide_context(Api(transport));
}

pub fn use_api() -> Api {
    expect_context::<Api>()
}

/// The one place a failed answer becomes an [`ApiError`]: an answer without the
/// error body (a proxy's 502 page, say) still gets a code the pages understand.
fn error_of(answer: &HttpAnswer) -> ApiError {
    ApiError::Server(from_json(&answer.body).unwrap_or_else(|| {
        wire::ErrorBody::new(
            if answer.status == 503 {
                wire::ErrorCode::Unavailable
            } else {
                wire::ErrorCode::Internal
            },
            format!("HTTP {}", answer.status),
            0,
        )
    }))
}

/// The real transport: same-origin `fetch`.
pub struct FetchTransport;

impl Transport for FetchTransport {
    fn send(&self, request: HttpRequest) -> TransportFuture {
        Box::pin(async move { fetch(request).await.map_err(|_| NoAnswer) })
    }
}

async fn fetch(request: HttpRequest) -> Result<HttpAnswer, JsValue> {
    let init = web_sys::RequestInit::new();
    init.set_method(request.method.as_str());
    let headers = web_sys::Headers::new()?;
    headers.set("Accept-Language", &page_language())?;
    if let Some(body) = &request.body {
        headers.set("Content-Type", "application/json")?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    let response: web_sys::Response =
        JsFuture::from(window().fetch_with_str_and_init(&request.path, &init))
            .await?
            .dyn_into()?;
    let body = JsFuture::from(response.text()?).await?;
    Ok(HttpAnswer {
        status: response.status(),
        body: body.as_string().unwrap_or_default(),
    })
}

/// The language the page is in (the i18n module keeps `<html lang>` current),
/// so the API writes the one-time PINs and notices this request causes in it.
fn page_language() -> String {
    document()
        .document_element()
        .map(|root| root.get_attribute("lang").unwrap_or_default())
        .filter(|lang| !lang.is_empty())
        .unwrap_or_else(|| "en".to_owned())
}
