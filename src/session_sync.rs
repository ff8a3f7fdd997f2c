//! One session across the browser's tabs. A session is the browser's (one
//! cookie), so what one tab does to it is told to the others: a sign-out
//! signs every tab out, and "Stay signed in" moves every tab's idle deadline
//! (so each closes its warning). The news carries the seconds left by the
//! server's clock, never a browser time. A tab that was asleep asks the
//! server again when it is shown, so it never shows a session that ended
//! meanwhile.
//!
//! The news travels as a `storage` event (a localStorage key written and at
//! once removed, so nothing stays on a shared PC), not a `BroadcastChannel`:
//! both reach every other tab of the origin and only those, but the channel
//! needed bindings and a closure type of its own, which wasm-bindgen puts in
//! the first load's glue and module whatever page uses them (293 B brotli
//! measured, over `/login`'s budget). This way uses only what the first load
//! has already: Leptos's window listener, localStorage and `Reflect::get`.

use std::rc::Rc;

use js_sys::Reflect;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::storage::{local_remove, local_set};

/// The localStorage key the news passes through.
const NEWS_KEY: &str = "upsers.session-news";

/// What one tab tells the others about the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionNews {
    /// The server ended the session: every tab goes to sign-in.
    SignedOut,
    /// The session was kept alive: this many seconds to its idle timeout.
    Refreshed { idle_secs_left: u64 },
}

impl SessionNews {
    fn encode(self) -> String {
        match self {
            SessionNews::SignedOut => "signed-out".to_owned(),
            SessionNews::Refreshed { idle_secs_left } => format!("refreshed:{idle_secs_left}"),
        }
    }

    /// The news in a message, or `None` for anything else (another
    /// version's news, or noise): a tab acts only on what it understands.
    fn decode(message: &str) -> Option<SessionNews> {
        match message.split_once(':') {
            None if message == "signed-out" => Some(SessionNews::SignedOut),
            Some(("refreshed", secs)) => Some(SessionNews::Refreshed {
                idle_secs_left: secs.parse().ok()?,
            }),
            _ => None,
        }
    }
}

/// Tells every other tab (a tab never hears its own news). The key is
/// removed at once: the write is what the other tabs hear.
pub fn announce(news: SessionNews) {
    local_set(NEWS_KEY, &news.encode());
    local_remove(NEWS_KEY);
}

/// A property of a browser object as a string, if it is one.
fn string_property(object: &JsValue, name: &str) -> Option<String> {
    Reflect::get(object, &JsValue::from_str(name))
        .ok()?
        .as_string()
}

/// Runs `on_news` for each piece of news from another tab while the calling
/// component lives, and `on_shown` whenever the tab is shown again.
pub fn use_session_news(on_news: impl Fn(SessionNews) + 'static, on_shown: impl Fn() + 'static) {
    // One listener for both events: each closure type given to the window
    // listener adds its own functions to the first load's module.
    let handlers = Rc::new((on_news, on_shown));
    let listener = move |event: web_sys::Event| {
        let (on_news, on_shown) = &*handlers;
        match string_property(&event, "type").as_deref() {
            // The removal that follows each write arrives too, without a value.
            Some("storage") if string_property(&event, "key").as_deref() == Some(NEWS_KEY) => {
                if let Some(news) = string_property(&event, "newValue")
                    .as_deref()
                    .and_then(SessionNews::decode)
                {
                    on_news(news);
                }
            }
            // It bubbles from the document to the window.
            Some("visibilitychange")
                if string_property(&document(), "visibilityState").as_deref()
                    == Some("visible") =>
            {
                on_shown();
            }
            _ => {}
        }
    };
    let on_storage = window_event_listener_untyped("storage", listener.clone());
    let on_visible = window_event_listener_untyped("visibilitychange", listener);
    on_cleanup(move || {
        on_storage.remove();
        on_visible.remove();
    });
}
