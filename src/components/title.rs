//! The document title, per page: "<page> · UPSers", in the current language.
//! Screen readers announce it on navigation, so every route has its own.

use leptos::prelude::*;

use crate::i18n::{Msg, use_i18n};

/// Keeps `document.title` on `page` while the calling page is mounted; a
/// page of several steps passes a signal so each step has its own title.
pub fn use_page_title(page: impl Into<Signal<Msg>>) {
    let i18n = use_i18n();
    let page = page.into();
    Effect::new(move |_| document().set_title(&format!("{} · UPSers", i18n.t(page.get()))));
}
