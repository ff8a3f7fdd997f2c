//! Small persistence in the browser: what survives a reload, and nothing secret.
//! localStorage: the language and a remembered Employee ID (opt-in).
//! sessionStorage (this tab only): the sign-in flow between the PIN and the
//! code, a reset or registration in progress ([`use_stored_flow`]), and a
//! running lockout.

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
/// An Employee ID carried between pages: the one typed on the sign-in page to
/// `Forgot your PIN?`, and the one just registered or reset back to sign-in.
pub const CARRIED_ID: &str = "upsers.carried_employee_id";

pub const LOCK: &str = "upsers.lock";

/// A lockout the page is counting down, kept for this tab so a reload during
/// the lock still shows the time left (the server remains the judge; this only
/// draws the timer).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LockNotice {
    /// The Employee ID that is locked; `None` when this network is (too many
    /// failures from one address refuse every ID tried from it).
    pub employee_id: Option<String>,
    /// Browser-clock milliseconds.
    pub deadline: f64,
}

impl LockNotice {
    /// Whether the lock holds for the Employee ID typed now: an ID's lock
    /// only for that ID (a shared PC serves many employees), a network's for
    /// every ID.
    pub fn applies_to(&self, typed_id: &str) -> bool {
        self.employee_id.as_deref().is_none_or(|id| id == typed_id)
    }
}

/// Something a tab keeps only while the server does: it knows when it ends.
pub trait Expiring {
    /// Browser-clock milliseconds when the server ends it.
    fn deadline(&self) -> f64;
}

/// A flow in progress, kept in sessionStorage under one key and held as a
/// signal: what is set is saved, what is cleared is forgotten, so a reload
/// resumes the same step and nothing else writes the key.
pub struct StoredFlow<T: Send + Sync + 'static> {
    key: &'static str,
    flow: RwSignal<Option<T>>,
}

impl<T: Send + Sync + 'static> Clone for StoredFlow<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for StoredFlow<T> {}

impl<T> StoredFlow<T>
where
    T: Clone + Serialize + Send + Sync + 'static,
{
    /// The flow (untracked), when there is one.
    pub fn get_untracked(self) -> Option<T> {
        self.flow.get_untracked()
    }

    /// The flow, tracked: a view drawn from it follows every step.
    pub fn get(self) -> Option<T> {
        self.flow.get()
    }

    /// Reads the flow (tracked) without cloning it.
    pub fn with<R>(self, read: impl FnOnce(Option<&T>) -> R) -> R {
        self.flow.with(|flow| read(flow.as_ref()))
    }

    /// Starts or replaces the flow, and saves it.
    pub fn set(self, flow: T) {
        session_set(self.key, &flow);
        self.flow.set(Some(flow));
    }

    /// Changes the flow in progress (nothing when there is none), and saves it.
    pub fn update(self, change: impl FnOnce(&mut T)) {
        if let Some(mut flow) = self.get_untracked() {
            change(&mut flow);
            self.set(flow);
        }
    }

    /// Ends the flow here and forgets it.
    pub fn clear(self) {
        session_remove(self.key);
        self.flow.set(None);
    }
}

/// The flow kept under `key`, resumed if it is still live; and whether one
/// was found that has ended (the page says so). An ended or unreadable one
/// (another version of the app wrote it, or someone edited it) is forgotten.
pub fn use_stored_flow<T>(key: &'static str) -> (StoredFlow<T>, bool)
where
    T: DeserializeOwned + Expiring + Send + Sync + 'static,
{
    let stored = session()
        .and_then(|storage| storage.get_item(key).ok().flatten())
        .map(|text| crate::json::from_json::<T>(&text));
    let now = js_sys::Date::now();
    let (flow, ended) = match stored {
        Some(Some(flow)) if flow.deadline() > now => (Some(flow), false),
        Some(Some(_)) => (None, true),
        Some(None) | None => (None, false),
    };
    if flow.is_none() {
        session_remove(key);
    }
    let flow = StoredFlow {
        key,
        flow: RwSignal::new(flow),
    };
    (flow, ended)
}
