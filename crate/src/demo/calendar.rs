//! The shop's calendar: which days exist, how busy each one is, and which promotion runs.
//!
//! Busy-ness is an integer weight per day (100 = an ordinary weekday). Peaks:
//! - 双十一 (Singles' Day, 11 November): ×6 on the day, pre-sales from 1 November, an echo on the 12th;
//! - 双十二 (12 December) and 618 (18 June), smaller;
//! - Christmas: rising from 15 December to the 24th;
//! - 春节 (Chinese New Year): the 年货 shopping weeks before it are busy, the holiday week is quiet.
//!
//! Promotions are a store-wide discount rate per day (percent), applied to most lines bought
//! that day.

use crate::time::{civil_from_days, days_from_civil};

/// The last calendar year of every demo store: the data ends on 31 December of it.
pub const LAST_YEAR: i64 = 2025;

/// Chinese New Year (the first day of the lunar year), for the years a demo can span.
pub const CHINESE_NEW_YEAR: [(i64, u32, u32); 10] = [
    (2016, 2, 8),
    (2017, 1, 28),
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
];

/// What kind of day it is, for the hour of day at which people order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    Ordinary,
    /// 11 November: online orders spike right after midnight.
    SinglesDay,
}

/// The demo's days, numbered from 0 (1 January of the first year).
#[derive(Debug, Clone)]
pub struct Calendar {
    /// Days since 1970-01-01 of day 0.
    pub epoch_day: i64,
    /// Number of days.
    pub days: u32,
    /// Cumulative order weight: `cum[d]` is the sum of the weights of days `0..d`.
    cum: Vec<u64>,
    /// Cumulative weight for bargain hunters, whose orders bunch on promotion days.
    cum_promo: Vec<u64>,
    /// Store-wide promotion rate in percent, per day.
    pub promo_pct: Vec<u8>,
    pub kind: Vec<DayKind>,
    /// `YYYY-MM-DD` per day.
    pub date_text: Vec<[u8; 10]>,
    /// Whether the day is in December, January or February (hot-pot season).
    pub winter: Vec<bool>,
}

impl Calendar {
    /// The calendar of the `years` years ending 31 December [`LAST_YEAR`].
    pub fn new(years: u32) -> Self {
        let first_year = LAST_YEAR - i64::from(years) + 1;
        let epoch_day = days_from_civil(first_year, 1, 1);
        let days = (days_from_civil(LAST_YEAR + 1, 1, 1) - epoch_day) as u32;
        let cny: Vec<i64> = CHINESE_NEW_YEAR.iter().map(|&(y, m, d)| days_from_civil(y, m, d)).collect();
        let mut weight = Vec::with_capacity(days as usize);
        let mut promo_weight = Vec::with_capacity(days as usize);
        let mut promo_pct = Vec::with_capacity(days as usize);
        let mut kind = Vec::with_capacity(days as usize);
        let mut date_text = Vec::with_capacity(days as usize);
        let mut winter = Vec::with_capacity(days as usize);
        for d in 0..i64::from(days) {
            let abs = epoch_day + d;
            let (y, m, dd) = civil_from_days(abs);
            // 1970-01-01 was a Thursday: 0 = Monday.
            let weekday = (abs + 3).rem_euclid(7);
            let mut w: u32 = match weekday {
                4 => 105,
                5 | 6 => 120,
                _ => 100,
            };
            let mut promo = 0u8;
            let mut k = DayKind::Ordinary;
            match (m, dd) {
                (11, 11) => {
                    w *= 6;
                    promo = 25;
                    k = DayKind::SinglesDay;
                }
                (11, 1..=10) => {
                    w = w * 130 / 100;
                    promo = 10;
                }
                (11, 12) => {
                    w = w * 160 / 100;
                    promo = 15;
                }
                (12, 12) => {
                    w = w * 200 / 100;
                    promo = 15;
                }
                (6, 18) => {
                    w = w * 300 / 100;
                    promo = 20;
                }
                (6, 1..=17) => {
                    w = w * 115 / 100;
                    promo = 5;
                }
                (12, 15..=24) => {
                    // Christmas shopping rises towards Christmas Eve.
                    w = w * (150 + 8 * (dd - 15)) / 100;
                    promo = 10;
                }
                (12, 25) => w = w * 130 / 100,
                _ => {}
            }
            for &c in &cny {
                let off = abs - c;
                if (-21..=-2).contains(&off) {
                    // 年货节: stocking up for the New Year.
                    w = w * 175 / 100;
                    promo = promo.max(10);
                } else if (-1..=6).contains(&off) {
                    // The holiday itself: shops and couriers rest.
                    w = w * 45 / 100;
                }
            }
            weight.push(w);
            promo_weight.push(if promo > 0 { w * (4 + u32::from(promo) / 5) } else { w });
            promo_pct.push(promo);
            kind.push(k);
            let mut t = *b"0000-00-00";
            write_digits(&mut t[0..4], y as u64);
            write_digits(&mut t[5..7], u64::from(m));
            write_digits(&mut t[8..10], u64::from(dd));
            date_text.push(t);
            winter.push(matches!(m, 12 | 1 | 2));
        }
        Calendar {
            epoch_day,
            days,
            cum: cumulative(&weight),
            cum_promo: cumulative(&promo_weight),
            promo_pct,
            kind,
            date_text,
            winter,
        }
    }

    /// The last day's number.
    pub fn last(&self) -> i64 {
        i64::from(self.days) - 1
    }

    /// A day in `lo..=hi` drawn in proportion to the day weights.
    pub fn sample(&self, rng: &mut crate::rng::Rng, lo: i64, hi: i64, promo: bool) -> i64 {
        let cum = if promo { &self.cum_promo } else { &self.cum };
        let (lo, hi) = self.clamp(lo, hi);
        let total = cum[hi + 1] - cum[lo];
        locate(cum, cum[lo] + rng.below(total.max(1)))
    }

    /// `n` days in `lo..=hi`, one in each of `n` strata of equal weight: regular customers order
    /// at regular intervals of busy-ness, so their gaps are even yet follow the seasons.
    pub fn stratified(&self, rng: &mut crate::rng::Rng, lo: i64, hi: i64, n: u32, out: &mut Vec<i64>) {
        let (lo, hi) = self.clamp(lo, hi);
        let base = self.cum[lo];
        let total = self.cum[hi + 1] - base;
        let n = u64::from(n.max(1));
        for k in 0..n {
            // The middle half of the stratum: gaps vary by at most ±50%.
            let u = (k * total + total / 4 + rng.below((total / 2).max(1))) / n;
            out.push(locate(&self.cum, base + u.min(total - 1)));
        }
    }

    fn clamp(&self, lo: i64, hi: i64) -> (usize, usize) {
        let last = self.last();
        let lo = lo.clamp(0, last);
        let hi = hi.clamp(lo, last);
        (lo as usize, hi as usize)
    }
}

fn cumulative(w: &[u32]) -> Vec<u64> {
    let mut cum = Vec::with_capacity(w.len() + 1);
    let mut s = 0u64;
    cum.push(0);
    for &x in w {
        s += u64::from(x);
        cum.push(s);
    }
    cum
}

/// The day `d` with `cum[d] <= u < cum[d + 1]`.
fn locate(cum: &[u64], u: u64) -> i64 {
    (cum.partition_point(|&c| c <= u) - 1) as i64
}

/// Writes `v` as zero-padded decimal digits filling `out`.
pub fn write_digits(out: &mut [u8], mut v: u64) {
    for b in out.iter_mut().rev() {
        *b = b'0' + (v % 10) as u8;
        v /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    #[test]
    fn two_years_end_on_new_years_eve_with_peaks() {
        let c = Calendar::new(2);
        assert_eq!(c.days, 731); // 2024 is a leap year
        assert_eq!(&c.date_text[0], b"2024-01-01");
        assert_eq!(&c.date_text[730], b"2025-12-31");
        let d = (days_from_civil(2025, 11, 11) - c.epoch_day) as usize;
        assert_eq!(c.kind[d], DayKind::SinglesDay);
        assert_eq!(c.promo_pct[d], 25);
        let mut r = Rng::new(1);
        let mut hits = 0;
        for _ in 0..10_000 {
            if c.sample(&mut r, 0, c.last(), false) as usize == d {
                hits += 1;
            }
        }
        // One day of 731 carries about 0.8% of the weight.
        assert!((50..120).contains(&hits), "{hits}");
        let mut days = Vec::new();
        c.stratified(&mut r, 100, 400, 10, &mut days);
        assert_eq!(days.len(), 10);
        assert!(days.windows(2).all(|w| w[0] <= w[1]) && days[0] >= 100 && days[9] <= 400);
    }
}
