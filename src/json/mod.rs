//! JSON through the browser's own `JSON.parse` and `JSON.stringify`: no JSON
//! parser or printer compiled into the wasm (serde_json cost about 8 KB of
//! the first load, issue 13). serde-wasm-bindgen turns our types into
//! JavaScript values; [`from_js`] reads them back.

mod from_js;

pub use from_js::{FromJs, Mismatch};

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// `value` as JSON text; `None` for `()` (which is no body at all).
pub fn to_json<T: Serialize>(value: &T) -> Option<String> {
    // Maps as objects, as JSON has them. `()` and `None` stay `undefined`
    // (not `null`, as `json_compatible` would make them), so a unit request
    // has no body (a GET must not) and an absent field is left out.
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    let value = value.serialize(&serializer).ok()?;
    if value.is_undefined() {
        return None;
    }
    js_sys::JSON::stringify(&value).ok()?.as_string()
}

/// `text` read as a `T`; empty text reads as `()` (a 204's body).
pub fn from_json<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = if text.is_empty() {
        JsValue::UNDEFINED
    } else {
        js_sys::JSON::parse(text).ok()?
    };
    T::deserialize(FromJs(value)).ok()
}
