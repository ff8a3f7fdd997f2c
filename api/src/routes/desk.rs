//! The Technical Support Center's desk (`/desk/…`): support agents only
//! ([`Agent`]; anyone else gets 403). An agent finds an employee and reads
//! their card; every look-up is audited against the agent, so who looked at
//! whom is on record.

use axum::extract::State;
use axum::{Json, Router};
use upsers_contract as wire;
use upsers_contract::endpoint;

use super::mount;
use crate::auth::{Agent, Limit, attempts};
use crate::domain::{mask, user_agent};
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientAddress};
use crate::state::AppState;
use crate::store::{AuditKind, DeskEventRecord, EmployeeRecord};

/// The audit events a card shows.
pub const CARD_EVENTS: i64 = 50;
/// The longest query the desk reads: an email address at most.
const MAX_QUERY_CHARS: usize = 254;

pub fn router() -> Router<AppState> {
    mount::<endpoint::DeskSearch, _, _>(Router::new(), search)
}

#[utoipa::path(post, path = "/api/v1/desk/search", tag = "desk", request_body = wire::DeskSearchRequest, responses((status = 200, description = "The employee whose Employee ID, email address or mobile number (E.164) is the query, with their card; `employee` is null when none is", body = wire::DeskSearchResult), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden`: not a support agent", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: an empty or overlong query", body = wire::ErrorBody)))]
pub(crate) async fn search(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    agent: Agent,
    ApiJson(request): ApiJson<wire::DeskSearchRequest>,
) -> Result<Json<wire::DeskSearchResult>, ApiError> {
    let query = request.query.trim();
    if query.is_empty() || query.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::invalid_field(
            "query",
            "Enter an Employee ID, an email address or a mobile number.",
        ));
    }
    let now = state.now();
    let store = state.store();
    let found = store.find_employee_for_desk(query).await?;
    let employee = match found {
        Some(employee) => {
            let id = employee.employee_id.as_str().to_owned();
            let detail = format!("agent {}", agent.employee_id());
            store
                .audit(
                    AuditKind::DeskViewed,
                    Some(&id),
                    &address,
                    Some(&detail),
                    now,
                )
                .await?;
            Some(card(&state, employee, now).await?)
        }
        None => None,
    };
    Ok(Json(wire::DeskSearchResult {
        employee,
        server_time: now,
    }))
}

/// The card of `employee` as the desk shows it at `now`.
async fn card(
    state: &AppState,
    employee: EmployeeRecord,
    now: i64,
) -> Result<wire::DeskCard, ApiError> {
    let store = state.store();
    let id = employee.employee_id.as_str();
    let locked_until = match attempts::lock_of(state, Limit::EmployeeId(id), now).await {
        Ok(()) => None,
        Err(ApiError::Locked { retry_after_secs }) => Some(now + retry_after_secs as i64),
        Err(other) => return Err(other),
    };
    let code = store.find_registration_code(id).await?;
    let registration_code = match &code {
        None => "none",
        Some(code) if code.used_at.is_some() => "used",
        Some(code) if code.is_usable(now) => "usable",
        Some(_) => "expired",
    };
    let roles = store.roles_of(id).await?;
    let events = store.desk_events(id, CARD_EVENTS).await?;
    Ok(wire::DeskCard {
        employee_id: id.to_owned(),
        first_name: employee.first_name.clone(),
        last_name: employee.last_name.clone(),
        status: employee.status.as_str().to_owned(),
        locked_until,
        reported_at: employee.reported_at,
        mobile: employee.mobile.as_deref().map(mask::phone),
        mobile_verified: employee.mobile_verified != 0,
        email: employee.email.as_deref().map(mask::email),
        email_verified: employee.email_verified != 0,
        last_sign_in_at: employee.last_sign_in_at,
        registration_code: registration_code.to_owned(),
        registration_code_expires_at: code
            .filter(|code| code.is_usable(now))
            .map(|code| code.expires_at),
        roles: roles.iter().map(|role| role.as_str().to_owned()).collect(),
        events: events.into_iter().map(describe).collect(),
    })
}

fn describe(record: DeskEventRecord) -> wire::DeskEvent {
    let device = user_agent::describe(record.user_agent.as_deref());
    let device = match (device.browser, device.os) {
        (Some(browser), Some(os)) => Some(format!("{browser} on {os}")),
        (browser, os) => browser.or(os),
    };
    wire::DeskEvent {
        at: record.at,
        kind: record.kind,
        client_address: record.client_address,
        device,
        detail: record.detail,
    }
}
