//! My account (`/account/…`): what a signed-in employee changes for
//! themselves, where they are signed in, and what happened to the account. Every change asks for a step-up
//! first; ending a session of one's own asks for nothing, since it only
//! protects.

pub(crate) mod activity;
pub(crate) mod pin;
pub(crate) mod sessions;

use axum::Router;
use upsers_contract::endpoint;

use super::mount;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    let router = mount::<endpoint::ChangePin, _, _>(Router::new(), pin::change_pin);
    let router = mount::<endpoint::GetSessions, _, _>(router, sessions::list);
    let router = mount::<endpoint::EndSession, _, _>(router, sessions::end_one);
    let router = mount::<endpoint::EndOtherSessions, _, _>(router, sessions::end_others);
    mount::<endpoint::GetActivity, _, _>(router, activity::list)
}
