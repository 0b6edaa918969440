#![allow(clippy::unwrap_used)]
//! Segment schemes on hand-computed small cases: the 125-cell map is a complete partition, the
//! copied range table's unreachable segments are caught, the 8 classes, tiers, deciles and the
//! CSV export of a segment.

use std::collections::BTreeSet;

use clientele::model::{Columns, Line, LineItems, LineKind};
use clientele::segment::rfm::Binning;
use clientele::segment::schemes::{cell_code, check_rules, copied_range_table, named_map, RangeRule, NAMED_SEGMENTS};
use clientele::segment::{analyse, export, RowQuery, Scheme, SegmentOptions, SegmentRef};

const DAY: i64 = 86_400;

#[test]
fn the_11_segment_map_is_a_complete_partition_of_the_125_cells() {
    let mut seen = BTreeSet::new();
    for (name, cells) in NAMED_SEGMENTS {
        for &c in cells {
            let (r, f, m) = (c / 100, c / 10 % 10, c % 10);
            assert!((1..=5).contains(&r) && (1..=5).contains(&f) && (1..=5).contains(&m), "{name}: {c}");
            assert!(seen.insert(c), "cell {c} is in two segments (second: {name})");
        }
    }
    assert_eq!(seen.len(), 125);
    assert!(named_map().iter().all(|&s| (s as usize) < 11));
    // As rules (one single-cell rule per cell), the map has no overlap, no gap, no dead rule.
    let rules: Vec<RangeRule> = NAMED_SEGMENTS
        .iter()
        .flat_map(|(name, cells)| {
            cells.iter().map(move |&c| {
                let (r, f, m) = ((c / 100) as u8, (c / 10 % 10) as u8, (c % 10) as u8);
                RangeRule { name: format!("{name}-{c}"), r: [r, r], f: [f, f], m: [m, m] }
            })
        })
        .collect();
    let check = check_rules(&rules);
    assert!(check.overlaps.is_empty() && check.uncovered.is_empty() && check.unreachable.is_empty());
}

#[test]
fn the_copied_range_table_leaves_four_segments_unreachable() {
    let check = check_rules(&copied_range_table());
    assert_eq!(check.unreachable, vec!["new_customers", "promising", "cannot_lose_them", "lost"]);
    assert!(check.invalid.is_empty());
    // Lost is entirely shadowed by Hibernating: the same 8 cells.
    let o = check.overlaps.iter().find(|o| o.earlier == "hibernating" && o.later == "lost").unwrap();
    assert_eq!(o.cells, vec![111, 112, 121, 122, 211, 212, 221, 222]);
    // Cells no rule holds, e.g. R5 F1 M4.
    assert!(check.uncovered.contains(&514));
    // A broken range is reported.
    let bad = check_rules(&[RangeRule { name: "x".into(), r: [4, 2], f: [1, 5], m: [1, 6] }]);
    assert_eq!(bad.invalid, vec!["x"]);
}

/// One order: (day, amount, discount, cost).
type Order = (i64, f64, f64, f64);

/// Customers given as (key, their orders), one line per order.
fn store(customers: &[(&str, &[Order])], cost: bool) -> LineItems {
    let mut l = LineItems { columns: Columns { cost, discount: true, ..Columns::default() }, ..LineItems::default() };
    for (k, orders) in customers {
        let c = l.customers.intern(k);
        for (j, &(day, amount, discount, cost)) in orders.iter().enumerate() {
            let o = l.orders.intern(&format!("{k}-{j}"));
            let kind = if amount < 0.0 { LineKind::Return } else { LineKind::Purchase };
            let mut line = Line::new(c, o, day * DAY, 0, if amount < 0.0 { -1.0 } else { 1.0 }, amount, kind);
            line.discount = discount;
            line.cost = cost;
            l.push_line(line);
        }
    }
    l
}

#[test]
fn eight_classes_tiers_and_deciles_by_hand() {
    // Last line on day 100, so as_of = day 101.
    // a: recent (1 day), 3 orders, 300  → R↑ F↑ M↑ important_value
    // b: recent (1 day), 1 order, 400   → R↑ F↓ M↑ important_development
    // c: old (91 days), 4 orders, 90    → R↓ F↑ M↓ general_retention
    // d: old (81 days), 1 order, 10     → R↓ F↓ M↓ general_win_back
    // Means: recency (1+1+91+81)/4 = 43.5, orders 9/4 = 2.25, monetary 800/4 = 200.
    let l = store(
        &[
            ("a", &[(80, 100.0, 0.0, 50.0), (90, 100.0, 0.0, 50.0), (100, 100.0, 0.0, 50.0)]),
            ("b", &[(100, 400.0, 0.0, 300.0)]),
            ("c", &[(1, 20.0, 0.0, 10.0), (4, 20.0, 0.0, 10.0), (7, 20.0, 0.0, 10.0), (10, 30.0, 0.0, 10.0)]),
            ("d", &[(20, 10.0, 0.0, 20.0)]),
        ],
        true,
    );
    let s = analyse(&l, &SegmentOptions::default()).unwrap();
    let t = &s.table;
    let rows = t.rows(&RowQuery::default()).rows;
    let classes: Vec<&str> = rows.iter().map(|r| r.rfm8).collect();
    assert_eq!(classes, vec!["important_value", "important_development", "general_retention", "general_win_back"]);
    assert_eq!(s.summary.rfm.eight_class_means.recency, 43.5);
    // Margin basis: a 150, b 100, c 50, d −10; total positive 300.
    assert_eq!(s.summary.facts.profit_basis, "margin");
    let profit: Vec<f64> = rows.iter().map(|r| r.profit).collect();
    assert_eq!(profit, vec![150.0, 100.0, 50.0, -10.0]);
    // Tiers: a (before 0% → A), b (50% → B), c (83% → C), d (≤ 0 → D).
    let tiers: Vec<&str> = rows.iter().map(|r| r.tier).collect();
    assert_eq!(tiers, vec!["A", "B", "C", "D"]);
    assert!(s.summary.flags.counts.iter().any(|c| c.key == "below_zero" && c.customers == 1));
    // Deciles of 4 customers (monetary 300, 400, 90, 10) as SQL's NTILE(10): one customer in
    // each of deciles 1-4, best first.
    let deciles: Vec<u8> = rows.iter().map(|r| r.decile).collect();
    assert_eq!(deciles, vec![2, 1, 3, 4]);
    let d = &s.summary.deciles;
    assert_eq!(d.monetary[0].sales_share, 0.5);
    assert_eq!(d.monetary[1].profit_share, 150.0 / 290.0);
    assert_eq!(d.monetary[2].profit_share, 50.0 / 290.0);
    assert_eq!(d.monetary[4].customers, 0);
    // Gini of (10, 90, 300, 400): 2·(10 + 180 + 900 + 1600)/(4·800) − 5/4 = 0.43125.
    assert!((d.gini - 0.43125).abs() < 1e-12);
    // A cost to serve of 60 per order: a 150 − 180, c 50 − 240 and d −10 − 60 go below zero.
    let mut o = SegmentOptions::default();
    o.value.cost_per_order = 60.0;
    let s2 = analyse(&l, &o).unwrap();
    let below: Vec<String> = s2
        .table
        .rows(&RowQuery {
            segment: Some(SegmentRef { scheme: Scheme::Flag, key: "below_zero".into() }),
            ..RowQuery::default()
        })
        .rows
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(below, vec!["a", "c", "d"]);
}

#[test]
fn custom_cut_points_and_rules_in_the_analysis() {
    let l = store(
        &[("a", &[(1, 100.0, 0.0, f64::NAN), (100, 100.0, 0.0, f64::NAN)]), ("b", &[(50, 5.0, 0.0, f64::NAN)])],
        false,
    );
    let o = SegmentOptions {
        binning: Binning::Custom {
            recency: [7.0, 30.0, 60.0, 90.0],
            frequency: [2.0, 3.0, 4.0, 5.0],
            monetary: [10.0, 50.0, 100.0, 500.0],
        },
        rules: vec![
            RangeRule { name: "best".into(), r: [4, 5], f: [1, 5], m: [4, 5] },
            RangeRule { name: "never".into(), r: [5, 5], f: [1, 5], m: [5, 5] },
        ],
        ..SegmentOptions::default()
    };
    let s = analyse(&l, &o).unwrap();
    let rows = s.table.rows(&RowQuery::default()).rows;
    // a: recency 1 → 5, 2 orders → 2, 200 → 4; b: recency 51 → 3, 1 order → 1, 5 → 1.
    assert_eq!((rows[0].cell, rows[1].cell), (cell_code(5, 2, 4), cell_code(3, 1, 1)));
    assert_eq!((rows[0].rule.as_str(), rows[1].rule.as_str()), ("best", "other"));
    let rv = s.summary.rfm.rules.as_ref().unwrap();
    assert_eq!(rv.check.unreachable, vec!["never"]);
    assert_eq!(rv.sizes.iter().map(|x| x.customers).collect::<Vec<_>>(), vec![1, 0, 1]);
    assert_eq!(s.summary.rfm.edges[2].cuts, Some([10.0, 50.0, 100.0, 500.0]));
    // Bad cut points are an error with a stable code.
    let bad = SegmentOptions {
        binning: Binning::Custom {
            recency: [7.0, 7.0, 60.0, 90.0],
            frequency: [2.0, 3.0, 4.0, 5.0],
            monetary: [1.0, 2.0, 3.0, 4.0],
        },
        ..SegmentOptions::default()
    };
    assert_eq!(analyse(&l, &bad).unwrap_err().code(), "segment.bad_cuts");
}

#[test]
fn segment_export_is_csv_with_formula_cells_neutralised() {
    let l = store(
        &[
            ("=cmd|' /C calc'!A0", &[(1, 10.0, 0.0, f64::NAN)]),
            ("@x", &[(2, 20.0, 0.0, f64::NAN)]),
            ("42", &[(3, 5.0, 0.0, f64::NAN)]),
        ],
        false,
    );
    let s = analyse(&l, &SegmentOptions::default()).unwrap();
    let csv = export::csv(&s.table, &RowQuery::default());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("customer_id,first_purchase,last_purchase,recency_days,"));
    assert_eq!(lines[0].split(',').count(), export::HEADER.len());
    assert!(lines[1].starts_with("'=cmd|' /C calc'!A0,1970-01-02 00:00:00,"), "{}", lines[1]);
    assert!(lines[2].starts_with("'@x,"));
    assert!(lines[3].starts_with("42,"));
    // Only the champions' rows when filtered.
    let q = RowQuery { segment: Some(SegmentRef { scheme: Scheme::Tier, key: "A".into() }), ..RowQuery::default() };
    let a = export::csv(&s.table, &q);
    assert_eq!(a.lines().count() as u64, 1 + s.summary.tiers.tiers[0].customers);
}
