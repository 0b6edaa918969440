//! Where the page's memory goes after a drop (issue 16): drives a [`Workspace`] as the page's
//! worker does (the file pushed in 1 MiB chunks into one session, `endFile`, the overview, then
//! the summary query the page runs next, step by step) and prints, after each step, the
//! process's resident size and its peak since the previous step (Linux: /proc/self/status, the
//! peak reset through /proc/self/clear_refs). Natively freed big blocks go back to the system, so
//! these are about the live bytes; a wasm memory keeps its peak (`bench/web/wasm-memory.mjs`
//! measures the module itself).
//!
//! `cargo run --release --example page_memory -- FILE`

use std::io::Read;

use clientele::basket::workbench::Workbench;
use clientele::insights::{best_rule, best_sequence, SummaryRequest};
use clientele::Workspace;

/// `(VmRSS, VmHWM)` of this process in MiB (Linux), then the peak reset to the current size.
fn rss() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .unwrap_or(f64::NAN)
            / 1024.0
    };
    let got = (kb("VmRSS:"), kb("VmHWM:"));
    // "5" resets the peak resident size (proc(5), /proc/pid/clear_refs).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    got
}

fn step(name: &str) {
    let (now, peak) = rss();
    println!("{name:<30} RSS {now:>8.1} MiB   peak since the last step {peak:>8.1} MiB");
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: page_memory FILE");
    let mut file = std::fs::File::open(&path).expect("the file opens");
    let size = file.metadata().map_or(0, |m| m.len());
    let mut ws = Workspace::new();
    ws.begin_file(&path, size, Default::default()).expect("the file starts");
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut chunk).expect("the file reads");
        if n == 0 {
            break;
        }
        ws.push(&chunk[..n]).expect("the chunk reads");
    }
    step("ingest (pushes)");
    ws.end_file().expect("the file ends");
    step("endFile");
    let overview = ws.overview();
    drop(overview);
    step("overview");
    let request = SummaryRequest::default();
    let lines = ws.session().lines();
    let mut basket = Workbench::default();
    let rule = best_rule(&mut basket, lines, &request.basket);
    step("summary: best rule (kept)");
    let sequence = best_sequence(&mut basket, lines, &request.basket, &request.sequences);
    step("summary: best sequence");
    let options = clientele::clv::ClvOptions { pareto_nbd: false, ..Default::default() };
    let clv = clientele::clv::analyse(lines, &options);
    step("summary: clv (kept till end)");
    let seg = clientele::segment::analyse(lines, &request.segment).expect("segments");
    step("summary: segments (kept)");
    let insights = clientele::insights::insights(lines, &seg, rule, sequence, clv.as_ref().map_err(|_| Vec::new()));
    step("summary: insights");
    drop((insights, clv));
    step("after the summary");
    drop((seg, basket));
    step("without the kept results");
}
