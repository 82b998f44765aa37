//! The wall clock, for time stamps only (when a session was saved or begun). The simulation
//! never reads it: its time is half-days, and its randomness the seeded generator.
//!
//! In a browser `std::time::SystemTime::now` panics (there is no system clock to call), so
//! there the time comes from JavaScript's `Date.now()`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Now.
pub fn now() -> SystemTime {
    #[cfg(target_arch = "wasm32")]
    {
        UNIX_EPOCH + Duration::from_millis(js_sys::Date::now().max(0.0) as u64)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        SystemTime::now()
    }
}

/// Seconds since 1970, UTC.
pub fn unix_seconds() -> u64 {
    now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs()
}
