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
    kalimantan_date_of(unix_now())
}

/// The WITA date of a Unix time.
pub fn kalimantan_date_of(unix_secs: i64) -> Date {
    Date::from_days_since_epoch((unix_secs + 8 * 3600).div_euclid(86_400))
}

/// A Unix time as the store's UTC timestamp text (`2026-11-23T10:00:00.000Z`), for data the
/// server dates itself (demo inquiries).
pub fn iso_utc(unix_secs: i64) -> String {
    let date = Date::from_days_since_epoch(unix_secs.div_euclid(86_400));
    let secs = unix_secs.rem_euclid(86_400);
    format!(
        "{date}T{:02}:{:02}:{:02}.000Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_have_the_stores_shape() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_utc(1_795_430_096), "2026-11-23T10:34:56.000Z");
    }
}
