#![allow(clippy::unwrap_used)]
//! The segment figures of Online Retail under the purchases-only convention equal the goldens
//! computed outside Clientele (`../shared/data/online_retail/golden_segments_purchases_only.json`,
//! Python from the RFM golden, and `golden_cohorts_purchases_only.csv`, DuckDB from the raw
//! file): Gini, top 1/5/10/20% shares, tiers A-D, heavy/medium/light, NTILE(10) deciles, the 8
//! classes with their means, and monthly cohort retention. Run with `--release` (47 MB of CSV).
//!
//! Counts are compared exactly. Money is compared to the golden's 3 decimals (cents and tenths
//! of a cent in the source: the golden sums them in exact decimal arithmetic, we sum `f64`s, so
//! the two can differ by rounding noise far below 0.0005). Shares, Gini and means are compared
//! at 1e-12 relative: they are ratios of those sums, printed by Python with 15-17 significant
//! digits, so any real difference (one customer moved between groups changes a share by more
//! than 1e-6) fails.

mod common;

use std::collections::BTreeMap;

use clientele::ingest::values::parse_datetime;
use clientele::segment::cohorts::cohorts;
use clientele::segment::facts::{Convention, FactOptions};
use clientele::segment::schemes::EIGHT_CLASSES;
use clientele::segment::{analyse, SegmentOptions, SegmentSize, Segmented};
use clientele::Session;
use serde_json::Value;

fn online_retail() -> (Session, Segmented) {
    let gz = common::online_retail_gz();
    let mut s = Session::default();
    s.read_file("OnlineRetail.csv.gz", gz.len() as u64, &gz[..]).unwrap();
    let o = SegmentOptions {
        facts: FactOptions { convention: Convention::PurchasesOnly, ..FactOptions::default() },
        ..SegmentOptions::default()
    };
    let seg = analyse(s.lines(), &o).unwrap();
    (s, seg)
}

fn golden() -> Value {
    let text = std::fs::read_to_string(common::shared("online_retail/golden_segments_purchases_only.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"))
}

/// Equal at 1e-12 relative (see the file's documentation).
fn assert_ratio(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() <= 1e-12 * want.abs().max(1e-300), "{what}: {got} != golden {want}");
}

/// Equal to the golden's 3 decimals.
fn assert_money(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 5e-4, "{what}: {got} != golden {want}");
}

fn assert_groups(got: &[SegmentSize], want: &Value, keys: &[&str], what: &str) {
    assert_eq!(got.iter().map(|s| s.key.as_str()).collect::<Vec<_>>(), keys, "{what}");
    for s in got {
        let g = &want[s.key.as_str()];
        assert_eq!(s.customers, g["customers"].as_u64().unwrap(), "{what} {} customers", s.key);
        assert_money(s.monetary, num(&g["monetary"]), &format!("{what} {} monetary", s.key));
        assert_ratio(s.revenue_share, num(&g["share"]), &format!("{what} {} share", s.key));
    }
}

#[test]
fn segment_figures_equal_the_independent_golden() {
    let (_, seg) = online_retail();
    let g = golden();
    let s = &seg.summary;
    assert_eq!(s.customers, g["customers"].as_u64().unwrap());
    assert_money(s.facts.monetary_total, num(&g["monetary_total"]), "monetary total");

    let d = &s.deciles;
    assert_ratio(d.gini, num(&g["gini"]["value"]), "gini");

    let top = &g["top_shares"]["values"];
    assert_eq!(d.top.iter().map(|t| t.percent).collect::<Vec<_>>(), [1.0, 5.0, 10.0, 20.0]);
    for (t, p) in d.top.iter().zip(["0.01", "0.05", "0.1", "0.2"]) {
        assert_eq!(t.customers, top[p]["customers"].as_u64().unwrap(), "top {p} customers");
        assert_ratio(t.sales_share, num(&top[p]["share"]), &format!("top {p} share"));
    }

    // Tiers are cut on profit; without a cost column or a cost to serve, profit is the
    // convention's sales, which under purchases only is the golden's monetary.
    assert_eq!(s.tiers.basis, "net_sales");
    assert_groups(&s.tiers.tiers, &g["tiers"]["values"], &["A", "B", "C", "D"], "tier");
    assert_groups(&s.tiers.usage, &g["usage"]["values"], &["heavy", "medium", "light"], "usage");

    let deciles = g["deciles"]["values"].as_array().unwrap();
    assert_eq!(d.monetary.len(), 10);
    for (got, want) in d.monetary.iter().zip(deciles) {
        let k = got.decile;
        assert_eq!(u64::from(k), want["decile"].as_u64().unwrap());
        assert_eq!(got.customers, want["customers"].as_u64().unwrap(), "decile {k} customers");
        assert_money(got.sales, num(&want["monetary"]), &format!("decile {k} monetary"));
        assert_ratio(got.sales_share, num(&want["share"]), &format!("decile {k} share"));
    }
    // Each customer's decile label agrees with the group sizes.
    let mut per_label = [0u64; 10];
    seg.table.decile.iter().for_each(|&k| per_label[usize::from(k) - 1] += 1);
    assert_eq!(per_label.to_vec(), d.monetary.iter().map(|x| x.customers).collect::<Vec<_>>());

    let ec = &g["eight_classes"];
    let means = &s.rfm.eight_class_means;
    assert_ratio(means.recency, num(&ec["means"]["recency"]), "mean recency");
    assert_ratio(means.frequency, num(&ec["means"]["frequency"]), "mean frequency");
    assert_ratio(means.monetary, num(&ec["means"]["monetary"]), "mean monetary");
    assert_eq!(s.rfm.eight_class.iter().map(|x| x.key.as_str()).collect::<Vec<_>>(), EIGHT_CLASSES);
    for x in &s.rfm.eight_class {
        assert_eq!(x.customers, ec["counts"][x.key.as_str()].as_u64().unwrap(), "8 classes {}", x.key);
    }
    assert_eq!(ec["counts"].as_object().unwrap().len(), 8);
}

/// `cohort,size,month_offset,active_customers,retention` rows of the cohort golden.
fn golden_cohorts() -> BTreeMap<(String, u32), (u64, u64, f64)> {
    let text = std::fs::read_to_string(common::shared("online_retail/golden_cohorts_purchases_only.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("cohort,size,month_offset,active_customers,retention"));
    lines
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (
                (c[0].to_owned(), c[2].parse().unwrap()),
                (c[1].parse().unwrap(), c[3].parse().unwrap(), c[4].parse().unwrap()),
            )
        })
        .collect()
}

#[test]
fn cohort_retention_equals_the_duckdb_golden() {
    let (session, seg) = online_retail();
    let g = golden_cohorts();
    assert_eq!(g.len(), 91);
    // The cohorts of the segmentation's analysis date (2011-12-10 12:50:00, the day after the
    // last purchase), as the page asks for them.
    let as_of = parse_datetime(&seg.summary.facts.as_of).unwrap();
    let c = cohorts(session.lines(), as_of);
    assert_eq!(c.customers, 4_338);
    let mut cells = 0;
    for cohort in &c.cohorts {
        for cell in &cohort.cells {
            let key = (cohort.month.clone(), cell.months_since_first);
            let &(size, active, retention) = g.get(&key).unwrap_or_else(|| panic!("{key:?} is not in the golden"));
            assert_eq!((cohort.customers, cell.active_customers), (size, active), "{key:?}");
            // The golden prints retention with 10 decimals.
            assert!(
                (cell.retention_pct / 100.0 - retention).abs() <= 5e-11,
                "{key:?}: {} vs {retention}",
                cell.retention_pct
            );
            cells += 1;
        }
    }
    assert_eq!(cells, g.len(), "every golden cell is produced");
}
