//! The server's idea of "now" and "today", in one place so handlers agree.

use std::time::{SystemTime, UNIX_EPOCH};

use etalase_model::Date;

pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Today's date in WITA (UTC+8), the time zone of East Kalimantan: a listing created or an
/// inquiry sent at 07:00 local time is dated that day, not the UTC day before.
pub fn today_in_kalimantan() -> Date {
    Date::from_days_since_epoch((unix_now() + 8 * 3600).div_euclid(86_400))
}
