//! Rules per segment, and the rules whose lift differs most between two segments.

use crate::sort;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::params::{ValidFpGrowthParams, ValidRuleParams};
use super::{association_rules, fpgrowth, BasketError, Transactions};

/// A rule's figures within one segment. Confidence and lift are `None` when the antecedent (or
/// the consequent) never occurs in that segment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SegmentStats {
    pub count: u32,
    pub support: f64,
    pub confidence: Option<f64>,
    pub lift: Option<f64>,
}

/// One rule, measured in both segments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleContrast {
    pub antecedent: Vec<u32>,
    pub consequent: Vec<u32>,
    pub a: SegmentStats,
    pub b: SegmentStats,
    /// lift(a) − lift(b), an undefined lift counting as 1 (no association).
    pub lift_difference: f64,
    /// Which segments mined the rule at the thresholds: "a", "b" or "both".
    pub found_in: &'static str,
}

/// Rules mined in each of two segments, measured in both, ordered by |lift difference|
/// (descending; then lift in a, then ids).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentComparison {
    pub names: [String; 2],
    pub baskets: [u32; 2],
    pub rules: Vec<RuleContrast>,
}

/// Per-item basket bitsets of one segment, built on demand.
struct Bits<'a> {
    tx: &'a Transactions,
    words: usize,
    by_item: FxHashMap<u32, Vec<u64>>,
}

impl Bits<'_> {
    fn item(&mut self, x: u32) -> &Vec<u64> {
        let (tx, words) = (self.tx, self.words);
        self.by_item.entry(x).or_insert_with(|| {
            let mut v = vec![0u64; words];
            for (i, b) in tx.baskets().enumerate() {
                if b.binary_search(&x).is_ok() {
                    v[i / 64] |= 1 << (i % 64);
                }
            }
            v
        })
    }

    /// Baskets containing every item of `set`.
    fn count(&mut self, set: &[u32]) -> u32 {
        let mut acc: Vec<u64> = vec![u64::MAX; self.words];
        for &x in set {
            let v = self.item(x);
            for (a, b) in acc.iter_mut().zip(v) {
                *a &= b;
            }
        }
        let n = self.tx.len();
        if n % 64 != 0 {
            if let Some(last) = acc.last_mut() {
                *last &= (1u64 << (n % 64)) - 1;
            }
        }
        acc.iter().map(|w| w.count_ones()).sum()
    }

    fn stats(&mut self, ante: &[u32], cons: &[u32]) -> SegmentStats {
        let mut all: Vec<u32> = ante.iter().chain(cons).copied().collect();
        sort::sort_total(&mut all);
        let n = self.tx.len().max(1) as f64;
        let c_all = self.count(&all);
        let c_a = self.count(ante);
        let c_c = self.count(cons);
        let confidence = (c_a > 0).then(|| c_all as f64 / c_a as f64);
        let lift = confidence.filter(|_| c_c > 0).map(|conf| conf / (c_c as f64 / n));
        SegmentStats { count: c_all, support: c_all as f64 / n, confidence, lift }
    }
}

/// Mines rules in segment `a` and in segment `b` with the same settings (items must share ids:
/// build both with [`Transactions::filter_baskets`] from one set of baskets), measures every rule
/// found in either segment in both, and sorts by how much the lift differs.
pub fn compare_segments(
    a: &Transactions,
    b: &Transactions,
    names: [&str; 2],
    itemset_params: &ValidFpGrowthParams,
    rule_params: &ValidRuleParams,
) -> Result<SegmentComparison, BasketError> {
    let rules_a = association_rules(a, &fpgrowth(a, itemset_params)?, rule_params)?;
    let rules_b = association_rules(b, &fpgrowth(b, itemset_params)?, rule_params)?;
    let mut found: FxHashMap<(Vec<u32>, Vec<u32>), u8> = FxHashMap::default();
    for r in &rules_a.rules {
        *found.entry((r.antecedent.clone(), r.consequent.clone())).or_insert(0) |= 1;
    }
    for r in &rules_b.rules {
        *found.entry((r.antecedent.clone(), r.consequent.clone())).or_insert(0) |= 2;
    }
    let mut bits_a = Bits { tx: a, words: a.len().div_ceil(64), by_item: FxHashMap::default() };
    let mut bits_b = Bits { tx: b, words: b.len().div_ceil(64), by_item: FxHashMap::default() };
    let mut rules: Vec<RuleContrast> = found
        .into_iter()
        .map(|((ante, cons), f)| {
            let sa = bits_a.stats(&ante, &cons);
            let sb = bits_b.stats(&ante, &cons);
            RuleContrast {
                lift_difference: sa.lift.unwrap_or(1.0) - sb.lift.unwrap_or(1.0),
                antecedent: ante,
                consequent: cons,
                a: sa,
                b: sb,
                found_in: match f {
                    1 => "a",
                    2 => "b",
                    _ => "both",
                },
            }
        })
        .collect();
    // One rule per (antecedent, consequent), so no two compare equal.
    sort::sort_total_by(&mut rules, |x, y| {
        y.lift_difference
            .abs()
            .total_cmp(&x.lift_difference.abs())
            .then(y.a.lift.unwrap_or(1.0).total_cmp(&x.a.lift.unwrap_or(1.0)))
            .then_with(|| x.antecedent.cmp(&y.antecedent))
            .then_with(|| x.consequent.cmp(&y.consequent))
    });
    Ok(SegmentComparison { names: names.map(str::to_owned), baskets: [a.len() as u32, b.len() as u32], rules })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basket::{FpGrowthParams, RuleParams};

    #[test]
    fn lift_differences_between_segments() {
        let all = Transactions::from_baskets(&[
            vec!["beer", "diapers"],
            vec!["beer", "diapers"],
            vec!["beer"],
            vec!["milk"],
            vec!["beer", "milk"],
            vec!["diapers", "milk"],
            vec!["diapers"],
            vec!["beer"],
        ]);
        let a = all.filter_baskets(|i| i < 4);
        let b = all.filter_baskets(|i| i >= 4);
        let cmp = compare_segments(
            &a,
            &b,
            ["first", "second"],
            &FpGrowthParams::new(0.25).check().unwrap(),
            &RuleParams::new(0.5).check().unwrap(),
        )
        .unwrap();
        let beer = all.item_id("beer").unwrap();
        let diapers = all.item_id("diapers").unwrap();
        // In a: diapers → beer has confidence 1 and lift 4/3; in b diapers and beer never meet.
        let r = cmp.rules.iter().find(|r| r.antecedent == [diapers] && r.consequent == [beer]).unwrap();
        assert_eq!(r.found_in, "a");
        assert_eq!(r.a.confidence, Some(1.0));
        assert!((r.a.lift.unwrap() - 4.0 / 3.0).abs() < 1e-12);
        assert_eq!((r.b.count, r.b.lift), (0, Some(0.0)));
        assert!((r.lift_difference - 4.0 / 3.0).abs() < 1e-12);
        assert!(cmp.rules.windows(2).all(|w| w[0].lift_difference.abs() >= w[1].lift_difference.abs()));
    }
}
