#![allow(clippy::unwrap_used)]
//! The response curves of Online Retail (purchases-only convention) equal a recount done here
//! from the raw gzip with a plain CSV split: each customer's distinct purchase days (rows with a
//! CustomerID, an InvoiceNo not starting with `C`, Quantity > 0 and UnitPrice > 0), every
//! purchase day at least 91 days before the analysis date (last InvoiceDate + 1 day) a point,
//! bucketed by the days since the previous purchase day, and whether the next purchase day comes
//! within 30 and within 90 days. The base curve is recounted whole; the segment curves take the
//! segment of each customer from the segmentation's customer table (the labels are checked
//! against goldens elsewhere) and recount their points from the raw lines. The P(alive) curve is
//! checked against the BG/NBD closed form at the medians recounted here. Run with `--release`.

mod common;

use std::collections::BTreeMap;
use std::io::Read;

use clientele::segment::curves::BUCKETS;
use clientele::segment::facts::{Convention, FactOptions};
use clientele::segment::{analyse, RowQuery, SegmentOptions};
use clientele::Session;

/// Days since 1970-01-01 of `YYYY-MM-DD` (proleptic Gregorian), by counting.
fn day_number(date: &str) -> i64 {
    let y: i64 = date[0..4].parse().unwrap();
    let m: i64 = date[5..7].parse().unwrap();
    let d: i64 = date[8..10].parse().unwrap();
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mut n: i64 = (1970..y).map(|y| if leap(y) { 366 } else { 365 }).sum();
    let months = [31, if leap(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    n += months[..(m - 1) as usize].iter().sum::<i64>();
    n + d - 1
}

/// Fields of one CSV record (quotes with doubled quotes inside, no newlines in fields).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                out.last_mut().unwrap().push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out
}

#[derive(Default, Debug, Clone, Copy, PartialEq)]
struct Count {
    points: u64,
    within30: u64,
    within90: u64,
}

#[test]
fn online_retail_curves_equal_a_recount() {
    let gz = common::online_retail_gz();
    // Recount.
    let mut text = String::new();
    flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut text).unwrap();
    let mut days: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut last_time = String::new();
    for line in text.lines().skip(1) {
        let f = fields(line);
        assert_eq!(f.len(), 8, "{line}");
        let (invoice, qty, date, price, customer) = (&f[0], &f[3], &f[4], &f[5], &f[6]);
        if date > &last_time {
            last_time.clone_from(date);
        }
        let (q, p): (f64, f64) = (qty.parse().unwrap(), price.parse().unwrap());
        if customer.is_empty() || invoice.starts_with('C') || q <= 0.0 || p <= 0.0 {
            continue;
        }
        days.entry(customer.clone()).or_default().push(day_number(date));
    }
    // As of the last line + 1 day: its calendar day is the last line's day + 1.
    let end_day = day_number(&last_time) + 1;
    let last_ok = end_day - 91;
    let count = |ds: &[i64], base: &mut [Count; 7]| {
        for k in 0..ds.len() {
            if ds[k] > last_ok {
                break;
            }
            let slot = if k == 0 {
                6
            } else {
                let g = ds[k] - ds[k - 1];
                match g {
                    1..=30 => 0,
                    31..=60 => 1,
                    61..=90 => 2,
                    91..=180 => 3,
                    181..=365 => 4,
                    _ => 5,
                }
            };
            let next = ds.get(k + 1).map(|n| n - ds[k]);
            base[slot].points += 1;
            base[slot].within30 += u64::from(next.is_some_and(|g| g <= 30));
            base[slot].within90 += u64::from(next.is_some_and(|g| g <= 90));
        }
    };
    for ds in days.values_mut() {
        ds.sort_unstable();
        ds.dedup();
    }

    // Clientele.
    let mut s = Session::default();
    s.read_file("OnlineRetail.csv.gz", gz.len() as u64, &gz[..]).unwrap();
    let o = SegmentOptions {
        facts: FactOptions { convention: Convention::PurchasesOnly, ..FactOptions::default() },
        clv: true,
        ..SegmentOptions::default()
    };
    let seg = analyse(s.lines(), &o).unwrap();
    let rc = &seg.summary.response_curves;
    assert_eq!(rc.follow_days, 90);
    assert_eq!(rc.last_counted_day, "2011-09-10");
    assert_eq!(rc.buckets.len(), BUCKETS.len());

    let got = |c: &clientele::segment::curves::Curve| -> [Count; 7] {
        let mut out = [Count::default(); 7];
        for (k, p) in c.points.iter().chain(std::iter::once(&c.first)).enumerate() {
            out[k] = Count { points: p.points, within30: p.within30, within90: p.within90 };
            // Shares are the counts' ratios.
            let share = |n: u64| (p.points > 0).then(|| n as f64 / p.points as f64);
            assert_eq!((p.share30, p.share90), (share(p.within30), share(p.within90)));
        }
        out
    };

    // The base.
    let mut want = [Count::default(); 7];
    for ds in days.values() {
        count(ds, &mut want);
    }
    assert_eq!(rc.base.customers, days.len() as u64);
    assert_eq!(rc.base.customers, 4338);
    assert_eq!(got(&rc.base), want);
    // Real values: a purchase within a month of the previous one is followed by another within
    // 90 days far more often than one after a long absence.
    let share90 = |c: &Count| c.within90 as f64 / c.points as f64;
    assert!(want[0].points > 4000 && share90(&want[0]) > 0.9, "{want:?}");
    assert!(share90(&want[3]) < 0.6, "{want:?}");
    assert_eq!(want[5].points, 0, "one year of data has no gap over 365 days before the cut");

    // Every named segment, by the customer table's labels.
    let rows = seg.table.rows(&RowQuery { limit: 10_000, ..RowQuery::default() }).rows;
    let mut by_segment: BTreeMap<&str, ([Count; 7], u64)> = BTreeMap::new();
    for r in &rows {
        let e = by_segment.entry(r.rfm11).or_insert(([Count::default(); 7], 0));
        count(&days[&r.id], &mut e.0);
        e.1 += 1;
    }
    assert_eq!(rc.segments.len(), 11);
    for c in &rc.segments {
        let (want, customers) = by_segment.get(c.key.as_str()).copied().unwrap_or_default();
        assert_eq!((got(c), c.customers), (want, customers), "segment {}", c.key);
    }
    let champions = &rc.segments.iter().find(|c| c.key == "champions").unwrap().first;
    let lost = &rc.segments.iter().find(|c| c.key == "lost").unwrap().first;
    assert!(champions.share90.unwrap() > 3.0 * lost.share90.unwrap());

    // P(alive): the closed form at the recounted medians of the repeat customers.
    let end = end_day - 1; // the CLV observation ends the day before the analysis date
    let mut freq: Vec<f64> = Vec::new();
    let mut tenure: Vec<f64> = Vec::new();
    for ds in days.values().filter(|ds| ds.len() > 1) {
        freq.push((ds.len() - 1) as f64);
        tenure.push((end - ds[0]) as f64);
    }
    let med = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    };
    let (x, t_days) = (med(&mut freq), med(&mut tenure));
    let pa = rc.p_alive.as_ref().expect("BG/NBD fits on Online Retail");
    assert_eq!((pa.frequency, pa.tenure_days), (x, t_days));
    let fit = clientele::clv::analyse(
        s.lines(),
        &clientele::clv::ClvOptions { end: Some(end * 86_400), pareto_nbd: false, ..Default::default() },
    )
    .unwrap()
    .bgnbd
    .params;
    let big_t = t_days / 7.0;
    for p in &pa.points {
        let t_x = big_t - f64::from(p.days_since) / 7.0;
        let want = 1.0 / (1.0 + fit.a / (fit.b + x - 1.0) * ((fit.alpha + big_t) / (fit.alpha + t_x)).powf(fit.r + x));
        assert!((p.p_alive - want).abs() < 1e-12, "{} days: {} != {want}", p.days_since, p.p_alive);
    }
    assert_eq!(pa.points.len(), (t_days.min(365.0) as usize) / 7 + 1);
    assert!(pa.points.windows(2).all(|w| w[1].p_alive <= w[0].p_alive));
    assert!(pa.points.last().unwrap().p_alive < pa.points[0].p_alive);
}
