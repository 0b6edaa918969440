#![allow(clippy::unwrap_used)]
//! Files that lack a column: each analysis runs on what the file has and says what it lacks
//! (`overview.allows`, `analysis.needs_*`). The fixtures are in `tests/fixtures/partial/`:
//!
//! - `members.csv`: `Member_number,Date,itemDescription` (the Kaggle groceries layout), dates
//!   day-first (`21-07-2015`), no money; 58 rows, one of them `31-02-2015` (no such day). Worked
//!   from the file: 12 members, 26 member-days (the orders), 9 Jan to 12 Jul 2015.
//! - `bakery.csv`: `Date,Time,Transaction,Item`, no customer, no money; 44 rows (one blank),
//!   19 transactions, 11 items; Cookies are only in transaction 3, with Jam.
//! - `orders_zh.csv`: a Taobao-style order-level report (`订单编号,买家会员名,订单总金额,实付金额,
//!   收货地址,订单创建时间,订单付款时间,退款金额`), 10 orders: 1003 and 1009 never paid (empty
//!   payment time), 1004 refunded in full (88.00) and 1006 in part (50.00). Paid: 118 + 59.9 + 88
//!   + 40 + 150 + 75.5 + 32 + 60 = 623.40; refunds 138.00; net 485.40.
//! - `orders_en.csv`: the English variant, no buyer column: the first six orders (A-3 unpaid):
//!   paid 118 + 59.9 + 88 + 40 + 150 = 455.90, refunds 138.00, net 317.90.
//! - `guests_amounts.csv`: `Date,Receipt,Product,Quantity,Amount`, no customer: 9 rows, one free
//!   line (zero price), one return (−2.20); sales 7 + 2.5 + 2.2 + 3.5 + 5 + 3.5 + 2.5 = 26.20.

use clientele::basket::{association_rules, fpgrowth, FpGrowthParams, ItemKey, RuleParams, Transactions};
use clientele::capabilities::{allows, Analysis};
use clientele::clv::ClvRequest;
use clientele::ingest::{DropReason, Role};
use clientele::segment::SegmentOptions;
use clientele::{overview, Coded, Overview, Workspace};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../tests/fixtures/partial/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn workspace(name: &str) -> Workspace {
    let bytes = fixture(name);
    let mut ws = Workspace::new();
    ws.begin_file(name, bytes.len() as u64, Default::default()).unwrap();
    ws.push(&bytes).unwrap();
    ws.end_file().unwrap();
    ws
}

/// `read = used + Σ dropped by reason`, and the drops by reason.
fn balanced(ov: &Overview) -> Vec<(DropReason, u64)> {
    let r = &ov.rows;
    let by_reason: u64 = r.dropped_by_reason.iter().map(|d| d.rows).sum();
    assert_eq!(r.read, r.purchase + r.returns + by_reason);
    assert_eq!(r.dropped, by_reason);
    r.dropped_by_reason.iter().map(|d| (d.reason, d.rows)).collect()
}

fn needs(ov: &Overview, a: Analysis) -> Vec<Role> {
    ov.allows.get(a).needs.clone()
}

fn code(e: &clientele::Error) -> &'static str {
    e.code()
}

#[test]
fn member_date_item_file_without_money() {
    let mut ws = workspace("members.csv");
    let ov = ws.overview();
    assert_eq!(balanced(&ov), [(DropReason::BadDate, 1)]);
    assert_eq!((ov.rows.read, ov.rows.purchase), (58, 57));
    let f = &ov.files[0];
    assert_eq!(f.date_order, Some(clientele::ingest::values::DateOrder::DayFirst));
    assert_eq!((ov.sales.customers, ov.sales.orders), (12, 26));
    assert_eq!(
        (ov.sales.first.as_deref(), ov.sales.last.as_deref()),
        (Some("2015-01-09 00:00:00"), Some("2015-07-12 00:00:00"))
    );
    // No money: said so, and the zeros are not money.
    assert!(!ov.allows.money && ov.allows.customers && ov.allows.dates && ov.allows.items);
    assert_eq!(ov.sales.gross_sales, 0.0);
    for a in [Analysis::Revenue, Analysis::Rfm, Analysis::ValueTiers, Analysis::Quadrant, Analysis::ClvMoney] {
        assert_eq!(needs(&ov, a), [Role::Amount], "{a:?}");
    }
    for a in [
        Analysis::Rules,
        Analysis::Sequences,
        Analysis::RfSegments,
        Analysis::Lifecycle,
        Analysis::Cohorts,
        Analysis::ClvCounts,
    ] {
        assert!(ov.allows.get(a).available, "{a:?}");
    }
    // RF segments: the segmentation runs and lists the amount among what it needs.
    let seg = ws.segmented(&SegmentOptions::default()).unwrap();
    assert_eq!(seg.summary.customers, 12);
    assert!(seg.summary.facts.needs.contains(&"amount"));
    let orders: u32 = seg.table.facts.iter().map(|f| f.orders).sum();
    assert_eq!(orders, 26);
    // The customer CSV leaves the money and the labels built on it empty; R, F and the stage stand.
    let table = &ws.segmented(&SegmentOptions::default()).unwrap().table;
    let csv = clientele::segment::export::csv(table, &Default::default());
    let mut rows = csv.lines().map(|l| l.split(',').collect::<Vec<_>>());
    let header = rows.next().unwrap();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let c1001 = rows.find(|r| r[0] == "1001").unwrap();
    for name in ["monetary", "net_sales", "m", "rfm_segment", "tier", "quadrant"] {
        assert_eq!(c1001[col(name)], "", "{name}");
    }
    assert_eq!((c1001[col("orders")], c1001[col("recency_days")], c1001[col("lifecycle")]), ("3", "5", "repeat"));
    // Clusters need money: a coded refusal, not k-means on zeros.
    let e = ws.segment_clusters(&SegmentOptions::default(), &Default::default()).unwrap_err();
    assert_eq!(code(&e), "analysis.needs_amount");
    // BG/NBD fits; Gamma-Gamma is not fitted on zeros and says why.
    let clv = ws.clv_fit(&ClvRequest::default()).unwrap();
    assert_eq!(clv["customers"], 12);
    assert!(clv["gamma_gamma"].is_null());
    assert_eq!(clv["model_errors"][0]["code"], "analysis.needs_amount");
    // Cohorts work.
    assert!(ws.segment_cohorts(1_437_000_000).is_ok());
}

#[test]
fn bakery_transactions_without_customer_or_money() {
    let mut ws = workspace("bakery.csv");
    let ov = ws.overview();
    assert_eq!(balanced(&ov), [(DropReason::BlankRow, 1)]);
    assert_eq!((ov.rows.read, ov.rows.purchase, ov.rows.guest), (44, 43, 43));
    assert_eq!((ov.sales.customers, ov.sales.orders, ov.sales.guest_orders), (0, 19, 19));
    assert_eq!(ov.files[0].stats.products, Some(11));
    assert_eq!(
        ov.monthly.iter().map(|m| (m.month.as_str(), m.orders)).collect::<Vec<_>>(),
        [("2016-10", 15), ("2016-11", 4)]
    );
    assert!(ov.allows.get(Analysis::Rules).available && ov.allows.get(Analysis::Monthly).available);
    assert_eq!(needs(&ov, Analysis::Sequences), [Role::CustomerId]);
    assert_eq!(needs(&ov, Analysis::RfSegments), [Role::CustomerId]);
    assert_eq!(needs(&ov, Analysis::ClvMoney), [Role::CustomerId, Role::Amount]);
    assert_eq!(needs(&ov, Analysis::Revenue), [Role::Amount]);
    // Customer analyses: coded, with the role that would enable them.
    let e = ws.segmented(&SegmentOptions::default()).unwrap_err();
    assert_eq!(code(&e), "analysis.needs_customer_id");
    assert_eq!(clientele::ErrorReport::of(&e).params["role"], "customer_id");
    assert_eq!(code(&ws.clv_fit(&ClvRequest::default()).unwrap_err()), "analysis.needs_customer_id");
    assert_eq!(code(&ws.segment_cohorts(0).unwrap_err()), "analysis.needs_customer_id");
    // Baskets and rules run: Cookies → Jam, confidence 1, lift 19 (19 baskets, Jam in one).
    let tx = Transactions::from_lines(ws.session().lines(), ItemKey::Product).unwrap();
    assert_eq!((tx.len(), tx.items.len()), (19, 11));
    let sets = fpgrowth(&tx, &FpGrowthParams::new(0.05).check().unwrap()).unwrap();
    let rules = association_rules(&tx, &sets, &RuleParams::new(0.5).check().unwrap()).unwrap();
    let id = |name: &str| tx.items.iter().position(|i| i == name).unwrap() as u32;
    let rule = rules.rules.iter().find(|r| r.antecedent == [id("Cookies")] && r.consequent == [id("Jam")]).unwrap();
    assert_eq!((rule.count, rule.measures.confidence), (1, 1.0));
    assert!((rule.measures.lift - 19.0).abs() < 1e-12);
}

#[test]
fn order_level_report_with_unpaid_and_refunded_orders() {
    let ws = workspace("orders_zh.csv");
    let ov = ws.overview();
    let f = &ov.files[0];
    let role = |name: &str| f.columns.iter().find(|c| c.name == name).unwrap().role;
    assert_eq!(role("订单付款时间"), Some(Role::PaidTime));
    assert_eq!(role("实付金额"), Some(Role::Amount));
    assert_eq!(role("收货地址"), Some(Role::Region));
    assert_eq!(role("订单总金额"), None);
    // Unpaid orders dropped and counted: records 4 (1003) and 10 (1009).
    assert_eq!(balanced(&ov), [(DropReason::UnpaidOrCancelled, 2)]);
    let unpaid = &f.rows.dropped_by_reason[0];
    assert_eq!(unpaid.first_rows, [4, 10]);
    assert_eq!((ov.rows.read, ov.rows.purchase), (10, 8));
    let s = &ov.sales;
    assert_eq!((s.customers, s.orders, s.return_orders, s.return_lines), (5, 8, 2, 2));
    assert_eq!((s.gross_sales, s.returns, s.net_revenue), (623.4, -138.0, 485.4));
    // Regions: the province at the start of each address (every row's, as file figures are).
    assert_eq!(f.stats.regions, Some(5));
    let lines = ws.session().lines();
    let region = lines.attributes.columns.iter().find(|c| c.kind == clientele::model::AttributeKind::Region).unwrap();
    let of = |c: &str| region.values.name(region.by_customer[lines.customers.get(c).unwrap() as usize]).to_owned();
    assert_eq!(
        ["tb_alice", "tb_bob", "tb_carol", "tb_dave", "tb_erin"].map(of),
        ["浙江省", "广东省", "北京市", "广西壮族自治区", "上海市"]
    );
    // One row per order: baskets need item lines.
    assert!(f.order_level && ov.allows.order_level);
    assert_eq!(needs(&ov, Analysis::Rules), [Role::ProductName]);
    let e = allows(lines).check(Analysis::Rules).unwrap_err();
    assert_eq!(e.code(), "analysis.needs_items");
    assert!(e.to_string().contains("one row per order"), "{e}");
    assert!(ov.allows.get(Analysis::ClvMoney).available && ov.allows.get(Analysis::Rfm).available);
}

#[test]
fn english_order_level_report_without_a_buyer() {
    let mut ws = workspace("orders_en.csv");
    let ov = ws.overview();
    assert_eq!(balanced(&ov), [(DropReason::UnpaidOrCancelled, 1)]);
    assert_eq!((ov.rows.read, ov.rows.purchase, ov.rows.guest), (6, 5, 5));
    let s = &ov.sales;
    assert_eq!((s.customers, s.orders, s.guest_orders), (0, 5, 5));
    assert_eq!((s.gross_sales, s.returns, s.net_revenue), (455.9, -138.0, 317.9));
    assert_eq!((s.guest_sales, s.guest_returns), (455.9, -138.0));
    assert_eq!(ov.files[0].stats.regions, Some(4));
    assert!(ov.allows.get(Analysis::Revenue).available);
    assert_eq!(needs(&ov, Analysis::Rfm), [Role::CustomerId]);
    assert_eq!(needs(&ov, Analysis::Sequences), [Role::CustomerId, Role::ProductName]);
    assert_eq!(code(&ws.segmented(&SegmentOptions::default()).unwrap_err()), "analysis.needs_customer_id");
}

#[test]
fn guest_file_with_amounts() {
    let mut ws = workspace("guests_amounts.csv");
    let ov = ws.overview();
    assert_eq!(balanced(&ov), [(DropReason::ZeroPrice, 1)]);
    assert_eq!((ov.rows.read, ov.rows.purchase, ov.rows.returns, ov.rows.guest), (9, 7, 1, 8));
    let s = &ov.sales;
    assert_eq!((s.customers, s.orders, s.guest_orders), (0, 4, 4));
    assert_eq!((s.gross_sales, s.returns, s.net_revenue), (26.2, -2.2, 24.0));
    assert_eq!(
        ov.monthly.iter().map(|m| (m.month.as_str(), m.net_revenue)).collect::<Vec<_>>(),
        [("2024-05", 18.0), ("2024-06", 6.0)]
    );
    assert!(ov.allows.money && !ov.allows.customers);
    assert!(ov.allows.get(Analysis::Rules).available);
    assert_eq!(needs(&ov, Analysis::ValueTiers), [Role::CustomerId]);
    assert_eq!(code(&ws.clv_fit(&ClvRequest::default()).unwrap_err()), "analysis.needs_customer_id");
}

/// A file with every column allows every analysis (and the goldens keep their numbers).
#[test]
fn a_complete_file_allows_everything() {
    let csv = "Invoice,Customer,Date,Product,Qty,Price\n1,c1,2024-01-01,tea,1,2.5\n2,c2,2024-01-02,cake,2,3\n";
    let mut s = clientele::Session::default();
    s.read_file("full.csv", csv.len() as u64, csv.as_bytes()).unwrap();
    let ov = overview(&s);
    assert!(ov.allows.analyses.iter().all(|c| c.available), "{:?}", ov.allows);
    assert_eq!(ov.sales.gross_sales, 8.5);
}

/// The CLI: a coded refusal with exit status 2 where an analysis cannot run, results where it can.
#[test]
fn cli_refuses_with_a_code_or_runs() {
    let run = |args: &[&str], file: &str| {
        let path = format!("{}/../tests/fixtures/partial/{file}", env!("CARGO_MANIFEST_DIR"));
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_clientele"))
            .args(args)
            .arg(path)
            .arg("--json")
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (out.status.code(), json)
    };
    for (args, file, code) in [
        (&["segments"][..], "bakery.csv", "analysis.needs_customer_id"),
        (&["clv"][..], "orders_en.csv", "analysis.needs_customer_id"),
        (&["rules", "--sequences"][..], "bakery.csv", "analysis.needs_customer_id"),
        (&["rules"][..], "orders_zh.csv", "analysis.needs_items"),
    ] {
        let (status, json) = run(args, file);
        assert_eq!((status, json["error"]["code"].as_str()), (Some(2), Some(code)), "{args:?} {file}");
    }
    // Rules on the bakery file; RF segments and BG/NBD (without Gamma-Gamma) on the members.
    let (status, rules) = run(&["rules"], "bakery.csv");
    assert_eq!((status, rules["baskets"].as_u64()), (Some(0), Some(19)));
    let (status, seg) = run(&["segments"], "members.csv");
    assert_eq!((status, seg["customers"].as_u64()), (Some(0), Some(12)));
    assert!(seg["facts"]["needs"].as_array().unwrap().contains(&serde_json::json!("amount")));
    let (status, clv) = run(&["clv"], "members.csv");
    assert_eq!((status, clv["customers"].as_u64()), (Some(0), Some(12)));
    assert!(clv["gamma_gamma"].is_null());
}
