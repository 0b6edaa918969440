//! Cell values: numbers and date-times, parsed without allocating.
//!
//! Date-times are kept as seconds since 1970-01-01 00:00:00 in the shop's own wall-clock time
//! (no time zone is applied: a trailing offset such as `+0000` is accepted and ignored, so every
//! row keeps the local time the shop exported).

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Parses a number cell: surrounding spaces, a leading currency sign (`$ £ € ¥ ￥`) and
/// thousands separators written as `1,234.5` are accepted. Returns `None` for an empty cell or
/// text that is not a number.
///
/// ```
/// use clientele::ingest::values::parse_number;
/// assert_eq!(parse_number(" 2.55 "), Some(2.55));
/// assert_eq!(parse_number("-12"), Some(-12.0));
/// assert_eq!(parse_number("¥1,299.00"), Some(1299.0));
/// assert_eq!(parse_number("abc"), None);
/// assert_eq!(parse_number(""), None);
/// ```
pub fn parse_number(cell: &str) -> Option<f64> {
    let s = cell.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(v) = s.parse::<f64>() {
        return v.is_finite().then_some(v);
    }
    // Slow path: currency sign and thousands separators.
    let (neg, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r.trim_start()),
        None => (false, s),
    };
    let rest = rest.trim_start_matches(['$', '£', '€', '¥', '￥']).trim_start();
    let mut buf = String::with_capacity(rest.len() + 1);
    if neg {
        buf.push('-');
    }
    let mut seen_point = false;
    for (i, c) in rest.char_indices() {
        match c {
            '0'..='9' => buf.push(c),
            '.' if !seen_point => {
                seen_point = true;
                buf.push('.');
            }
            // A thousands separator must be followed by exactly three digits.
            ',' if !seen_point && rest[i + 1..].bytes().take_while(u8::is_ascii_digit).count() == 3 => {}
            _ => return None,
        }
    }
    buf.parse::<f64>().ok().filter(|v| v.is_finite())
}

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

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Reads 1..=max ASCII digits from the front of `s`.
fn digits(s: &[u8], max: usize) -> Option<(u32, &[u8])> {
    let n = s.iter().take(max).take_while(|b| b.is_ascii_digit()).count();
    if n == 0 {
        return None;
    }
    let v = s[..n].iter().fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
    Some((v, &s[n..]))
}

/// Parses a year-first date-time cell into seconds since 1970-01-01 (wall-clock time).
///
/// Accepted: `2011-12-09 12:50:00`, `2011-12-09T12:50`, `2011/12/9 12:50`, `2011.12.09`,
/// `20111209`, `2018年1月1日 8:05`, with optional fractional seconds and a trailing zone
/// (`Z`, `+0000`, `+08:00`, which is ignored). Other orders (month-first, day-first, Excel serial
/// numbers) are the job of the column-level date detector.
///
/// ```
/// use clientele::ingest::values::{parse_datetime, format_datetime};
/// let t = parse_datetime("2010-12-01 08:26:00").unwrap();
/// assert_eq!(format_datetime(t), "2010-12-01 08:26:00");
/// assert_eq!(parse_datetime("2010/12/1 8:26"), Some(t));
/// assert_eq!(parse_datetime("2010-02-30"), None);
/// ```
pub fn parse_datetime(cell: &str) -> Option<i64> {
    let s = cell.trim().as_bytes();
    let (year, rest) = digits(s, 4)?;
    if s.len() - rest.len() != 4 {
        return None;
    }
    let (month, day, rest) = if let Some((&sep, r)) = rest.split_first().filter(|(c, _)| matches!(c, b'-' | b'/' | b'.')) {
        let (m, r) = digits(r, 2)?;
        let r = r.strip_prefix(&[sep][..])?;
        let (d, r) = digits(r, 2)?;
        (m, d, r)
    } else if let Some(r) = rest.strip_prefix("年".as_bytes()) {
        let (m, r) = digits(r, 2)?;
        let r = r.strip_prefix("月".as_bytes())?;
        let (d, r) = digits(r, 2)?;
        let r = r.strip_prefix("日".as_bytes()).unwrap_or(r);
        (m, d, r)
    } else if rest.len() >= 4 && rest[..4].iter().all(u8::is_ascii_digit) {
        // Compact YYYYMMDD.
        let m = u32::from(rest[0] - b'0') * 10 + u32::from(rest[1] - b'0');
        let d = u32::from(rest[2] - b'0') * 10 + u32::from(rest[3] - b'0');
        (m, d, &rest[4..])
    } else {
        return None;
    };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(i64::from(year), month) {
        return None;
    }
    let secs = parse_time_of_day(rest)?;
    Some(days_from_civil(i64::from(year), month, day) * DAY + secs)
}

/// The optional time part after a date: `[ T]HH:MM[:SS[.fff]]` then an optional zone.
fn parse_time_of_day(rest: &[u8]) -> Option<i64> {
    let rest = trim_ascii_start(rest);
    if rest.is_empty() {
        return Some(0);
    }
    let rest = rest.strip_prefix(b"T").unwrap_or(rest);
    let (h, r) = digits(rest, 2)?;
    let r = r.strip_prefix(b":")?;
    let (mi, r) = digits(r, 2)?;
    let (sec, r) = match r.strip_prefix(b":") {
        Some(r) => digits(r, 2)?,
        None => (0, r),
    };
    let r = match r.strip_prefix(b".") {
        Some(r) => &r[r.iter().take_while(|b| b.is_ascii_digit()).count()..],
        None => r,
    };
    if h > 23 || mi > 59 || sec > 60 || !is_zone(trim_ascii_start(r)) {
        return None;
    }
    Some(i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(sec.min(59)))
}

fn is_zone(z: &[u8]) -> bool {
    z.is_empty()
        || z == b"Z"
        || z.eq_ignore_ascii_case(b"UTC")
        || (matches!(z.first(), Some(b'+' | b'-')) && z[1..].iter().all(|b| b.is_ascii_digit() || *b == b':') && z.len() <= 6)
}

fn trim_ascii_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

/// Formats seconds since 1970-01-01 as `YYYY-MM-DD HH:MM:SS`.
pub fn format_datetime(t: i64) -> String {
    let (y, m, d) = civil_from_days(t.div_euclid(DAY));
    let s = t.rem_euclid(DAY);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// The month `YYYY-MM` of a time.
pub fn format_month(t: i64) -> String {
    let (y, m, _) = civil_from_days(t.div_euclid(DAY));
    format!("{y:04}-{m:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_over_four_centuries() {
        for days in (-200_000..200_000).step_by(37) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn datetime_forms() {
        let base = parse_datetime("2011-12-09 12:50:00").unwrap();
        assert_eq!(format_datetime(base), "2011-12-09 12:50:00");
        for s in ["2011-12-09T12:50:00Z", "2011/12/9 12:50", "2011-12-09 12:50:00 +0000", "2011-12-09 12:50:00.250", "2011年12月9日 12:50"] {
            assert_eq!(parse_datetime(s), Some(base), "{s}");
        }
        assert_eq!(parse_datetime("20111209"), Some(base - 12 * 3600 - 50 * 60));
        assert_eq!(parse_datetime("2012-02-29"), Some(days_from_civil(2012, 2, 29) * DAY));
        for bad in ["", "2011-13-01", "2011-02-29", "12/9/2011 12:50", "2011-12-09 25:00", "2011-12-09 12:50 extra", "hello"] {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1,234,567.5"), Some(1_234_567.5));
        assert_eq!(parse_number("- $3.50"), Some(-3.5));
        assert_eq!(parse_number("1,23"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("1e3"), Some(1000.0));
    }
}
