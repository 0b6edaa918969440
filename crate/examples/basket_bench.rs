//! Times FP-growth and rule generation on the benchmark tasks of issue 6 (the peers' figures are
//! in `../shared/data/README.md`). Run with
//! `cargo run --release --example basket_bench [-- REPEATS]`; prints one JSON object per task.
//! Not a test: timings are never asserted.

use std::time::Instant;

use clientele::basket::{association_rules, fpgrowth, FpGrowthParams, ItemKey, RuleParams, Transactions};
use clientele::Session;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn bench(task: &str, tx: &Transactions, support: f64, confidence: f64, repeats: usize) {
    let ip = FpGrowthParams::new(support).check().expect("valid support");
    let rp = RuleParams::new(confidence).check().expect("valid confidence");
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
        })
    );
}

fn main() {
    let repeats: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data");
    let groceries = std::fs::read(format!("{data}/groceries/groceries.csv")).expect("groceries.csv");
    let t = Instant::now();
    let tx = Transactions::from_basket_text(&groceries);
    eprintln!("groceries read in {:.4} s", t.elapsed().as_secs_f64());
    bench("groceries", &tx, 0.001, 0.5, repeats);

    let gz = std::fs::read(format!("{data}/online_retail/OnlineRetail.csv.gz")).expect("OnlineRetail.csv.gz");
    let mut s = Session::default();
    s.read_file("OnlineRetail.csv.gz", gz.len() as u64, &gz[..]).expect("ingest");
    let t = Instant::now();
    let tx = Transactions::from_lines(s.lines(), ItemKey::Product).expect("baskets");
    eprintln!("online retail baskets built in {:.4} s", t.elapsed().as_secs_f64());
    for support in [0.01, 0.005, 0.002, 0.001] {
        bench("online_retail", &tx, support, 0.5, if support < 0.002 { 1 } else { repeats });
    }
}
