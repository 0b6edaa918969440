//! Benchmark entry points for `scripts/bench` (bench/web/): the plain core APIs on bytes the page
//! hands over, timed inside wasm with `performance.now()` so the figures exclude the JS↔wasm copy
//! and serialisation. Not used by the app; kept small since they ship in the page's wasm.

use wasm_bindgen::prelude::*;

use super::to_js;
use crate::basket::{association_rules, fpgrowth, FpGrowthParams, RuleParams, Transactions};
use crate::clv::{BgNbd, CustomerSummary, FitOptions, TimeUnit};

#[wasm_bindgen]
extern "C" {
    /// `performance.now()` of the page or worker.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn perf_now() -> f64;
}

fn bad(what: &str) -> JsValue {
    JsValue::from_str(&format!("bench: {what}"))
}

/// Frequent itemsets and one-item-consequent rules of basket-format text (one basket a line,
/// items comma-separated): `{baskets, items, itemsets, rules, parseMs, itemsetsMs, rulesMs}`.
/// `minConfidence` ≤ 0 skips the rules.
#[wasm_bindgen(js_name = benchBasketText)]
pub fn bench_basket_text(bytes: &[u8], min_support: f64, min_confidence: f64) -> Result<JsValue, JsValue> {
    let t0 = perf_now();
    let mut session = crate::Session::default();
    session.read_basket_text("baskets.csv", bytes).map_err(|_| bad("basket text"))?;
    let tx = Transactions::from_basket_lines(session.lines()).map_err(|_| bad("baskets"))?;
    let t1 = perf_now();
    let ip = FpGrowthParams::new(min_support).check().map_err(|_| bad("support"))?;
    let sets = fpgrowth(&tx, &ip).map_err(|_| bad("itemsets"))?;
    let t2 = perf_now();
    let (rules, t3) = if min_confidence > 0.0 {
        let rp = RuleParams::new(min_confidence).check().map_err(|_| bad("confidence"))?;
        let rules = association_rules(&tx, &sets, &rp).map_err(|_| bad("rules"))?;
        (rules.rules.len(), perf_now())
    } else {
        (0, t2)
    };
    to_js(&serde_json::json!({
        "baskets": tx.len(), "items": tx.items.len(), "itemsets": sets.len(), "rules": rules,
        "parseMs": t1 - t0, "itemsetsMs": t2 - t1, "rulesMs": t3 - t2,
    }))
}

/// BG/NBD fit on a `ID,frequency,recency,T` CSV (weeks): `{customers, r, alpha, a, b,
/// logLikelihood, parseMs, fitMs}`.
#[wasm_bindgen(js_name = benchFitBgNbd)]
pub fn bench_fit_bgnbd(csv: &[u8]) -> Result<JsValue, JsValue> {
    let t0 = perf_now();
    let text = std::str::from_utf8(csv).map_err(|_| bad("utf-8"))?;
    let (mut x, mut tx, mut t) = (Vec::new(), Vec::new(), Vec::new());
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<f64> = line.split(',').skip(1).map(|v| v.trim().parse().unwrap_or(f64::NAN)).collect();
        if f.len() < 3 {
            return Err(bad("a row has fewer than 4 columns"));
        }
        x.push(f[0]);
        tx.push(f[1]);
        t.push(f[2]);
    }
    let data = CustomerSummary::from_columns(TimeUnit::Weeks, x, tx, t, Vec::new()).map_err(|_| bad("summary"))?;
    let t1 = perf_now();
    let fit = BgNbd::fit(&data, &FitOptions::default()).map_err(|_| bad("fit"))?;
    let t2 = perf_now();
    let p = &fit.params;
    to_js(&serde_json::json!({
        "customers": data.len(), "r": p.r, "alpha": p.alpha, "a": p.a, "b": p.b,
        "logLikelihood": fit.log_likelihood, "parseMs": t1 - t0, "fitMs": t2 - t1,
    }))
}
