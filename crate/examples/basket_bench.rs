//! Times FP-growth and rule generation on the benchmark tasks of issue 6 (the peers' figures are
//! in `../shared/data/README.md`). Run with
//!
//! ```text
//! cargo run --release --example basket_bench [-- TASK [REPEATS]]
//! ```
//! TASK is `groceries`, `retail-0.01`, `retail-0.005`, `retail-0.002`, `retail-0.001`,
//! `sequences` or `all` (default), or `file PATH SUPPORT CONFIDENCE [REPEATS]` for basket-format
//! text (one basket a line, items comma-separated: what `scripts/bench` hands every peer). Prints one JSON object per task: median times of the
//! repeats, result sizes, and on Linux the resident memory before mining and the process's peak
//! (run one task per process to read the peak of that task). Not a test: timings are never
//! asserted.

use std::time::Instant;

use clientele::basket::{
    association_rules, cspade, fpgrowth, sequence_rules, FpGrowthParams, ItemKey, RuleParams, SequenceParams,
    Sequences, Transactions,
};
use clientele::Session;

mod common;
use common::{median, status_mib};

fn bench(task: &str, tx: &Transactions, support: f64, confidence: f64, repeats: usize) {
    let ip = FpGrowthParams::new(support).check().expect("valid support");
    let rp = RuleParams::new(confidence).check().expect("valid confidence");
    let rss_before = status_mib("VmRSS:");
    let (mut t_sets, mut t_rules) = (Vec::new(), Vec::new());
    let (mut n_sets, mut n_rules) = (0, 0);
    for _ in 0..repeats {
        let t = Instant::now();
        let sets = fpgrowth(tx, &ip).expect("itemsets");
        t_sets.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let rules = association_rules(tx, &sets, &rp).expect("rules");
        t_rules.push(t.elapsed().as_secs_f64());
        n_sets = sets.len();
        n_rules = rules.rules.len();
    }
    println!(
        "{}",
        serde_json::json!({
            "task": task, "support": support, "confidence": confidence,
            "itemsets": n_sets, "rules": n_rules,
            "itemsets_s": median(t_sets), "rules_s": median(t_rules),
            "rss_before_mib": rss_before, "peak_rss_mib": status_mib("VmHWM:"),
        })
    );
}

fn main() {
    let task = std::env::args().nth(1).unwrap_or_else(|| "all".into());
    let repeats: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data");
    if task == "file" {
        let arg = |i: usize| std::env::args().nth(i).expect("file PATH SUPPORT CONFIDENCE [REPEATS]");
        let path = arg(2);
        let num = |i: usize| arg(i).parse::<f64>().expect("a number");
        let repeats: usize = std::env::args().nth(5).and_then(|s| s.parse().ok()).unwrap_or(3);
        let t = Instant::now();
        let tx = basket_text(&path, &std::fs::read(&path).expect("readable basket file"));
        eprintln!("{path}: {} baskets read in {:.4} s", tx.len(), t.elapsed().as_secs_f64());
        bench(&path, &tx, num(3), num(4), repeats);
        return;
    }
    let all = task == "all";
    if all || task == "groceries" {
        let groceries = std::fs::read(format!("{data}/groceries/groceries.csv")).expect("groceries.csv");
        let t = Instant::now();
        let tx = basket_text("groceries.csv", &groceries);
        eprintln!("groceries read in {:.4} s", t.elapsed().as_secs_f64());
        bench("groceries", &tx, 0.001, 0.5, repeats);
    }
    if !(all || task.starts_with("retail") || task == "sequences") {
        return;
    }
    let gz = std::fs::read(format!("{data}/online_retail/OnlineRetail.csv.gz")).expect("OnlineRetail.csv.gz");
    let mut s = Session::default();
    s.read_file("OnlineRetail.csv.gz", gz.len() as u64, &gz[..]).expect("ingest");
    let t = Instant::now();
    let tx = Transactions::from_lines(s.lines(), ItemKey::Product).expect("baskets");
    eprintln!("online retail baskets built in {:.4} s", t.elapsed().as_secs_f64());
    for support in [0.01, 0.005, 0.002, 0.001] {
        if all || task == format!("retail-{support}") {
            bench("online_retail", &tx, support, 0.5, if support < 0.002 { 1 } else { repeats });
        }
    }
    if all || task == "sequences" {
        let t = Instant::now();
        let seqs = Sequences::from_transactions(&tx).expect("customers and days");
        let t_build = t.elapsed().as_secs_f64();
        for (support, maxgap) in [(0.02, Some(90)), (0.02, None), (0.01, Some(30))] {
            let p = SequenceParams::new(support).maxgap(maxgap).check().expect("valid");
            let t = Instant::now();
            let pats = cspade(&seqs, &p).expect("patterns");
            let t_mine = t.elapsed().as_secs_f64();
            let rules = sequence_rules(&pats, 0.3);
            println!(
                "{}",
                serde_json::json!({
                    "task": "online_retail_sequences", "support": support, "maxgap": maxgap,
                    "customers": seqs.len(), "patterns": pats.patterns.len(), "rules_conf_0.3": rules.len(),
                    "build_s": t_build, "mine_s": t_mine, "peak_rss_mib": status_mib("VmHWM:"),
                })
            );
        }
    }
}

/// The baskets of basket-format text, read by the ingest session as the CLI and the page do.
fn basket_text(name: &str, bytes: &[u8]) -> Transactions {
    let mut s = Session::default();
    s.read_basket_text(name, bytes).expect("basket-format text");
    Transactions::from_basket_lines(s.lines()).expect("baskets")
}
