#![allow(clippy::unwrap_used)]
//! Recommendations on a small basket set equal a brute-force recount from the baskets: for every
//! customer, every item they never bought and every non-empty set of items they did buy, the
//! rule set ⇒ item is counted straight from the baskets (support count ≥ 2 of 18, i.e. support
//! ≥ 0.1, and confidence ≥ 0.22, which no ratio of counts up to 18 equals); an item's score is its best
//! such confidence, its lift that rule's lift, and the ranking is by confidence, then lift, then
//! item id, top 2. The rule miner only feeds `recommend`; the expected values never come from it.
//!
//! Items, customers and ranks are compared exactly; confidence and lift at 1e-12 relative (they
//! are ratios of small counts; the miner divides in another order). Ties are decided on the exact
//! fractions, so a ranking decided by rounding noise would fail.

use std::cmp::Ordering;

use clientele::basket::{
    association_rules, fpgrowth, recommend, FpGrowthParams, RecommendParams, RecommendationSource, RuleParams,
    Transactions,
};

const BASKETS: [(u32, &[&str]); 18] = [
    (0, &["a", "b"]),
    (0, &["a", "b", "c"]),
    (0, &["d"]),
    (1, &["a", "b", "c"]),
    (1, &["b", "c"]),
    (1, &["e", "f"]),
    (2, &["a"]),
    (2, &["e"]),
    (3, &["b", "c", "d"]),
    (3, &["c", "d"]),
    (4, &["a", "b", "e"]),
    (4, &["f"]),
    (4, &["e", "f"]),
    (5, &["c"]),
    (5, &["b"]),
    (5, &["c", "e"]),
    (6, &["a", "d"]),
    (6, &["f"]),
];

/// Baskets holding every item of `set`.
fn count(baskets: &[Vec<&str>], set: &[&str]) -> u64 {
    baskets.iter().filter(|b| set.iter().all(|x| b.contains(x))).count() as u64
}

/// Expected: (customer, item, confidence as p/q, lift as the fraction (p/q) / (s/n), rank).
#[derive(Debug, Clone)]
struct Want {
    customer: usize,
    item: String,
    conf: (u64, u64),
    /// (p·n, q·s): lift = conf / support(item).
    lift: (u64, u64),
}

fn cmp_frac(a: (u64, u64), b: (u64, u64)) -> Ordering {
    (u128::from(a.0) * u128::from(b.1)).cmp(&(u128::from(b.0) * u128::from(a.1)))
}

#[test]
fn recommendations_equal_a_recount_from_the_baskets() {
    let baskets: Vec<Vec<&str>> = BASKETS.iter().map(|(_, b)| b.to_vec()).collect();
    let n = baskets.len() as u64;
    let mut tx = Transactions::from_baskets(&baskets);
    tx.customer = Some(BASKETS.iter().map(|(c, _)| *c).collect());
    tx.day = Some(vec![1; BASKETS.len()]);
    tx.customers = (0..7).map(|i| format!("c{i}")).collect();
    let sets = fpgrowth(&tx, &FpGrowthParams::new(0.1).check().unwrap()).unwrap();
    let rules = association_rules(&tx, &sets, &RuleParams::new(0.22).check().unwrap()).unwrap();
    let top_n = 2;
    let params = RecommendParams { top_n, respect_window: true }.check().unwrap();
    let recs = recommend(&tx, &rules.rules, None, &params).unwrap();

    // The recount.
    let item_id = |x: &str| tx.items.iter().position(|i| i == x).unwrap();
    let all_items = ["a", "b", "c", "d", "e", "f"];
    let mut want: Vec<(Want, usize)> = Vec::new();
    let mut truncated = 0;
    for c in 0..7 {
        let mut bought: Vec<&str> =
            BASKETS.iter().filter(|(k, _)| *k as usize == c).flat_map(|(_, b)| b.iter().copied()).collect();
        bought.sort_unstable();
        bought.dedup();
        let mut best: Vec<Want> = Vec::new();
        for &y in all_items.iter().filter(|y| !bought.contains(y)) {
            let mut top: Option<Want> = None;
            for mask in 1u32..(1 << bought.len()) {
                let a: Vec<&str> = (0..bought.len()).filter(|i| mask >> i & 1 == 1).map(|i| bought[i]).collect();
                let mut ay = a.clone();
                ay.push(y);
                let (sa, say) = (count(&baskets, &a), count(&baskets, &ay));
                // support ≥ 0.1 of 18 baskets ⇔ count ≥ 2; confidence ≥ 0.22 ⇔ 50·say ≥ 11·sa.
                if say < 2 || 50 * say < 11 * sa {
                    continue;
                }
                assert_ne!(50 * say, 11 * sa, "no confidence sits on the threshold");
                let sy = count(&baskets, &[y]);
                let w = Want { customer: c, item: y.to_owned(), conf: (say, sa), lift: (say * n, sa * sy) };
                if top.as_ref().is_none_or(|t| cmp_frac(w.conf, t.conf) == Ordering::Greater) {
                    top = Some(w);
                }
            }
            best.extend(top);
        }
        best.sort_by(|a, b| {
            cmp_frac(b.conf, a.conf).then(cmp_frac(b.lift, a.lift)).then(item_id(&a.item).cmp(&item_id(&b.item)))
        });
        truncated += usize::from(best.len() > top_n);
        want.extend(best.into_iter().take(top_n).enumerate().map(|(r, w)| (w, r + 1)));
    }

    let got: Vec<(usize, &str, u32)> =
        recs.iter().map(|r| (r.customer as usize, r.item_name.as_str(), r.rank)).collect();
    let expected: Vec<(usize, &str, u32)> =
        want.iter().map(|(w, rank)| (w.customer, w.item.as_str(), *rank as u32)).collect();
    assert_eq!(got, expected);
    // The case is not trivial: several customers, some with more candidates than top_n.
    assert!(recs.len() >= 6 && truncated >= 1, "{} recommendations, {truncated} lists cut", recs.len());
    for (r, (w, _)) in recs.iter().zip(&want) {
        let conf = w.conf.0 as f64 / w.conf.1 as f64;
        let lift = w.lift.0 as f64 / w.lift.1 as f64;
        let what = format!("c{} ← {}", w.customer, w.item);
        assert!((r.score - conf).abs() <= 1e-12 * conf, "{what}: confidence {} != {conf}", r.score);
        assert!((r.lift - lift).abs() <= 1e-12 * lift, "{what}: lift {} != {lift}", r.lift);
        // The rule named as the source recommends this item to this customer with that confidence.
        let RecommendationSource::Rule(i) = r.source else { panic!("{what}: not an association rule") };
        let rule = &rules.rules[i];
        assert!(rule.consequent.contains(&r.item), "{what}");
        let names: Vec<&str> = rule.antecedent.iter().map(|&x| tx.items[x as usize].as_str()).collect();
        let mut ay = names.clone();
        ay.push(&w.item);
        assert_eq!((count(&baskets, &ay), count(&baskets, &names)), w.conf, "{what}: source rule {names:?}");
    }
}
