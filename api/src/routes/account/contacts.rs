//! Contact details: the employee's verified mobile number and email address.
//! A new one (added, or replacing the old) is verified with a one-time PIN
//! sent to it before it replaces anything; a removal keeps the other channel,
//! so an employee always has one to receive codes on. A new contact can
//! recover the account, so it needs a recovery proof, checked when the code
//! goes out and spent when it comes back; a removal only protects and needs
//! the step-up window open. Every channel verified before the change hears
//! of it, the old address included: whoever changed it may not be the
//! employee.

use axum::Json;
use axum::extract::State;
use upsers_contract::{self as wire, contact};

use crate::auth::notices;
use crate::auth::step_up::{
    AccountFlow, CodeTo, employee_of, require_fresh, require_recovery_proof, send_account_code,
};
use crate::auth::{Limit, LiveFlow, SignedIn};
use crate::auth::{codes, contacts};
use crate::courier::{Channel, Notice};
use crate::domain::mask;
use crate::error::ApiError;
use crate::extract::{Actor, ApiJson, ClientAddress, MessageLanguage};
use crate::state::AppState;
use crate::store::{AccountPurpose, AuditKind, EmployeeRecord};

#[utoipa::path(get, path = "/api/v1/account/contacts", tag = "account", responses((status = 200, description = "The verified mobile number and email address, masked", body = wire::AccountContacts), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<wire::AccountContacts>, ApiError> {
    let employee = employee_of(&state, &signed_in).await?;
    Ok(Json(contacts_of(&state, &employee)))
}

#[utoipa::path(post, path = "/api/v1/account/contacts", tag = "account", request_body = wire::NewContactRequest, responses((status = 200, description = "A one-time PIN went to the new contact (shown whole, to catch a typo); it replaces the old one once verified", body = wire::CodeSent), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden` with `fields: [\"step_up\"]`: a one-time PIN step-up first (`recovery_until` has passed)", body = wire::ErrorBody), (status = 422, description = "`invalid_input` naming `value`: not a mobile number or email address, or the one already registered", body = wire::ErrorBody), (status = 429, description = "`rate_limited`", body = wire::ErrorBody)))]
pub(crate) async fn add(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(language): MessageLanguage,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<wire::NewContactRequest>,
) -> Result<Json<wire::CodeSent>, ApiError> {
    require_recovery_proof(&state, &signed_in)?;
    let value = match request.channel {
        Channel::Sms => contact::normalize_mobile(&request.value).ok_or_else(|| {
            ApiError::invalid_field("value", "Enter a mobile number such as 404-555-0123.")
        })?,
        Channel::Email => contact::normalize_email(&request.value).ok_or_else(|| {
            ApiError::invalid_field("value", "Enter an email address such as name@example.com.")
        })?,
    };
    let employee = employee_of(&state, &signed_in).await?;
    if verified(&employee, request.channel) == Some(value.as_str()) {
        return Err(ApiError::invalid_field(
            "value",
            "This is the contact registered already.",
        ));
    }
    let to = CodeTo {
        purpose: AccountPurpose::Contact(request.channel),
        channel: request.channel,
        destination: &value,
        address: &address,
        language,
    };
    Ok(Json(
        send_account_code(&state, &signed_in, &employee, to).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/account/contacts/{flow}/verify", tag = "account", params(("flow" = String, Path, description = "`flow_id` from the answer that sent the code")), request_body = wire::VerifyCodeRequest, responses((status = 200, description = "The new contact replaced the old one; every channel verified before heard of it", body = wire::AccountContacts), (status = 401, description = "`invalid_code` with `attempts_remaining`, or `unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden` with `fields: [\"step_up\"]`: the recovery proof the change began with was spent by another change or its window closed", body = wire::ErrorBody), (status = 410, description = "`expired` (the flow) or `code_expired`", body = wire::ErrorBody), (status = 429, description = "`rate_limited`", body = wire::ErrorBody)))]
pub(crate) async fn verify(
    State(state): State<AppState>,
    actor: Actor,
    signed_in: SignedIn,
    flow: LiveFlow<AccountFlow>,
    ApiJson(request): ApiJson<wire::VerifyCodeRequest>,
) -> Result<Json<wire::AccountContacts>, ApiError> {
    let now = state.now();
    let Some(AccountPurpose::Contact(channel)) = flow.record.account_purpose() else {
        return Err(LiveFlow::<AccountFlow>::expired());
    };
    let value = flow
        .record
        .destination
        .clone()
        .ok_or_else(LiveFlow::<AccountFlow>::expired)?;
    let id = signed_in.session.employee_id.as_str();
    let address = actor.address.as_str();
    let limits = [Limit::Address(address)];
    let checked = codes::check(&state, &flow.id, &request.code, &limits, now).await?;
    let failed = (AuditKind::CodeFailed, "new contact:");
    let (_, attempt) = checked
        .right_or_refused(&state, (id, address), failed)
        .await?;
    attempt.passed().await?;
    let new = (channel, value.as_str());
    contacts::replace(&state, &actor, &signed_in, &flow.id, new).await?;
    let employee = employee_of(&state, &signed_in).await?;
    Ok(Json(contacts_of(&state, &employee)))
}

#[utoipa::path(post, path = "/api/v1/account/contacts/remove", tag = "account", request_body = wire::RemoveContactRequest, responses((status = 200, description = "The contact is removed; every channel verified before heard of it", body = wire::AccountContacts), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 403, description = "`forbidden` with `fields: [\"step_up\"]`: a step-up first", body = wire::ErrorBody), (status = 409, description = "`invalid_input` with `fields: [\"channel\"]`: the employee's only verified contact", body = wire::ErrorBody)))]
pub(crate) async fn remove(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(language): MessageLanguage,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<wire::RemoveContactRequest>,
) -> Result<Json<wire::AccountContacts>, ApiError> {
    require_fresh(&state, &signed_in)?;
    let now = state.now();
    let id = signed_in.session.employee_id.as_str();
    let employee = employee_of(&state, &signed_in).await?;
    if verified(&employee, request.channel).is_none() {
        // Nothing to remove: the answer is what there is.
        return Ok(Json(contacts_of(&state, &employee)));
    }
    let notices =
        notices::to_verified(&state, Notice::ContactsChanged, &employee, language, now).await?;
    let store = state.store();
    if !store
        .remove_contact(id, request.channel, now, &notices)
        .await?
    {
        // Another request removed it first, or this one is the last.
        let now_held = employee_of(&state, &signed_in).await?;
        return match verified(&now_held, request.channel) {
            None => Ok(Json(contacts_of(&state, &now_held))),
            Some(_) => Err(ApiError::LastChannel),
        };
    }
    store
        .audit(
            AuditKind::ContactRemoved,
            Some(id),
            &address,
            Some(request.channel.as_str()),
            now,
        )
        .await?;
    notices::announce(&state, &notices, id, &address, now).await?;
    let employee = employee_of(&state, &signed_in).await?;
    Ok(Json(contacts_of(&state, &employee)))
}

fn verified(employee: &EmployeeRecord, channel: Channel) -> Option<&str> {
    employee.verified_contact(channel)
}

fn contacts_of(state: &AppState, employee: &EmployeeRecord) -> wire::AccountContacts {
    wire::AccountContacts {
        mobile: employee
            .verified_mobile()
            .map(|mobile| mask::masked(Channel::Sms, mobile)),
        email: employee
            .verified_email()
            .map(|email| mask::masked(Channel::Email, email)),
        settling: employee.settling(state.now()),
        server_time: state.now(),
    }
}
