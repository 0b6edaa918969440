//! Compact dates told apart from codes by a column's values: `19970101` (`yyyymmdd`, the CDNOW
//! log, Excel and Taobao exports of a date taken for a number) and `20240105143000`
//! (`yyyymmddHHMMSS`).
//!
//! One such cell is also a whole number, so a cell alone cannot say which it is: a column of
//! 8-digit ids or product codes looks the same. A column is read as compact dates only when
//! all its sampled values together say so ([`is_compact_date_column`]):
//!
//! - at least [`MIN_VALUES`] non-empty values, every one of them 8 or 14 ASCII digits (an Excel
//!   guard `="…"`, `'` or tab, and a trailing `.0`, are allowed), all of the same length;
//! - every value a real calendar date (month 1–12, a day the month has, a time of day within
//!   00:00:00–23:59:59), in the years [`PLAUSIBLE_YEARS`], within [`MAX_YEAR_SPAN`] years of
//!   one another;
//! - at least [`MIN_DISTINCT_DAYS`] distinct days.
//!
//! Random 8-digit codes fail the calendar on nearly every value (month `00` or `13`–`99`, day
//! `32`–`99`), so a sample of them never passes; running ids (`20240101`, `20240102`…) leave the
//! calendar at day 32; a constant code (`20240105` on every row) has a single day. The caller also
//! keeps any column whose header names an id (`Order No`, `会员编号`) away from dates, whatever its
//! values: see [`super::roles::assign`].
//!
//! The cells themselves are read by [`super::values::parse_datetime`], which accepts both forms.
//!
//! ```
//! use clientele::ingest::compact_date::is_compact_date_column;
//! assert!(is_compact_date_column(["19970101", "19970118", "19970802", "19971212", "19970101"]));
//! // Ids: month 00 or 13+, day 32+.
//! assert!(!is_compact_date_column(["10000017", "10000042", "10000099", "20241342", "20240199"]));
//! ```

use super::values::{civil_from_days, parse_datetime, strip_excel_guard, DAY};
use crate::sort;

/// The fewest non-empty values a column needs before its values can call it compact dates.
pub const MIN_VALUES: usize = 5;

/// The fewest distinct days the values must cover. Few on purpose: an export sorted by date puts
/// its first hundred lines on a handful of days; what this keeps out is a constant code.
pub const MIN_DISTINCT_DAYS: usize = 3;

/// The years a compact date must fall in to count as one (first and last, both included): sales
/// exports of this century and the last decades of the previous one. Narrower than the years a
/// date cell may hold ([`super::values::YearRange`]), so that fewer codes pass.
pub const PLAUSIBLE_YEARS: (i64, i64) = (1970, 2099);

/// The widest span, in years, between the first and last compact date of a column: the history
/// one sales export holds. Codes that pass the calendar by chance scatter over centuries.
pub const MAX_YEAR_SPAN: i64 = 30;

/// The digits of a compact date cell (`19970101`, `20240105143000`), without an Excel guard or a
/// trailing `.0`; `None` when the cell is not 8 or 14 ASCII digits.
fn compact_digits(cell: &str) -> Option<&str> {
    let s = strip_excel_guard(cell.trim()).trim();
    let s = s.strip_suffix(".0").unwrap_or(s);
    (matches!(s.len(), 8 | 14) && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// Reads one compact date cell (`yyyymmdd` or `yyyymmddHHMMSS`) into seconds since 1970-01-01,
/// `None` when it is not one (wrong length, not a calendar date).
///
/// ```
/// use clientele::ingest::compact_date::parse_compact;
/// use clientele::ingest::values::parse_datetime;
/// assert_eq!(parse_compact("19970101"), parse_datetime("1997-01-01"));
/// assert_eq!(parse_compact("20240105143000"), parse_datetime("2024-01-05 14:30:00"));
/// assert_eq!(parse_compact("=\"20240105\""), parse_datetime("2024-01-05"));
/// assert_eq!(parse_compact("20241305"), None);
/// assert_eq!(parse_compact("2024-01-05"), None);
/// ```
pub fn parse_compact(cell: &str) -> Option<i64> {
    parse_datetime(compact_digits(cell)?)
}

/// Whether a column's sampled values are compact dates (see the module docs). Empty cells are
/// skipped.
pub fn is_compact_date_column<'a>(cells: impl IntoIterator<Item = &'a str>) -> bool {
    let mut days: Vec<i64> = Vec::new();
    let mut width = None;
    let (mut n, mut first_year, mut last_year) = (0usize, i64::MAX, i64::MIN);
    for cell in cells {
        if cell.trim().is_empty() {
            continue;
        }
        let Some(digits) = compact_digits(cell) else { return false };
        if *width.get_or_insert(digits.len()) != digits.len() {
            return false;
        }
        let Some(time) = parse_datetime(digits) else { return false };
        let day = time.div_euclid(DAY);
        let year = civil_from_days(day).0;
        if !(PLAUSIBLE_YEARS.0..=PLAUSIBLE_YEARS.1).contains(&year) {
            return false;
        }
        first_year = first_year.min(year);
        last_year = last_year.max(year);
        n += 1;
        days.push(day);
    }
    sort::sort_total(&mut days);
    days.dedup();
    n >= MIN_VALUES && days.len() >= MIN_DISTINCT_DAYS && last_year - first_year <= MAX_YEAR_SPAN
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A column of compact dates: a day per value, `step` days apart from 1997-01-01.
    fn dates(n: usize, step: i64) -> Vec<String> {
        let start = crate::time::days_from_civil(1997, 1, 1);
        (0..n as i64)
            .map(|i| {
                let (y, m, d) = civil_from_days(start + i * step);
                format!("{y:04}{m:02}{d:02}")
            })
            .collect()
    }

    fn col(v: &[String]) -> bool {
        is_compact_date_column(v.iter().map(String::as_str))
    }

    #[test]
    fn cdnow_and_excel_dates_are_dates() {
        // The CDNOW log's first customers (as in CDNOW_sample.txt).
        assert!(is_compact_date_column([
            "19970101", "19970118", "19970802", "19971212", "19970101", "19970101", "19970112", "19970112"
        ]));
        assert!(col(&dates(100, 5)));
        assert!(col(&dates(100, 1)));
        // With seconds, with Excel guards and a float's `.0`, with empty cells between.
        assert!(is_compact_date_column([
            "20240105143000",
            "20240105150102",
            "20240106000000",
            "20240211235959",
            "20240301090000"
        ]));
        assert!(is_compact_date_column(["=\"20240105\"", "'20240106", "\t20240107", "20240108.0", "", "20240109"]));
        // An export sorted by date: most lines on one day, three days in all.
        let mut sorted = vec!["20240105".to_owned(); 90];
        sorted.extend(vec!["20240106".to_owned(); 9]);
        sorted.push("20240107".to_owned());
        assert!(col(&sorted));
    }

    #[test]
    fn ids_and_codes_are_not_dates() {
        // 8-digit ids: an invalid month or day in the sample.
        assert!(!is_compact_date_column(["10000017", "10000042", "10000099", "10000123", "10000200"]));
        assert!(!is_compact_date_column(["20240105", "20240106", "20241305", "20240107", "20240108"]));
        assert!(!is_compact_date_column(["20240105", "20240106", "20240132", "20240107", "20240108"]));
        assert!(!is_compact_date_column(["20230229", "20240106", "20240107", "20240108", "20240109"]));
        // Running ids leave the calendar at day 32.
        let running: Vec<String> = (20_240_101..20_240_201).map(|i: u32| i.to_string()).collect();
        assert!(!col(&running));
        // A constant product code, or two: too few days.
        assert!(!col(&vec!["20240105".to_owned(); 50]));
        assert!(!is_compact_date_column(["20240105", "20240106", "20240105", "20240106", "20240105"]));
        // Too few values to tell.
        assert!(!is_compact_date_column(["19970101", "19970118", "19970802", "19971212"]));
        // Years out of the plausible range, or spread over centuries.
        assert!(!is_compact_date_column(["18990101", "18990102", "18990103", "18990104", "18990105"]));
        assert!(!is_compact_date_column(["21500101", "21500102", "21500103", "21500104", "21500105"]));
        assert!(!is_compact_date_column(["19710101", "20900102", "19800103", "20500104", "19990105"]));
        // Mixed widths, other lengths, other text.
        assert!(!is_compact_date_column(["19970101", "19970118", "19970802", "19971212", "20240105143000"]));
        assert!(!is_compact_date_column(["1997010", "1997011", "1997080", "1997121", "1997010"]));
        assert!(!is_compact_date_column([
            "202401051430",
            "202401051500",
            "202401060000",
            "202402112359",
            "202403010900"
        ]));
        assert!(!is_compact_date_column(["1997-01-01", "1997-01-18", "1997-08-02", "1997-12-12", "1997-01-01"]));
        assert!(!is_compact_date_column(["19970101", "19970118", "19970802", "19971212", "n/a"]));
        // A time of day that is no time.
        assert!(!is_compact_date_column([
            "20240105143000",
            "20240105250102",
            "20240106000000",
            "20240211235959",
            "20240301090000"
        ]));
        assert!(!is_compact_date_column(Vec::<&str>::new()));
    }

    #[test]
    fn one_cell() {
        assert_eq!(parse_compact("20240229"), Some(crate::time::days_from_civil(2024, 2, 29) * DAY));
        assert_eq!(parse_compact("20230229"), None);
        assert_eq!(parse_compact("20240105246000"), None);
        assert_eq!(parse_compact("2024010514"), None);
        assert_eq!(parse_compact(""), None);
    }
}
