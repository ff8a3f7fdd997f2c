//! The OpenAPI 3.1 document, generated from the handlers and the contract's
//! types, served at `/api/openapi.json` and committed as `api/openapi.json`
//! (a test fails when the two drift; `upsers-api openapi > api/openapi.json`
//! writes it anew).

use axum::Json;
use axum::extract::State;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::{OpenApi as Document, Ref, RefOr};
use utoipa::{Modify, OpenApi};

use crate::routes::{
    account, desk, dev, health, login, metrics, passkeys, policy, recovery, registration, reports,
    session,
};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    modifiers(&CommonErrors),
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
        login::lock_state,
        login::send_code,
        login::verify_code,
        passkeys::start_step,
        passkeys::finish_step,
        passkeys::start_sign_in,
        passkeys::finish_sign_in,
        reports::report,
        recovery::start,
        recovery::send_code,
        recovery::verify_code,
        recovery::questions_of,
        recovery::answer,
        recovery::set_pin,
        recovery::open_link,
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
        account::pin::change_pin,
        account::sessions::list,
        account::sessions::end_one,
        account::sessions::end_others,
        account::devices::list,
        account::devices::forget,
        account::activity::list,
        account::step_up::current,
        account::step_up::with_pin,
        account::step_up::send_code,
        account::step_up::verify_code,
        account::contacts::list,
        account::contacts::add,
        account::contacts::verify,
        account::contacts::remove,
        account::questions::list,
        account::questions::change,
        account::passkeys::list,
        account::passkeys::start,
        account::passkeys::add,
        account::passkeys::rename,
        account::passkeys::remove,
        desk::search,
        desk::send_verification,
        desk::check_verification,
        desk::end_verification,
        desk::act,
        dev::outbox,
    ),
    tags(
        (name = "sign-in", description = "Employee ID + PIN, then a one-time PIN or a passkey; or a passkey alone"),
        (name = "recovery", description = "Forgot your PIN: prove who you are, set a new PIN"),
        (name = "registration", description = "New users: registration code, contacts, questions, first PIN"),
        (name = "session", description = "The signed-in employee"),
        (name = "account", description = "My account: changes a signed-in employee makes, each after a step-up, and where they are signed in"),
        (name = "desk", description = "The Technical Support Center's desk: support agents only"),
        (name = "policy", description = "Numbers for client-side format checks"),
        (name = "probes", description = "Liveness and readiness"),
        (name = "demo", description = "Demo mode only"),
    )
)]
pub struct ApiDoc;

/// The answers any operation may give whatever it does, added to each so that
/// the document lists every status a client can meet (schemathesis checks).
struct CommonErrors;

/// `(status, description, for requests with a JSON body only, for state changes only)`.
const COMMON: [(&str, &str, bool, bool); 7] = [
    (
        "400",
        "`invalid_input`: the body is not valid JSON or not this endpoint's shape",
        true,
        false,
    ),
    (
        "403",
        "`forbidden`: a state-changing request from another origin (CSRF)",
        false,
        true,
    ),
    (
        "408",
        "`invalid_input`: the body did not arrive within the body read timeout",
        true,
        false,
    ),
    (
        "413",
        "`payload_too_large`: the body is over 16 KiB",
        true,
        false,
    ),
    (
        "415",
        "`invalid_input`: the body is not `application/json`",
        true,
        false,
    ),
    (
        "422",
        "`invalid_input` with `fields`: a field is missing, of the wrong type, or not valid",
        true,
        false,
    ),
    (
        "503",
        "`unavailable`: the store is down or refuses writes; retry later",
        false,
        false,
    ),
];

impl Modify for CommonErrors {
    fn modify(&self, document: &mut Document) {
        for (path, item) in document.paths.paths.iter_mut() {
            let answers_503 = path.starts_with("/api/");
            let methods = [
                (&mut item.get, false),
                (&mut item.post, true),
                (&mut item.put, true),
                (&mut item.patch, true),
                (&mut item.delete, true),
            ];
            for (operation, changes_state) in methods {
                if let Some(operation) = operation {
                    add_common_errors(operation, changes_state, answers_503);
                }
            }
        }
    }
}

fn add_common_errors(operation: &mut Operation, changes_state: bool, answers_503: bool) {
    let has_body = operation.request_body.is_some();
    for (status, description, body_only, state_changes_only) in COMMON {
        let applies = (!body_only || has_body)
            && (!state_changes_only || changes_state)
            && (status != "503" || answers_503);
        if !applies {
            continue;
        }
        let error = ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build();
        operation
            .responses
            .responses
            .entry(status.to_owned())
            .or_insert(RefOr::T(error));
    }
}

/// The document as committed: pretty JSON with a final newline.
pub fn document() -> String {
    let mut text = ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serializes");
    text.push('\n');
    text
}

/// The spaces an Employee ID may have around it: what `str::trim` takes
/// away (Unicode's White_Space), spelled out because `\s` differs between
/// regex engines (ECMAScript's takes U+FEFF, Python's U+001C to U+001F),
/// and a fuzzer's idea of a valid ID must be the API's.
const SPACES: &str = r"[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*";

/// The pattern of an Employee ID of `digits` digits, spaces around them
/// allowed. The contract gives the default policy's 7.
fn employee_id_pattern(digits: u8) -> String {
    format!("^{SPACES}[0-9]{{{digits}}}{SPACES}$")
}

/// The document as served: the committed one, with Employee IDs of the
/// configured number of digits.
pub(crate) async fn serve(State(state): State<AppState>) -> Json<serde_json::Value> {
    let digits = state.settings().policy.employee_id_digits;
    let mut document =
        serde_json::to_value(ApiDoc::openapi()).expect("the OpenAPI document serializes");
    with_employee_id_digits(
        &mut document,
        &employee_id_pattern(7),
        &employee_id_pattern(digits),
    );
    Json(document)
}

fn with_employee_id_digits(value: &mut serde_json::Value, contract: &str, pattern: &str) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if key == "pattern" && inner.as_str() == Some(contract) {
                    *inner = serde_json::Value::String(pattern.to_owned());
                } else {
                    with_employee_id_digits(inner, contract, pattern);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for inner in items {
                with_employee_id_digits(inner, contract, pattern);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::employee_id::EmployeeId;

    /// The pattern takes what the API takes as an Employee ID, and nothing
    /// else: with every character up to U+3000 around the digits, and the
    /// spaces regex engines disagree on.
    #[test]
    fn the_pattern_takes_exactly_the_ids_the_api_takes() {
        let pattern = regex::Regex::new(&employee_id_pattern(7)).unwrap();
        let around = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .chain(['\u{feff}', '\u{200b}']);
        for c in around {
            let candidate = format!("{c}1234567{c}");
            assert_eq!(
                pattern.is_match(&candidate),
                EmployeeId::parse(&candidate, 7).is_some(),
                "{c:?} around the digits"
            );
        }
    }

    /// A desk query the pattern takes has something besides spaces, as the
    /// desk reads it.
    #[test]
    fn a_desk_query_has_something_besides_str_trims_spaces() {
        let document = serde_json::to_value(ApiDoc::openapi()).unwrap();
        let query = &document["components"]["schemas"]["DeskSearchRequest"]["properties"]["query"];
        let pattern = regex::Regex::new(query["pattern"].as_str().unwrap()).unwrap();
        for c in (0..=0x3000u32)
            .filter_map(char::from_u32)
            .chain(['\u{feff}'])
        {
            let query = format!(" {c} ");
            assert_eq!(pattern.is_match(&query), !query.trim().is_empty(), "{c:?}");
        }
    }

    /// The contract's literal patterns are this one, so the served document
    /// can give them the configured digits.
    #[test]
    fn the_contract_gives_employee_ids_this_pattern() {
        let document = serde_json::to_value(ApiDoc::openapi()).unwrap();
        let login = &document["components"]["schemas"]["LoginRequest"]["properties"]["employee_id"];
        assert_eq!(login["pattern"], employee_id_pattern(7));
    }
}
