//! Next-best products per customer, from association rules and sequence rules.

use crate::sort;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::params::ValidRecommendParams;
use super::{BasketError, Rule, SequencePatterns, SequenceRule, Sequences, Transactions};

/// Where a recommendation comes from: an index into the rule list or the sequence-rule list
/// passed to [`recommend`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum RecommendationSource {
    Rule(usize),
    Sequence(usize),
}

/// One recommended product for one customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    /// Customer index (into [`Transactions::customers`]).
    pub customer: u32,
    pub customer_name: String,
    pub item: u32,
    pub item_name: String,
    /// Display name (the product name beside the id), or the name again.
    pub item_label: String,
    /// Confidence of the best rule that recommends it.
    pub score: f64,
    pub lift: f64,
    /// 1 for the customer's best recommendation.
    pub rank: u32,
    pub source: RecommendationSource,
}

/// For each customer, up to `top_n` items they have never bought, ranked by the confidence
/// (then lift, then item id) of the best applicable rule:
///
/// - an association rule applies when the customer has bought every antecedent item (in any
///   baskets); each consequent item not yet bought is a candidate;
/// - a sequence rule applies when the antecedent pattern occurs in the customer's history under
///   the patterns' mingap/maxgap/maxwin; with `respect_window` and a maxgap, only while the
///   window is open (the antecedent's last element at most maxgap days before the last day in the
///   data).
///
/// Output is sorted by customer, then rank.
pub fn recommend(
    tx: &Transactions,
    rules: &[Rule],
    sequences: Option<(&Sequences, &SequencePatterns, &[SequenceRule])>,
    params: &ValidRecommendParams,
) -> Result<Vec<Recommendation>, BasketError> {
    let Some(customer) = tx.customer.as_ref() else {
        return Err(BasketError::NotAvailable { what: "customer of each basket" });
    };
    let n_items = tx.items.len();
    let n_cust = tx.customers.len();
    // Items bought per customer (sorted, distinct).
    let mut bought: Vec<Vec<u32>> = vec![Vec::new(); n_cust];
    for (b, items) in tx.baskets().enumerate() {
        // Guests (no customer id) get no recommendations.
        if let Some(mine) = bought.get_mut(customer[b] as usize) {
            mine.extend_from_slice(items);
        }
    }
    // Rules by the first item of their antecedent.
    let mut by_first: Vec<Vec<u32>> = vec![Vec::new(); n_items];
    for (i, r) in rules.iter().enumerate() {
        if let Some(&x) = r.antecedent.first() {
            by_first[x as usize].push(i as u32);
        }
    }
    let last_day = sequences.and_then(|(s, _, _)| s.last_day());
    // Sequence index of each customer, if they have one.
    let mut seq_of = vec![u32::MAX; n_cust];
    if let Some((seqs, _, _)) = sequences {
        for (si, &c) in seqs.customer_ids.iter().enumerate() {
            if let Some(slot) = seq_of.get_mut(c as usize) {
                *slot = si as u32;
            }
        }
    }
    let mut has = vec![false; n_items];
    let mut best: FxHashMap<u32, (f64, f64, RecommendationSource)> = FxHashMap::default();
    let better =
        |a: &(f64, f64, RecommendationSource), score: f64, lift: f64| score > a.0 || (score == a.0 && lift > a.1);
    let mut out = Vec::new();
    for (c, items) in bought.iter_mut().enumerate() {
        sort::sort_total(items);
        items.dedup();
        for &x in items.iter() {
            has[x as usize] = true;
        }
        best.clear();
        for &x in items.iter() {
            for &ri in &by_first[x as usize] {
                let r = &rules[ri as usize];
                if !r.antecedent.iter().all(|&a| has[a as usize]) {
                    continue;
                }
                for &y in &r.consequent {
                    if has[y as usize] {
                        continue;
                    }
                    let (score, lift) = (r.measures.confidence, r.measures.lift);
                    let e = best.entry(y).or_insert((f64::NEG_INFINITY, 0.0, RecommendationSource::Rule(ri as usize)));
                    if better(e, score, lift) {
                        *e = (score, lift, RecommendationSource::Rule(ri as usize));
                    }
                }
            }
        }
        if let Some((seqs, pats, srules)) = sequences {
            if seq_of[c] != u32::MAX {
                let events: Vec<(i32, &[u32])> = seqs.events(seq_of[c] as usize).collect();
                for (si, r) in srules.iter().enumerate() {
                    if r.consequent.iter().all(|&y| has[y as usize]) {
                        continue;
                    }
                    let Some(end) = last_end(&events, &r.antecedent, pats) else { continue };
                    if params.respect_window {
                        if let (Some(g), Some(d)) = (pats.maxgap, last_day) {
                            if (d as i64 - end as i64) > g as i64 {
                                continue;
                            }
                        }
                    }
                    for &y in &r.consequent {
                        if has[y as usize] {
                            continue;
                        }
                        let e = best.entry(y).or_insert((f64::NEG_INFINITY, 0.0, RecommendationSource::Sequence(si)));
                        if better(e, r.confidence, r.lift) {
                            *e = (r.confidence, r.lift, RecommendationSource::Sequence(si));
                        }
                    }
                }
            }
        }
        let mut cands: Vec<(u32, (f64, f64, RecommendationSource))> = best.iter().map(|(&k, &v)| (k, v)).collect();
        // The item ids (map keys) break every tie.
        sort::sort_total_by(&mut cands, |a, b| {
            b.1 .0.total_cmp(&a.1 .0).then(b.1 .1.total_cmp(&a.1 .1)).then(a.0.cmp(&b.0))
        });
        for (rank, (y, (score, lift, source))) in cands.into_iter().take(params.top_n).enumerate() {
            out.push(Recommendation {
                customer: c as u32,
                customer_name: tx.customers[c].clone(),
                item: y,
                item_name: tx.items[y as usize].clone(),
                item_label: tx.label(y).to_owned(),
                score,
                lift,
                rank: rank as u32 + 1,
                source,
            });
        }
        for &x in items.iter() {
            has[x as usize] = false;
        }
    }
    Ok(out)
}

/// The latest day on which an occurrence of `pattern` can end in `events`, under the
/// patterns' gap and window constraints.
fn last_end(events: &[(i32, &[u32])], pattern: &[Vec<u32>], pats: &SequencePatterns) -> Option<i32> {
    let contains = |ev: &[u32], el: &[u32]| el.iter().all(|x| ev.binary_search(x).is_ok());
    // Feasible (end day, latest start day) after each element.
    let mut feasible: Vec<(i32, i32)> =
        events.iter().filter(|(_, ev)| contains(ev, &pattern[0])).map(|&(d, _)| (d, d)).collect();
    for el in &pattern[1..] {
        let mut next = Vec::new();
        for &(d, ev) in events {
            if !contains(ev, el) {
                continue;
            }
            let mut start: Option<i32> = None;
            for &(end, s) in &feasible {
                let gap = d as i64 - end as i64;
                if gap < pats.mingap as i64 || pats.maxgap.is_some_and(|g| gap > g as i64) {
                    continue;
                }
                if pats.maxwin.is_some_and(|w| d as i64 - s as i64 > w as i64) {
                    continue;
                }
                start = Some(start.map_or(s, |x| x.max(s)));
            }
            if let Some(s) = start {
                next.push((d, s));
            }
        }
        feasible = next;
        if feasible.is_empty() {
            return None;
        }
    }
    feasible.iter().map(|f| f.0).max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basket::{
        association_rules, cspade, fpgrowth, sequence_rules, FpGrowthParams, RecommendParams, RuleParams,
        SequenceParams,
    };

    #[test]
    fn recommends_unbought_consequents() {
        let mut tx =
            Transactions::from_baskets(&[vec!["a", "b"], vec!["a", "b"], vec!["a", "b"], vec!["a"], vec!["c"]]);
        tx.customer = Some(vec![0, 1, 2, 3, 4]);
        tx.day = Some(vec![1, 1, 1, 1, 1]);
        tx.customers = (0..5).map(|i| format!("c{i}")).collect();
        let sets = fpgrowth(&tx, &FpGrowthParams::new(0.4).check().unwrap()).unwrap();
        let rules = association_rules(&tx, &sets, &RuleParams::new(0.5).check().unwrap()).unwrap();
        let recs = recommend(&tx, &rules.rules, None, &RecommendParams::default().check().unwrap()).unwrap();
        assert_eq!(recs.len(), 1);
        assert_eq!((recs[0].customer_name.as_str(), recs[0].item_name.as_str()), ("c3", "b"));
        assert!((recs[0].score - 0.75).abs() < 1e-12);
    }

    #[test]
    fn sequence_rules_recommend_within_the_window() {
        let s = Sequences::from_events(&[
            ("1", 0, vec!["tv"]),
            ("1", 30, vec!["soundbar"]),
            ("2", 0, vec!["tv"]),
            ("2", 60, vec!["soundbar"]),
            ("3", 100, vec!["tv"]),
            ("4", 0, vec!["tv"]),
        ]);
        let pats = cspade(&s, &SequenceParams::new(0.25).maxgap(Some(90)).check().unwrap()).unwrap();
        let rules = sequence_rules(&pats, 0.3);
        assert_eq!(rules.len(), 1);
        assert!((rules[0].confidence - 0.5).abs() < 1e-12);
        // Customers 3 and 4 own a TV and no soundbar; only customer 3's window (day 100, the last
        // day) is open; customer 4's (day 0) closed after 90 days.
        let mut tx = Transactions::from_baskets(&[
            vec!["tv"],
            vec!["soundbar"],
            vec!["tv"],
            vec!["soundbar"],
            vec!["tv"],
            vec!["tv"],
        ]);
        tx.customer = Some(vec![0, 0, 1, 1, 2, 3]);
        tx.day = Some(vec![0, 30, 0, 60, 100, 0]);
        tx.customers = ["1", "2", "3", "4"].map(String::from).to_vec();
        let recs =
            recommend(&tx, &[], Some((&s, &pats, &rules)), &RecommendParams::default().check().unwrap()).unwrap();
        let who: Vec<&str> = recs.iter().map(|r| r.customer_name.as_str()).collect();
        assert_eq!(who, ["3"]);
    }
}
