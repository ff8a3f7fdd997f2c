//! Times as the portal shows them: one way everywhere (the hub, My account,
//! the desk), in the page's language and the browser's time zone.

/// A Unix time as the locale writes a medium date and a short time
/// ("Dec 7, 2026, 5:23 PM"; "7 dic 2026, 17:23").
pub fn local_time(unix_secs: i64, locale: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_secs as f64 * 1000.0));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(locale, &options).into()
}
