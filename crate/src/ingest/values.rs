//! Cell values: numbers and date-times, parsed without allocating.
//!
//! Date-times are kept as seconds since 1970-01-01 00:00:00 in the shop's own wall-clock time
//! (no time zone is applied: a trailing offset such as `+0000` is accepted and ignored, so every
//! row keeps the local time the shop exported).

// The calendar lives in `crate::time`; these names stay here for the paths callers already use.
pub use crate::time::{civil_from_days, days_from_civil, format_datetime, format_month, DAY};

/// The largest magnitude a quantity, unit price, amount or line amount (quantity × unit price)
/// may have: 10¹⁵, a thousand trillion, beyond any till. A larger number is taken as corrupt and
/// its row is dropped as `bad_number` (a refund, discount or cost cell beyond it is ignored, as
/// one that does not parse). Below it every sum of up to 10²⁹⁰ lines stays finite, so revenue
/// and the models never see an infinity.
pub const MAX_ABS_NUMBER: f64 = 1e15;

/// The years a date must fall in to be read (first and last, both included). A date outside
/// them is taken as corrupt and its row is dropped as `bad_date`: year 0 or 9999 in a file
/// is a placeholder or a broken export, not a sale, and a cohort table over that span would not
/// fit in memory. A workbook's NaN or infinite date serials read as 1899-12-30 and fall out
/// here too.
///
/// ```
/// use clientele::ingest::values::{parse_datetime, YearRange};
/// let r = YearRange::DEFAULT;
/// assert!(r.contains(parse_datetime("1900-01-01").unwrap()));
/// assert!(r.contains(parse_datetime("2100-12-31 23:59:59").unwrap()));
/// assert!(!r.contains(parse_datetime("1899-12-30").unwrap()));
/// assert!(!r.contains(parse_datetime("2101-01-01").unwrap()));
/// assert!(!r.contains(parse_datetime("0000-01-01").unwrap()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct YearRange {
    pub first: i32,
    pub last: i32,
}

impl YearRange {
    /// 1900 to 2100.
    pub const DEFAULT: YearRange = YearRange { first: 1900, last: 2100 };

    /// Whether a time (seconds since 1970-01-01) falls in the range.
    pub fn contains(self, time: i64) -> bool {
        let start = days_from_civil(i64::from(self.first), 1, 1) * DAY;
        let end = days_from_civil(i64::from(self.last) + 1, 1, 1) * DAY;
        (start..end).contains(&time)
    }
}

impl Default for YearRange {
    fn default() -> Self {
        YearRange::DEFAULT
    }
}

/// Parses a number cell with a decimal point (see [`parse_number_with`]).
///
/// ```
/// use clientele::ingest::values::parse_number;
/// assert_eq!(parse_number(" 2.55 "), Some(2.55));
/// assert_eq!(parse_number("-12"), Some(-12.0));
/// assert_eq!(parse_number("¥1,299.00"), Some(1299.0));
/// assert_eq!(parse_number("(12.50)"), Some(-12.5));
/// assert_eq!(parse_number("５９．００元"), Some(59.0));
/// assert_eq!(parse_number("abc"), None);
/// assert_eq!(parse_number(""), None);
/// ```
pub fn parse_number(cell: &str) -> Option<f64> {
    parse_number_with(cell, false)
}

/// `-?digits(.digits)?` with at most 15 digits, as `str::parse::<f64>` reads it: the digits
/// make an integer below 2⁵³ and 10^k is exact, so one division is correctly rounded (the
/// Clinger fast path). Anything else is left to the full parser.
#[inline]
fn parse_plain_decimal(b: &[u8]) -> Option<f64> {
    const POW10: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    let (neg, b) = match b.split_first() {
        Some((b'-', r)) => (true, r),
        _ => (false, b),
    };
    let (mut m, mut digits, mut frac, mut point) = (0u64, 0usize, 0usize, false);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                if digits == 15 {
                    return None;
                }
                m = m * 10 + u64::from(c - b'0');
                digits += 1;
                frac += usize::from(point);
            }
            b'.' if !point && i > 0 && i + 1 < b.len() => point = true,
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    let v = m as f64 / POW10[frac];
    Some(if neg { -v } else { v })
}

/// Parses a number cell. Accepted around the digits: spaces, an Excel guard (`="12"`, a leading
/// `'` or tab), a currency sign before or after the sign (`$ £ € ¥ ￥`, `-$0.95`, `$-0.95`), a
/// trailing `元` or `%`-free unit, parentheses for negatives (`(12.50)`), full-width digits and
/// thousands separators. With `decimal_comma`, `1.234,56` and `12,5` are read the European way
/// (`.` groups thousands, `,` is the decimal mark); otherwise `1,234.56`. A thousands separator
/// must be followed by exactly three digits. Returns `None` for an empty cell or text that is not
/// a number.
pub fn parse_number_with(cell: &str, decimal_comma: bool) -> Option<f64> {
    let s = super::fast::trim(cell);
    if s.is_empty() {
        return None;
    }
    if !decimal_comma {
        if let Some(v) = parse_plain_decimal(s.as_bytes()) {
            return Some(v);
        }
        if let Ok(v) = s.parse::<f64>() {
            return v.is_finite().then_some(v);
        }
    }
    // Slow path: normalise full-width forms, then strip guards, signs and currency.
    let owned;
    let mut s = s;
    if !s.is_ascii() {
        owned = s.chars().map(fold_full_width).collect::<String>();
        s = owned.trim();
    }
    let s = strip_excel_guard(s);
    let (mut neg, mut rest) = (false, s);
    if let Some(r) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        neg = true;
        rest = r.trim();
    }
    for _ in 0..2 {
        if let Some(r) = rest.strip_prefix('-') {
            neg = !neg;
            rest = r.trim_start();
        } else if let Some(r) = rest.strip_prefix('+') {
            rest = r.trim_start();
        }
        rest = rest.trim_start_matches(['$', '£', '€', '¥', '￥']).trim_start();
    }
    let rest = rest.trim_end_matches(['元', '$', '€', '£']).trim_end();
    let rest = rest.strip_suffix("RMB").or_else(|| rest.strip_suffix("CNY")).unwrap_or(rest).trim_end();
    let (point, group) = if decimal_comma { (',', '.') } else { ('.', ',') };
    let mut buf = String::with_capacity(rest.len() + 1);
    if neg {
        buf.push('-');
    }
    let mut seen_point = false;
    let mut digits_seen = false;
    let bytes = rest.as_bytes();
    for (i, c) in rest.char_indices() {
        match c {
            '0'..='9' => {
                digits_seen = true;
                buf.push(c);
            }
            c if c == point && !seen_point => {
                seen_point = true;
                buf.push('.');
            }
            c if c == group
                && !seen_point
                && digits_seen
                && bytes[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count() == 3 => {}
            'e' | 'E' if digits_seen => buf.push('e'),
            '-' | '+' if buf.ends_with('e') => buf.push(c),
            _ => return None,
        }
    }
    if !digits_seen {
        return None;
    }
    buf.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Folds full-width ASCII forms (`０-９ ． ， － ＋ （ ）`) and the ideographic space to ASCII.
pub fn fold_full_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Strips the tricks spreadsheets use to keep ids as text: `="0123"`, a leading `'`, a leading
/// tab. The result keeps its leading zeros.
///
/// ```
/// use clientele::ingest::values::strip_excel_guard;
/// assert_eq!(strip_excel_guard("=\"3049812345678901234\""), "3049812345678901234");
/// assert_eq!(strip_excel_guard("'0123"), "0123");
/// assert_eq!(strip_excel_guard("\t6917926768823643751"), "6917926768823643751");
/// assert_eq!(strip_excel_guard("plain"), "plain");
/// ```
pub fn strip_excel_guard(s: &str) -> &str {
    let s = s.trim_start_matches('\t');
    if let Some(inner) = s.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        return inner;
    }
    s.strip_prefix('\'').unwrap_or(s)
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
/// `20111209`, `20111209125000`, `2018年1月1日 8:05`, with optional fractional seconds and a trailing zone
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
    let (month, day, rest) =
        if let Some((&sep, r)) = rest.split_first().filter(|(c, _)| matches!(c, b'-' | b'/' | b'.')) {
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
            // Compact YYYYMMDD, or YYYYMMDDHHMMSS (see `super::compact_date`).
            let m = u32::from(rest[0] - b'0') * 10 + u32::from(rest[1] - b'0');
            let d = u32::from(rest[2] - b'0') * 10 + u32::from(rest[3] - b'0');
            (m, d, &rest[4..])
        } else {
            return None;
        };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(i64::from(year), month) {
        return None;
    }
    let secs = match compact_time(rest) {
        Some(secs) => secs?,
        None => parse_time_of_day(rest)?,
    };
    Some(days_from_civil(i64::from(year), month, day) * DAY + secs)
}

/// The `HHMMSS` after a compact `YYYYMMDD`: `Some(None)` when it is six digits but no time of
/// day, `None` when it is not six digits (other forms are [`parse_time_of_day`]'s).
fn compact_time(rest: &[u8]) -> Option<Option<i64>> {
    if rest.len() != 6 || !rest.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let two = |i: usize| i64::from(rest[i] - b'0') * 10 + i64::from(rest[i + 1] - b'0');
    let (h, mi, sec) = (two(0), two(2), two(4));
    Some((h <= 23 && mi <= 59 && sec <= 59).then_some(h * 3600 + mi * 60 + sec))
}

/// The order of day and month in slash dates such as `1/12/2010`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `12/1/2010` is 1 December (US exports, Etsy, BigCommerce, the UCI original).
    MonthFirst,
    /// `1/12/2010` is 1 December (UK and most of Europe).
    DayFirst,
}

/// A date cell, read without knowing the column's day-month order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateCell {
    /// Not a date.
    Bad,
    /// One reading; `order` is the day-month order it proves, if it is a slash date that only
    /// one order can read (`13/1/2010` proves day-first).
    At { time: i64, order: Option<DateOrder> },
    /// Both orders read it (`3/4/2010`): the column's order decides.
    Either { month_first: i64, day_first: i64 },
}

impl DateCell {
    /// The time under a given order.
    pub fn resolve(self, order: DateOrder) -> Option<i64> {
        match self {
            DateCell::Bad => None,
            DateCell::At { time, .. } => Some(time),
            DateCell::Either { month_first, day_first } => {
                Some(if order == DateOrder::MonthFirst { month_first } else { day_first })
            }
        }
    }
}

/// Reads a date cell in any of the forms seen in retail exports: everything [`parse_datetime`]
/// reads; the same with a trailing weekday (`2018-01-01 星期五`, `(周一)`, `Mon`); slash dates
/// `12/1/2010 8:26` or `1/12/2010 8:26` or `08/14/25`, with `AM`/`PM`; Excel serial numbers
/// (`45231`, `45231.75`, days since 1899-12-30, read between 1954 and 2119); and `20170823.0`.
///
/// ```
/// use clientele::ingest::values::{parse_date_cell, parse_datetime, DateCell, DateOrder};
/// let t = parse_datetime("2010-12-01 08:26").unwrap();
/// assert_eq!(parse_date_cell("12/1/2010 8:26").resolve(DateOrder::MonthFirst), Some(t));
/// assert_eq!(parse_date_cell("1/12/2010 8:26").resolve(DateOrder::DayFirst), Some(t));
/// assert_eq!(parse_date_cell("13/12/2010"), DateCell::At { time: t - 8 * 3600 - 26 * 60 + 12 * 86400, order: Some(DateOrder::DayFirst) });
/// assert_eq!(parse_date_cell("2010-12-01 星期三 08:26").resolve(DateOrder::DayFirst), Some(t));
/// assert_eq!(parse_date_cell("40513.35138888889").resolve(DateOrder::DayFirst), Some(t));
/// ```
pub fn parse_date_cell(cell: &str) -> DateCell {
    if let Some(time) = parse_datetime(cell) {
        return DateCell::At { time, order: None };
    }
    let folded: String;
    let mut s = cell.trim();
    if !s.is_ascii() {
        folded = s.chars().map(fold_full_width).collect();
        s = folded.trim();
    }
    let s = strip_excel_guard(s).trim();
    let cleaned = strip_weekday(s);
    let s = cleaned.as_str();
    if let Some(time) = parse_datetime(s) {
        return DateCell::At { time, order: None };
    }
    if let Some(c) = parse_slash_date(s) {
        return c;
    }
    // 20170823.0, as Excel writes a date it took for a number.
    if let Some(int) = s.strip_suffix(".0") {
        if let Some(time) = parse_datetime(int) {
            return DateCell::At { time, order: None };
        }
    }
    match s.parse::<f64>() {
        Ok(serial) if (20_000.0..=80_000.0).contains(&serial) => {
            let days = serial.floor();
            let secs = ((serial - days) * DAY as f64).round() as i64;
            DateCell::At { time: (days as i64 + EXCEL_EPOCH_DAYS) * DAY + secs, order: None }
        }
        _ => DateCell::Bad,
    }
}

/// 1899-12-30, day 0 of Excel's 1900 date system (its fictitious 1900-02-29 absorbed).
const EXCEL_EPOCH_DAYS: i64 = -25_569;

/// Removes a weekday written after (or before) a date: `星期五`, `周五`, `週五`, `礼拜五`, in
/// brackets or not, and English names (`Mon`, `Friday,`).
fn strip_weekday(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    'outer: while !rest.is_empty() {
        for prefix in ["星期", "礼拜", "禮拜", "周", "週"] {
            if let Some(r) = rest.strip_prefix(prefix) {
                if let Some(c) = r.chars().next().filter(|c| "一二三四五六日天".contains(*c)) {
                    rest = &r[c.len_utf8()..];
                    out.push(' ');
                    continue 'outer;
                }
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    out.split_whitespace()
        .filter(|tok| {
            let t =
                tok.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '（' | '）' | '[' | ']')).to_ascii_lowercase();
            !(t.is_empty() && !tok.is_empty() || DAYS.iter().any(|d| *d == t || (t.len() == 3 && d.starts_with(&t))))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `a/b/yyyy [time]` (also with `-` or `.`): month-first, day-first or both.
fn parse_slash_date(s: &str) -> Option<DateCell> {
    let b = s.as_bytes();
    let (a, r) = digits(b, 2)?;
    let (&sep, r) = r.split_first()?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let (m, r) = digits(r, 2)?;
    let r = r.strip_prefix(&[sep][..])?;
    let (y, r2) = digits(r, 4)?;
    let year = match r.len() - r2.len() {
        4 => i64::from(y),
        2 => 2000 + i64::from(y) - if y >= 70 { 100 } else { 0 },
        _ => return None,
    };
    let secs = parse_time_of_day(r2)?;
    let at = |month: u32, day: u32| {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then(|| days_from_civil(year, month, day) * DAY + secs)
    };
    Some(match (at(a, m), at(m, a)) {
        (Some(mf), Some(df)) if mf == df => DateCell::At { time: mf, order: None },
        (Some(mf), Some(df)) => DateCell::Either { month_first: mf, day_first: df },
        (Some(mf), None) => DateCell::At { time: mf, order: Some(DateOrder::MonthFirst) },
        (None, Some(df)) => DateCell::At { time: df, order: Some(DateOrder::DayFirst) },
        (None, None) => DateCell::Bad,
    })
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
    let mut r = trim_ascii_start(r);
    let mut h = h;
    let meridiem = [(&b"AM"[..], 0), (b"am", 0), (b"PM", 12), (b"pm", 12)];
    if let Some((rest, add)) = meridiem.iter().find_map(|(m, add)| r.strip_prefix(*m).map(|rest| (rest, *add))) {
        if h == 0 || h > 12 {
            return None;
        }
        h = h % 12 + add;
        r = trim_ascii_start(rest);
    }
    if h > 23 || mi > 59 || sec > 60 || !is_zone(r) {
        return None;
    }
    Some(i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(sec.min(59)))
}

fn is_zone(z: &[u8]) -> bool {
    z.is_empty()
        || z == b"Z"
        || z.eq_ignore_ascii_case(b"UTC")
        || (matches!(z.first(), Some(b'+' | b'-'))
            && z[1..].iter().all(|b| b.is_ascii_digit() || *b == b':')
            && z.len() <= 6)
}

fn trim_ascii_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_read_as_str_parse_does() {
        let cases = [
            "0",
            "-0",
            "6",
            "-1",
            "2.55",
            "0.1",
            "0.3",
            "-12.5",
            "1.005",
            "4161.06",
            "38970.00",
            "0.000001",
            "123456789012345",
            "1234567890.12345",
            "999999999999999",
            "0.12345678901234",
            "7.0000000000001",
        ];
        for c in cases {
            let want: f64 = c.parse().unwrap();
            let got = parse_plain_decimal(c.as_bytes()).unwrap();
            assert_eq!(got.to_bits(), want.to_bits(), "{c}");
        }
        for c in [
            "",
            "-",
            ".",
            "1.",
            ".5",
            "-.5",
            "1.2.3",
            "+1",
            "1e3",
            "1,000",
            "1234567890123456",
            "12345678901234567890123",
        ] {
            assert_eq!(parse_plain_decimal(c.as_bytes()), None, "{c}");
        }
        // Random decimals of up to 15 digits, bit for bit.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = (x % 15 + 1) as usize;
            let m = (x >> 8) % 10u64.pow(digits as u32);
            let frac = ((x >> 4) % (digits as u64 + 1)) as usize;
            let t = format!("{m:0digits$}");
            let c = if frac == 0 || frac == t.len() {
                t
            } else {
                format!("{}.{}", &t[..t.len() - frac], &t[t.len() - frac..])
            };
            let want: f64 = c.parse().unwrap();
            assert_eq!(parse_plain_decimal(c.as_bytes()).map(f64::to_bits), Some(want.to_bits()), "{c}");
        }
    }

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
        for s in [
            "2011-12-09T12:50:00Z",
            "2011/12/9 12:50",
            "2011-12-09 12:50:00 +0000",
            "2011-12-09 12:50:00.250",
            "2011年12月9日 12:50",
        ] {
            assert_eq!(parse_datetime(s), Some(base), "{s}");
        }
        assert_eq!(parse_datetime("20111209"), Some(base - 12 * 3600 - 50 * 60));
        assert_eq!(parse_datetime("20111209125000"), Some(base));
        assert_eq!(parse_date_cell("20111209125000"), DateCell::At { time: base, order: None });
        for bad in ["20111209245000", "20111209126000", "20111209125060", "2011120912500", "201112091250001"] {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
        assert_eq!(parse_datetime("2012-02-29"), Some(days_from_civil(2012, 2, 29) * DAY));
        for bad in
            ["", "2011-13-01", "2011-02-29", "12/9/2011 12:50", "2011-12-09 25:00", "2011-12-09 12:50 extra", "hello"]
        {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
    }

    #[test]
    fn retail_number_forms() {
        assert_eq!(parse_number("-$0.95"), Some(-0.95));
        assert_eq!(parse_number("$-0.95"), Some(-0.95));
        assert_eq!(parse_number("￥1,234.50"), Some(1234.5));
        assert_eq!(parse_number("59.00元"), Some(59.0));
        assert_eq!(parse_number("（12.50）"), Some(-12.5));
        assert_eq!(parse_number("=\"0123\""), Some(123.0));
        assert_eq!(parse_number("\t42"), Some(42.0));
        assert_eq!(parse_number("１，２３４．５"), Some(1234.5));
        assert_eq!(parse_number_with("1.234,56", true), Some(1234.56));
        assert_eq!(parse_number_with("12,5", true), Some(12.5));
        assert_eq!(parse_number_with("-€ 3,20", true), Some(-3.2));
        assert_eq!(parse_number_with("1.23", true), None);
        assert_eq!(parse_number("无退款申请"), None);
        assert_eq!(parse_number("-"), None);
        assert_eq!(parse_number("1.23457E+18"), Some(1.23457e18));
    }

    #[test]
    fn retail_date_forms() {
        let day = |y, m, d| days_from_civil(y, m, d) * DAY;
        assert_eq!(parse_date_cell("2018-01-01 星期五"), DateCell::At { time: day(2018, 1, 1), order: None });
        assert_eq!(parse_date_cell("2018年1月1日"), DateCell::At { time: day(2018, 1, 1), order: None });
        assert_eq!(parse_date_cell("Mon 2018-01-01"), DateCell::At { time: day(2018, 1, 1), order: None });
        assert_eq!(
            parse_date_cell("2025-12-07 19:08:25 +0000").resolve(DateOrder::DayFirst),
            Some(day(2025, 12, 7) + 19 * 3600 + 8 * 60 + 25)
        );
        assert_eq!(
            parse_date_cell("08/14/25"),
            DateCell::At { time: day(2025, 8, 14), order: Some(DateOrder::MonthFirst) }
        );
        assert_eq!(
            parse_date_cell("10/05/2026 2:30:00 PM").resolve(DateOrder::MonthFirst),
            Some(day(2026, 10, 5) + 14 * 3600 + 30 * 60)
        );
        assert_eq!(
            parse_date_cell("12/1/2010 12:05 AM").resolve(DateOrder::MonthFirst),
            Some(day(2010, 12, 1) + 5 * 60)
        );
        assert_eq!(
            parse_date_cell("3/4/2011"),
            DateCell::Either { month_first: day(2011, 3, 4), day_first: day(2011, 4, 3) }
        );
        assert_eq!(parse_date_cell("5/5/2011"), DateCell::At { time: day(2011, 5, 5), order: None });
        assert_eq!(parse_date_cell("45231"), DateCell::At { time: day(2023, 11, 1), order: None });
        assert_eq!(parse_date_cell("45231.75"), DateCell::At { time: day(2023, 11, 1) + 18 * 3600, order: None });
        assert_eq!(parse_date_cell("20170823.0"), DateCell::At { time: day(2017, 8, 23), order: None });
        assert_eq!(
            parse_date_cell("=\"2020-02-20 23:59:54\""),
            DateCell::At { time: day(2020, 2, 20) + 86_394, order: None }
        );
        for bad in ["", "13/13/2011", "yesterday", "1234", "2011-02-30"] {
            assert_eq!(parse_date_cell(bad), DateCell::Bad, "{bad}");
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
