//! Small DOM helpers the pages share: where keyboard focus goes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves keyboard focus to the element with `id`, once the view that is about
/// to draw it has drawn (for fields that appear with an answer).
pub fn focus_after_render(id: &'static str) {
    request_animation_frame(move || focus(id));
}

/// Moves keyboard focus to the element with `id` (the first field in error).
pub fn focus(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Focuses the `<h1>` of the page in the main landmark (made focusable by
/// script, not by Tab).
pub fn focus_page_heading() {
    if let Ok(Some(heading)) = document().query_selector("main h1") {
        let heading = heading.unchecked_into::<web_sys::HtmlElement>();
        if !heading.has_attribute("tabindex") {
            let _ = heading.set_attribute("tabindex", "-1");
        }
        let _ = heading.focus();
    }
}
