//! The browser's side of passkeys: `navigator.credentials.create()` and
//! `.get()` with the options the API sent, as WebAuthn JSON both ways
//! (`PublicKeyCredential.parse…OptionsFromJSON`, `credential.toJSON()`), so
//! the SPA carries no WebAuthn types, only text. Every way a ceremony can
//! end without a credential is one [`Failure`], which pages word in both
//! languages with a way on.
//!
//! Only the pages that use passkeys call into here (verify, My account, and
//! the sign-in page's passkey part, which loads on demand), so none of it is
//! in the first load of `/login`.

use js_sys::{Function, JSON, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Msg;

/// Why a ceremony gave no credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The employee closed the browser's dialog, or chose no passkey (the
    /// browser says the same when the device has none for the portal).
    Cancelled,
    /// The browser's time for the ceremony ran out (or the API's challenge).
    TimedOut,
    /// The device already holds a passkey for this account (registration).
    AlreadyRegistered,
    /// The browser refused the ceremony here (not a secure context, another
    /// site's passkey, a policy) or has no passkeys at all.
    NotAllowed,
    /// The page aborted it (a button took over from autofill, the page went).
    Aborted,
}

impl Failure {
    /// What the page says; `None` for a ceremony the page ended itself.
    pub fn msg(self) -> Option<Msg> {
        match self {
            Failure::Cancelled => Some(Msg::PasskeyCancelled),
            Failure::TimedOut => Some(Msg::PasskeyTimedOut),
            Failure::AlreadyRegistered => Some(Msg::PasskeyAlreadyRegistered),
            Failure::NotAllowed => Some(Msg::PasskeyNotAllowed),
            Failure::Aborted => None,
        }
    }
}

/// Whether this browser, at this address, can use passkeys: it has the
/// WebAuthn JSON methods, and the page is not on an IP address (where
/// browsers refuse WebAuthn).
pub fn available() -> bool {
    let Some(class) = public_key_credential() else {
        return false;
    };
    let has = |name: &str| Reflect::get(&class, &name.into()).is_ok_and(|f| f.is_function());
    let host = web_sys::window()
        .and_then(|window| window.location().hostname().ok())
        .unwrap_or_default();
    let ip = host.starts_with('[')
        || host
            .bytes()
            .all(|byte| byte.is_ascii_digit() || byte == b'.');
    has("parseRequestOptionsFromJSON") && has("parseCreationOptionsFromJSON") && !ip
}

/// Whether the browser offers passkeys in the autofill of a field whose
/// `autocomplete` names `webauthn` (conditional mediation).
pub async fn autofill_available() -> bool {
    if !available() {
        return false;
    }
    let Some(class) = public_key_credential() else {
        return false;
    };
    let Ok(check) = Reflect::get(&class, &"isConditionalMediationAvailable".into()) else {
        return false;
    };
    let Ok(check) = check.dyn_into::<Function>() else {
        return false;
    };
    match check
        .call0(&class)
        .map(|promise| promise.dyn_into::<Promise>())
    {
        Ok(Ok(promise)) => JsFuture::from(promise)
            .await
            .is_ok_and(|answer| answer.as_bool() == Some(true)),
        _ => false,
    }
}

/// How a `get` asks the browser.
pub enum Mediation<'a> {
    /// A dialog, now (a button was pressed).
    Modal,
    /// Through the autofill of the Employee ID field, until the employee
    /// picks a passkey there or `abort` (an `AbortController`) is aborted.
    Autofill { abort: &'a JsValue },
}

/// Registers a passkey with the creation `options` (WebAuthn JSON text);
/// the new credential as WebAuthn JSON text.
pub async fn create(options: &str) -> Result<String, Failure> {
    ceremony("create", "parseCreationOptionsFromJSON", options, None).await
}

/// Signs with a passkey for the request `options` (WebAuthn JSON text); the
/// assertion as WebAuthn JSON text.
pub async fn get(options: &str, mediation: Mediation<'_>) -> Result<String, Failure> {
    let abort = match mediation {
        Mediation::Modal => None,
        Mediation::Autofill { abort } => Some(abort),
    };
    ceremony("get", "parseRequestOptionsFromJSON", options, abort).await
}

/// A new `AbortController`, for [`Mediation::Autofill`].
pub fn abort_controller() -> JsValue {
    global("AbortController")
        .and_then(|class| {
            Reflect::construct::<fn() -> JsValue>(class.unchecked_ref(), &js_sys::Array::new()).ok()
        })
        .unwrap_or(JsValue::UNDEFINED)
}

/// Aborts what `controller` guards.
pub fn abort(controller: &JsValue) {
    if let Ok(abort) =
        Reflect::get(controller, &"abort".into()).and_then(|abort| abort.dyn_into::<Function>())
    {
        let _ = abort.call0(controller);
    }
}

async fn ceremony(
    method: &str,
    parser: &str,
    options: &str,
    abort: Option<&JsValue>,
) -> Result<String, Failure> {
    let class = public_key_credential().ok_or(Failure::NotAllowed)?;
    let parsed = JSON::parse(options).map_err(|_| Failure::NotAllowed)?;
    let public_key = call(&class, parser, &parsed).map_err(|_| Failure::NotAllowed)?;
    let timeout_ms = Reflect::get(&public_key, &"timeout".into())
        .ok()
        .and_then(|timeout| timeout.as_f64())
        .unwrap_or(300_000.0);
    let request = Object::new();
    let _ = Reflect::set(&request, &"publicKey".into(), &public_key);
    if let Some(controller) = abort {
        let _ = Reflect::set(&request, &"mediation".into(), &"conditional".into());
        if let Ok(signal) = Reflect::get(controller, &"signal".into()) {
            let _ = Reflect::set(&request, &"signal".into(), &signal);
        }
    }
    let credentials = web_sys::window()
        .map(|window| window.navigator())
        .and_then(|navigator| Reflect::get(&navigator, &"credentials".into()).ok())
        .ok_or(Failure::NotAllowed)?;
    let started = js_sys::Date::now();
    let promise = call(&credentials, method, &request)
        .and_then(|promise| promise.dyn_into::<Promise>())
        .map_err(|error| failure(&error, started, timeout_ms))?;
    let credential = JsFuture::from(promise)
        .await
        .map_err(|error| failure(&error, started, timeout_ms))?;
    if credential.is_null() {
        return Err(Failure::Cancelled);
    }
    let json = Reflect::get(&credential, &"toJSON".into())
        .and_then(|to_json| to_json.dyn_into::<Function>())
        .and_then(|to_json| to_json.call0(&credential))
        .and_then(|object| JSON::stringify(&object).map(String::from))
        .map_err(|_| Failure::NotAllowed)?;
    Ok(json)
}

/// The failure a DOMException names. WebAuthn says `NotAllowedError` for a
/// cancel, for no passkey and for a timeout alike; only the time taken tells
/// the last apart.
fn failure(error: &JsValue, started: f64, timeout_ms: f64) -> Failure {
    let name = Reflect::get(error, &"name".into())
        .ok()
        .and_then(|name| name.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "AbortError" => Failure::Aborted,
        "InvalidStateError" => Failure::AlreadyRegistered,
        "NotAllowedError" if js_sys::Date::now() - started >= timeout_ms - 1_000.0 => {
            Failure::TimedOut
        }
        "NotAllowedError" => Failure::Cancelled,
        _ => Failure::NotAllowed,
    }
}

fn call(target: &JsValue, method: &str, argument: &JsValue) -> Result<JsValue, JsValue> {
    Reflect::get(target, &method.into())?
        .dyn_into::<Function>()?
        .call1(target, argument)
}

fn public_key_credential() -> Option<JsValue> {
    global("PublicKeyCredential")
}

fn global(name: &str) -> Option<JsValue> {
    Reflect::get(&js_sys::global(), &name.into())
        .ok()
        .filter(|value| !value.is_undefined())
}

/// What the page says when the API refused a passkey ceremony's request.
pub fn api_failure(error: &crate::api::ApiError) -> Msg {
    use upsers_contract::ErrorCode;
    let crate::api::ApiError::Server(body) = error else {
        return Msg::NetworkError;
    };
    match body.code {
        ErrorCode::InvalidCredentials => Msg::PasskeyRefused,
        // The challenge's 5 minutes are over.
        ErrorCode::CodeExpired => Msg::PasskeyTimedOut,
        ErrorCode::NotFound => Msg::PasskeyNotAllowed,
        ErrorCode::Locked => Msg::Locked,
        ErrorCode::RateLimited => Msg::RateLimited,
        ErrorCode::Unavailable => Msg::Unavailable,
        _ => Msg::GenericError,
    }
}
