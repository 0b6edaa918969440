#![allow(clippy::unwrap_used)]
//! With zero-price lines kept (`keepZeroPrice`), the customer table's order count and lifecycle
//! stage come from the same orders under either convention.
//!
//! The fixture `tests/fixtures/zero_price_orders.csv`: one customer, C1, buying tea at 10:00 on
//! the first of January, February, March and May 2024 (B1, B2, B3, B5), with a free gift bag on
//! B1, and on 1 April an order B4 of one free sample sachet only. Worked by hand, with the
//! default lifecycle thresholds (new within 90 days, at risk ×2, lapsed ×4, loyal from 5 orders
//! with gap CV ≤ 1):
//!
//! - Purchases only: the zero-price lines are no purchase, so B4 is no order. Orders: B1, B2,
//!   B3, B5 = 4. Analysis date: the last purchase (1 May 10:00) + 1 day. Gaps 31, 29, 61 days:
//!   usual gap 31, 1 day since the last order (not at risk); the first order 122 days back (not
//!   new); the last gap 61 ≤ 4 × 30 (the median of 31 and 29: not won back); 4 orders < 5 (not
//!   loyal): **repeat**. Counting B4 as an order (as the stages once did) gives 5 orders with
//!   gaps 31, 29, 31, 30 (CV 0.03): loyal, beside an order count of 4.
//! - Net: every kept line counts, B4 too: 5 orders, the same gaps: **loyal**.

use clientele::ingest::FileOptions;
use clientele::model::Orders;
use clientele::segment::facts::{Convention, FactOptions};
use clientele::segment::lifecycle::{lifecycle_from_orders, LifecycleParams, Stage};
use clientele::segment::{analyse, SegmentOptions};
use clientele::Session;

const DAY: i64 = 86_400;

fn session() -> Session {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/zero_price_orders.csv");
    let bytes = std::fs::read(path).unwrap();
    let options = FileOptions { keep_zero_price: true, ..FileOptions::default() };
    let mut s = Session::default();
    let rep = s.read_file_with("zero_price_orders.csv", bytes.len() as u64, options, &bytes[..]).unwrap();
    assert_eq!((rep.rows.read, rep.rows.purchase, rep.rows.dropped), (6, 6, 0));
    s
}

fn order_count_and_stage(s: &Session, convention: Convention) -> (u32, &'static str) {
    let options =
        SegmentOptions { facts: FactOptions { convention, ..FactOptions::default() }, ..SegmentOptions::default() };
    let seg = analyse(s.lines(), &options).unwrap();
    let page = seg.table.rows(&Default::default());
    assert_eq!(page.rows.len(), 1);
    (page.rows[0].facts.orders, page.rows[0].lifecycle)
}

#[test]
fn order_count_and_lifecycle_stage_agree_with_zero_price_lines_kept() {
    let s = session();
    assert_eq!(order_count_and_stage(&s, Convention::PurchasesOnly), (4, "repeat"));
    assert_eq!(order_count_and_stage(&s, Convention::Net), (5, "loyal"));
}

#[test]
fn the_stage_is_decided_from_the_purchase_orders_only() {
    let s = session();
    let orders = Orders::new(s.lines(), Convention::PurchasesOnly);
    let may_1 = orders.time.iter().copied().max().unwrap();
    let l = lifecycle_from_orders(&orders, may_1 + DAY, &LifecycleParams::default()).unwrap();
    let c = &l.customers[0];
    assert_eq!((c.stage, c.orders, c.usual_gap_days, c.last_gap_days), (Stage::Repeat, 4, 31.0, Some(61.0)));
    assert_eq!(c.days_since_last_order, 1.0);
    // The sachet order's line is a customer line, not an order: nothing else is skipped.
    assert_eq!((l.skipped.lines_after_as_of, l.skipped.customers_without_purchases), (0, 0));
}
