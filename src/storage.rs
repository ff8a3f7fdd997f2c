//! Small persistence in the browser: what survives a reload, and nothing secret.
//! localStorage: the language and a remembered Employee ID (opt-in).
//! sessionStorage (this tab only): the sign-in flow between the PIN and the
//! code, and a running lockout.

use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn local() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

pub fn local_get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

pub fn local_set(key: &str, value: &str) {
    if let Some(storage) = local() {
        let _ = storage.set_item(key, value);
    }
}

pub fn local_remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

pub fn session_get<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = session()?.get_item(key).ok().flatten()?;
    crate::json::from_json(&text)
}

pub fn session_set<T: Serialize>(key: &str, value: &T) {
    if let (Some(storage), Some(text)) = (session(), crate::json::to_json(value)) {
        let _ = storage.set_item(key, &text);
    }
}

pub fn session_remove(key: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(key);
    }
}

pub const REMEMBERED_ID: &str = "upsers.remembered_employee_id";
pub const FLOW: &str = "upsers.login_flow";
/// A PIN reset in progress (`pages::recovery::Reset`).
pub const RESET: &str = "upsers.reset_flow";
/// A registration in progress (`pages::register::Enrolment`).
pub const REGISTRATION: &str = "upsers.registration_flow";
/// The Employee ID typed on the sign-in page, carried to `Forgot your PIN?`.
pub const CARRIED_ID: &str = "upsers.carried_employee_id";

pub const LOCK: &str = "upsers.lock";

/// A lockout the page is counting down, kept for this tab so a reload during
/// the lock still shows the time left (the server remains the judge; this only
/// draws the timer).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LockNotice {
    pub employee_id: String,
    /// Browser-clock milliseconds.
    pub deadline: f64,
}
