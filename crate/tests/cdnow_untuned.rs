#![allow(clippy::unwrap_used)]
//! Regression: CDNOW_sample.txt dropped with no mapping had its `yyyymmdd` dates read as a
//! product code (and its sample id as an order id), so the page opened the import panel and
//! every analysis had one order per customer and no dates. Read untuned now, the log gets the
//! roles a person would give it (customer id, -, date, quantity, amount) with the confidence of a
//! reading the values leave no doubt about, and every number equals the hand-mapped run
//! (`--file-options`) and the figures counted here from the raw text, independently of the crate.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::*;

const MAPPING: &str = r#"{"noHeader":true,"roles":["customer_id",null,"datetime","quantity","amount"]}"#;

/// `clientele ARGS CDNOW_sample.txt`, its stdout (exit status 0).
fn run(args: &[&str]) -> Vec<u8> {
    let path = shared("cdnow/CDNOW_sample.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_clientele")).args(args).arg(&path).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&run(args)).unwrap()
}

/// The raw log's purchases (dollar value > 0; the 8 zero-dollar lines are dropped by default):
/// (lines, customers, orders as distinct customer-days, dollars, first and last yyyymmdd).
fn raw_figures() -> (usize, usize, usize, f64, String, String) {
    let text = std::fs::read_to_string(shared("cdnow/CDNOW_sample.txt")).unwrap();
    let (mut lines, mut dollars) = (0, 0.0);
    let (mut customers, mut orders, mut days) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(f.len(), 5, "{line}");
        let amount: f64 = f[4].parse().unwrap();
        if amount <= 0.0 {
            continue;
        }
        lines += 1;
        dollars += amount;
        customers.insert(f[0]);
        orders.insert((f[0], f[2]));
        days.insert(f[2]);
    }
    let iso = |d: &str| format!("{}-{}-{} 00:00:00", &d[..4], &d[4..6], &d[6..]);
    let (first, last) = (iso(days.first().unwrap()), iso(days.last().unwrap()));
    (lines, customers.len(), orders.len(), dollars, first, last)
}

#[test]
fn cdnow_sample_untuned_reads_as_the_hand_mapped_log() {
    let untuned = json(&["overview", "--json"]);
    let mapped = json(&["overview", "--json", "--file-options", MAPPING]);
    let file = &untuned["files"][0];
    let roles: Vec<serde_json::Value> = file["columns"].as_array().unwrap().iter().map(|c| c["role"].clone()).collect();
    let null = serde_json::Value::Null;
    assert_eq!(roles, ["customer_id".into(), null, "datetime".into(), "quantity".into(), "amount".into()]);
    // Sure guesses (0.9): the page folds its import panel.
    for i in [0, 2, 3, 4] {
        assert!((file["columns"][i]["confidence"].as_f64().unwrap() - 0.9).abs() < 1e-6, "{}", file["columns"][i]);
        assert_eq!(file["columns"][i]["unsure"], false, "{}", file["columns"][i]);
    }
    assert_eq!(file["header_row"], 0);
    assert_eq!(untuned["sales"], mapped["sales"]);
    assert_eq!(untuned["files"][0]["rows"], mapped["files"][0]["rows"]);

    let (lines, customers, orders, dollars, first, last) = raw_figures();
    let sales = &untuned["sales"];
    assert_eq!(sales["purchase_lines"], lines);
    assert_eq!(sales["customers"], customers);
    assert_eq!(sales["orders"], orders);
    assert!((sales["gross_sales"].as_f64().unwrap() - dollars).abs() < 1e-6, "{sales}");
    assert_eq!(sales["first"], first.as_str());
    assert_eq!(sales["last"], last.as_str());
    assert_eq!((lines, customers, orders, first.as_str()), (6911, 2349, 6688, "1997-01-01 00:00:00"));
}

#[test]
fn cdnow_sample_untuned_summary_and_customers_equal_the_hand_mapped_run() {
    let summary = json(&["summary", "--json"]);
    assert_eq!(summary, json(&["summary", "--json", "--file-options", MAPPING]));
    assert_eq!(summary["asOf"], "1998-07-01 00:00:00");
    assert!(summary["findings"].as_array().unwrap().len() >= 3, "{summary}");
    let customers = run(&["customers"]);
    assert_eq!(customers, run(&["customers", "--file-options", MAPPING]));
    // One row per customer with a purchase, and a header.
    assert_eq!(String::from_utf8(customers).unwrap().lines().count(), 2349 + 1);
}

/// Days since 1970-01-01 of `yyyymmdd` (civil-from-days, Howard Hinnant), written here apart from
/// the crate's calendar.
fn days(d: &str) -> i64 {
    let n = |a: usize, b: usize| d[a..b].parse::<i64>().unwrap();
    let (y, m, d) = (n(0, 4), n(4, 6), n(6, 8));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// Regression: the second-purchase finding exported the lifecycle stage `new`, which is empty on
/// a log that ended long ago (every CDNOW customer first bought in 1997). It exports the
/// first-time customers who did not order again within the window, counted here from the raw log.
#[test]
fn cdnow_second_purchase_exports_the_customers_who_did_not_come_back() {
    let summary = json(&["summary", "--json"]);
    let sp = summary["findings"].as_array().unwrap().iter().find(|f| f["id"] == "second_purchase").unwrap();
    let window = sp["values"]["windowDays"].as_f64().unwrap() as i64;
    assert_eq!(summary["asOf"], "1998-07-01 00:00:00");
    let as_of = days("19980701");
    let text = std::fs::read_to_string(shared("cdnow/CDNOW_sample.txt")).unwrap();
    let mut by_customer: std::collections::BTreeMap<&str, BTreeSet<i64>> = Default::default();
    for f in text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>()).filter(|f| f.len() == 5) {
        if f[4].parse::<f64>().unwrap() > 0.0 {
            by_customer.entry(f[0]).or_default().insert(days(f[2]));
        }
    }
    let (mut cohort, mut not_back) = (0u64, BTreeSet::new());
    for (c, d) in &by_customer {
        let mut d = d.iter();
        let first = *d.next().unwrap();
        if first > as_of - window {
            continue;
        }
        cohort += 1;
        if !d.next().is_some_and(|&second| second - first <= window) {
            not_back.insert(c.to_string());
        }
    }
    assert_eq!(sp["values"]["cohort"].as_f64().unwrap() as u64, cohort);
    assert_eq!(sp["customers"]["count"].as_u64().unwrap(), not_back.len() as u64);
    assert!(sp["customers"]["segment"].is_null());
    let ids: BTreeSet<String> =
        sp["customers"]["ids"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, not_back);
    assert!(!ids.is_empty() && ids.len() < by_customer.len(), "{}", ids.len());
}

/// Compact dates in columns a header names (`日期`, a Taobao/Excel export's `20240105`) or only
/// hints at (`Order Time` with `yyyymmddHHMMSS`): read as the dates they are, row by row.
#[test]
fn compact_dates_in_named_columns_are_read_row_by_row() {
    let read = |name: &str, csv: &str| {
        let mut s = clientele::Session::default();
        s.read_file(name, csv.len() as u64, csv.as_bytes()).unwrap();
        let o = clientele::overview(&s);
        let roles: Vec<Option<clientele::ingest::Role>> = o.files[0].columns.iter().map(|c| c.role).collect();
        (roles, o.sales.first.clone(), o.sales.last.clone(), o.rows.dropped)
    };
    use clientele::ingest::Role::*;
    let zh = "会员卡号,日期,金额\nA1,20240105,12.50\nA2,20240106,3.00\nA1,20240107,4.10\nA3,20240211,5.00\nA2,20240301,9.90\n";
    assert_eq!(
        read("zh.csv", zh),
        (
            vec![Some(CustomerId), Some(Datetime), Some(Amount)],
            Some("2024-01-05 00:00:00".to_owned()),
            Some("2024-03-01 00:00:00".to_owned()),
            0
        )
    );
    let timed = "Customer,Order Time,Amount\nA1,20240105120000,12.50\nA2,20240106130000,3.00\n\
                 A1,20240107090000,4.10\nA3,20240211100000,5.00\nA2,20240301235959,9.90\n";
    assert_eq!(
        read("timed.csv", timed),
        (
            vec![Some(CustomerId), Some(Datetime), Some(Amount)],
            Some("2024-01-05 12:00:00".to_owned()),
            Some("2024-03-01 23:59:59".to_owned()),
            0
        )
    );
}
