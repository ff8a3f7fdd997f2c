//! A contact replaced from My account, once its new value's one-time PIN
//! was right: the recovery proof the change began with is spent, and every
//! channel verified before hears of it with a "This wasn't me" link, in the
//! transaction that changes it.

use crate::auth::alerts::{self, REPORT_LINK_DAYS};
use crate::auth::notices;
use crate::auth::step_up::{AccountFlow, employee_of, spend_recovery_proof};
use crate::auth::{LiveFlow, SignedIn};
use crate::courier::{Channel, ContactChanged};
use crate::domain::token;
use crate::error::ApiError;
use crate::extract::Actor;
use crate::state::AppState;
use crate::store::{AuditKind, ContactChange};

/// Replaces the signed-in employee's contact on `channel` by `value` (the
/// flow `flow_id` verified it), telling the channels verified before.
pub(crate) async fn replace(
    state: &AppState,
    actor: &Actor,
    signed_in: &SignedIn,
    flow_id: &str,
    (channel, value): (Channel, &str),
) -> Result<(), ApiError> {
    let now = state.now();
    spend_recovery_proof(state, signed_in).await?;
    let employee = employee_of(state, signed_in).await?;
    let id = employee.employee_id.as_str();
    let link_token = token::new_token();
    let policy = &state.settings().policy;
    let told = ContactChanged {
        channel,
        settle_hours: policy.contact_settle_hours,
        link: alerts::report_link(state, &link_token),
        link_days: REPORT_LINK_DAYS,
    };
    let notices = notices::each_verified(state, &employee, now, |to, destination| {
        let to = (to, destination, id, actor.language);
        state.courier().contact_changed_message(&told, to, now)
    })
    .await?;
    let change = ContactChange {
        channel,
        value,
        now,
        settles_at: now + policy.contact_settle_secs(),
        link_hash: &token::hash(&link_token),
        link_expires_at: now + REPORT_LINK_DAYS * 24 * 60 * 60,
    };
    let store = state.store();
    if !store
        .replace_contact(id, flow_id, &change, &notices)
        .await?
    {
        return Err(LiveFlow::<AccountFlow>::expired());
    }
    let detail = Some(channel.as_str());
    actor
        .audit(state, AuditKind::ContactChanged, Some(id), detail)
        .await?;
    notices::announce(state, &notices, id, &actor.address, now).await
}
