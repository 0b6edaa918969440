#![allow(clippy::unwrap_used)]
//! Campaign measurement on Online Retail against an independent computation: a random split of
//! its customers into contacted and control, purchases planted for part of the contacted ones,
//! and the expected rates, uplifts and intervals computed by
//! `crate/tests/data/campaign/make_golden.py` (Python standard library, its own t quantile),
//! whose inputs and output are committed beside it.

mod common;

use std::path::PathBuf;

use clientele::campaign::{analyse, read_campaign, CampaignOptions, GroupStats, Uplift};
use clientele::Session;
use serde_json::Value;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/campaign").join(name)
}

fn session() -> Session {
    let mut s = Session::default();
    let gz = common::online_retail_gz();
    s.read_file("OnlineRetail.csv.gz", gz.len() as u64, &gz[..]).unwrap();
    let planted = std::fs::read(data("planted.csv")).unwrap();
    s.read_file("planted.csv", planted.len() as u64, &planted[..]).unwrap();
    s
}

fn close(what: &str, got: f64, want: &Value, tol: f64) {
    let want = want.as_f64().unwrap_or_else(|| panic!("{what}: expected {want}"));
    let scale = want.abs().max(1.0);
    assert!((got - want).abs() <= tol * scale, "{what}: got {got}, want {want}");
}

fn check_group(what: &str, g: &GroupStats, want: &Value) {
    assert_eq!(g.customers, want["customers"].as_u64().unwrap(), "{what} customers");
    assert_eq!(g.responders, want["responders"].as_u64().unwrap(), "{what} responders");
    assert_eq!(g.orders, want["orders"].as_u64().unwrap(), "{what} orders");
    close(&format!("{what} rate"), g.response_rate.unwrap(), &want["responseRate"], 1e-12);
    close(&format!("{what} rate low"), g.response_rate_low.unwrap(), &want["responseRateLow"], 1e-8);
    close(&format!("{what} rate high"), g.response_rate_high.unwrap(), &want["responseRateHigh"], 1e-8);
    close(&format!("{what} net/customer"), g.net_sales_per_customer.unwrap(), &want["netSalesPerCustomer"], 1e-9);
    close(&format!("{what} sd"), g.net_sales_sd.unwrap().powi(2), &want["netSalesVar"], 1e-8);
}

fn check_uplift(what: &str, u: &Uplift, want: &Value) {
    close(&format!("{what} uplift"), u.response_rate, &want["responseRate"], 1e-12);
    close(&format!("{what} uplift low"), u.response_rate_low.unwrap(), &want["responseRateLow"], 1e-8);
    close(&format!("{what} uplift high"), u.response_rate_high.unwrap(), &want["responseRateHigh"], 1e-8);
    close(&format!("{what} net uplift"), u.net_sales_per_customer, &want["netSalesPerCustomer"], 1e-9);
    close(&format!("{what} welch df"), u.welch_df.unwrap(), &want["welchDf"], 1e-8);
    close(&format!("{what} welch low"), u.net_sales_per_customer_low.unwrap(), &want["netSalesPerCustomerLow"], 1e-6);
    close(
        &format!("{what} welch high"),
        u.net_sales_per_customer_high.unwrap(),
        &want["netSalesPerCustomerHigh"],
        1e-6,
    );
    close(&format!("{what} revenue"), u.incremental_revenue.unwrap(), &want["incrementalRevenue"], 1e-9);
}

#[test]
fn online_retail_campaign_equals_the_independent_computation() {
    let want: Value = serde_json::from_slice(&std::fs::read(data("expected.json")).unwrap()).unwrap();
    let s = session();
    let file = read_campaign("campaign.csv", &std::fs::read(data("campaign.csv")).unwrap()).unwrap();
    let options = CampaignOptions { start: Some("2011-09-01".into()), window_days: 30, ..CampaignOptions::default() };
    let r = analyse(s.lines(), &file, &options).unwrap();
    assert_eq!(r.not_in_sales.contacted, want["notInSales"]["contacted"].as_u64().unwrap());
    assert_eq!(r.not_in_sales.control, want["notInSales"]["control"].as_u64().unwrap());
    check_group("contacted", &r.groups.contacted, &want["all"]["contacted"]);
    check_group("control", &r.groups.control, &want["all"]["control"]);
    check_uplift("all", &r.uplift, &want["all"]["uplift"]);
    assert_eq!(r.segment_source, "file");
    let names: Vec<&str> = r.segments.iter().map(|s| s.segment.as_str()).collect();
    assert_eq!(names, ["A", "B", "C"]);
    for seg in &r.segments {
        let w = &want["segments"][seg.segment.as_str()];
        check_group(&format!("{} contacted", seg.segment), &seg.groups.contacted, &w["contacted"]);
        check_group(&format!("{} control", seg.segment), &seg.groups.control, &w["control"]);
        check_uplift(&seg.segment, &seg.uplift, &w["uplift"]);
    }
    // The planted effect: A (15% planted) is found above zero, C (none planted) is not.
    let a = &r.segments[0].uplift;
    assert!(a.response_rate_low.unwrap() > 0.0, "segment A's planted uplift is found");
    let c = &r.segments[2].uplift;
    assert!(c.response_rate_low.unwrap() < 0.0 && c.response_rate_high.unwrap() > 0.0);

    // Without the file's segments: RFM at the start, every customer in one segment.
    let no_segments: Vec<u8> = std::fs::read_to_string(data("campaign.csv"))
        .unwrap()
        .lines()
        .map(|l| l.rsplit_once(',').unwrap().0.to_owned() + "\n")
        .collect::<String>()
        .into_bytes();
    let file = read_campaign("campaign.csv", &no_segments).unwrap();
    let r2 = analyse(s.lines(), &file, &options).unwrap();
    assert_eq!(r2.segment_source, "rfm_at_start");
    assert_eq!(r2.groups, r.groups);
    let total: u64 = r2.segments.iter().map(|s| s.groups.contacted.customers + s.groups.control.customers).sum();
    assert_eq!(total, r.groups.contacted.customers + r.groups.control.customers);
    // Customers were chosen for a purchase before the start: none lacks a history.
    assert!(r2.segments.iter().all(|s| s.segment != "no_history"));
}

#[test]
fn a_customer_in_both_groups_is_an_error_naming_it() {
    let e = read_campaign("c.csv", b"CustomerID,group\n17850,contacted\n13047,control\n17850,control\n").unwrap_err();
    assert_eq!(clientele::Coded::code(&e), "campaign.customer_in_both_groups");
    assert!(e.to_string().contains("17850"), "{e}");
}

#[test]
fn control_split_of_the_cli_holds_out_the_share() {
    let exe = env!("CARGO_BIN_EXE_clientele");
    let raw = common::shared("online_retail/OnlineRetail.csv.gz");
    let run = |seed: &str, lang: &str| {
        let out = std::process::Command::new(exe)
            .args(["customers", raw.to_str().unwrap(), "--segment", "tier:A", "--control-share", "0.1"])
            .args(["--seed", seed, "--lang", lang])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let en = run("42", "en");
    let lines: Vec<&str> = en.lines().collect();
    assert!(lines[0].ends_with(",group"));
    let n = lines.len() - 1;
    let control = lines.iter().filter(|l| l.ends_with(",control")).count();
    assert_eq!(control, (0.1 * n as f64 + 0.5).floor() as usize);
    assert_eq!(lines[1..].iter().filter(|l| l.ends_with(",contacted")).count(), n - control);
    // The same seed in Chinese: the same customers, labelled 对照组.
    let zh = run("42", "zh-CN");
    let ids = |csv: &str, label: &str| -> Vec<String> {
        csv.lines().filter(|l| l.ends_with(label)).map(|l| l.split(',').next().unwrap().to_owned()).collect()
    };
    assert_eq!(ids(&en, ",control"), ids(&zh, ",对照组"));
    assert_ne!(ids(&en, ",control"), ids(&run("43", "en"), ",control"));
}
