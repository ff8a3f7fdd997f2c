//! Mounting the app in the test page and waiting for the DOM to settle.

#![allow(dead_code)]

use std::time::Duration;

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// The app mounted into its own container; dropping it unmounts the app and
/// removes the container.
pub struct Mounted {
    pub root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// Mounts `upsers_web::App` as if the browser had opened `path`.
pub fn mount_app_at(path: &str) -> Mounted {
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(path))
        .unwrap();
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = mount_to(root.clone(), upsers_web::App);
    Mounted {
        root,
        _handle: Box::new(handle),
    }
}

pub async fn sleep(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                duration.as_millis() as i32,
            )
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits (up to two seconds) until `check` returns `Some`, and returns that.
pub async fn wait_for<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    for _ in 0..200 {
        leptos::task::tick().await;
        if let Some(found) = check() {
            return found;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

/// The text of the page's `<h1>` once it reads `expected`.
pub async fn wait_for_heading(root: &HtmlElement, expected: &str) {
    let root = root.clone();
    wait_for(&format!("the heading {expected:?}"), || {
        let heading = root.query_selector("h1").ok().flatten()?.text_content()?;
        (heading == expected).then_some(())
    })
    .await;
}

pub fn query(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into()
}

pub fn clear_storage() {
    window().local_storage().unwrap().unwrap().clear().unwrap();
}
