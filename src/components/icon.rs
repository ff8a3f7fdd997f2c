//! The portal's icons: one inline SVG each, drawn with the text colour
//! (`currentColor`) so they follow the colour scheme, and hidden from screen
//! readers (the text beside each says the same).

use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum IconKind {
    Error,
    Warning,
    Info,
    Success,
    /// A door with an arrow leaving it.
    SignOut,
}

impl IconKind {
    /// One stroked path on a 24-unit grid; `h.01` with round caps is a dot.
    fn path(self) -> &'static str {
        match self {
            IconKind::Error => "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20zM15 9l-6 6M9 9l6 6",
            IconKind::Warning => "M12 3 2 21h20zM12 10v5M12 18h.01",
            IconKind::Info => "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20zM12 11v6M12 7h.01",
            IconKind::Success => "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20zM8 12l3 3 5-6",
            IconKind::SignOut => "M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9",
        }
    }
}

#[component]
pub fn Icon(kind: IconKind) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=kind.path() />
        </svg>
    }
}
