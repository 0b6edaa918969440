//! Response curves (the seeds' "scoring curves"): how the chance that a customer buys again
//! decays with the time since their previous purchase, per RFM segment and for the whole base,
//! measured on the history itself; and next to it the BG/NBD P(alive) curve of a typical
//! customer as the days since their last purchase grow.
//!
//! ## What is counted
//!
//! A customer's **purchase days** are the distinct calendar days (the store's wall clock) of
//! their orders (the fact table's order timeline, [`Orders`], so the same convention) before the
//! analysis date. Several orders on one day are one purchase day, as in the CLV models: a second
//! invoice an hour later is not "buying again".
//!
//! Every purchase day `d_k` after a customer's first (`k ≥ 2`) is a **point**: the customer has
//! just bought after `d_k − d_{k−1}` days without buying. The point is **observed** when at least
//! [`FOLLOW_DAYS`] (90) whole days follow it before the analysis date (`d_k + 90` is a day
//! before it), so that "bought again within 90 days" is known and the shares are not censored.
//! An observed point **responded within N days** when the customer's next purchase day is at
//! most N days after `d_k` (N = 30 and 90).
//!
//! Observed points are grouped by the gap before them into the buckets of [`BUCKETS`]
//! (1-30, 31-60, 61-90, 91-180, 181-365, over 365 days); each bucket gives its points and the
//! shares of them that responded within 30 and within 90 days (`None` without points). The
//! first purchase days (no gap before them) are counted apart in [`Curve::first`]: how often a
//! new customer comes back.
//!
//! Curves are given for the base and for each of the 11 named RFM segments, by the customer's
//! segment **at the analysis date** (so a segment's curve is the past behaviour of the customers
//! who are in it now).
//!
//! ## P(alive)
//!
//! When the segmentation fitted BG/NBD ([`super::SegmentOptions::clv`]), [`p_alive_curve`]
//! evaluates the fitted model's [`BgNbd::p_alive`] for a typical repeat customer: the median
//! frequency (repeat purchase days) and median age T of the customers with at least one repeat
//! purchase, with the last purchase `s` days before the end of observation, for `s` from 0 to
//! min(T, 365) days every 7 days.

use serde::Serialize;

use crate::clv::BgNbd;
use crate::model::{OrderKind, Orders};
use crate::num::median;
use crate::time::{day_of, format_day};

/// Days that must follow a point before the analysis date for it to count.
pub const FOLLOW_DAYS: i64 = 90;

/// The response windows, days.
pub const WINDOWS: [i64; 2] = [30, 90];

/// Gap buckets: key, first day, last day (`None`: no upper end).
pub const BUCKETS: [(&str, i64, Option<i64>); 6] = [
    ("1_30", 1, Some(30)),
    ("31_60", 31, Some(60)),
    ("61_90", 61, Some(90)),
    ("91_180", 91, Some(180)),
    ("181_365", 181, Some(365)),
    ("over_365", 366, None),
];

/// The bucket of a gap of `g ≥ 1` days.
pub fn bucket_of(g: i64) -> usize {
    BUCKETS.iter().position(|&(_, lo, hi)| g >= lo && hi.map_or(true, |h| g <= h)).unwrap_or(BUCKETS.len() - 1)
}

/// One gap bucket's definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bucket {
    pub key: &'static str,
    pub from_days: i64,
    pub to_days: Option<i64>,
}

/// Observed points and how many responded.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CurvePoint {
    /// Bucket key (`first` for first purchases).
    pub bucket: &'static str,
    /// Observed points.
    pub points: u64,
    /// Points followed by a purchase within 30 days.
    pub within30: u64,
    /// Points followed by a purchase within 90 days.
    pub within90: u64,
    /// within30 / points (`None` without points).
    pub share30: Option<f64>,
    /// within90 / points.
    pub share90: Option<f64>,
}

impl CurvePoint {
    fn finish(&mut self) {
        let share = |k: u64| (self.points > 0).then(|| k as f64 / self.points as f64);
        self.share30 = share(self.within30);
        self.share90 = share(self.within90);
    }
}

/// The curve of the base or of one segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Curve {
    /// `all` or the named segment's key.
    pub key: String,
    /// Customers in the group (at the analysis date).
    pub customers: u64,
    /// One per bucket of [`BUCKETS`], in order.
    pub points: Vec<CurvePoint>,
    /// First purchases (no gap before them).
    pub first: CurvePoint,
}

impl Curve {
    fn new(key: &str) -> Curve {
        Curve {
            key: key.to_owned(),
            customers: 0,
            points: BUCKETS.iter().map(|&(k, _, _)| CurvePoint { bucket: k, ..Default::default() }).collect(),
            first: CurvePoint { bucket: "first", ..Default::default() },
        }
    }
}

/// One point of the P(alive) curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PAlivePoint {
    pub days_since: u32,
    pub p_alive: f64,
}

/// BG/NBD P(alive) of a typical repeat customer against the days since their last purchase.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PAliveCurve {
    /// Repeat purchase days of the typical customer (median over repeat customers).
    pub frequency: f64,
    /// Their age at the end of observation, days (median over repeat customers).
    pub tenure_days: f64,
    pub points: Vec<PAlivePoint>,
}

/// Everything the Lifecycle tab's response-curve card shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseCurves {
    pub buckets: Vec<Bucket>,
    pub follow_days: i64,
    /// The last purchase day a point may have to count, `YYYY-MM-DD` (before the first purchase
    /// when the history is shorter than the follow-up: no point counts).
    pub last_counted_day: String,
    pub base: Curve,
    /// The 11 named RFM segments, in their order.
    pub segments: Vec<Curve>,
    /// `None` when BG/NBD was not fitted (or failed).
    pub p_alive: Option<PAliveCurve>,
}

/// The response curves of the customers of `segment_of` (customer id → segment index into
/// `segment_keys`, `None` for a customer outside every segment), from the orders before `as_of`.
pub fn response_curves(
    orders: &Orders,
    as_of: i64,
    segment_keys: &[&str],
    segment_of: &dyn Fn(u32) -> Option<usize>,
) -> ResponseCurves {
    let end_day = day_of(as_of);
    // A point on day d counts when d + FOLLOW_DAYS < end_day (every day up to d + 90 observed).
    let last_ok = end_day - FOLLOW_DAYS - 1;
    let mut base = Curve::new("all");
    let mut segments: Vec<Curve> = segment_keys.iter().map(|k| Curve::new(k)).collect();
    let mut days: Vec<i64> = Vec::new();
    for c in 0..orders.n_customers as u32 {
        days.clear();
        for e in orders.of_customer(c) {
            if orders.time[e] < as_of && orders.kind[e] == OrderKind::Purchase && orders.opens_order[e] {
                let d = day_of(orders.time[e]);
                if days.last() != Some(&d) {
                    days.push(d);
                }
            }
        }
        if days.is_empty() {
            continue;
        }
        // Entries are in time order, so the days ascend; dedup guards equal days only.
        debug_assert!(days.windows(2).all(|w| w[0] < w[1]));
        let seg = segment_of(c);
        let mut add = |point: &dyn Fn(&mut Curve) -> &mut CurvePoint, next_gap: Option<i64>| {
            let r30 = next_gap.is_some_and(|g| g <= WINDOWS[0]);
            let r90 = next_gap.is_some_and(|g| g <= WINDOWS[1]);
            for curve in std::iter::once(&mut base).chain(seg.and_then(|s| segments.get_mut(s))) {
                let p = point(curve);
                p.points += 1;
                p.within30 += u64::from(r30);
                p.within90 += u64::from(r90);
            }
        };
        for k in 0..days.len() {
            if days[k] > last_ok {
                break;
            }
            let next_gap = days.get(k + 1).map(|&n| n - days[k]);
            if k == 0 {
                add(&|c: &mut Curve| &mut c.first, next_gap);
            } else {
                let b = bucket_of(days[k] - days[k - 1]);
                add(&move |c: &mut Curve| &mut c.points[b], next_gap);
            }
        }
        base.customers += 1;
        if let Some(s) = seg.and_then(|s| segments.get_mut(s)) {
            s.customers += 1;
        }
    }
    for curve in std::iter::once(&mut base).chain(segments.iter_mut()) {
        curve.points.iter_mut().for_each(CurvePoint::finish);
        curve.first.finish();
    }
    ResponseCurves {
        buckets: BUCKETS.iter().map(|&(key, from_days, to_days)| Bucket { key, from_days, to_days }).collect(),
        follow_days: FOLLOW_DAYS,
        last_counted_day: format_day(last_ok),
        base,
        segments,
        p_alive: None,
    }
}

/// The P(alive) curve of a typical repeat customer (see the module documentation) from a CLV
/// report; `None` without repeat customers.
pub fn p_alive_curve(report: &crate::clv::ClvReport) -> Option<PAliveCurve> {
    let t = &report.customer_table;
    let unit_days = report.options.unit.days();
    let (mut x, mut big_t): (Vec<f64>, Vec<f64>) =
        t.frequency.iter().zip(&t.t).filter(|(&f, _)| f > 0.0).map(|(&f, &tt)| (f, tt)).unzip();
    let x = median(&mut x)?;
    let big_t = median(&mut big_t)?;
    Some(p_alive_points(&report.bgnbd.params, x, big_t, unit_days))
}

/// P(alive) of a customer with `x` repeat purchases and age `big_t` (in units of `unit_days`
/// days) whose last purchase was 0, 7, 14... days before the end, up to min(T, 365) days.
pub fn p_alive_points(model: &BgNbd, x: f64, big_t: f64, unit_days: f64) -> PAliveCurve {
    let tenure_days = big_t * unit_days;
    let max = tenure_days.min(365.0).floor() as u32;
    let points = (0..=max)
        .step_by(7)
        .map(|s| {
            let t_x = (big_t - f64::from(s) / unit_days).max(0.0);
            PAlivePoint { days_since: s, p_alive: model.p_alive(x, t_x, big_t) }
        })
        .collect();
    PAliveCurve { frequency: x, tenure_days, points }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Convention, LineItems, LineKind};
    use crate::time::DAY;

    #[test]
    fn points_buckets_and_censoring() {
        let mut l = LineItems::default();
        // Customer A buys on days 0, 10, 50, 200 (two orders on day 10); data ends day 400.
        let a = l.customers.intern("A");
        for (k, d) in [0, 10, 10, 50, 200].into_iter().enumerate() {
            let o = l.orders.intern(&format!("A{k}"));
            l.push(a, o, d * DAY + 3600 * k as i64, 0, 1.0, 5.0, LineKind::Purchase);
        }
        let z = l.customers.intern("Z");
        let o = l.orders.intern("Z0");
        l.push(z, o, 399 * DAY, 0, 1.0, 5.0, LineKind::Purchase);
        let orders = Orders::new(&l, Convention::Net);
        let r = response_curves(&orders, 400 * DAY, &["s"], &|c| (c == a).then_some(0));
        let b = &r.base;
        // First (day 0): next 10 days later → within 30 and 90.
        assert_eq!((b.first.points, b.first.within30, b.first.within90), (1, 1, 1));
        // Day 10 (gap 10, bucket 1-30): next 40 days → 90 only. Day 50 (gap 40): next 150 → none.
        assert_eq!((b.points[0].points, b.points[0].within30, b.points[0].within90), (1, 0, 1));
        assert_eq!((b.points[1].points, b.points[1].within30, b.points[1].within90), (1, 0, 0));
        // Day 200 (gap 150): 200 days follow, counted, no next purchase.
        assert_eq!(b.points[3].points, 1);
        assert_eq!(b.points[0].share90, Some(1.0));
        assert_eq!(b.points[2].share30, None);
        assert_eq!((b.customers, r.segments[0].customers, r.segments[0].points[3].points), (2, 1, 1));
        // Z's day 399 is within 90 days of the end: not counted.
        assert_eq!(b.first.points, 1);
        assert_eq!(r.last_counted_day, "1970-11-06");
    }

    #[test]
    fn bucket_edges() {
        assert_eq!(
            [1, 30, 31, 60, 61, 90, 91, 180, 181, 365, 366, 5000].map(bucket_of),
            [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
        );
    }

    #[test]
    fn p_alive_decays() {
        let m = BgNbd::new(0.243, 4.414, 0.793, 2.426).unwrap();
        let c = p_alive_points(&m, 3.0, 30.0, 7.0);
        assert_eq!(c.points[0].days_since, 0);
        assert!(c.points.windows(2).all(|w| w[1].p_alive < w[0].p_alive));
        assert_eq!(c.points.last().unwrap().days_since, 210);
    }
}
