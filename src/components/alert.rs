//! Messages that screen readers announce: errors assertively, status politely.

use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Error,
    Info,
    Success,
}

/// A message box. Errors use `role="alert"`; others `role="status"`.
#[component]
pub fn Alert(
    /// How the message should be read and shown.
    tone: Tone,
    /// Stable hook for tests.
    #[prop(into)]
    testid: String,
    children: Children,
) -> impl IntoView {
    let (role, class) = match tone {
        Tone::Error => ("alert", "alert alert--error"),
        Tone::Info => ("status", "alert alert--info"),
        Tone::Success => ("status", "alert alert--success"),
    };
    view! {
        <div class=class role=role data-testid=testid>
            {children()}
        </div>
    }
}
