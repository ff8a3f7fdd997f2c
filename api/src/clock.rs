//! Wall-clock time for answers. Every response carries the server time so the
//! SPA's countdowns never depend on the browser's clock.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, as sent in `server_time`.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs() as i64)
        .unwrap_or(0)
}
