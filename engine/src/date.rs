//! Calendar dates without a clock: the engine is given "today" by its caller.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date (proleptic Gregorian), written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01.
    days: i64,
}

impl Date {
    /// The date `year-month-day`, or `None` if there is no such day.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if !(1..=9999).contains(&year) {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date {
            days: era * 146_097 + doe - 719_468,
        })
    }

    /// Year, month and day.
    pub fn ymd(self) -> (i64, u32, u32) {
        let z = self.days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }

    /// Parses `YYYY-MM-DD`; a longer ISO 8601 timestamp is read for its date.
    pub fn parse(text: &str) -> Result<Date, String> {
        let bad = || format!("'{text}' is not a date written YYYY-MM-DD");
        let head = text.get(..10).ok_or_else(bad)?;
        let mut parts = head.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (y, m, d) = (
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        );
        if text.len() > 10 && !text[10..].starts_with('T') {
            return Err(bad());
        }
        Date::from_ymd(y, m, d).ok_or_else(|| format!("'{head}' is not a day of the calendar"))
    }

    /// The date `days` later (earlier if negative).
    pub fn add_days(self, days: i64) -> Date {
        Date {
            days: self.days.saturating_add(days),
        }
    }

    /// Days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days - self.days
    }
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn dates_round_trip_and_count_days() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2026-11-28",
            "2027-12-31",
            "0001-01-01",
            "9999-12-31",
        ] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
        let d = Date::parse("2026-11-28").unwrap();
        assert_eq!(d.add_days(365).to_string(), "2027-11-28");
        assert_eq!(d.add_days(34).to_string(), "2027-01-01");
        assert_eq!(d.days_until(Date::parse("2027-02-28").unwrap()), 92);
        assert_eq!(Date::parse("2026-11-28T10:00:00.000Z").unwrap(), d);
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "26-11-28",
            "2026/11/28",
            "",
            "2026-11-28x",
            "２０２６-11-28",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }
}
