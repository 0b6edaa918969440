#![allow(clippy::unwrap_used)]
//! The loyalty × profitability quadrant of Online Retail under the purchases-only convention
//! equals the golden computed outside Clientele (`tests/data/online_retail_quadrant/`, DuckDB
//! from the raw file and exact fractions in Python; see its `make_golden.py`): the two median
//! splits, each quadrant's customers, sales, profit and shares, and every customer's loyalty
//! score and quadrant. Run with `--release` (47 MB of CSV).
//!
//! Counts and quadrant labels are compared exactly. Money is compared at 1e-9 relative (the
//! golden sums in exact decimal arithmetic, we sum `f64`s: the difference is rounding noise many
//! orders below that). Shares and loyalty scores are compared at 1e-12: they are ratios of
//! exact counts and sums, so any real difference (one customer moved between quadrants changes a
//! share by 2e-4; a tie broken differently changes a loyalty by 4e-5) fails. The golden also
//! records that no customer lies within 3.8e-5 of the loyalty split, so the labels do not rest on
//! floating-point noise.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use clientele::segment::facts::{Convention, FactOptions};
use clientele::segment::quadrant::{LoyaltyBasis, QUADRANTS};
use clientele::segment::{analyse, SegmentOptions, Segmented};
use clientele::Session;
use serde_json::Value;

fn data(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/online_retail_quadrant").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn online_retail() -> Segmented {
    let gz = common::online_retail_gz();
    let mut s = Session::default();
    s.read_file("OnlineRetail.csv.gz", gz.len() as u64, &gz[..]).unwrap();
    let o = SegmentOptions {
        facts: FactOptions { convention: Convention::PurchasesOnly, ..FactOptions::default() },
        ..SegmentOptions::default()
    };
    analyse(s.lines(), &o).unwrap()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"))
}

/// The golden writes money as exact decimal strings.
fn money(v: &Value) -> f64 {
    v.as_str().unwrap_or_else(|| panic!("{v} is not a decimal string")).parse().unwrap()
}

fn assert_rel(got: f64, want: f64, tol: f64, what: &str) {
    assert!((got - want).abs() <= tol * want.abs().max(1e-300), "{what}: {got} != golden {want}");
}

#[test]
fn quadrant_equals_the_independent_golden() {
    let seg = online_retail();
    let g: Value = serde_json::from_str(&data("quadrant.json")).unwrap();
    let q = &seg.summary.quadrant;
    assert_eq!(seg.summary.customers, g["customers"].as_u64().unwrap());
    assert_eq!(q.profit_basis, g["profit_basis"].as_str().unwrap());
    assert_eq!(q.loyalty_basis, LoyaltyBasis::Behaviour);
    assert_rel(q.profit_split, money(&g["profit_split"]), 1e-9, "profit split");
    assert_rel(q.loyalty_split, num(&g["loyalty_split"]), 1e-12, "loyalty split");
    assert_eq!(q.non_positive_profit, g["non_positive_profit"].as_u64().unwrap());
    assert_eq!(q.sizes.iter().map(|s| s.key).collect::<Vec<_>>(), QUADRANTS);
    for s in &q.sizes {
        let w = &g["sizes"][s.key];
        assert_eq!(s.customers, w["customers"].as_u64().unwrap(), "{} customers", s.key);
        assert_rel(s.customer_share, num(&w["customer_share"]), 1e-12, &format!("{} customer share", s.key));
        assert_rel(s.sales, money(&w["sales"]), 1e-9, &format!("{} sales", s.key));
        assert_rel(s.sales_share, num(&w["sales_share"]), 1e-12, &format!("{} sales share", s.key));
        assert_rel(s.profit, money(&w["profit"]), 1e-9, &format!("{} profit", s.key));
    }
}

#[test]
fn every_customer_has_the_golden_quadrant_and_loyalty() {
    let seg = online_retail();
    let text = data("customers.csv");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("CustomerID,quadrant,loyalty"));
    let want: BTreeMap<&str, (&str, f64)> = lines
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (c[0], (c[1], c[2].parse().unwrap()))
        })
        .collect();
    assert_eq!(want.len(), 4_338);
    let t = &seg.table;
    assert_eq!(t.keys.len(), want.len());
    for (i, key) in t.keys.iter().enumerate() {
        let &(quadrant, loyalty) = want.get(key.as_str()).unwrap_or_else(|| panic!("{key} is not in the golden"));
        assert_eq!(QUADRANTS[usize::from(t.quadrant[i])], quadrant, "customer {key}");
        assert!(
            (t.loyalty[i] - loyalty).abs() <= 1e-12,
            "customer {key}: loyalty {} != golden {loyalty}",
            t.loyalty[i]
        );
    }
}
