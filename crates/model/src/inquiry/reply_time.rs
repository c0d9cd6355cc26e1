//! A seller's typical reply time: the median time from an inquiry to the seller's first
//! answer (a reply, a status move or a quote) over the last 90 days, shown on the product
//! page once there are at least three: "biasanya membalas dalam 3 jam".

use crate::{Date, Lang};

/// Fewer answers than this say nothing typical.
pub const REPLY_TIME_MIN_ANSWERS: usize = 3;
/// How far back answers count.
pub const REPLY_TIME_WINDOW_DAYS: i64 = 90;

/// The median of `minutes` (the upper of the two middle ones), or `None` with fewer than
/// [`REPLY_TIME_MIN_ANSWERS`].
pub fn typical_reply_minutes(mut minutes: Vec<u32>) -> Option<u32> {
    if minutes.len() < REPLY_TIME_MIN_ANSWERS {
        return None;
    }
    minutes.sort_unstable();
    Some(minutes[minutes.len() / 2])
}

/// Seconds since 1970 of a store timestamp (`2026-11-23T10:00:00.000Z`); `None` if it is
/// not one.
pub fn parse_utc(timestamp: &str) -> Option<i64> {
    let (date, time) = timestamp.strip_suffix('Z')?.split_once('T')?;
    let date: Date = date.parse().ok()?;
    let mut hms = time.split(':');
    let h: i64 = hms.next()?.parse().ok()?;
    let m: i64 = hms.next()?.parse().ok()?;
    let s: f64 = hms.next()?.parse().ok()?;
    if hms.next().is_some() || !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    Some(date.days_since_epoch() * 86_400 + h * 3600 + m * 60 + s as i64)
}

/// Whole minutes from `sent` to `answered` (0 if the clock says the answer came first).
pub fn minutes_between(sent: &str, answered: &str) -> Option<u32> {
    let seconds = parse_utc(answered)? - parse_utc(sent)?;
    u32::try_from(seconds.max(0) / 60).ok()
}

/// The product page's line: within an hour, N hours (up to two days), or N days; rounded
/// up, since a promise should not be better than the facts.
pub fn reply_time_text(minutes: u32, lang: Lang) -> String {
    let hours = minutes.div_ceil(60).max(1);
    let days = hours.div_ceil(24);
    match (lang, hours <= 48) {
        (Lang::Id, true) => format!("Biasanya membalas dalam {hours} jam"),
        (Lang::Id, false) => format!("Biasanya membalas dalam {days} hari"),
        (Lang::En, true) if hours == 1 => "Usually replies within an hour".to_string(),
        (Lang::En, true) => format!("Usually replies within {hours} hours"),
        (Lang::En, false) => format!("Usually replies within {days} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_needs_three_answers() {
        assert_eq!(typical_reply_minutes(vec![]), None);
        assert_eq!(typical_reply_minutes(vec![10, 20]), None);
        assert_eq!(typical_reply_minutes(vec![600, 10, 180]), Some(180));
        assert_eq!(typical_reply_minutes(vec![5, 60, 120, 9000]), Some(120));
    }

    #[test]
    fn minutes_between_store_timestamps() {
        assert_eq!(
            minutes_between("2026-11-23T10:00:00.000Z", "2026-11-23T13:30:59.999Z"),
            Some(210)
        );
        assert_eq!(
            minutes_between("2026-11-30T23:00:00.000Z", "2026-12-01T01:00:00.000Z"),
            Some(120)
        );
        assert_eq!(
            minutes_between("2026-11-23T10:00:00.000Z", "2026-11-23T09:00:00.000Z"),
            Some(0)
        );
        assert_eq!(minutes_between("kemarin", "2026-11-23T09:00:00.000Z"), None);
    }

    #[test]
    fn the_line_rounds_up_in_both_languages() {
        assert_eq!(
            reply_time_text(12, Lang::Id),
            "Biasanya membalas dalam 1 jam"
        );
        assert_eq!(
            reply_time_text(12, Lang::En),
            "Usually replies within an hour"
        );
        assert_eq!(
            reply_time_text(150, Lang::Id),
            "Biasanya membalas dalam 3 jam"
        );
        assert_eq!(
            reply_time_text(150, Lang::En),
            "Usually replies within 3 hours"
        );
        assert_eq!(
            reply_time_text(48 * 60, Lang::En),
            "Usually replies within 48 hours"
        );
        assert_eq!(
            reply_time_text(49 * 60, Lang::Id),
            "Biasanya membalas dalam 3 hari"
        );
    }
}
