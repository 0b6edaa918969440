#![allow(clippy::unwrap_used)]
//! The summary's findings against independent references: Online Retail's per-customer revenue
//! from DuckDB (`golden_rfm_purchases_only.csv`) for concentration and Gini, the mlxtend / pyfim
//! rules for the best cross-sell, and the second purchase and the at-risk customers' last-year
//! revenue recomputed here from the raw lines of `OnlineRetail.csv.gz`.

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;

use clientele::insights::{Finding, Insights, SummaryRequest};
use clientele::segment::facts::{Convention, FactOptions};
use clientele::segment::SegmentOptions;
use clientele::{Session, Workspace};
use common::*;

fn purchases_only() -> SummaryRequest {
    SummaryRequest {
        segment: SegmentOptions {
            facts: FactOptions { convention: Convention::PurchasesOnly, ..FactOptions::default() },
            ..SegmentOptions::default()
        },
        ..SummaryRequest::default()
    }
}

/// Online Retail without guest lines (the goldens' rows), summarised under the tutorial
/// convention.
fn online_retail() -> (Insights, Workspace) {
    let gz = online_retail_gz();
    let mut s = Session::default();
    s.set_drop_guests(true);
    s.read_file("OnlineRetail.csv.gz", gz.len() as u64, &gz[..]).unwrap();
    let mut ws = Workspace::from_session(s);
    (ws.summary(&purchases_only()).unwrap(), ws)
}

fn finding<'a>(i: &'a Insights, id: &str) -> &'a Finding {
    i.findings.iter().find(|f| f.id == id).unwrap_or_else(|| panic!("no finding {id}: {:?}", i.left_out))
}

/// A role as the JSON names it.
fn role(r: clientele::ingest::Role) -> String {
    serde_json::to_value(r).unwrap().as_str().unwrap().to_owned()
}

fn v(f: &Finding, k: &str) -> f64 {
    *f.values.get(k).unwrap_or_else(|| panic!("{}: no value {k}", f.id))
}

/// Seconds since 1970 of `YYYY-MM-DD HH:MM:SS` (civil-from-days, Howard Hinnant).
fn seconds(s: &str) -> i64 {
    let n = |a: usize, b: usize| s[a..b].parse::<i64>().unwrap();
    let (y, m, d) = (n(0, 4), n(5, 7), n(8, 10));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    days * 86_400 + n(11, 13) * 3600 + n(14, 16) * 60 + n(17, 19)
}

/// Splits one CSV record (quotes doubled inside quoted fields; no line breaks in this file).
fn fields(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted, mut chars) = (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// The "purchases only" rows of the raw file: (customer, invoice, time, amount).
fn raw_purchases() -> Vec<(String, String, i64, f64)> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(&online_retail_gz()[..]).read_to_string(&mut text).unwrap();
    let mut rows = Vec::new();
    for line in text.lines().skip(1) {
        let f = fields(line);
        let (invoice, qty, date, price, customer) = (&f[0], &f[3], &f[4], &f[5], &f[6]);
        let (q, p) = (qty.parse::<f64>().unwrap(), price.parse::<f64>().unwrap());
        if customer.is_empty() || invoice.starts_with('C') || q <= 0.0 || p <= 0.0 {
            continue;
        }
        rows.push((customer.clone(), invoice.clone(), seconds(date), q * p));
    }
    rows
}

#[test]
fn online_retail_findings_match_independent_references() {
    let (ins, mut ws) = online_retail();
    assert_eq!(ins.customers, 4_338);

    // Concentration: from DuckDB's per-customer revenue, sorted descending.
    let golden = std::fs::read_to_string(shared("online_retail/golden_rfm_purchases_only.csv")).unwrap();
    let mut m: Vec<f64> = golden.lines().skip(1).map(|l| l.split(',').nth(3).unwrap().parse().unwrap()).collect();
    m.sort_by(|a, b| b.total_cmp(a));
    let n = m.len();
    let total: f64 = m.iter().sum();
    let k = (0.2 * n as f64).ceil() as usize;
    let top20 = m[..k].iter().sum::<f64>() / total;
    let asc: Vec<f64> = m.iter().rev().copied().collect();
    let weighted: f64 = asc.iter().enumerate().map(|(i, x)| (i + 1) as f64 * x).sum();
    let gini = 2.0 * weighted / (n as f64 * total) - (n as f64 + 1.0) / n as f64;
    let c = finding(&ins, "concentration");
    assert!((v(c, "top20Share") - top20).abs() < 1e-9, "{} vs {top20}", v(c, "top20Share"));
    assert!((v(c, "gini") - gini).abs() < 1e-6, "{} vs {gini}", v(c, "gini"));
    assert_eq!(v(c, "top20Customers") as usize, k);
    assert_eq!(c.customers.count as usize, k);
    // The JSON golden says the same (a second, independent computation).
    let seg: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared("online_retail/golden_segments_purchases_only.json")).unwrap(),
    )
    .unwrap();
    assert!((v(c, "gini") - seg["gini"]["value"].as_f64().unwrap()).abs() < 1e-6);

    // Best cross-sell: the highest lift of the mlxtend / pyfim goldens, ties by support, then
    // confidence (the golden prints 10 digits: equal within 1e-9 is a tie).
    let rules = std::fs::read_to_string(shared("online_retail/golden_rules_support_0.01_conf_0.5.csv")).unwrap();
    let parsed: Vec<(f64, f64, f64, Vec<String>, String)> = rules
        .lines()
        .skip(1)
        .map(|line| {
            let f = fields(line);
            let mut ant: Vec<String> = f[0].split('|').map(str::to_owned).collect();
            ant.sort();
            (f[3].parse().unwrap(), f[4].parse().unwrap(), f[5].parse().unwrap(), ant, f[1].clone())
        })
        .collect();
    assert_eq!(parsed.len(), 313);
    let same = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(1.0);
    let top_lift = parsed.iter().map(|r| r.2).fold(f64::MIN, f64::max);
    let mut best: Vec<_> = parsed.iter().filter(|r| same(r.2, top_lift)).collect();
    let top_support = best.iter().map(|r| r.0).fold(f64::MIN, f64::max);
    best.retain(|r| same(r.0, top_support));
    let top_conf = best.iter().map(|r| r.1).fold(f64::MIN, f64::max);
    best.retain(|r| same(r.1, top_conf));
    let x = finding(&ins, "cross_sell");
    let items = x.items.as_ref().unwrap();
    let mut got: Vec<String> = items.antecedent_names[0].clone();
    got.sort();
    let hit = best.iter().find(|r| r.3 == got && vec![r.4.clone()] == items.consequent_names);
    let (support, conf, lift, _, _) =
        hit.unwrap_or_else(|| panic!("{got:?} → {:?} is not among {best:?}", items.consequent_names));
    assert!((v(x, "support") - support).abs() < 1e-9);
    assert!((v(x, "confidence") - conf).abs() < 1e-9);
    assert!((v(x, "lift") - lift).abs() < 1e-6 * lift);

    // Second purchase and at-risk revenue, recomputed from the raw lines.
    let raw = raw_purchases();
    assert_eq!(raw.len(), 397_884);
    let as_of = raw.iter().map(|r| r.2).max().unwrap() + 86_400;
    assert_eq!(ins.as_of, "2011-12-10 12:50:00");
    // Each invoice's time is its earliest line; each customer's orders sorted by time.
    let mut invoice_time: HashMap<(&str, &str), i64> = HashMap::new();
    for (c, i, t, _) in &raw {
        let e = invoice_time.entry((c.as_str(), i.as_str())).or_insert(*t);
        *e = (*e).min(*t);
    }
    let mut by_customer: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for ((c, _), t) in &invoice_time {
        by_customer.entry(c).or_default().push(*t);
    }
    let window = 90 * 86_400;
    let (mut cohort, mut gaps) = (0u64, Vec::new());
    for times in by_customer.values_mut() {
        times.sort_unstable();
        if times[0] > as_of - window {
            continue;
        }
        cohort += 1;
        if times.len() > 1 && times[1] - times[0] <= window {
            gaps.push((times[1] - times[0]) as f64 / 86_400.0);
        }
    }
    gaps.sort_by(f64::total_cmp);
    let median = if gaps.len() % 2 == 1 {
        gaps[gaps.len() / 2]
    } else {
        (gaps[gaps.len() / 2 - 1] + gaps[gaps.len() / 2]) / 2.0
    };
    let sp = finding(&ins, "second_purchase");
    assert_eq!((v(sp, "cohort") as u64, v(sp, "repeaters") as usize), (cohort, gaps.len()));
    assert!((v(sp, "rate") - gaps.len() as f64 / cohort as f64).abs() < 1e-12);
    assert!((v(sp, "medianDays") - median).abs() < 1e-9, "{} vs {median}", v(sp, "medianDays"));
    // Its customers: the cohort's who did not order again within the window (not the lifecycle
    // stage `new`), and their export lists exactly them.
    let not_back: HashSet<&str> = by_customer
        .iter()
        .filter(|(_, t)| t[0] <= as_of - window && !(t.len() > 1 && t[1] - t[0] <= window))
        .map(|(c, _)| *c)
        .collect();
    assert_eq!(not_back.len() as u64, cohort - gaps.len() as u64);
    assert_eq!(sp.customers.count, not_back.len() as u64);
    assert!(sp.customers.segment.is_none());
    assert_eq!(sp.customers.ids.iter().map(String::as_str).collect::<HashSet<_>>(), not_back);
    let out = ws.customers_export(&purchases_only().segment, &sp.customers.ids).unwrap();
    let exported: HashSet<&str> = out.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(exported, not_back);

    // At risk: the customers the export lists, and their spend in the 365 days before the date.
    let risk = finding(&ins, "at_risk");
    let seg_ref = risk.customers.segment.clone().unwrap();
    let csv = ws.segment_export(&purchases_only().segment, seg_ref).unwrap();
    let ids: HashSet<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(ids.len() as u64, risk.customers.count);
    assert!(risk.customers.count > 0);
    let spend: f64 = raw
        .iter()
        .filter(|r| ids.contains(r.0.as_str()) && r.2 >= as_of - 365 * 86_400 && r.2 < as_of)
        .map(|r| r.3)
        .sum();
    assert!(
        (v(risk, "lastYearRevenue") - spend).abs() < 1e-6 * spend.max(1.0),
        "{} vs {spend}",
        v(risk, "lastYearRevenue")
    );
    // ...and what they spent in all.
    let all: f64 = raw.iter().filter(|r| ids.contains(r.0.as_str()) && r.2 < as_of).map(|r| r.3).sum();
    assert!(all > spend);
    assert!((v(risk, "revenue") - all).abs() < 1e-6 * all, "{} vs {all}", v(risk, "revenue"));

    // A finding's id list exports exactly those customers.
    let cl = finding(&ins, "clv");
    assert!(v(cl, "expectedRevenue") > 0.0);
    let out = ws.customers_export(&purchases_only().segment, &cl.customers.ids).unwrap();
    assert_eq!(out.lines().count() - 1, cl.customers.ids.len());

    // No cost or discount column: those two findings are left out, naming the column.
    let left: Vec<(String, Vec<String>)> =
        ins.left_out.iter().map(|l| (l.id.to_owned(), l.needs.iter().map(|r| role(*r)).collect())).collect();
    assert_eq!(
        left,
        [("below_zero".to_owned(), vec!["cost".to_owned()]), ("deal_seekers".to_owned(), vec!["discount".to_owned()])]
    );
}

#[test]
fn without_money_the_money_findings_name_the_amount_column() {
    // Customer, date, order, product; no amount or price.
    let mut csv = String::from("customer,date,order,product\n");
    for c in 0..40 {
        for k in 0..(1 + c % 3) {
            let day = 1 + (c * 7 + k * 31) % 300;
            let date = format!("2024-{:02}-{:02}", 1 + day / 28 % 12, 1 + day % 28);
            csv.push_str(&format!("C{c},{date},O{c}-{k},P{}\nC{c},{date},O{c}-{k},P{}\n", c % 5, (c + k) % 7));
        }
    }
    let mut s = Session::default();
    s.read_file("nomoney.csv", csv.len() as u64, csv.as_bytes()).unwrap();
    let mut ws = Workspace::from_session(s);
    let ins = ws.summary(&SummaryRequest::default()).unwrap();
    let needs = |id: &str| -> Vec<String> {
        ins.left_out
            .iter()
            .find(|l| l.id == id)
            .unwrap_or_else(|| panic!("{id} not left out"))
            .needs
            .iter()
            .map(|r| role(*r))
            .collect()
    };
    for id in ["concentration", "at_risk", "win_back", "declining", "clv"] {
        assert!(needs(id).iter().any(|r| r == "amount"), "{id}: {:?}", needs(id));
    }
    assert_eq!(needs("below_zero"), ["cost"]);
    assert_eq!(needs("deal_seekers"), ["discount"]);
    // Counting needs no money: the second purchase stays.
    let sp = finding(&ins, "second_purchase");
    assert!(v(sp, "cohort") > 0.0);
}
