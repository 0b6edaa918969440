//! Times the segmentation (part one: facts, RFM and schemes, tiers, deciles, quadrant, flags, and
//! the CSV export) after ingest. Run with
//!
//! ```text
//! cargo run --release --example segment_bench [-- online-retail|demo|file PATH [REPEATS]]
//! ```
//! `online-retail` (default) reads `../shared/data/online_retail/OnlineRetail.csv.gz`; `demo`
//! generates the default demo store (5,000 customers, with cost and discount). Prints one JSON
//! object per task: median milliseconds over the repeats (default 11) of the fact table alone,
//! of the whole [`clientele::segment::analyse`], and of the CSV export of every customer.
//! The issue's target: the whole segmentation under 100 ms natively on Online Retail. Not a
//! test: timings are never asserted.

use std::time::Instant;

use clientele::segment::facts::{customer_facts, FactOptions};
use clientele::segment::{analyse, export, RowQuery, SegmentOptions};
use clientele::Session;

mod common;
use common::time_ms;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map_or("online-retail", String::as_str);
    let (name, bytes, repeats) = match task {
        "demo" => {
            let d =
                clientele::demo::generate(&clientele::demo::DemoParams::default()).expect("the demo store generates");
            (clientele::demo::SALES_FILE.to_owned(), d.sales_csv, args.get(1))
        }
        "file" => {
            let path = args.get(1).expect("file PATH");
            (path.clone(), std::fs::read(path).expect("readable file"), args.get(2))
        }
        _ => {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data/online_retail/OnlineRetail.csv.gz");
            (
                "OnlineRetail.csv.gz".to_owned(),
                std::fs::read(path).expect("../shared/data beside the project"),
                args.get(1),
            )
        }
    };
    let repeats: usize = repeats.and_then(|r| r.parse().ok()).unwrap_or(11).max(1);
    let mut session = Session::default();
    let t = Instant::now();
    session.read_file(&name, bytes.len() as u64, &bytes[..]).expect("the file reads");
    let ingest_ms = t.elapsed().as_secs_f64() * 1e3;
    let lines = session.lines();
    let (facts_ms, facts) = time_ms(repeats, || customer_facts(lines, &FactOptions::default()));
    let (analyse_ms, seg) = time_ms(repeats, || analyse(lines, &SegmentOptions::default()).expect("segmentation"));
    let (export_ms, csv) = time_ms(repeats, || export::csv(&seg.table, &RowQuery::default()));
    let summary_bytes = serde_json::to_string(&seg.summary).map_or(0, |s| s.len());
    println!(
        "{}",
        serde_json::json!({
            "task": task,
            "file": name,
            "lines": lines.len(),
            "customers": facts.customers.len(),
            "repeats": repeats,
            "ingest_ms": ingest_ms,
            "facts_ms": facts_ms,
            "analyse_ms": analyse_ms,
            "export_csv_ms": export_ms,
            "export_csv_bytes": csv.len(),
            "summary_json_bytes": summary_bytes,
        })
    );
}
