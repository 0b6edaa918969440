//! Times the record splitter alone (ingest's `csv::RecordReader`, 1 MiB chunks, best of 15):
//!
//! ```text
//! cargo run --release --example split_bench -- FILE [DELIMITER]
//! ```
//!
//! A development aid for the splitter's fast path; not a test, timings are never asserted.
use std::time::Instant;

use clientele::ingest::csv::{Record, RecordReader};

fn main() {
    let path = std::env::args().nth(1).expect("usage: split_bench FILE [DELIMITER]");
    let delimiter = std::env::args().nth(2).map_or(b',', |d| d.as_bytes()[0]);
    let bytes = std::fs::read(&path).expect("readable file");
    let (mut best, mut records, mut fields) = (f64::INFINITY, 0, 0);
    for _ in 0..15 {
        let mut reader = RecordReader::new(delimiter);
        fields = 0;
        let t = Instant::now();
        let mut count = |rec: &Record<'_>| -> Result<(), ()> {
            fields += rec.len();
            Ok(())
        };
        for chunk in bytes.chunks(1 << 20) {
            reader.feed(chunk, &mut count).expect("split");
        }
        reader.feed(b"", &mut count).expect("split");
        best = best.min(t.elapsed().as_secs_f64());
        records = reader.records();
    }
    println!(
        "{}",
        serde_json::json!({"records": records, "fields": fields, "best_s": best, "mb_per_s": bytes.len() as f64 / 1e6 / best})
    );
}
