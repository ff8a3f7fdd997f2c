//! One countdown for every timer of the portal (lockout, resend, idle warning):
//! given a deadline on the browser's clock, the whole seconds left, ticking.

use leptos::prelude::*;

/// Milliseconds since the epoch on the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The deadline `secs` from now, as the server counted them when it answered.
/// Relative seconds keep countdowns right even when the browser clock is off.
pub fn deadline_in(secs: u64) -> f64 {
    now_ms() + secs as f64 * 1000.0
}

/// Whole seconds from `now` to `deadline`, never negative.
pub fn seconds_left(deadline: f64, now: f64) -> u64 {
    ((deadline - now) / 1000.0).ceil().max(0.0) as u64
}

/// `M:SS`, as in `Try again in 14:59` or `0:03`.
pub fn format_mss(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

#[derive(Clone, Copy)]
pub struct Countdown {
    /// Seconds left; 0 when there is no deadline or it has passed.
    pub remaining: Signal<u64>,
    /// True while a deadline is set and not yet reached.
    pub running: Signal<bool>,
}

/// Counts down to `deadline` (browser-clock milliseconds), re-reading the clock
/// four times a second so a busy tab or a sleep never drifts the display.
pub fn use_countdown(deadline: Signal<Option<f64>>) -> Countdown {
    let (now, set_now) = signal(now_ms());
    let handle = set_interval_with_handle(
        move || set_now.set(now_ms()),
        std::time::Duration::from_millis(250),
    )
    .ok();
    on_cleanup(move || {
        if let Some(handle) = handle {
            handle.clear();
        }
    });
    // `now` only makes this re-run each tick; the clock is read afresh so a
    // deadline set between two ticks starts at its full length.
    let remaining = Signal::derive(move || {
        now.track();
        deadline
            .get()
            .map_or(0, |deadline| seconds_left(deadline, now_ms()))
    });
    let running = Signal::derive(move || remaining.get() > 0);
    Countdown { remaining, running }
}
