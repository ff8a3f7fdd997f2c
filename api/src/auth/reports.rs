//! "This wasn't me", as the engine does it: the report the link of an
//! alert or a change notice makes (`auth::alerts` sends the alerts and makes
//! the links). Every session ends, every device is forgotten, what was added
//! or changed in the 72 hours before is undone, and the ID stays locked until
//! its PIN is reset with a one-time PIN (challenge answers are not enough).
//! A tampered, used or expired link gets one answer, which says nothing
//! about the account.

use upsers_contract as wire;

use crate::auth::alerts::REPORT_REACHES_BACK_SECS;
use crate::auth::{Limit, attempts, notices};
use crate::courier::{Evicted, Notice, PasskeyLeft};
use crate::domain::{Secret, token};
use crate::error::ApiError;
use crate::extract::Actor;
use crate::state::AppState;
use crate::store::{AuditKind, EmployeeRecord};

const LINK_OVER: &str = "This link is not valid any more. If a sign-in wasn't you, reset \
                         your PIN or call the Technical Support Center.";

/// Reports the sign-in of the link whose token is `link_token`, and tells
/// the employee on the contacts the report leaves them.
pub(crate) async fn report(
    state: &AppState,
    actor: &Actor,
    link_token: String,
) -> Result<wire::SignInReported, ApiError> {
    let (address, language) = (actor.address.as_str(), actor.language);
    let store = state.store();
    let now = state.now();
    attempts::take(state, &[Limit::Lookups(address)], now)
        .await?
        .keep();
    let token_hash = token::hash(&Secret::new(link_token));
    let Some((id, reported_at)) = store.report_link_owner(&token_hash, now).await? else {
        return Err(ApiError::Expired(LINK_OVER));
    };
    let mut employee = store
        .find_employee(&id)
        .await?
        .ok_or(ApiError::Expired(LINK_OVER))?;
    let since = reported_at - REPORT_REACHES_BACK_SECS;
    let evicted = undone_since(state, &mut employee, since).await?;
    // To the contacts as they will be: never to one an intruder added.
    let notices = if evicted.is_empty() {
        notices::to_verified(state, Notice::SignInReported, &employee, language, now).await?
    } else {
        notices::each_verified(state, &employee, now, |channel, destination| {
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
        .audit(AuditKind::SignInReported, Some(&id), address, None, now)
        .await?;
    notices::announce(state, &notices, &id, address, now).await?;
    Ok(wire::SignInReported { server_time: now })
}

/// What the report undoes, for its notice: the contacts changed since
/// `since` (put back in `employee` as they were) and the passkeys added. The
/// store undoes it again in its own transaction, whatever was added in
/// between.
async fn undone_since(
    state: &AppState,
    employee: &mut EmployeeRecord,
    since: i64,
) -> Result<Evicted, ApiError> {
    let store = state.store();
    let id = employee.employee_id.as_str().to_owned();
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
    Ok(evicted)
}
