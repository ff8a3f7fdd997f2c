//! Messages that screen readers announce: errors and warnings assertively,
//! status politely. Each kind has its own icon (drawn by the stylesheet from
//! the kind's class: style/components.css) and a visible heading, so the kind
//! reads without colour.

use leptos::prelude::*;

use crate::i18n::{Msg, use_i18n};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Error,
    Warning,
    Info,
    Success,
}

impl Tone {
    /// The ARIA role, the classes (the modifier brings the icon) and the
    /// heading.
    fn parts(self) -> (&'static str, &'static str, Msg) {
        match self {
            Tone::Error => ("alert", "alert alert--error", Msg::AlertError),
            Tone::Warning => ("alert", "alert alert--warning", Msg::AlertWarning),
            Tone::Info => ("status", "alert alert--info", Msg::AlertInfo),
            Tone::Success => ("status", "alert alert--success", Msg::AlertSuccess),
        }
    }
}

/// A message box with its kind's icon and heading (GOV.UK's notification
/// banner and error summary).
#[component]
pub fn Alert(
    /// How the message should be read and shown.
    tone: Tone,
    /// Stable hook for tests, on the message (without the heading).
    #[prop(into)]
    testid: String,
    /// An id, for an alert the page moves focus to (it is then focusable).
    #[prop(optional)]
    id: Option<&'static str>,
    /// A heading that says more than the kind's own ("There is a problem").
    #[prop(optional)]
    heading: Option<Msg>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let (role, class, kind_heading) = tone.parts();
    let heading = heading.unwrap_or(kind_heading);
    view! {
        <div class=class role=role id=id tabindex=id.map(|_| "-1")>
            <div class="alert__body">
                <h2 class="alert__heading">{move || i18n.t(heading)}</h2>
                <div data-testid=testid>{children()}</div>
            </div>
        </div>
    }
}
