//! Time as every stage keeps it: seconds since 1970-01-01 00:00:00 in the shop's own wall-clock
//! time (no time zone: see [`crate::ingest::values`]), whole days since 1970-01-01, and month
//! indices. The proleptic Gregorian calendar throughout, with integer arithmetic only, so native
//! and wasm agree.
//!
//! ```
//! use clientele::time::{civil_from_days, day_of, days_from_civil, format_datetime, format_day, month_of, DAY};
//! let t = days_from_civil(2010, 12, 1) * DAY + 8 * 3600 + 26 * 60;
//! assert_eq!(format_datetime(t), "2010-12-01 08:26:00");
//! assert_eq!(civil_from_days(day_of(t)), (2010, 12, 1));
//! assert_eq!(format_day(day_of(t)), "2010-12-01");
//! assert_eq!(month_of(t), 2010 * 12 + 11);
//! ```

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian), after Howard Hinnant's
/// `days_from_civil`.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day count from 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
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

/// The calendar day (days since 1970-01-01) of a time in seconds; times before 1970 round down.
pub fn day_of(time: i64) -> i64 {
    time.div_euclid(DAY)
}

/// The month index `year × 12 + month − 1` of a time in seconds.
pub fn month_of(time: i64) -> i64 {
    let (y, m, _) = civil_from_days(day_of(time));
    y * 12 + i64::from(m) - 1
}

/// Midnight (seconds) of an ISO calendar day `YYYY-MM-DD`, as a date input gives it; `None`
/// unless the day exists.
///
/// ```
/// use clientele::time::{parse_iso_day, DAY};
/// assert_eq!(parse_iso_day("1970-01-02"), Some(DAY));
/// assert_eq!(parse_iso_day("2011-02-29"), None);
/// assert_eq!(parse_iso_day("2011-6-1"), None);
/// ```
pub fn parse_iso_day(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let (year, month, day) = (i64::from(num(0..4)?), num(5..7)?, num(8..10)?);
    let days = days_from_civil(year, month, day);
    (civil_from_days(days) == (year, month, day)).then_some(days * DAY)
}

/// Formats seconds since 1970-01-01 as `YYYY-MM-DD HH:MM:SS`.
pub fn format_datetime(t: i64) -> String {
    let (y, m, d) = civil_from_days(day_of(t));
    let s = t.rem_euclid(DAY);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// `YYYY-MM-DD` of a day number.
pub fn format_day(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The month `YYYY-MM` of a time.
pub fn format_month(t: i64) -> String {
    let (y, m, _) = civil_from_days(day_of(t));
    format!("{y:04}-{m:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1997, 1, 1), 9862);
        assert_eq!(days_from_civil(2000, 2, 29), 11_016);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn days_and_months_of_times_round_down() {
        assert_eq!(day_of(0), 0);
        assert_eq!(day_of(DAY - 1), 0);
        assert_eq!(day_of(-1), -1);
        assert_eq!(format_day(day_of(-1)), "1969-12-31");
        assert_eq!(month_of(-1), 1969 * 12 + 11);
        assert_eq!(month_of(days_from_civil(2011, 12, 9) * DAY + 45_000), 2011 * 12 + 11);
        assert_eq!(format_month(days_from_civil(2011, 1, 31) * DAY + DAY - 1), "2011-01");
        assert_eq!(format_datetime(-1), "1969-12-31 23:59:59");
        assert_eq!(format_datetime(days_from_civil(2011, 12, 9) * DAY + 12 * 3600 + 50 * 60), "2011-12-09 12:50:00");
    }

    #[test]
    fn month_index_agrees_with_the_formatted_month() {
        for day in (-800..20_000).step_by(13) {
            let t = day * DAY + 3_600;
            let m = month_of(t);
            assert_eq!(format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1), format_month(t));
            assert_eq!(format_datetime(t)[..10], format_day(day));
        }
    }
}
