//! One session across the browser's tabs. A session is the browser's (one
//! cookie), so what one tab does to it is told to the others over a
//! `BroadcastChannel`: a sign-out signs every tab out, and "Stay signed in"
//! moves every tab's idle deadline (so each closes its warning). The news
//! carries the seconds left by the server's clock, never a browser time. A
//! tab that was asleep asks the server again when it is shown, so it never
//! shows a session that ended meanwhile.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{BroadcastChannel, MessageEvent};

/// The channel's name: every tab of the portal's origin shares it.
const CHANNEL: &str = "upsers-session";

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

/// Tells every other tab (a tab never hears its own news).
pub fn announce(news: SessionNews) {
    if let Ok(channel) = BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&JsValue::from_str(&news.encode()));
        channel.close();
    }
}

/// Runs `on_news` for each piece of news from another tab while the calling
/// component lives, and `on_shown` whenever the tab is shown again.
pub fn use_session_news(on_news: impl Fn(SessionNews) + 'static, on_shown: impl Fn() + 'static) {
    let channel = BroadcastChannel::new(CHANNEL).ok();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(news) = event
            .data()
            .as_string()
            .as_deref()
            .and_then(SessionNews::decode)
        {
            on_news(news);
        }
    });
    if let Some(channel) = &channel {
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    }
    let on_visible = Closure::<dyn Fn()>::new(move || {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            on_shown();
        }
    });
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    // Closed and removed before the closures go, so neither can be called
    // after it is dropped.
    let held = SendWrapper::new((channel, on_message, on_visible));
    on_cleanup(move || {
        let (channel, on_message, on_visible) = held.take();
        if let Some(channel) = channel {
            channel.set_onmessage(None);
            channel.close();
        }
        let _ = document().remove_event_listener_with_callback(
            "visibilitychange",
            on_visible.as_ref().unchecked_ref(),
        );
        drop(on_message);
    });
}
