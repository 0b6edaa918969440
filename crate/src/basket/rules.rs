//! Association rules from frequent itemsets.

use crate::sort;
use std::cmp::Ordering;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::params::{RuleSort, Target, ValidRuleParams};
use super::{no_progress, BasketError, FrequentItemsets, Measures, Phase, Progress, ProgressFn, Transactions};

/// A rule `antecedent → consequent` (sorted item ids). `count` is the number of baskets that
/// contain both sides (rule support × N).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub antecedent: Vec<u32>,
    pub consequent: Vec<u32>,
    pub count: u32,
    #[serde(flatten)]
    pub measures: Measures,
}

/// The rules of one run, in the requested order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSet {
    pub baskets: u32,
    pub min_confidence: f64,
    pub min_lift: f64,
    pub multi_consequent: bool,
    pub sort: RuleSort,
    /// Rules dropped as redundant (0 unless pruning was asked for).
    pub redundant_pruned: usize,
    pub rules: Vec<Rule>,
}

/// Rules `X → Y` from every frequent itemset `X ∪ Y` (see [`RuleParams`](super::RuleParams)):
/// non-empty antecedent, one-item consequent unless `multi_consequent`, confidence and lift at
/// least their minimum, item filters, optional redundancy pruning, then sorted.
///
/// Confidence is compared exactly, as the ratio of counts (so 5/10 passes 0.5); the reported
/// measures are computed from supports as mlxtend does.
pub fn association_rules(
    tx: &Transactions,
    itemsets: &FrequentItemsets,
    params: &ValidRuleParams,
) -> Result<RuleSet, BasketError> {
    association_rules_with_progress(tx, itemsets, params, &mut no_progress)
}

fn item_filter(tx: &Transactions, names: &[String]) -> Result<Option<Vec<bool>>, BasketError> {
    if names.is_empty() {
        return Ok(None);
    }
    let mut f = vec![false; tx.items.len()];
    for n in names {
        let id = tx.item_id(n).ok_or_else(|| BasketError::UnknownItem { name: n.clone() })?;
        f[id as usize] = true;
    }
    Ok(Some(f))
}

/// [`association_rules`] with a progress callback (return `false` to cancel).
pub fn association_rules_with_progress(
    tx: &Transactions,
    itemsets: &FrequentItemsets,
    params: &ValidRuleParams,
    progress: ProgressFn<'_>,
) -> Result<RuleSet, BasketError> {
    if itemsets.target != Target::All {
        return Err(BasketError::IncompleteItemsets);
    }
    let ante_filter = item_filter(tx, &params.antecedent_any)?;
    let cons_filter = item_filter(tx, &params.consequent_any)?;
    let n = itemsets.baskets;
    let index = itemsets.index();
    let bound = rule_bound(itemsets, params.multi_consequent);
    if bound.rules > params.max_rules as u64 || bound.bytes > params.max_rules_bytes as u64 {
        // The bound can be far above the rules that pass the thresholds: count them exactly,
        // without building any, and refuse before building when they pass a cap.
        let (mut count, mut bytes) = (0_usize, 0_u64);
        let mut tally = |ante: &[u32], cons: &[u32], _: u32, _: Measures| {
            bytes += rule_bytes(ante.len() + cons.len());
            if count >= params.max_rules || bytes > params.max_rules_bytes as u64 {
                return Err(BasketError::TooManyRules { cap: count });
            }
            count += 1;
            Ok(())
        };
        enumerate_rules(itemsets, params, &index, (&ante_filter, &cons_filter), progress, &mut tally)?;
    }
    let mut rules: Vec<Rule> = Vec::new();
    let mut keep = |ante: &[u32], cons: &[u32], count: u32, measures: Measures| {
        if rules.len() >= params.max_rules {
            return Err(BasketError::TooManyRules { cap: params.max_rules });
        }
        rules.push(Rule { antecedent: ante.to_vec(), consequent: cons.to_vec(), count, measures });
        Ok(())
    };
    enumerate_rules(itemsets, params, &index, (&ante_filter, &cons_filter), progress, &mut keep)?;

    let mut redundant_pruned = 0;
    if params.prune_redundant {
        let before = rules.len();
        rules.retain(|r| !is_redundant(r, &index));
        redundant_pruned = before - rules.len();
    }
    sort_rules(&mut rules, params.sort);
    Ok(RuleSet {
        baskets: n,
        min_confidence: params.min_confidence,
        min_lift: params.min_lift,
        multi_consequent: params.multi_consequent,
        sort: params.sort,
        redundant_pruned,
        rules,
    })
}

/// A rule as [`enumerate_rules`] hands it over: antecedent, consequent, count and measures.
type RuleSink<'a> = dyn FnMut(&[u32], &[u32], u32, Measures) -> Result<(), BasketError> + 'a;

/// Finds every rule that passes the thresholds and filters, in itemset order, and hands each to
/// `sink` (which may refuse it with an error that ends the enumeration).
fn enumerate_rules(
    itemsets: &FrequentItemsets,
    params: &ValidRuleParams,
    index: &FxHashMap<&[u32], u32>,
    (ante_filter, cons_filter): (&Option<Vec<bool>>, &Option<Vec<bool>>),
    progress: ProgressFn<'_>,
    sink: &mut RuleSink<'_>,
) -> Result<(), BasketError> {
    let n = itemsets.baskets;
    let count_of = |s: &[u32]| -> u32 { index.get(s).copied().unwrap_or(0) };
    let any = |f: &Option<Vec<bool>>, s: &[u32]| match f {
        Some(f) => s.iter().any(|&x| f[x as usize]),
        None => true,
    };
    let mut found: u64 = 0;
    let mut ante = Vec::new();
    let mut cons = Vec::new();
    let total = itemsets.itemsets.len() as u64;
    for (done, z) in itemsets.itemsets.iter().enumerate() {
        if done % 65_536 == 0 {
            let p = Progress { phase: Phase::Rules, done: done as u64, total, found };
            if !progress(p) {
                return Err(BasketError::Cancelled);
            }
        }
        let k = z.items.len();
        if k < 2 {
            continue;
        }
        let mut consider = |mask: u64| -> Result<bool, BasketError> {
            ante.clear();
            cons.clear();
            for (i, &x) in z.items.iter().enumerate() {
                if mask >> i & 1 == 1 {
                    cons.push(x);
                } else {
                    ante.push(x);
                }
            }
            let ca = count_of(&ante);
            if ca == 0 || (z.count as f64 / ca as f64) < params.min_confidence {
                return Ok(false);
            }
            let cc = count_of(&cons);
            let m = Measures::from_counts(z.count, ca, cc, n);
            if m.lift >= params.min_lift && any(ante_filter, &ante) && any(cons_filter, &cons) {
                found += 1;
                sink(&ante, &cons, z.count, m)?;
            }
            Ok(true)
        };
        if !params.multi_consequent || k == 2 {
            for i in 0..k {
                consider(1 << i)?;
            }
            continue;
        }
        if k > 63 {
            return Err(BasketError::TooManyRules { cap: params.max_rules });
        }
        // Consequents grown level by level; a consequent is tried only if every consequent one
        // item smaller passed the confidence threshold (confidence only falls as items move from
        // the antecedent to the consequent).
        let mut level: Vec<u64> = Vec::new();
        for i in 0..k {
            if consider(1 << i)? {
                level.push(1 << i);
            }
        }
        let mut size = 1;
        while !level.is_empty() && size + 1 < k {
            let passed: rustc_hash::FxHashSet<u64> = level.iter().copied().collect();
            let mut next = Vec::new();
            for &p in &level {
                let top = 63 - p.leading_zeros() as usize;
                for b in top + 1..k {
                    let cand = p | 1 << b;
                    let all_sub = (0..k).filter(|&i| cand >> i & 1 == 1).all(|i| passed.contains(&(cand & !(1 << i))));
                    if all_sub && consider(cand)? {
                        next.push(cand);
                    }
                }
            }
            level = next;
            size += 1;
        }
    }

    Ok(())
}

/// An upper bound on the rules of a set of itemsets, and on their memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleBound {
    /// Σ over itemsets of k ≥ 2 items of k (one-item consequents) or 2ᵏ − 2 (any consequent),
    /// saturating.
    pub rules: u64,
    /// Σ of [`rule_bytes`] over those rules, saturating.
    pub bytes: u64,
}

/// Bytes one rule over `items` items (antecedent plus consequent) takes in memory: the struct
/// and its two item lists with allocator overhead.
pub fn rule_bytes(items: usize) -> u64 {
    (std::mem::size_of::<Rule>() + 2 * 16 + 4 * items) as u64
}

/// The most rules `itemsets` can yield, before any threshold, and their memory: computed from
/// the itemsets' lengths alone, before any rule is built.
pub fn rule_bound(itemsets: &FrequentItemsets, multi_consequent: bool) -> RuleBound {
    let mut b = RuleBound { rules: 0, bytes: 0 };
    for z in &itemsets.itemsets {
        let k = z.items.len();
        if k < 2 {
            continue;
        }
        let per = if multi_consequent && k > 2 {
            if k >= 64 {
                u64::MAX
            } else {
                (1u64 << k) - 2
            }
        } else {
            k as u64
        };
        b.rules = b.rules.saturating_add(per);
        b.bytes = b.bytes.saturating_add(per.saturating_mul(rule_bytes(k)));
    }
    b
}

/// Whether a rule with the same consequent and a strictly smaller, non-empty antecedent has at
/// least this rule's confidence (compared exactly on counts). Antecedents of more than 20 items
/// are not checked.
fn is_redundant(r: &Rule, index: &FxHashMap<&[u32], u32>) -> bool {
    let k = r.antecedent.len();
    if !(2..=20).contains(&k) {
        return false;
    }
    let c_xy = r.count as u64;
    let c_x = index.get(r.antecedent.as_slice()).copied().unwrap_or(0) as u64;
    let mut sub = Vec::with_capacity(k);
    let mut union = Vec::with_capacity(k + r.consequent.len());
    for mask in 1u32..(1 << k) - 1 {
        sub.clear();
        sub.extend((0..k).filter(|&i| mask >> i & 1 == 1).map(|i| r.antecedent[i]));
        union.clear();
        union.extend_from_slice(&sub);
        union.extend_from_slice(&r.consequent);
        sort::sort_total(&mut union);
        let (Some(&c_sub), Some(&c_sub_y)) = (index.get(sub.as_slice()), index.get(union.as_slice())) else {
            continue;
        };
        // conf' = c_sub_y / c_sub ≥ conf = c_xy / c_x
        if c_sub_y as u64 * c_x >= c_xy * c_sub as u64 {
            return true;
        }
    }
    false
}

/// Sorts rules descending by the primary key, then by lift, confidence, support, shorter
/// antecedent, antecedent ids and consequent ids: a total order.
pub fn sort_rules(rules: &mut [Rule], sort: RuleSort) {
    let key = |m: &Measures| match sort {
        RuleSort::Lift => m.lift,
        RuleSort::Confidence => m.confidence,
        RuleSort::Support => m.support,
        RuleSort::Leverage => m.leverage,
        RuleSort::Conviction => m.conviction,
    };
    sort::sort_total_by(rules, |a, b| {
        key(&b.measures)
            .total_cmp(&key(&a.measures))
            .then_with(|| b.measures.lift.total_cmp(&a.measures.lift))
            .then_with(|| b.measures.confidence.total_cmp(&a.measures.confidence))
            .then_with(|| b.count.cmp(&a.count))
            .then_with(|| a.antecedent.len().cmp(&b.antecedent.len()))
            .then_with(|| a.antecedent.cmp(&b.antecedent))
            .then_with(|| a.consequent.cmp(&b.consequent))
            .then(Ordering::Equal)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basket::{fpgrowth, FpGrowthParams, RuleParams};

    fn tx() -> Transactions {
        Transactions::from_baskets(&[
            vec!["a", "b", "c"],
            vec!["a", "b", "c"],
            vec!["a", "b"],
            vec!["a", "c"],
            vec!["b", "c"],
            vec!["d"],
        ])
    }

    #[test]
    fn one_item_consequents_and_redundancy() {
        let tx = tx();
        let sets = fpgrowth(&tx, &FpGrowthParams::new(0.3).check().unwrap()).unwrap();
        let rules = association_rules(&tx, &sets, &RuleParams::new(0.6).check().unwrap()).unwrap();
        // a:4 b:4 c:4 ab:3 ac:3 bc:3 abc:2 → 6 pair rules at 0.75, abc rules at 2/3.
        assert_eq!(rules.rules.len(), 9);
        assert!(rules.rules.iter().all(|r| r.consequent.len() == 1 && !r.antecedent.is_empty()));
        let pruned =
            association_rules(&tx, &sets, &RuleParams::new(0.6).prune_redundant(true).check().unwrap()).unwrap();
        assert_eq!(pruned.rules.len(), 6);
        assert_eq!(pruned.redundant_pruned, 3);
        let multi =
            association_rules(&tx, &sets, &RuleParams::new(0.6).multi_consequent(true).check().unwrap()).unwrap();
        assert_eq!(multi.rules.len(), 9); // {a} → {b, c} has 2/4
        let only_a =
            association_rules(&tx, &sets, &RuleParams::new(0.0).consequent_any(vec!["a".into()]).check().unwrap())
                .unwrap();
        assert!(only_a.rules.iter().all(|r| r.consequent == [0]));
        assert_eq!(only_a.rules.len(), 3);
    }

    #[test]
    fn order_is_total() {
        let tx = tx();
        let sets = fpgrowth(&tx, &FpGrowthParams::new(0.3).check().unwrap()).unwrap();
        let rules = association_rules(&tx, &sets, &RuleParams::new(0.0).check().unwrap()).unwrap().rules;
        let firsts: Vec<(&[u32], &[u32])> =
            rules.iter().take(2).map(|r| (&r.antecedent[..], &r.consequent[..])).collect();
        // All pair rules tie on every measure: the antecedent ids break the tie.
        assert_eq!(firsts, [(&[0u32][..], &[1u32][..]), (&[0u32][..], &[2u32][..])]);
    }

    /// `n` baskets that all hold the same `k` items: every one of the 2ᵏ − 1 subsets is frequent.
    fn identical_baskets(n: usize, k: usize) -> Transactions {
        let names: Vec<String> = (0..k).map(|i| format!("item{i:02}")).collect();
        let basket: Vec<&str> = names.iter().map(String::as_str).collect();
        Transactions::from_baskets(&vec![basket; n])
    }

    #[test]
    fn rule_bound_is_the_sum_over_itemsets_of_their_possible_consequents() {
        let tx = identical_baskets(3, 12);
        let sets = fpgrowth(&tx, &FpGrowthParams::new(0.5).check().unwrap()).unwrap();
        assert_eq!(sets.itemsets.len(), 4095);
        // Σₖ C(12,k)·k over k ≥ 2 = 12·2¹¹ − 12; Σₖ C(12,k)·(2ᵏ − 2) = 3¹² − 2·2¹² + 1.
        let one = rule_bound(&sets, false);
        assert_eq!(one.rules, 12 * 2048 - 12);
        let multi = rule_bound(&sets, true);
        assert_eq!(multi.rules, 531_441 - 8192 + 1);
        assert!(one.bytes >= one.rules * rule_bytes(2) && one.bytes <= one.rules * rule_bytes(12));
        // The bound is exact here: every rule has confidence 1 and lift 1.
        let all = association_rules(&tx, &sets, &RuleParams::new(0.0).check().unwrap()).unwrap();
        assert_eq!(all.rules.len() as u64, one.rules);
    }

    #[test]
    fn a_small_basket_file_with_millions_of_rules_is_refused_before_they_are_built() {
        // 19 items in every basket: 2¹⁹ itemsets and 19·2¹⁸ − 19 ≈ 5 M one-item-consequent rules
        // from a file of a few hundred bytes. They would take about 0.75 GB.
        let tx = identical_baskets(2, 19);
        let sets = fpgrowth(&tx, &FpGrowthParams::new(0.5).check().unwrap()).unwrap();
        let params = RuleParams::new(0.0).check().unwrap();
        let bound = rule_bound(&sets, false);
        assert_eq!(bound.rules, 19 * (1 << 18) - 19);
        assert!(bound.rules < params.max_rules as u64 && bound.bytes > params.max_rules_bytes as u64);
        let Err(BasketError::TooManyRules { cap }) = association_rules(&tx, &sets, &params) else {
            panic!("not refused")
        };
        // The cap reported is the number of rules that fit in the memory budget.
        assert!(cap > 1_000_000 && (cap as u64) < bound.rules, "{cap}");
        assert!(cap as u64 * rule_bytes(2) <= params.max_rules_bytes as u64, "{cap}");
        assert!(cap as u64 * rule_bytes(19) > params.max_rules_bytes as u64, "{cap}");
    }

    #[test]
    fn several_item_consequents_are_refused_by_count() {
        // 523,250 possible rules over a cap of 100,000: the counting pass refuses at the cap.
        let tx = identical_baskets(2, 12);
        let sets = fpgrowth(&tx, &FpGrowthParams::new(0.5).check().unwrap()).unwrap();
        let params = RuleParams::new(0.0).multi_consequent(true).max_rules(100_000).check().unwrap();
        assert_eq!(association_rules(&tx, &sets, &params), Err(BasketError::TooManyRules { cap: 100_000 }));
        let fits = RuleParams::new(0.0).multi_consequent(true).max_rules(523_250).check().unwrap();
        assert_eq!(association_rules(&tx, &sets, &fits).unwrap().rules.len(), 523_250);
    }

    #[test]
    fn a_loose_bound_does_not_refuse_rules_that_the_thresholds_remove() {
        // 24,564 possible rules over a cap of 10,000, but all have lift 1: none passes lift 1.5.
        let tx = identical_baskets(3, 12);
        let sets = fpgrowth(&tx, &FpGrowthParams::new(0.5).check().unwrap()).unwrap();
        let params = RuleParams::new(0.0).min_lift(1.5).max_rules(10_000).check().unwrap();
        assert!(rule_bound(&sets, false).rules > 10_000);
        let r = association_rules(&tx, &sets, &params).unwrap();
        assert!(r.rules.is_empty());
        let fits = RuleParams::new(0.0).max_rules(30_000).check().unwrap();
        assert_eq!(association_rules(&tx, &sets, &fits).unwrap().rules.len(), 24_564);
    }
}
