//! My account (`/account/…`): what a signed-in employee changes for
//! themselves, where they are signed in, and what happened to the account.
//! A PIN change asks for the current PIN; a contact or questions change asks for a step-up
//! once the sign-in is a few minutes old (`step_up`); ending a session of
//! one's own or forgetting a remembered device asks for nothing, since it
//! only protects.

pub(crate) mod activity;
pub(crate) mod contacts;
pub(crate) mod devices;
pub(crate) mod passkeys;
pub(crate) mod pin;
pub(crate) mod questions;
pub(crate) mod sessions;
pub(crate) mod step_up;

use axum::Router;
use upsers_contract::endpoint;

use super::mount;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    let router = mount::<endpoint::ChangePin, _, _>(Router::new(), pin::change_pin);
    let router = mount::<endpoint::GetSessions, _, _>(router, sessions::list);
    let router = mount::<endpoint::EndSession, _, _>(router, sessions::end_one);
    let router = mount::<endpoint::EndOtherSessions, _, _>(router, sessions::end_others);
    let router = mount::<endpoint::ListRememberedDevices, _, _>(router, devices::list);
    let router = mount::<endpoint::ForgetDevice, _, _>(router, devices::forget);
    let router = mount::<endpoint::GetStepUp, _, _>(router, step_up::current);
    let router = mount::<endpoint::StepUpWithPin, _, _>(router, step_up::with_pin);
    let router = mount::<endpoint::SendStepUpCode, _, _>(router, step_up::send_code);
    let router = mount::<endpoint::VerifyStepUpCode, _, _>(router, step_up::verify_code);
    let router = mount::<endpoint::GetContacts, _, _>(router, contacts::list);
    let router = mount::<endpoint::AddContact, _, _>(router, contacts::add);
    let router = mount::<endpoint::VerifyContact, _, _>(router, contacts::verify);
    let router = mount::<endpoint::RemoveContact, _, _>(router, contacts::remove);
    let router = mount::<endpoint::GetAccountQuestions, _, _>(router, questions::list);
    let router = mount::<endpoint::ChangeQuestions, _, _>(router, questions::change);
    let router = mount::<endpoint::GetPasskeys, _, _>(router, passkeys::list);
    let router = mount::<endpoint::StartPasskeyRegistration, _, _>(router, passkeys::start);
    let router = mount::<endpoint::AddPasskey, _, _>(router, passkeys::add);
    let router = mount::<endpoint::RenamePasskey, _, _>(router, passkeys::rename);
    let router = mount::<endpoint::RemovePasskey, _, _>(router, passkeys::remove);
    mount::<endpoint::GetActivity, _, _>(router, activity::list)
}
