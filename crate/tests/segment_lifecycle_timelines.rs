#![allow(clippy::unwrap_used)]
//! Lifecycle stages of hand-built timelines (`tests/data/lifecycle_timelines/timelines.csv`:
//! every stage, boundaries such as days since = exactly 2 × and 4 × the usual gap, an order whose
//! later line comes first, a return that is not an order, lines on or after the analysis date,
//! a guest line and a returns-only customer) equal the stages of an independent Python
//! implementation of the documented rules (`make_golden.py` beside it, exact fractions).
//!
//! Stages and order counts are compared exactly; the gaps, days and net sales are whole or
//! quarter days and whole amounts here, exact in `f64`, so they are compared exactly too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use clientele::model::{LineItems, LineKind, NO_CUSTOMER};
use clientele::segment::lifecycle::{lifecycle, LifecycleParams, Stage};

const DAY: i64 = 86_400;

fn data(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/lifecycle_timelines").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn timelines() -> LineItems {
    let text = data("timelines.csv");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("customer,order,seconds,kind,quantity,amount"));
    let mut items = LineItems::default();
    for l in lines {
        let c: Vec<&str> = l.split(',').collect();
        let customer = if c[0].is_empty() { NO_CUSTOMER } else { items.customers.intern(c[0]) };
        let order = items.orders.intern(c[1]);
        let kind = match c[3] {
            "purchase" => LineKind::Purchase,
            "return" => LineKind::Return,
            k => panic!("kind {k}"),
        };
        items.push(customer, order, c[2].parse().unwrap(), 0, c[4].parse().unwrap(), c[5].parse().unwrap(), kind);
    }
    items
}

#[test]
fn stages_of_hand_built_timelines_equal_the_independent_implementation() {
    let items = timelines();
    let p = LifecycleParams { new_within_days: 30, ..LifecycleParams::default() };
    let l = lifecycle(&items, 400 * DAY, &p).unwrap();

    let text = data("expected.csv");
    let mut rows = text.lines();
    let population: f64 = rows.next().unwrap().strip_prefix("# population_usual_gap_days=").unwrap().parse().unwrap();
    assert_eq!(rows.next(), Some("customer,stage,orders,usual_gap_days,last_gap_days,days_since_last_order,net_sales"));
    let want: BTreeMap<&str, Vec<&str>> = rows
        .map(|r| {
            let c: Vec<&str> = r.split(',').collect();
            (c[0], c[1..].to_vec())
        })
        .collect();
    assert_eq!(l.population_usual_gap_days, population);
    assert_eq!(l.customers.len(), want.len());
    let stage_keys: BTreeSet<&str> = want.values().map(|w| w[0]).collect();
    assert_eq!(stage_keys.len(), Stage::ALL.len(), "the timelines reach every stage");
    for c in &l.customers {
        let name = items.customers.name(c.customer);
        let w = want.get(name).unwrap_or_else(|| panic!("{name} is not expected to have a stage"));
        let f = |k: usize| w[k].parse::<f64>().unwrap();
        assert_eq!(c.stage.key(), w[0], "{name}");
        assert_eq!(c.orders, w[1].parse::<u32>().unwrap(), "{name} orders");
        assert_eq!(c.usual_gap_days, f(2), "{name} usual gap");
        assert_eq!(c.last_gap_days, (!w[3].is_empty()).then(|| f(3)), "{name} last gap");
        assert_eq!(c.days_since_last_order, f(4), "{name} days since");
        assert_eq!(c.net_sales, f(5), "{name} net sales");
    }
    // The stage sizes are the expected stages counted.
    for s in &l.stages {
        let n = want.values().filter(|w| w[0] == s.stage.key()).count() as u64;
        assert_eq!(s.customers, n, "{}", s.stage.key());
    }
    assert_eq!(l.skipped.guest_lines, 1);
    assert_eq!(l.skipped.lines_after_as_of, 2);
    assert_eq!(l.skipped.customers_without_purchases, 1);
}
