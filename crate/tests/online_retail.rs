#![allow(clippy::unwrap_used)]
//! The UCI Online Retail export (541,909 rows): every figure published in
//! `../shared/data/README.md` is reproduced, whatever the chunking.

mod common;

use std::io::Read;

use clientele::ingest::{DropReason, Flag};
use common::*;

fn flagged(ov: &clientele::Overview, flag: Flag) -> u64 {
    ov.rows.flagged.iter().find(|f| f.flag == flag).map_or(0, |f| f.rows)
}

fn dropped(ov: &clientele::Overview, reason: DropReason) -> u64 {
    ov.rows.dropped_by_reason.iter().find(|r| r.reason == reason).map_or(0, |r| r.rows)
}

#[test]
fn gzip_file_reproduces_the_published_figures() {
    let ov = read("OnlineRetail.csv.gz", &online_retail_gz()).unwrap();
    let f = &ov.files[0];
    assert_eq!(f.container, "gzip");
    assert_eq!(f.delimiter, ",");
    assert_eq!(f.header_row, 1);

    // Published figures.
    assert_eq!(ov.rows.read, 541_909);
    assert_eq!(f.stats.customers, 4_372);
    assert_eq!(flagged(&ov, Flag::NoCustomerId), 135_080);
    assert_eq!(flagged(&ov, Flag::Cancellation), 9_288);
    assert_eq!(f.stats.cancelled_orders, Some(3_836));
    assert_eq!(f.stats.orders, Some(25_900));
    assert_eq!(f.stats.products, Some(4_070));
    assert_eq!(flagged(&ov, Flag::MissingProductName), 1_454);
    assert_eq!(f.stats.regions, Some(38));
    assert_eq!(f.stats.first.as_deref(), Some("2010-12-01 08:26:00"));
    assert_eq!(f.stats.last.as_deref(), Some("2011-12-09 12:50:00"));
    assert_eq!(flagged(&ov, Flag::DuplicateRow), 5_268);
    assert!((f.stats.amount_sum - 9_747_747.93).abs() < 0.005, "{}", f.stats.amount_sum);
    assert_eq!(flagged(&ov, Flag::NonPositiveQuantity), 10_624);
    assert_eq!(flagged(&ov, Flag::ZeroPrice), 2_515);
    assert_eq!(flagged(&ov, Flag::NegativePrice), 2);
    assert_eq!(flagged(&ov, Flag::InvalidUtf8), 0);

    // Guest rows (no CustomerID) are kept as guest lines: 132,220 purchases and 383 returns;
    // 2,475 of them have a zero price and 2 a negative one (dropped for that).
    assert_eq!(ov.rows.guest, 132_603);
    assert_eq!(ov.sales.guest_lines, 132_603);
    assert_eq!(dropped(&ov, DropReason::NoCustomerId), 0);
    assert_eq!(dropped(&ov, DropReason::ZeroPrice), 2_515);
    assert_eq!(dropped(&ov, DropReason::NegativePrice), 2);
    assert_eq!(ov.rows.returns, 8_905 + 383);
    assert_eq!(ov.sales.guest_orders, 1_428);
    assert!((ov.sales.guest_sales - 1_755_276.64).abs() < 1e-6, "{}", ov.sales.guest_sales);

    // "Purchases only" rows: customer present, not a cancellation, quantity > 0, price > 0.
    assert_eq!(ov.rows.purchase - (ov.rows.guest - 383), 397_884);
    assert_eq!(ov.sales.customers, 4_338);
    assert_eq!(ov.sales.orders - ov.sales.guest_orders, 18_532);
    let customers_gross = ov.sales.gross_sales - ov.sales.guest_sales;
    assert!((customers_gross - 8_911_407.904).abs() < 1e-6, "{customers_gross}");

    // Accounting: every row is kept or dropped for one named reason.
    assert_eq!(ov.rows.read, ov.rows.purchase + ov.rows.returns + ov.rows.dropped);
    assert_eq!(ov.rows.dropped, ov.rows.dropped_by_reason.iter().map(|r| r.rows).sum::<u64>());
    assert!((ov.sales.net_revenue - (ov.sales.gross_sales + ov.sales.returns)).abs() < 1e-6);
    assert!(ov.sales.returns < 0.0);

    // Monthly net revenue adds up to the total.
    assert_eq!(ov.monthly.len(), 13);
    assert_eq!(ov.monthly[0].month, "2010-12");
    let monthly: f64 = ov.monthly.iter().map(|m| m.net_revenue).sum();
    assert!((monthly - ov.sales.net_revenue).abs() < 0.01);
}

#[test]
fn decompressed_file_and_any_chunking_give_the_same_overview() {
    let gz = online_retail_gz();
    let mut csv = Vec::new();
    flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut csv).unwrap();
    assert_eq!(csv.len(), 47_100_511);

    let whole = read("OnlineRetail.csv.gz", &gz).unwrap();
    let plain = read_chunked("OnlineRetail.csv", &csv, &[1 << 20]).unwrap();
    let odd = read_chunked("OnlineRetail.csv.gz", &gz, &[1, 7, 513, 65_537, 3]).unwrap();
    assert_eq!(odd, whole);
    assert_eq!(plain.rows, whole.rows);
    assert_eq!(plain.sales, whole.sales);
    assert_eq!(plain.monthly, whole.monthly);
    assert_eq!(plain.files[0].stats, whole.files[0].stats);
    assert_eq!(plain.files[0].container, "none");
}

/// The "customer present" convention: guest rows dropped as `no_customer_id`, as the published
/// "purchases only" figures count them.
#[test]
fn dropping_guests_gives_the_published_purchases_only_rows() {
    let gz = online_retail_gz();
    let mut s = clientele::Session::default();
    s.set_drop_guests(true);
    s.read_file("OnlineRetail.csv.gz", gz.len() as u64, &gz[..]).unwrap();
    let ov = clientele::overview(&s);
    assert_eq!(ov.rows.purchase, 397_884);
    assert_eq!(ov.rows.returns, 8_905);
    assert_eq!(ov.rows.guest, 0);
    assert_eq!(dropped(&ov, DropReason::NoCustomerId), 135_080);
    assert_eq!(dropped(&ov, DropReason::ZeroPrice), 40);
    assert_eq!(ov.sales.orders, 18_532);
    assert_eq!(ov.sales.guest_lines, 0);
    assert!((ov.sales.gross_sales - 8_911_407.904).abs() < 1e-6, "{}", ov.sales.gross_sales);
    assert_eq!(ov.rows.read, ov.rows.purchase + ov.rows.returns + ov.rows.dropped);
}
