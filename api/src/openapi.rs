//! The OpenAPI 3.1 document, generated from the handlers and the contract's
//! types, served at `/api/openapi.json` and committed as `api/openapi.json`
//! (a test fails when the two drift; `upsers-api openapi > api/openapi.json`
//! writes it anew).

use axum::Json;
use utoipa::OpenApi;

use crate::routes::{dev, health, login, metrics, policy, recovery, registration, session};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "UPSers auth API",
        description = "The companion auth API of the UPSers sign-in portal. Every error answer \
                       has the `ErrorBody` shape; every answer carries the server time.",
        license(name = "MIT", identifier = "MIT")
    ),
    paths(
        health::live,
        health::ready,
        metrics::serve,
        policy::policy,
        policy::support,
        login::login,
        login::send_code,
        login::verify_code,
        recovery::start,
        recovery::send_code,
        recovery::verify_code,
        recovery::questions_of,
        recovery::answer,
        recovery::set_pin,
        recovery::check_pin,
        registration::start,
        registration::set_contact,
        registration::send_code,
        registration::verify_code,
        registration::catalogue,
        registration::choose_questions,
        registration::set_pin,
        session::current,
        session::refresh,
        session::logout,
        session::home,
        dev::outbox,
    ),
    tags(
        (name = "sign-in", description = "Employee ID + PIN, then a one-time PIN"),
        (name = "recovery", description = "Forgot your PIN: prove who you are, set a new PIN"),
        (name = "registration", description = "New users: registration code, contacts, questions, first PIN"),
        (name = "session", description = "The signed-in employee"),
        (name = "policy", description = "Numbers for client-side format checks"),
        (name = "probes", description = "Liveness and readiness"),
        (name = "demo", description = "Demo mode only"),
    )
)]
pub struct ApiDoc;

/// The document as committed: pretty JSON with a final newline.
pub fn document() -> String {
    let mut text = ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serializes");
    text.push('\n');
    text
}

pub(crate) async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
