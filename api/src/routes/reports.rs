//! "This wasn't me": the report the link of an alert or a change notice
//! makes (`auth::alerts` sends the new-device alerts and makes the links).
//!
//! The link opens the SPA's PIN reset page, which asks for one confirmation
//! and then reports here: every session ends, every device is forgotten,
//! what was added or changed in the 72 hours before is undone, and the ID
//! stays locked until its PIN is reset with a one-time PIN (challenge
//! answers are not enough). A tampered, used or expired link gets one
//! answer, which says nothing about the account.

use axum::extract::State;
use axum::{Json, Router};
use upsers_contract as wire;
use upsers_contract::endpoint;

use super::mount;
use crate::auth::alerts::REPORT_REACHES_BACK_SECS;
use crate::auth::notices;
use crate::auth::{Limit, attempts};
use crate::courier::{Evicted, Notice, PasskeyLeft};
use crate::domain::{Secret, token};
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientAddress, MessageLanguage};
use crate::state::AppState;
use crate::store::AuditKind;

const LINK_OVER: &str = "This link is not valid any more. If a sign-in wasn't you, reset \
                         your PIN or call the Technical Support Center.";

pub fn router() -> Router<AppState> {
    mount::<endpoint::ReportSignIn, _, _>(Router::new(), report)
}

#[utoipa::path(post, path = "/api/v1/sign-in-reports", tag = "sign-in", request_body = wire::ReportSignInRequest, responses((status = 200, description = "\"This wasn't me\": every session of the employee ended, every device forgotten, the Employee ID locked until a PIN reset by a one-time PIN, and a notice sent", body = wire::SignInReported), (status = 410, description = "`expired`: the link is not valid (tampered, used or past its 7 days); the same answer for each", body = wire::ErrorBody), (status = 429, description = "`rate_limited`: too many look-ups from this network (300 a minute)", body = wire::ErrorBody)))]
pub(crate) async fn report(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    MessageLanguage(language): MessageLanguage,
    ApiJson(request): ApiJson<wire::ReportSignInRequest>,
) -> Result<Json<wire::SignInReported>, ApiError> {
    let store = state.store();
    let now = state.now();
    attempts::take(&state, &[Limit::Lookups(&address)], now)
        .await?
        .keep();
    let token_hash = token::hash(&Secret::new(request.token));
    let Some((id, reported_at)) = store.report_link_owner(&token_hash, now).await? else {
        return Err(ApiError::Expired(LINK_OVER));
    };
    let mut employee = store
        .find_employee(&id)
        .await?
        .ok_or(ApiError::Expired(LINK_OVER))?;
    // What the report undoes, for its notice (the store undoes it again in
    // its own transaction, whatever was added in between).
    let since = reported_at - REPORT_REACHES_BACK_SECS;
    let mut evicted = Evicted::default();
    for change in store.contact_changes_since(&id, since).await? {
        let channel = change.channel.0;
        if !evicted.contacts.contains(&channel) {
            evicted.contacts.push(channel);
        }
        employee.put_back(channel, change.previous);
    }
    evicted.passkeys = store
        .passkeys_of(&id)
        .await?
        .iter()
        .filter(|passkey| passkey.created_at >= since)
        .map(PasskeyLeft::of)
        .collect();
    // To the contacts as they will be: never to one an intruder added.
    let notices = if evicted.is_empty() {
        notices::to_verified(&state, Notice::SignInReported, &employee, language, now).await?
    } else {
        notices::each_verified(&state, &employee, now, |channel, destination| {
            let to = (channel, destination, id.as_str(), language);
            state.courier().reported_evicted_message(&evicted, to, now)
        })
        .await?
    };
    if !store
        .report_sign_in(&token_hash, since, now, &notices)
        .await?
    {
        // Used a moment ago by another request: that one reported it.
        return Err(ApiError::Expired(LINK_OVER));
    }
    store
        .audit(AuditKind::SignInReported, Some(&id), &address, None, now)
        .await?;
    notices::announce(&state, &notices, &id, &address, now).await?;
    Ok(Json(wire::SignInReported { server_time: now }))
}
