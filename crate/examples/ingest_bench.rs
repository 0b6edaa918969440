//! Times ingest alone (issue 3): the file is read into memory first, then fed to a fresh
//! [`Session`] in 1 MiB chunks as the page's worker does, `repeats` times. Run with
//!
//! ```text
//! cargo run --release --example ingest_bench -- FILE [REPEATS]
//! ```
//! Prints one JSON object: rows, median (best, and every) ingest and overview seconds, MB/s (10⁶ bytes of the file
//! per second) and, on Linux, the process's peak resident memory. Not a test: timings are never
//! asserted.

use std::time::Instant;

use clientele::Session;

mod common;
use common::{median, status_mib};

fn main() {
    let path = std::env::args().nth(1).expect("usage: ingest_bench FILE [REPEATS]");
    let repeats: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let bytes = std::fs::read(&path).expect("readable file");
    let name = std::path::Path::new(&path).file_name().and_then(|n| n.to_str()).unwrap_or("data.csv");
    let rss_before = status_mib("VmRSS:");
    let (mut t_ingest, mut t_overview, mut rows, mut customers) = (Vec::new(), Vec::new(), 0, 0);
    for _ in 0..repeats.max(1) {
        let mut s = Session::default();
        let t = Instant::now();
        s.begin_file(name, bytes.len() as u64).expect("begin");
        for chunk in bytes.chunks(1 << 20) {
            s.push(chunk).expect("push");
        }
        rows = s.end_file().expect("end").rows.read;
        t_ingest.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let o = clientele::overview(&s);
        t_overview.push(t.elapsed().as_secs_f64());
        customers = o.sales.customers;
    }
    let t_ingest_all = t_ingest.clone();
    let best_s = t_ingest.iter().copied().fold(f64::INFINITY, f64::min);
    let ingest_s = median(t_ingest);
    println!(
        "{}",
        serde_json::json!({
            "bytes": bytes.len(), "rows": rows, "customers": customers,
            "ingest_s": ingest_s, "best_ingest_s": best_s, "overview_s": median(t_overview),
            "mb_per_s": bytes.len() as f64 / 1e6 / ingest_s,
            "rss_before_mib": rss_before, "all_s": t_ingest_all, "peak_rss_mib": status_mib("VmHWM:"),
        })
    );
}
