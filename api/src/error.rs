//! One error type for every handler, with a single `IntoResponse`: whatever goes
//! wrong, the client gets the contract's error body and the right status, and
//! unexpected failures are logged here and answered with a generic message.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use upsers_contract::{self as wire, ErrorCode};

use crate::clock;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("no such API endpoint")]
    NotFound,
    #[error("method not allowed on this endpoint")]
    MethodNotAllowed,
    /// The store did not answer; the pool reconnects by itself when it is back.
    #[error("the store is unavailable")]
    Unavailable(#[source] sqlx::Error),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl ApiError {
    fn status_and_body(&self) -> (StatusCode, ErrorCode, &'static str) {
        match self {
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                "No such API endpoint.",
            ),
            ApiError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                ErrorCode::MethodNotAllowed,
                "This method is not allowed on this endpoint.",
            ),
            ApiError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Unavailable,
                "The service is temporarily unavailable. Please try again shortly.",
            ),
            ApiError::Unexpected(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "Something went wrong on our side. Please try again.",
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            ApiError::Unavailable(source) => tracing::warn!(error = %source, "store unavailable"),
            ApiError::Unexpected(source) => tracing::error!(error = ?source, "unexpected failure"),
            ApiError::NotFound | ApiError::MethodNotAllowed => {}
        }
        let (status, code, message) = self.status_and_body();
        let body = Json(wire::ErrorBody::new(code, message, clock::unix_now()));
        // An error describes this moment only; no cache may replay it.
        (status, [(header::CACHE_CONTROL, "no-store")], body).into_response()
    }
}
