//! Calendar dates (no time zone: certificate expiries and wanted-by dates are civil dates),
//! parsed from ISO 8601 and shown the id-ID or en-GB way.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Lang;

/// A civil date. Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    #[error("date must be written YYYY-MM-DD")]
    Format,
    /// Well formed, but no such day (e.g. 2026-02-30).
    #[error("no such day in the calendar")]
    OutOfRange,
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Builds a date, checking that the day exists.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::OutOfRange);
        }
        Ok(Date { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Long form as people write it: `23 November 2026` (id-ID and en-GB agree on order).
    pub fn format_long(self, lang: Lang) -> String {
        format!("{} {} {}", self.day, self.month_name(lang), self.year)
    }

    /// Short form for tables: `23 Nov 2026`; Indonesian abbreviates Agustus as `Agu`.
    pub fn format_short(self, lang: Lang) -> String {
        let name = self.month_name(lang);
        let short: String = name.chars().take(3).collect();
        format!("{} {} {}", self.day, short, self.year)
    }

    fn month_name(self, lang: Lang) -> &'static str {
        let i = usize::from(self.month - 1);
        match lang {
            Lang::Id => MONTHS_ID[i],
            Lang::En => MONTHS_EN[i],
        }
    }

    /// Days since 1970-01-01 (negative before), for differences such as "expires in N days".
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01; the inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(DateError::Format);
        }
        let num = |r: std::ops::Range<usize>| -> Result<u16, DateError> {
            let part = &s[r];
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(DateError::Format);
            }
            part.parse().map_err(|_| DateError::Format)
        };
        Date::new(num(0..4)?, num(5..7)? as u8, num(8..10)? as u8)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for Date {
    type Error = DateError;
    fn try_from(s: String) -> Result<Date, DateError> {
        s.parse()
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

/// On the wire a date is its ISO text (`2027-01-05`), so that is what the API description says.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Date {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .examples(["2027-01-05"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Date {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_and_rejects_bad_input() {
        let d: Date = "2026-11-23".parse().unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2026, 11, 23));
        assert_eq!("2026-02-30".parse::<Date>(), Err(DateError::OutOfRange));
        assert_eq!("2024-02-29".parse::<Date>().map(|d| d.day()), Ok(29));
        assert_eq!("2100-02-29".parse::<Date>(), Err(DateError::OutOfRange));
        assert_eq!("2026-13-01".parse::<Date>(), Err(DateError::OutOfRange));
        assert_eq!("26-11-23".parse::<Date>(), Err(DateError::Format));
        assert_eq!("2026-1a-23".parse::<Date>(), Err(DateError::Format));
        assert_eq!("2026/11/23".parse::<Date>(), Err(DateError::Format));
    }

    #[test]
    fn formats_in_both_languages() {
        let d = Date::new(2026, 8, 17).unwrap();
        assert_eq!(d.format_long(Lang::Id), "17 Agustus 2026");
        assert_eq!(d.format_long(Lang::En), "17 August 2026");
        assert_eq!(d.format_short(Lang::Id), "17 Agu 2026");
        assert_eq!(d.format_short(Lang::En), "17 Aug 2026");
        assert_eq!(
            Date::new(2027, 5, 1).unwrap().format_long(Lang::Id),
            "1 Mei 2027"
        );
    }

    #[test]
    fn epoch_days_round_trip_and_order() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        for days in (-1000..40_000).step_by(37) {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        let a = Date::new(2026, 12, 31).unwrap();
        let b = Date::new(2027, 1, 1).unwrap();
        assert!(a < b);
        assert_eq!(b.days_since_epoch() - a.days_since_epoch(), 1);
    }

    #[test]
    fn serde_uses_iso_strings() {
        let d = Date::new(2027, 1, 5).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2027-01-05\"");
        assert!(serde_json::from_str::<Date>("\"2027-02-31\"").is_err());
    }
}
