//! Times role detection (issue 14) against the ingest of the same file: the header decision's
//! [`assign`] on the file's first 100 records (the records ingest holds before settling the
//! header), cold (the first call builds the word index) and warm, next to the whole ingest.
//! Run with
//!
//! ```text
//! cargo run --release --example roles_cost -- FILE.csv [REPEATS]
//! ```
//!
//! `FILE` is a plain CSV or TSV (`,` `;` or tab). Prints one JSON object. Not a test: timings are
//! never asserted.

use std::time::Instant;

use clientele::ingest::csv::{Record, RecordReader};
use clientele::ingest::roles::{assign, cells_decimal_comma};
use clientele::Session;

mod common;
use common::{median, time_ms};

fn main() {
    let path = std::env::args().nth(1).expect("usage: roles_cost FILE [REPEATS]");
    let repeats: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let bytes = std::fs::read(&path).expect("readable file");
    let head = &bytes[..bytes.len().min(1 << 20)];
    let first_line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let delimiter = [b'\t', b';', b','].into_iter().max_by_key(|d| first_line.iter().filter(|b| *b == d).count());
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut reader = RecordReader::new(delimiter.unwrap_or(b','));
    let mut on = |r: &Record<'_>| -> Result<(), ()> {
        if records.len() < 100 {
            records.push((0..r.len()).map(|i| String::from_utf8_lossy(r.get(i).unwrap_or_default()).into()).collect());
        }
        Ok(())
    };
    let _ = reader.feed(head, &mut on);
    let names = records[0].clone();
    let mut samples = vec![Vec::new(); names.len()];
    for r in &records[1..] {
        for (i, column) in samples.iter_mut().enumerate() {
            column.push(r.get(i).cloned().unwrap_or_default());
        }
    }
    let t = Instant::now();
    let dc = cells_decimal_comma(samples.iter().flatten().map(String::as_str));
    let (roles, confidence) = assign(&names, &samples, dc);
    let cold_ms = t.elapsed().as_secs_f64() * 1e3;
    let (warm_ms, _) = time_ms(200, || assign(&names, &samples, dc));
    let mut ingest = Vec::new();
    for _ in 0..repeats.max(1) {
        let mut s = Session::default();
        let t = Instant::now();
        s.begin_file("data.csv", bytes.len() as u64).expect("begin");
        for chunk in bytes.chunks(1 << 20) {
            s.push(chunk).expect("push");
        }
        s.end_file().expect("end");
        ingest.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let ingest_ms = median(ingest);
    println!(
        "{}",
        serde_json::json!({
            "file": path, "bytes": bytes.len(), "sample_rows": records.len() - 1,
            "roles": roles, "confidence": confidence,
            "assign_cold_ms": cold_ms, "assign_warm_ms": warm_ms, "ingest_ms": ingest_ms,
            "cold_share_of_ingest": cold_ms / ingest_ms,
        })
    );
}
