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

/// Focuses the text field `id` with what is typed in it selected, so a
/// value the server refused can be corrected or typed over.
pub fn focus_and_select(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        let input = element.unchecked_into::<web_sys::HtmlInputElement>();
        let _ = input.focus();
        input.select();
    }
}

/// Focuses the `<h1>` of the page in the main landmark (made focusable by
/// script, not by Tab); or, when the address names a part of the page
/// (`/help/mfa#signing-in`), that part, which scrolls it into view as a
/// direct load of the same address would.
pub fn focus_page_heading() {
    let fragment = window().location().hash().unwrap_or_default();
    let named = fragment
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
        .and_then(|id| document().get_element_by_id(id));
    if let Some(heading) = named.or_else(|| document().query_selector("main h1").ok().flatten()) {
        let heading = heading.unchecked_into::<web_sys::HtmlElement>();
        if !heading.has_attribute("tabindex") {
            let _ = heading.set_attribute("tabindex", "-1");
        }
        let _ = heading.focus();
    }
}
